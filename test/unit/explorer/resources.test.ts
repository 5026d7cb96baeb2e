import * as assert from 'node:assert/strict';
import { STATES, contextValueFor, parseContextValue, resourceKey, resourceOf, resourcesOf, unknownKind, type Resource } from '../../../src/explorer/resources';
import { consoleUrl, imageReference, validateDesiredCount } from '../../../src/aws/console';
import { checkRepositoryName as validateRepositoryName } from '../../../src/domain/names';

const service: Resource = {
  kind: 'service',
  region: 'us-east-1',
  clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
  clusterName: 'demo',
  serviceName: 'web',
  serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/web',
};

describe('explorer/resources', () => {
  it('contextValues are regex-matchable and parse back', () => {
    assert.equal(contextValueFor('service', 'deploying'), 'ecsWorkbench.service.deploying');
    assert.match(contextValueFor('service', 'deploying'), /^ecsWorkbench\.service\./);
    for (const [kind, states] of Object.entries(STATES)) {
      for (const state of states) assert.deepEqual(parseContextValue(`ecsWorkbench.${kind}.${state}`), { kind, state });
    }
    assert.equal(parseContextValue('ecsWorkbench.node.loadMore'), undefined);
  });

  it('resourceOf accepts a node or a bare resource, filtered by kind', () => {
    assert.equal(resourceOf({ id: 'x', contextValue: 'c', resource: service })?.serviceName, 'web');
    assert.equal(resourceOf(service, 'service')?.serviceName, 'web');
    assert.equal(resourceOf(service, 'task'), undefined);
    assert.equal(resourceOf(undefined), undefined);
    assert.equal(resourceOf({ kind: 'nope', region: 'x' }), undefined);
  });

  it('resourcesOf merges clicked and selected without duplicates', () => {
    const a: Resource = { kind: 'image', region: 'r', repositoryName: 'web', imageDigest: 'sha256:a' };
    const b: Resource = { ...a, imageDigest: 'sha256:b' };
    assert.deepEqual(resourcesOf({ resource: a }, [{ resource: a }, { resource: b }], 'image').map((r) => r.imageDigest), ['sha256:a', 'sha256:b']);
    assert.deepEqual(resourcesOf({ resource: a }, undefined).length, 1);
    assert.notEqual(resourceKey(a), resourceKey(b));
  });

  it('console URLs and image references', () => {
    assert.equal(consoleUrl(service), 'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/demo/services/web/health?region=us-east-1');
    const image: Resource = {
      kind: 'image',
      region: 'eu-west-1',
      repositoryName: 'team/web',
      repositoryUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web',
      imageDigest: 'sha256:abc',
      imageTags: ['v2'],
    };
    assert.equal(consoleUrl(image), 'https://eu-west-1.console.aws.amazon.com/ecr/repositories/private/123456789012/team/web/_/image/sha256%3Aabc/details?region=eu-west-1');
    assert.equal(imageReference(image), '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:v2');
    assert.equal(imageReference({ ...image, imageTags: [] }), '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web@sha256:abc');
    assert.equal(consoleUrl({ kind: 'taskDefinitionRevision', region: 'us-east-1', family: 'web', revision: 3 }), 'https://us-east-1.console.aws.amazon.com/ecs/v2/task-definitions/web/3/containers?region=us-east-1');
  });

  it('validates user input for scale and repository names', () => {
    assert.equal(validateDesiredCount('3'), undefined);
    assert.equal(validateDesiredCount(' 0 '), undefined);
    assert.ok(validateDesiredCount('-1'));
    assert.ok(validateDesiredCount('2.5'));
    assert.ok(validateDesiredCount('abc'));
    assert.ok(validateDesiredCount('100000'));
    assert.equal(validateRepositoryName('team/web-api'), undefined);
    assert.ok(validateRepositoryName('Web'));
    assert.ok(validateRepositoryName('web/'));
    assert.ok(validateRepositoryName('a'));
  });
});

import { parentResource, resourceMatches, viewOfKind } from '../../../src/explorer/resources';

describe('explorer/resources matching for refresh', () => {
  const node: Resource = { ...service, profile: 'dev', taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3' };

  it('matches by names when the caller knows no ARNs, and refuses different things', () => {
    assert.ok(resourceMatches({ kind: 'service', region: 'us-east-1', clusterName: 'demo', serviceName: 'web' }, node));
    assert.ok(resourceMatches({ kind: 'service', region: 'us-east-1', clusterArn: service.clusterArn, serviceName: 'web' }, node));
    assert.ok(!resourceMatches({ kind: 'service', region: 'us-east-1', clusterName: 'demo', serviceName: 'api' }, node));
    assert.ok(!resourceMatches({ kind: 'service', region: 'eu-west-1', clusterName: 'demo', serviceName: 'web' }, node));
    assert.ok(!resourceMatches({ kind: 'service', region: 'us-east-1', profile: 'prod', serviceName: 'web' }, node));
    assert.ok(!resourceMatches({ kind: 'service', region: 'us-east-1' }, node), 'a query must name something');
    assert.ok(!resourceMatches({ kind: 'cluster', region: 'us-east-1', clusterName: 'demo' }, node));
    assert.ok(resourceMatches({ kind: 'repository', region: 'r', repositoryName: 'web' }, { kind: 'repository', region: 'r', repositoryName: 'web', repositoryUri: 'x' }));
  });

  it('parents: the node that lists a resource', () => {
    assert.deepEqual(parentResource({ kind: 'taskDefinitionRevision', region: 'r', family: 'web', revision: 4 }), { kind: 'taskDefinitionFamily', region: 'r', profile: undefined, family: 'web' });
    assert.equal(parentResource({ kind: 'image', region: 'r', repositoryName: 'web' })?.kind, 'repository');
    assert.equal(parentResource({ kind: 'task', region: 'r', clusterName: 'c', serviceName: 's' })?.kind, 'service');
    assert.equal(parentResource({ kind: 'task', region: 'r', clusterName: 'c' })?.kind, 'cluster');
    assert.equal(parentResource({ kind: 'cluster', region: 'r', clusterName: 'c' }), undefined);
    assert.equal(viewOfKind('image'), 'repositories');
    assert.equal(viewOfKind('taskDefinitionRevision'), 'taskDefinitions');
    assert.equal(viewOfKind('task'), 'clusters');
  });
  it('a resource is typed by its kind: fields of another kind do not compile, a switch over every kind is checked', () => {
    // @ts-expect-error a cluster has no task ARN (compiles only while the union stops this)
    const wrong: Resource = { kind: 'cluster', region: 'us-east-1', taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/1' };
    const kindOf = (r: Resource): string => {
      switch (r.kind) {
        case 'cluster':
        case 'service':
        case 'deployment':
        case 'task':
        case 'container':
        case 'containerInstance':
        case 'taskDefinitionFamily':
        case 'taskDefinitionRevision':
        case 'repository':
        case 'image':
          return r.kind;
        default:
          // Compiles only because every kind is handled above.
          return unknownKind(r);
      }
    };
    assert.equal(kindOf(wrong), 'cluster');
    assert.equal(kindOf(service), 'service');
    assert.throws(() => kindOf({ kind: 'nope', region: 'x' } as unknown as Resource), /unknown resource kind nope/);
    // Narrowed by kind, a field of the kind reads without a cast.
    const task = resourceOf({ kind: 'task', region: 'us-east-1', taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/1' }, 'task');
    assert.equal(task?.taskArn, 'arn:aws:ecs:us-east-1:123456789012:task/demo/1');
  });
});
