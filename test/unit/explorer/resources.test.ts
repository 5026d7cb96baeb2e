import * as assert from 'node:assert/strict';
import { STATES, contextValueFor, newResource, parseContextValue, resourceKey, resourceOf, resourcesOf, unknownKind, type Resource } from '../../../src/explorer/resources';
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

  it('one constructor per kind: scope without an empty profile, revision fields read from the ARN, children carry their parent', () => {
    const td = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;
    const scope = { region: 'us-east-1' };
    const svc = newResource.service(scope, { clusterArn: service.clusterArn, clusterName: 'demo', serviceName: 'web', serviceArn: service.serviceArn, taskDefinitionArn: td(3) });
    assert.deepEqual(svc, {
      kind: 'service', region: 'us-east-1', arn: service.serviceArn, clusterArn: service.clusterArn, clusterName: 'demo',
      serviceName: 'web', serviceArn: service.serviceArn, taskDefinitionArn: td(3), family: 'web', revision: 3,
    });
    assert.ok(!('profile' in svc), 'the default chain leaves no profile key');
    assert.equal(newResource.family({ region: 'eu-west-1', profile: 'dev' }, 'web').profile, 'dev');
    // A deployment names the revision it rolls out, not the one the service ran when it was read.
    const deployment = newResource.deployment(svc, { id: 'ecs-svc/2', taskDefinition: td(4) });
    assert.deepEqual([deployment.kind, deployment.arn, deployment.deploymentId, deployment.taskDefinitionArn, deployment.family, deployment.revision, deployment.serviceName],
      ['deployment', undefined, 'ecs-svc/2', td(4), 'web', 4, 'web']);
    assert.deepEqual(newResource.revision(scope, td(7)), { kind: 'taskDefinitionRevision', region: 'us-east-1', arn: td(7), taskDefinitionArn: td(7), family: 'web', revision: 7 });
    const task = newResource.task(scope, { taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/1', clusterName: 'demo', taskDefinitionArn: 'not-an-arn' });
    assert.deepEqual([task.family, task.revision], [undefined, undefined], 'nothing is made up from what is not a revision ARN');
    const container = newResource.container(task, { containerArn: 'arn:c', name: 'app', image: 'nginx:1', imageDigest: 'sha256:a' });
    assert.deepEqual([container.kind, container.arn, container.taskArn, container.containerName, container.image], ['container', 'arn:c', task.taskArn, 'app', 'nginx:1']);
    const repository = newResource.repository(scope, { repositoryName: 'my-app', repositoryUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app' });
    const image = newResource.image(repository, { imageDigest: 'sha256:b' });
    assert.deepEqual([image.kind, image.arn, image.repositoryName, image.repositoryUri, image.imageTags], ['image', undefined, 'my-app', repository.repositoryUri, []]);
    assert.equal(resourceKey(image), resourceKey({ kind: 'image', region: 'us-east-1', repositoryName: 'my-app', imageDigest: 'sha256:b' }));
  });
});
