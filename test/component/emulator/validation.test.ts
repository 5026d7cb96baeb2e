// RegisterTaskDefinition validation and the error cases of services and repositories.
import * as assert from 'node:assert/strict';
import * as ecs from '@aws-sdk/client-ecs';
import * as ecr from '@aws-sdk/client-ecr';
import { NET, rejectsWith, useTestEmulator } from './harness';

describe('emulator: validation and error classes', function () {
  const t = useTestEmulator({}, { resetEachTest: true });

  const register = (input: Record<string, unknown>): Promise<ecs.RegisterTaskDefinitionCommandOutput> =>
    t.ecs.send(new ecs.RegisterTaskDefinitionCommand(input as unknown as ecs.RegisterTaskDefinitionCommandInput));
  const fargate = (extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}): Record<string, unknown> => ({
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'web', image: 'nginx', ...container }],
    ...extra,
  });

  it('rejects task definitions with the ClientException messages of the real API', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ family: 'web' }, /^Container list cannot be empty\.$/],
      [{ family: 'web', containerDefinitions: [{ name: 'web' }], memory: '512' }, /^Container\.image should not be null or empty\.$/],
      [{ family: 'web', containerDefinitions: [{ image: 'nginx' }], memory: '512' }, /^Container\.name should not be null or empty\.$/],
      [{ containerDefinitions: [{ name: 'a', image: 'nginx' }] }, /Family/],
      [{ family: 'bad name', containerDefinitions: [{ name: 'a', image: 'nginx', memory: 64 }] }, /Family name/],
      [fargate({ cpu: undefined }), /^Fargate requires that 'cpu' be defined at the task level\.$/],
      [fargate({ networkMode: 'bridge' }), /^Fargate only supports network mode ‘awsvpc’\.$/],
      [fargate({ cpu: '256', memory: '4096' }), /^No Fargate configuration exists for given values: 256 CPU, 4096 memory/],
      [fargate({}, { portMappings: [{ containerPort: 80, hostPort: 8080 }] }), /^When networkMode=awsvpc, the host ports and container ports in port mappings must match\.$/],
      [{ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx' }] }, /^Invalid setting for container 'web'\. At least one of 'memory' or 'memoryReservation' must be specified\.$/],
      [fargate({ containerDefinitions: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] }), /Duplicate container name 'a'/],
      [fargate({}, { essential: false }), /essential container/],
    ];
    for (const [input, message] of cases) {
      const err = await rejectsWith(register(input), 'ClientException', message);
      assert.ok(err instanceof ecs.ClientException);
    }
    assert.deepEqual((await t.ecs.send(new ecs.ListTaskDefinitionFamiliesCommand({ status: 'ALL' }))).families, []);
  });

  it('accepts "1 vCPU"/"2 GB" and normalises them as the API does', async () => {
    const res = await register(fargate({ cpu: '1 vCPU', memory: '2 GB' }));
    assert.equal(res.taskDefinition?.cpu, '1024');
    assert.equal(res.taskDefinition?.memory, '2048');
    assert.deepEqual(res.taskDefinition?.requiresCompatibilities, ['FARGATE']);
  });

  it('checks launch type, network configuration and service state', async () => {
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    await register({ family: 'ec2only', containerDefinitions: [{ name: 'a', image: 'nginx', memory: 64 }] });
    await rejectsWith(
      t.ecs.send(new ecs.CreateServiceCommand({ cluster: 'c', serviceName: 's', taskDefinition: 'ec2only', desiredCount: 1, launchType: 'FARGATE' })),
      'InvalidParameterException',
      /does not support launch_type FARGATE/,
    );
    await register(fargate());
    await rejectsWith(
      t.ecs.send(new ecs.CreateServiceCommand({ cluster: 'c', serviceName: 's', taskDefinition: 'web', desiredCount: 1, launchType: 'FARGATE' })),
      'InvalidParameterException',
      /Network Configuration must be provided/,
    );
    await rejectsWith(t.ecs.send(new ecs.RunTaskCommand({ cluster: 'c', taskDefinition: 'ec2only', launchType: 'EC2' })), 'InvalidParameterException', /No Container Instances/);
    await t.ecs.send(new ecs.CreateServiceCommand({ cluster: 'c', serviceName: 's', taskDefinition: 'web', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NET }));
    await rejectsWith(
      t.ecs.send(new ecs.CreateServiceCommand({ cluster: 'c', serviceName: 's', taskDefinition: 'web', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NET })),
      'InvalidParameterException',
      /not idempotent/,
    );
    await rejectsWith(t.ecs.send(new ecs.DeleteServiceCommand({ cluster: 'c', service: 's' })), 'InvalidParameterException', /scaled above 0/);
    await t.ecs.send(new ecs.DeleteServiceCommand({ cluster: 'c', service: 's', force: true }));
    const err = await rejectsWith(t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 's', desiredCount: 2 })), 'ServiceNotActiveException');
    assert.ok(err instanceof ecs.ServiceNotActiveException);
    await t.control.advance(60_000);
    const gone = await t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'c', services: ['s'] }));
    assert.equal(gone.services![0].status, 'INACTIVE');
    assert.deepEqual((await t.ecs.send(new ecs.ListServicesCommand({ cluster: 'c' }))).serviceArns, []);
    await rejectsWith(t.ecs.send(new ecs.StopTaskCommand({ cluster: 'c', task: 'f'.repeat(32) })), 'InvalidParameterException', /referenced task was not found/);
  });

  it('stops a task through DEACTIVATING, STOPPING and DEPROVISIONING to STOPPED', async () => {
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    await register(fargate());
    const run = await t.ecs.send(new ecs.RunTaskCommand({ cluster: 'c', taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: NET, startedBy: 'me' }));
    const arn = run.tasks![0].taskArn!;
    assert.equal(run.tasks![0].lastStatus, 'PROVISIONING');
    assert.equal(run.tasks![0].group, 'family:web');
    const status = async (): Promise<ecs.Task> => (await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: [arn] }))).tasks![0];
    await t.control.advance(6_000);
    assert.equal((await status()).lastStatus, 'PENDING');
    await t.control.advance(10_000);
    const running = await status();
    assert.equal(running.lastStatus, 'RUNNING');
    assert.ok(running.startedAt instanceof Date);
    assert.equal(running.containers![0].lastStatus, 'RUNNING');
    const stopped = await t.ecs.send(new ecs.StopTaskCommand({ cluster: 'c', task: arn, reason: 'maintenance' }));
    assert.deepEqual([stopped.task!.lastStatus, stopped.task!.desiredStatus], ['DEACTIVATING', 'STOPPED']);
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      await t.control.advance(1_000);
      const s = (await status()).lastStatus!;
      if (seen[seen.length - 1] !== s) seen.push(s);
    }
    assert.deepEqual(seen, ['DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
    const final = await status();
    assert.equal(final.stoppedReason, 'maintenance');
    assert.equal(final.stopCode, 'UserInitiated');
    assert.equal(final.containers![0].exitCode, 0);
    await t.control.advance(59 * 60_000);
    assert.equal((await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', desiredStatus: 'STOPPED' }))).taskArns!.length, 1, 'kept for an hour');
    await t.control.advance(2 * 60_000);
    assert.equal((await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', desiredStatus: 'STOPPED' }))).taskArns!.length, 0, 'then forgotten');
    const gone = await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: [arn] }));
    assert.equal(gone.failures![0].reason, 'MISSING');
  });

  it('raises the ECR exception classes', async () => {
    await t.ecr.send(new ecr.CreateRepositoryCommand({ repositoryName: 'app', imageTagMutability: 'IMMUTABLE' }));
    const manifest = (n: number): string => JSON.stringify({ schemaVersion: 2, layers: [{ size: n }] });
    await t.ecr.send(new ecr.PutImageCommand({ repositoryName: 'app', imageManifest: manifest(1), imageTag: 'v1' }));
    const immutable = await rejectsWith(
      t.ecr.send(new ecr.PutImageCommand({ repositoryName: 'app', imageManifest: manifest(2), imageTag: 'v1' })),
      'ImageTagAlreadyExistsException',
      /cannot be overwritten because the repository is immutable/,
    );
    assert.ok(immutable instanceof ecr.ImageTagAlreadyExistsException);
    await t.ecr.send(new ecr.PutImageTagMutabilityCommand({ repositoryName: 'app', imageTagMutability: 'MUTABLE' }));
    await t.ecr.send(new ecr.PutImageCommand({ repositoryName: 'app', imageManifest: manifest(2), imageTag: 'v1' }));
    const notFound = await rejectsWith(t.ecr.send(new ecr.DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v9' }] })), 'ImageNotFoundException');
    assert.ok(notFound instanceof ecr.ImageNotFoundException);
    await rejectsWith(t.ecr.send(new ecr.DeleteRepositoryCommand({ repositoryName: 'app' })), 'RepositoryNotEmptyException');
    const deleted = await t.ecr.send(new ecr.BatchDeleteImageCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v9' }] }));
    assert.equal(deleted.imageIds!.length, 1);
    assert.equal(deleted.failures![0].failureCode, 'ImageNotFound');
    const left = await t.ecr.send(new ecr.DescribeImagesCommand({ repositoryName: 'app' }));
    assert.equal(left.imageDetails!.length, 1, 'the untagged first image remains');
    await t.ecr.send(new ecr.DeleteRepositoryCommand({ repositoryName: 'app', force: true }));
    await rejectsWith(t.ecr.send(new ecr.DescribeRepositoriesCommand({ repositoryNames: ['app'] })), 'RepositoryNotFoundException', /does not exist in the registry with id '123456789012'/);
  });
});
