import * as assert from 'node:assert/strict';
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { compatibilityMisfits, compatibilityWarnings, servicePlacements, type ServiceFacts } from '../../../src/domain/compatibility';
import { serviceRevision } from '../../../src/domain/deploymentState';

const ARN = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;
const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/production';
/** Registered for both, as ECS answers: compatibilities EC2 and FARGATE. */
const both: TaskDefinition = {
  taskDefinitionArn: ARN(5), requiresCompatibilities: ['FARGATE', 'EC2'], compatibilities: ['EC2', 'FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512',
};
/** Issue 17's scratch revision: registered for Fargate only; ECS still counts it EC2-compatible. */
const fargateOnly: TaskDefinition = { ...both, taskDefinitionArn: ARN(6), requiresCompatibilities: ['FARGATE'] };
/** A bridge revision with no task size: EC2 only, as ECS computes it. */
const ec2Bridge: TaskDefinition = { taskDefinitionArn: ARN(7), requiresCompatibilities: ['EC2'], compatibilities: ['EC2'], networkMode: 'bridge' };
const on = (facts: Omit<ServiceFacts, 'serviceName' | 'clusterArn'>): ServiceFacts => ({ serviceName: 'web', clusterArn: CLUSTER, ...facts });
const providers = (...names: string[]) => on({ capacityProviderStrategy: names.map((capacityProvider) => ({ capacityProvider, weight: 1 })) });

describe('domain/compatibility', () => {
  it('how a service places its tasks: its launch type, else its capacity providers (Fargate ones apart from the account\'s own)', () => {
    assert.deepEqual(servicePlacements(on({ launchType: 'EC2' })), [{ kinds: ['EC2'], via: { launchType: 'EC2' } }]);
    assert.deepEqual(servicePlacements(on({ launchType: 'EXTERNAL' })).map((p) => p.kinds), [['EXTERNAL']]);
    assert.deepEqual(servicePlacements(providers('FARGATE_SPOT', 'FARGATE')), [{ kinds: ['FARGATE'], via: { capacityProviders: ['FARGATE_SPOT', 'FARGATE'] } }]);
    assert.deepEqual(servicePlacements(providers('my-asg')), [{ kinds: ['EC2', 'MANAGED_INSTANCES'], via: { capacityProviders: ['my-asg'] } }]);
    assert.deepEqual(servicePlacements(providers('FARGATE', 'my-asg')).map((p) => p.kinds), [['FARGATE'], ['EC2', 'MANAGED_INSTANCES']]);
    // Neither said (an answer without them): nothing to check against, so nothing is claimed.
    assert.deepEqual(servicePlacements(on({})), []);
    assert.deepEqual(servicePlacements(on({ capacityProviderStrategy: [] })), []);
  });

  it('issue 17: a Fargate-only revision for an EC2 service is warned about, naming the service and how it places tasks', () => {
    assert.deepEqual(compatibilityWarnings(fargateOnly, on({ launchType: 'EC2' })), [
      'web:6 is registered for FARGATE only (requiresCompatibilities), but production/web runs its tasks on EC2 (launch type EC2).',
    ]);
    assert.deepEqual(compatibilityWarnings(fargateOnly, providers('my-asg')), [
      'web:6 is registered for FARGATE only (requiresCompatibilities), but production/web runs its tasks on EC2 or MANAGED_INSTANCES (capacity provider my-asg, EC2 or Managed Instances).',
    ]);
  });

  it('an EC2-only revision for a Fargate service: ECS counts it incompatible, and why (network mode, task size)', () => {
    for (const service of [on({ launchType: 'FARGATE' }), providers('FARGATE', 'FARGATE_SPOT')]) {
      const warnings = compatibilityWarnings(ec2Bridge, service);
      assert.equal(warnings.length, 3, warnings.join(' | '));
      assert.match(warnings[0], /^ECS does not count web:7 compatible with FARGATE \(its compatibilities: EC2\), but production\/web runs its tasks on FARGATE \((launch type FARGATE|capacity providers FARGATE, FARGATE_SPOT)\): they cannot start there\.$/);
      assert.equal(warnings[1], 'Fargate needs networkMode awsvpc; web:7 has bridge.');
      assert.equal(warnings[2], 'Fargate needs task-level cpu and memory; web:7 has cpu none, memory none.');
    }
    const badSize: TaskDefinition = { ...both, taskDefinitionArn: ARN(8), requiresCompatibilities: ['EC2'], compatibilities: ['EC2'], cpu: '256', memory: '4096' };
    assert.deepEqual(compatibilityWarnings(badSize, on({ launchType: 'FARGATE' })).slice(1), ['cpu 256 with memory 4096 is not a Fargate size.']);
    // Reported once, as the stronger fact: not also as "registered for EC2 only".
    assert.deepEqual(compatibilityMisfits(ec2Bridge, on({ launchType: 'FARGATE' })).map((m) => m.kind), ['incompatible']);
  });

  it('a revision that fits says nothing, at each edge', () => {
    assert.deepEqual(compatibilityWarnings(both, on({ launchType: 'EC2' })), []);
    assert.deepEqual(compatibilityWarnings(both, on({ launchType: 'FARGATE' })), []);
    assert.deepEqual(compatibilityWarnings(fargateOnly, providers('FARGATE_SPOT')), []);
    assert.deepEqual(compatibilityWarnings(ec2Bridge, providers('my-asg')), []);
    // A revision registered for Managed Instances on the account's own provider: it may be one.
    assert.deepEqual(compatibilityWarnings({ ...ec2Bridge, requiresCompatibilities: ['MANAGED_INSTANCES'] }, providers('my-mi')), []);
    // No requiresCompatibilities (registered without) and ECS's list says EC2: fits an EC2 service.
    assert.deepEqual(compatibilityWarnings({ taskDefinitionArn: ARN(9), compatibilities: ['EC2'] }, on({ launchType: 'EC2' })), []);
    // Nothing known of the revision or of the service: nothing claimed.
    assert.deepEqual(compatibilityWarnings({ taskDefinitionArn: ARN(9) }, on({ launchType: 'FARGATE' })), []);
    assert.deepEqual(compatibilityWarnings(fargateOnly, on({})), []);
  });

  it('EXTERNAL and MANAGED_INSTANCES are judged by requiresCompatibilities only (ECS lists them only when asked)', () => {
    assert.deepEqual(compatibilityWarnings({ ...both, requiresCompatibilities: [] }, on({ launchType: 'EXTERNAL' })), []);
    assert.deepEqual(compatibilityWarnings({ ...both, requiresCompatibilities: ['EXTERNAL'], compatibilities: ['EC2'] }, on({ launchType: 'EXTERNAL' })), []);
    assert.deepEqual(compatibilityWarnings(both, on({ launchType: 'EXTERNAL' })), [
      'web:5 is registered for FARGATE, EC2 only (requiresCompatibilities), but production/web runs its tasks on EXTERNAL (launch type EXTERNAL).',
    ]);
    assert.equal(compatibilityWarnings(fargateOnly, on({ launchType: 'MANAGED_INSTANCES' })).length, 1);
  });

  it('a service without its cluster in the answer is named alone; one per mixed placement', () => {
    assert.match(compatibilityWarnings(fargateOnly, { serviceName: 'web', launchType: 'EC2' })[0], /, but web runs its tasks on EC2/);
    const mixed = compatibilityWarnings(fargateOnly, providers('FARGATE', 'my-asg'));
    assert.equal(mixed.length, 1, 'the Fargate part fits; the own provider does not');
    assert.match(mixed[0], /capacity provider my-asg/);
  });

  it('the revision a service runs: its PRIMARY deployment\'s, else its task definition', () => {
    assert.equal(serviceRevision({ taskDefinition: ARN(6), deployments: [{ status: 'ACTIVE', taskDefinition: ARN(6) }, { status: 'PRIMARY', taskDefinition: ARN(5) }] }), ARN(5));
    assert.equal(serviceRevision({ taskDefinition: ARN(4), deployments: [] }), ARN(4));
    assert.equal(serviceRevision({}), undefined);
  });
});
