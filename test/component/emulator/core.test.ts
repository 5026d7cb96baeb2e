// Core ECS/ECR operations through the real SDK against the emulator over HTTP.
import * as assert from 'node:assert/strict';
import * as ecs from '@aws-sdk/client-ecs';
import * as ecr from '@aws-sdk/client-ecr';
import { NET, rejectsWith, useTestEmulator } from './harness';

const fargateTd = (family: string, image: string, port = 8080): ecs.RegisterTaskDefinitionCommandInput => ({
  family,
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image, essential: true, portMappings: [{ containerPort: port }] }],
});

describe('emulator: core operations through the SDK', function () {
  const t = useTestEmulator({}, { resetEachTest: true });

  it('creates, lists and describes clusters, reporting unknown ones as MISSING', async () => {
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'a', tags: [{ key: 'k', value: 'v' }] }));
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'b' }));
    const list = await t.ecs.send(new ecs.ListClustersCommand({}));
    assert.deepEqual(list.clusterArns, ['arn:aws:ecs:us-east-1:123456789012:cluster/a', 'arn:aws:ecs:us-east-1:123456789012:cluster/b']);
    const described = await t.ecs.send(new ecs.DescribeClustersCommand({ clusters: ['a', 'nope'], include: ['TAGS'] }));
    assert.equal(described.clusters?.[0].clusterName, 'a');
    assert.deepEqual(described.clusters?.[0].tags, [{ key: 'k', value: 'v' }]);
    assert.deepEqual(described.failures, [{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/nope', reason: 'MISSING' }]);
  });

  it('registers, lists and describes task definitions with tags', async () => {
    const r1 = await t.ecs.send(new ecs.RegisterTaskDefinitionCommand({ ...fargateTd('web', 'nginx:1'), tags: [{ key: 'team', value: 'x' }] }));
    assert.equal(r1.taskDefinition?.revision, 1);
    assert.deepEqual(r1.taskDefinition?.compatibilities, ['EC2', 'FARGATE']);
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(fargateTd('web', 'nginx:2')));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(fargateTd('api', 'nginx:2')));
    const families = await t.ecs.send(new ecs.ListTaskDefinitionFamiliesCommand({}));
    assert.deepEqual(families.families, ['api', 'web']);
    const defs = await t.ecs.send(new ecs.ListTaskDefinitionsCommand({ familyPrefix: 'web', sort: 'DESC' }));
    assert.deepEqual(defs.taskDefinitionArns?.map((a) => a.split('/')[1]), ['web:2', 'web:1']);
    const latest = await t.ecs.send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition: 'web' }));
    assert.equal(latest.taskDefinition?.revision, 2);
    assert.equal(latest.taskDefinition?.containerDefinitions?.[0].portMappings?.[0].hostPort, 8080);
    assert.ok(latest.taskDefinition?.registeredAt instanceof Date);
    const first = await t.ecs.send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition: 'web:1', include: ['TAGS'] }));
    assert.deepEqual(first.tags, [{ key: 'team', value: 'x' }]);
    await t.ecs.send(new ecs.DeregisterTaskDefinitionCommand({ taskDefinition: 'web:1' }));
    const active = await t.ecs.send(new ecs.ListTaskDefinitionsCommand({ familyPrefix: 'web' }));
    assert.deepEqual(active.taskDefinitionArns?.map((a) => a.split('/')[1]), ['web:2']);
    await rejectsWith(t.ecs.send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition: 'nope:1' })), 'ClientException', /Unable to describe task definition/);
  });

  it('creates a service whose tasks start on the simulated clock', async () => {
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(fargateTd('web', 'nginx:1')));
    const created = await t.ecs.send(
      new ecs.CreateServiceCommand({ cluster: 'c', serviceName: 'web', taskDefinition: 'web', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: NET }),
    );
    assert.equal(created.service?.deployments?.[0].status, 'PRIMARY');
    assert.equal(created.service?.deployments?.[0].rolloutState, 'IN_PROGRESS');
    await t.control.advance(2_000);
    let tasks = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web' }));
    assert.equal(tasks.taskArns?.length, 2);
    let described = await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: tasks.taskArns }));
    assert.deepEqual(described.tasks?.map((x) => x.lastStatus), ['PROVISIONING', 'PROVISIONING']);
    await t.control.advance(30_000);
    described = await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: tasks.taskArns }));
    assert.deepEqual(described.tasks?.map((x) => x.lastStatus), ['RUNNING', 'RUNNING']);
    const svc = (await t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'c', services: ['web'] }))).services![0];
    assert.equal(svc.runningCount, 2);
    assert.equal(svc.deployments?.[0].rolloutState, 'COMPLETED');
    assert.match(svc.events![0].message!, /has reached a steady state/);
    tasks = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web', desiredStatus: 'STOPPED' }));
    assert.equal(tasks.taskArns?.length, 0);
  });

  it('raises the named exception classes', async () => {
    const err = await rejectsWith(t.ecs.send(new ecs.ListServicesCommand({ cluster: 'missing' })), 'ClusterNotFoundException', /Cluster not found/);
    assert.ok(err instanceof ecs.ClusterNotFoundException);
    assert.equal(err.$metadata?.httpStatusCode, 400);
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    assert.ok((await rejectsWith(t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'x', desiredCount: 1 })), 'ServiceNotFoundException')) instanceof ecs.ServiceNotFoundException);
    const repo = await rejectsWith(t.ecr.send(new ecr.DescribeImagesCommand({ repositoryName: 'nope' })), 'RepositoryNotFoundException');
    assert.ok(repo instanceof ecr.RepositoryNotFoundException);
  });

  it('serves ECR repositories, images and authorization tokens', async () => {
    const created = await t.ecr.send(new ecr.CreateRepositoryCommand({ repositoryName: 'team/app' }));
    assert.equal(created.repository?.repositoryUri, '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app');
    await rejectsWith(t.ecr.send(new ecr.CreateRepositoryCommand({ repositoryName: 'team/app' })), 'RepositoryAlreadyExistsException');
    await t.control.addImage('team/app', ['v1', 'latest']);
    await t.control.addImage('team/app', []);
    const tagged = await t.ecr.send(new ecr.DescribeImagesCommand({ repositoryName: 'team/app', filter: { tagStatus: 'TAGGED' } }));
    assert.deepEqual(tagged.imageDetails?.map((i) => i.imageTags), [['v1', 'latest']]);
    const untagged = await t.ecr.send(new ecr.DescribeImagesCommand({ repositoryName: 'team/app', filter: { tagStatus: 'UNTAGGED' } }));
    assert.equal(untagged.imageDetails?.length, 1);
    const ids = await t.ecr.send(new ecr.ListImagesCommand({ repositoryName: 'team/app' }));
    assert.equal(ids.imageIds?.length, 3);
    const token = await t.ecr.send(new ecr.GetAuthorizationTokenCommand({}));
    const data = token.authorizationData![0];
    assert.match(Buffer.from(data.authorizationToken!, 'base64').toString(), /^AWS:.+/);
    assert.equal(data.proxyEndpoint, 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com');
    assert.ok(data.expiresAt!.getTime() - Date.now() > 11 * 3600_000);
  });
});
