// Walks every implemented operation's responses against the output shapes of the API models.
import * as assert from 'node:assert/strict';
import * as ecs from '@aws-sdk/client-ecs';
import * as ecr from '@aws-sdk/client-ecr';
import { ecrHandlers } from '../../emulator/ecr';
import { ecsHandlers } from '../../emulator/ecs';
import { Emulator } from '../../emulator/server';
import { NET, startTestEmulator, TestEmulator } from './harness';
import { checkShape, loadModel } from './modelShape';

/** Errors any operation can return although the model does not list them per operation. */
const COMMON_ERRORS = new Set(['ThrottlingException', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException', 'AccessDeniedException', 'SerializationException']);

describe('emulator: responses match the API model shapes', function () {
  const models = { ecs: loadModel('ecs'), ecr: loadModel('ecr') };
  const seen: { service: 'ecs' | 'ecr'; operation: string; status: number; body: any }[] = [];
  let t: TestEmulator;

  before(async () => {
    t = await startTestEmulator({ seed: 'demo' });
    ((t.running as unknown as { emulator: Emulator }).emulator).responseListeners.push((e) => seen.push(e as (typeof seen)[number]));
  });
  after(async () => t.close());

  it('the shape walker rejects unknown members and wrong types', () => {
    const problems: string[] = [];
    checkShape(models.ecs, 'Service', { serviceName: 'x', desiredCount: '2', bogus: 1, createdAt: 'yesterday', status: 'ACTIVE' }, 'Service', problems);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('bogus') && p.includes('not in the model')));
    assert.ok(problems.some((p) => p.includes('desiredCount') && p.includes('integer')));
    assert.ok(problems.some((p) => p.includes('createdAt') && p.includes('epoch seconds')));
  });

  it('every implemented operation answers with members and types of the model', async () => {
    const e = t.ecs;
    const r = t.ecr;
    await t.control.markImageCrashing('busybox:crash');
    await t.control.advance(90_000);

    // Clusters and container instances.
    await e.send(new ecs.ListClustersCommand({}));
    await e.send(new ecs.DescribeClustersCommand({ clusters: ['production', 'staging', 'missing'], include: ['TAGS', 'SETTINGS', 'STATISTICS', 'ATTACHMENTS', 'CONFIGURATIONS'] }));
    await e.send(new ecs.CreateClusterCommand({ clusterName: 'scratch', tags: [{ key: 'a', value: 'b' }] }));
    await e.send(new ecs.DeleteClusterCommand({ cluster: 'scratch' }));
    const cis = await e.send(new ecs.ListContainerInstancesCommand({ cluster: 'staging' }));
    await e.send(new ecs.DescribeContainerInstancesCommand({ cluster: 'staging', containerInstances: [...cis.containerInstanceArns!, 'missing'], include: ['TAGS'] }));

    // Task definitions.
    await e.send(new ecs.ListTaskDefinitionFamiliesCommand({ status: 'ALL' }));
    await e.send(new ecs.ListTaskDefinitionsCommand({ familyPrefix: 'web' }));
    await e.send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition: 'web:3', include: ['TAGS'] }));
    const crashTd = await e.send(
      new ecs.RegisterTaskDefinitionCommand({
        family: 'crasher',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
        containerDefinitions: [{ name: 'app', image: 'busybox:crash', essential: true, portMappings: [{ containerPort: 80 }], healthCheck: { command: ['CMD', 'true'] } }],
        tags: [{ key: 't', value: 'v' }],
      }),
    );
    const bridgeTd = await e.send(
      new ecs.RegisterTaskDefinitionCommand({
        family: 'batch',
        containerDefinitions: [{ name: 'job', image: 'busybox:1', memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
      }),
    );
    await e.send(new ecs.DeregisterTaskDefinitionCommand({ taskDefinition: 'web:1' }));

    // Services: a circuit breaker failure with rollback, so the rollback members appear.
    await e.send(
      new ecs.CreateServiceCommand({
        cluster: 'production',
        serviceName: 'api',
        taskDefinition: 'web:2',
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: NET,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
        tags: [{ key: 'team', value: 'api' }],
      }),
    );
    await t.control.advance(60_000);
    await e.send(new ecs.UpdateServiceCommand({ cluster: 'production', service: 'api', taskDefinition: crashTd.taskDefinition!.taskDefinitionArn }));
    await t.control.advance(300_000);
    await e.send(new ecs.ListServicesCommand({ cluster: 'production' }));
    await e.send(new ecs.DescribeServicesCommand({ cluster: 'production', services: ['web', 'api', 'missing'], include: ['TAGS'] }));
    await e.send(new ecs.DescribeServicesCommand({ cluster: 'staging', services: ['web'] }));
    const deployments = await e.send(new ecs.ListServiceDeploymentsCommand({ cluster: 'production', service: 'api' }));
    const described = await e.send(
      new ecs.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [...deployments.serviceDeployments!.map((d) => d.serviceDeploymentArn!), 'arn:aws:ecs:us-east-1:123456789012:service-deployment/production/api/missing'] }),
    );
    assert.ok(described.serviceDeployments!.some((d) => d.rollback), 'a rolled back deployment is described');
    // A blue/green deployment held by a PAUSE hook: continued, then a second one stopped.
    await e.send(new ecs.CreateServiceCommand({
      cluster: 'production', serviceName: 'bluegreen', taskDefinition: 'web:2', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NET,
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' } }] },
    }));
    await t.control.advance(120_000);
    const paused = await e.send(new ecs.ListServiceDeploymentsCommand({ cluster: 'production', service: 'bluegreen' }));
    const pausedArn = paused.serviceDeployments![0].serviceDeploymentArn!;
    const hold = (await e.send(new ecs.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [pausedArn] }))).serviceDeployments![0];
    assert.equal(hold.lifecycleHookDetails?.[0]?.status, 'AWAITING_ACTION');
    await e.send(new ecs.ContinueServiceDeploymentCommand({ serviceDeploymentArn: pausedArn, hookId: hold.lifecycleHookDetails![0].hookId!, action: 'CONTINUE' }));
    await e.send(new ecs.UpdateServiceCommand({ cluster: 'production', service: 'bluegreen', taskDefinition: 'web:3' }));
    const second = await e.send(new ecs.ListServiceDeploymentsCommand({ cluster: 'production', service: 'bluegreen', status: ['IN_PROGRESS'] }));
    await e.send(new ecs.StopServiceDeploymentCommand({ serviceDeploymentArn: second.serviceDeployments![0].serviceDeploymentArn!, stopType: 'ROLLBACK' }));
    await e.send(new ecs.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [pausedArn, second.serviceDeployments![0].serviceDeploymentArn!] }));
    await e.send(new ecs.DescribeServiceRevisionsCommand({ serviceRevisionArns: [described.serviceDeployments![0].targetServiceRevision!.arn!] }));

    // Tasks.
    const running = await e.send(new ecs.ListTasksCommand({ cluster: 'production' }));
    const stopped = await e.send(new ecs.ListTasksCommand({ cluster: 'production', desiredStatus: 'STOPPED' }));
    assert.ok(stopped.taskArns!.length > 0, 'stopped tasks exist');
    await e.send(new ecs.DescribeTasksCommand({ cluster: 'production', tasks: [...running.taskArns!, ...stopped.taskArns!.slice(0, 20), 'missing'], include: ['TAGS'] }));
    const run = await e.send(new ecs.RunTaskCommand({ cluster: 'staging', taskDefinition: bridgeTd.taskDefinition!.taskDefinitionArn, launchType: 'EC2', count: 2, tags: [{ key: 'job', value: '1' }] }));
    await t.control.advance(30_000);
    const stagingTasks = await e.send(new ecs.ListTasksCommand({ cluster: 'staging' }));
    await e.send(new ecs.DescribeTasksCommand({ cluster: 'staging', tasks: stagingTasks.taskArns }));
    await e.send(new ecs.StopTaskCommand({ cluster: 'staging', task: run.tasks![0].taskArn, reason: 'done' }));
    await e.send(new ecs.UpdateServiceCommand({ cluster: 'production', service: 'api', desiredCount: 0 }));
    await e.send(new ecs.DeleteServiceCommand({ cluster: 'production', service: 'api' }));

    // Tags.
    const webArn = 'arn:aws:ecs:us-east-1:123456789012:service/production/web';
    await e.send(new ecs.TagResourceCommand({ resourceArn: webArn, tags: [{ key: 'owner', value: 'me' }] }));
    await e.send(new ecs.UntagResourceCommand({ resourceArn: webArn, tagKeys: ['owner'] }));
    await e.send(new ecs.ListTagsForResourceCommand({ resourceArn: webArn }));

    // ECR.
    await r.send(new ecr.DescribeRepositoriesCommand({}));
    const repo = await r.send(new ecr.CreateRepositoryCommand({ repositoryName: 'scratch', imageTagMutability: 'IMMUTABLE', tags: [{ Key: 'a', Value: 'b' }] }));
    await r.send(new ecr.TagResourceCommand({ resourceArn: repo.repository!.repositoryArn, tags: [{ Key: 'c', Value: 'd' }] }));
    await r.send(new ecr.ListTagsForResourceCommand({ resourceArn: repo.repository!.repositoryArn }));
    await r.send(new ecr.PutImageCommand({ repositoryName: 'scratch', imageManifest: JSON.stringify({ schemaVersion: 2, layers: [{ size: 10 }] }), imageTag: 'v1' }));
    await r.send(new ecr.PutImageTagMutabilityCommand({ repositoryName: 'scratch', imageTagMutability: 'MUTABLE' }));
    await r.send(new ecr.DescribeImagesCommand({ repositoryName: 'my-app' }));
    await r.send(new ecr.ListImagesCommand({ repositoryName: 'my-app' }));
    await r.send(new ecr.BatchGetImageCommand({ repositoryName: 'scratch', imageIds: [{ imageTag: 'v1' }, { imageTag: 'nope' }] }));
    await r.send(new ecr.BatchDeleteImageCommand({ repositoryName: 'scratch', imageIds: [{ imageTag: 'v1' }, { imageTag: 'nope' }] }));
    await r.send(new ecr.DeleteRepositoryCommand({ repositoryName: 'scratch' }));
    await r.send(new ecr.GetAuthorizationTokenCommand({}));

    const problems: string[] = [];
    for (const s of seen) {
      const model = models[s.service];
      const op = model.operations[s.operation];
      if (!op) {
        problems.push(`${s.service}:${s.operation}: not an operation of the model`);
        continue;
      }
      if (s.status === 200) {
        if (op.output) checkShape(model, op.output.shape, s.body, `${s.operation}`, problems);
      } else {
        const code = (s.body as { __type: string }).__type;
        const listed = (op.errors ?? []).some((x) => x.shape === code) || COMMON_ERRORS.has(code);
        if (!listed) problems.push(`${s.operation}: error ${code} is not among the operation's errors`);
      }
    }
    assert.deepEqual(problems, []);
    const answeredOk = new Map<string, Set<string>>([['ecs', new Set()], ['ecr', new Set()]]);
    for (const s of seen) if (s.status === 200) answeredOk.get(s.service)!.add(s.operation);

    // Error paths: every error code must be one the model lists for that operation (or a common one).
    seen.length = 0;
    const attempts: (() => Promise<unknown>)[] = [
      () => e.send(new ecs.ListServicesCommand({ cluster: 'missing' })),
      () => e.send(new ecs.DescribeServicesCommand({ cluster: 'production', services: Array.from({ length: 11 }, (_, i) => `s${i}`) })),
      () => e.send(new ecs.DescribeServicesCommand({ cluster: 'missing', services: ['web'] })),
      () => e.send(new ecs.CreateServiceCommand({ cluster: 'production', serviceName: 'web', taskDefinition: 'web:2', launchType: 'FARGATE', networkConfiguration: NET })),
      () => e.send(new ecs.CreateServiceCommand({ cluster: 'production', serviceName: 'x', taskDefinition: 'nope:9' })),
      () => e.send(new ecs.UpdateServiceCommand({ cluster: 'production', service: 'missing', desiredCount: 1 })),
      () => e.send(new ecs.UpdateServiceCommand({ cluster: 'production', service: 'api', desiredCount: 1 })),
      () => e.send(new ecs.DeleteServiceCommand({ cluster: 'production', service: 'missing' })),
      () => e.send(new ecs.ListTasksCommand({ cluster: 'production', serviceName: 'missing' })),
      () => e.send(new ecs.DescribeTasksCommand({ cluster: 'production', tasks: [] })),
      () => e.send(new ecs.RunTaskCommand({ cluster: 'production', taskDefinition: 'batch', launchType: 'FARGATE' })),
      () => e.send(new ecs.StopTaskCommand({ cluster: 'production', task: 'f'.repeat(32) })),
      () => e.send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition: 'nope' })),
      () => e.send(new ecs.DeregisterTaskDefinitionCommand({ taskDefinition: 'nope:1' })),
      () => e.send(new ecs.RegisterTaskDefinitionCommand({ family: 'x', containerDefinitions: [] })),
      () => e.send(new ecs.ListServiceDeploymentsCommand({ cluster: 'production', service: 'missing' })),
      () => e.send(new ecs.DescribeContainerInstancesCommand({ cluster: 'missing', containerInstances: ['x'] })),
      () => e.send(new ecs.ListClustersCommand({ maxResults: 500 })),
      () => e.send(new ecs.DeleteClusterCommand({ cluster: 'production' })),
      () => e.send(new ecs.TagResourceCommand({ resourceArn: 'arn:aws:ecs:us-east-1:123456789012:service/production/missing', tags: [{ key: 'a', value: 'b' }] })),
      () => r.send(new ecr.DescribeRepositoriesCommand({ repositoryNames: ['missing'] })),
      () => r.send(new ecr.DescribeRepositoriesCommand({ registryId: '999999999999' })),
      () => r.send(new ecr.CreateRepositoryCommand({ repositoryName: 'my-app' })),
      () => r.send(new ecr.CreateRepositoryCommand({ repositoryName: 'Bad Name' })),
      () => r.send(new ecr.DeleteRepositoryCommand({ repositoryName: 'my-app' })),
      () => r.send(new ecr.DescribeImagesCommand({ repositoryName: 'my-app', imageIds: [{ imageTag: 'nope' }] })),
      () => r.send(new ecr.ListImagesCommand({ repositoryName: 'missing' })),
      () => r.send(new ecr.PutImageCommand({ repositoryName: 'my-app', imageManifest: '{}', imageTag: 'x' })),
      () => r.send(new ecr.PutImageCommand({ repositoryName: 'my-app', imageManifest: '{}', imageTag: 'x' })),
      () => r.send(new ecr.BatchDeleteImageCommand({ repositoryName: 'missing', imageIds: [{ imageTag: 'x' }] })),
      () => r.send(new ecr.PutImageTagMutabilityCommand({ repositoryName: 'missing', imageTagMutability: 'IMMUTABLE' })),
    ];
    for (const attempt of attempts) await attempt().catch(() => undefined);
    const errors = seen.filter((s) => s.status !== 200);
    assert.ok(errors.length >= attempts.length - 1, `${errors.length} of ${attempts.length} calls failed as intended`);
    const errorProblems: string[] = [];
    for (const s of errors) {
      const op = models[s.service].operations[s.operation];
      const code = (s.body as { __type: string; message: string }).__type;
      assert.equal(typeof (s.body as { message: unknown }).message, 'string');
      // The real DeleteService answers a deleted service with ServiceNotActiveException, which its model does not list.
      const known = (op.errors ?? []).some((x) => x.shape === code) || COMMON_ERRORS.has(code) || (s.operation === 'DeleteService' && code === 'ServiceNotActiveException');
      if (!known) errorProblems.push(`${s.operation}: error ${code} is not among the operation's errors`);
      if (models[s.service].shapes[code] === undefined && !COMMON_ERRORS.has(code)) errorProblems.push(`${s.operation}: ${code} is not an error shape of the model`);
    }
    assert.deepEqual(errorProblems, []);

    const answered = (service: string): string[] => [...answeredOk.get(service)!].sort();
    assert.deepEqual(answered('ecs'), Object.keys(ecsHandlers).sort(), 'every ECS operation was exercised');
    assert.deepEqual(answered('ecr'), Object.keys(ecrHandlers).sort(), 'every ECR operation was exercised');
  });
});
