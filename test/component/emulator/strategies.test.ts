// The emulator's blue/green, linear and canary deployments on the deterministic clock: stages in the
// documented order, traffic weights, bake time, Lambda and PAUSE hooks, alarms, StopServiceDeployment,
// the configurable circuit breaker and earlySuccessCriteria, seen through the real SDK.
import * as assert from 'node:assert/strict';
import * as ecs from '@aws-sdk/client-ecs';
import { NET, fargateRevision as td, useTestEmulator } from './harness';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:check-green';

describe('emulator: blue/green, linear and canary deployments', function () {
  this.timeout(60_000);
  const t = useTestEmulator();

  async function steady(deploymentConfiguration: ecs.DeploymentConfiguration, extra: Partial<ecs.CreateServiceCommandInput> = {}): Promise<void> {
    await t.control.reset('empty');
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(td('my-app:1')));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(td('my-app:2')));
    await t.ecs.send(new ecs.CreateServiceCommand({
      cluster: 'c', serviceName: 'web', taskDefinition: 'web:1', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: NET, deploymentConfiguration, ...extra,
    }));
    // The first deployment of a blue/green service has no blue side; it completes like any other.
    for (let i = 0; i < 200 && (await current())?.status === 'IN_PROGRESS'; i++) await t.control.advance(5_000);
    assert.equal((await current())?.status, 'SUCCESSFUL');
  }

  async function current(): Promise<ecs.ServiceDeployment | undefined> {
    const list = await t.ecs.send(new ecs.ListServiceDeploymentsCommand({ cluster: 'c', service: 'web' }));
    const arn = list.serviceDeployments?.[0]?.serviceDeploymentArn;
    if (!arn) return undefined;
    return (await t.ecs.send(new ecs.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];
  }

  /** Advances in steps and records each stage (and weight) the service deployment shows, until it ends. */
  async function walk(stepMs = 1_000, limit = 5_000, until: (sd: ecs.ServiceDeployment) => boolean = (sd) => !/IN_PROGRESS|PENDING|REQUESTED/.test(sd.status ?? '')): Promise<{ stages: string[]; weights: number[]; last: ecs.ServiceDeployment }> {
    const stages: string[] = [];
    const weights: number[] = [];
    for (let i = 0; i < limit; i++) {
      const sd = (await current())!;
      if (sd.lifecycleStage && stages[stages.length - 1] !== sd.lifecycleStage) stages.push(sd.lifecycleStage);
      const w = sd.targetServiceRevision?.requestedProductionTrafficWeight;
      if (w !== undefined && weights[weights.length - 1] !== w) weights.push(w);
      if (until(sd)) return { stages, weights, last: sd };
      await t.control.advance(stepMs);
    }
    throw new Error(`the deployment did not end: ${stages.join(' → ')}`);
  }

  it('blue/green: stages in the documented order, both revisions up during the bake, SUCCESSFUL only after it', async () => {
    await steady({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 2 });
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    const bake = await walk(1_000, 5_000, (sd) => sd.lifecycleStage === 'BAKE_TIME');
    const svc = (await t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'c', services: ['web'] }))).services![0];
    assert.equal(svc.runningCount, 4, 'blue and green both run during the bake');
    assert.equal(bake.last.status, 'IN_PROGRESS');
    assert.equal(bake.last.targetServiceRevision?.requestedProductionTrafficWeight, 100);
    assert.equal(bake.last.sourceServiceRevisions?.[0]?.requestedProductionTrafficWeight, 0);
    await t.control.advance(60_000);
    assert.equal((await current())?.status, 'IN_PROGRESS', 'one minute into a two-minute bake');
    const end = await walk(1_000);
    assert.deepEqual([...bake.stages, ...end.stages.filter((s) => s !== 'BAKE_TIME')], [
      'PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP',
    ]);
    assert.equal(end.last.status, 'SUCCESSFUL');
    const after = (await t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'c', services: ['web'] }))).services![0];
    assert.equal(after.deployments!.length, 1);
    assert.ok(after.deployments![0].taskDefinition!.endsWith('web:2'));
  });

  it('canary and linear shift production traffic in their steps', async () => {
    await steady({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 3 }, bakeTimeInMinutes: 0 });
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    const canary = await walk(5_000);
    assert.deepEqual(canary.weights, [0, 10, 100]);
    assert.equal(canary.last.status, 'SUCCESSFUL');

    await steady({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 }, bakeTimeInMinutes: 0 });
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    const linear = await walk(5_000);
    assert.deepEqual(linear.weights, [0, 25, 50, 75, 100]);
  });

  it('a PAUSE hook waits for ContinueServiceDeployment; its timeout action applies when nobody answers', async () => {
    const hooks: ecs.DeploymentLifecycleHook[] = [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' } }];
    await steady({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 });
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2', deploymentConfiguration: { lifecycleHooks: hooks } }));
    const paused = await walk(1_000, 5_000, (sd) => sd.lifecycleHookDetails?.some((h) => h.status === 'AWAITING_ACTION') ?? false);
    const hook = paused.last.lifecycleHookDetails![0];
    assert.equal(paused.last.lifecycleStage, 'POST_TEST_TRAFFIC_SHIFT');
    assert.deepEqual([hook.targetType, hook.timeoutAction], ['PAUSE', 'ROLLBACK']);
    assert.ok(hook.expiresAt!.getTime() > Date.now() + 29 * 60_000 - 10 * 60_000);
    await t.control.advance(10 * 60_000);
    assert.equal((await current())?.lifecycleHookDetails?.[0]?.status, 'AWAITING_ACTION', 'still waiting after 10 minutes');
    await assert.rejects(t.ecs.send(new ecs.ContinueServiceDeploymentCommand({ serviceDeploymentArn: paused.last.serviceDeploymentArn, hookId: 'nope' })), /InvalidParameter|awaiting/);
    await t.ecs.send(new ecs.ContinueServiceDeploymentCommand({ serviceDeploymentArn: paused.last.serviceDeploymentArn, hookId: hook.hookId }));
    assert.equal((await walk(1_000)).last.status, 'SUCCESSFUL');

    // The same hook left alone: after 30 minutes its ROLLBACK action returns the service to web:2.
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:1' }));
    await walk(1_000, 5_000, (sd) => sd.lifecycleHookDetails?.some((h) => h.status === 'AWAITING_ACTION') ?? false);
    const timedOut = await walk(60_000);
    assert.equal(timedOut.last.status, 'ROLLBACK_SUCCESSFUL');
    assert.match(timedOut.last.rollback?.reason ?? '', /timed out/);
  });

  it('a failing Lambda hook and an alarm in ALARM each roll the deployment back, with the reason', async () => {
    const hooks: ecs.DeploymentLifecycleHook[] = [{ targetType: 'AWS_LAMBDA', hookTargetArn: LAMBDA, roleArn: 'arn:aws:iam::123456789012:role/hooks', lifecycleStages: ['POST_SCALE_UP'] }];
    await steady({ strategy: 'CANARY', bakeTimeInMinutes: 0, lifecycleHooks: hooks, canaryConfiguration: { canaryPercent: 5, canaryBakeTimeInMinutes: 1 } });
    await t.control.failHook(LAMBDA);
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    const failed = await walk(1_000);
    assert.equal(failed.last.status, 'ROLLBACK_SUCCESSFUL');
    assert.match(failed.last.rollback?.reason ?? '', /check-green failed at stage POST_SCALE_UP/);
    await t.control.failHook(LAMBDA, false);

    await steady({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 10, alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true } });
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    await walk(1_000, 5_000, (sd) => sd.lifecycleStage === 'BAKE_TIME');
    await t.control.setAlarm('web-5xx', 'ALARM');
    const alarmed = await walk(1_000);
    assert.equal(alarmed.last.status, 'ROLLBACK_SUCCESSFUL');
    assert.deepEqual(alarmed.last.alarms?.triggeredAlarmNames, ['web-5xx']);
    assert.match(alarmed.last.rollback?.reason ?? '', /web-5xx in ALARM/);
    const svc = (await t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'c', services: ['web'] }))).services![0];
    assert.ok(svc.taskDefinition!.endsWith('web:1'));
  });

  it('StopServiceDeployment: ROLLBACK returns to the blue revision, ABORT stops where it is', async () => {
    await steady({ strategy: 'CANARY', bakeTimeInMinutes: 0, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 10 } });
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    const canary = await walk(1_000, 5_000, (sd) => sd.targetServiceRevision?.requestedProductionTrafficWeight === 10);
    await t.ecs.send(new ecs.StopServiceDeploymentCommand({ serviceDeploymentArn: canary.last.serviceDeploymentArn, stopType: 'ROLLBACK' }));
    const stopped = await walk(1_000);
    assert.equal(stopped.last.status, 'ROLLBACK_SUCCESSFUL');
    await assert.rejects(t.ecs.send(new ecs.StopServiceDeploymentCommand({ serviceDeploymentArn: canary.last.serviceDeploymentArn, stopType: 'ROLLBACK' })), /Conflict|only a deployment in progress/);

    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    const again = await walk(1_000, 5_000, (sd) => sd.lifecycleStage === 'SCALE_UP');
    await t.ecs.send(new ecs.StopServiceDeploymentCommand({ serviceDeploymentArn: again.last.serviceDeploymentArn, stopType: 'ABORT' }));
    assert.equal((await current())?.status, 'STOPPED');
  });

  it('validates the configuration as ECS does, and refuses new revisions for CODE_DEPLOY services', async () => {
    await t.control.reset('empty');
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(td('my-app:1')));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(td('my-app:2')));
    const create = (name: string, deploymentConfiguration: ecs.DeploymentConfiguration, extra: Partial<ecs.CreateServiceCommandInput> = {}) =>
      t.ecs.send(new ecs.CreateServiceCommand({ cluster: 'c', serviceName: name, taskDefinition: 'web:1', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NET, deploymentConfiguration, ...extra }));
    await assert.rejects(create('a', { strategy: 'BLUE_GREEN', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] }] }), /PAUSE hooks cannot/);
    await assert.rejects(create('b', { strategy: 'ROLLING', canaryConfiguration: { canaryPercent: 5 } }), /only valid when the deployment strategy is CANARY/);
    await assert.rejects(create('c', { strategy: 'LINEAR', linearConfiguration: { stepPercent: 1 } }), /stepPercent/);
    await assert.rejects(create('d', { strategy: 'CANARY', earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: 'DEFERRED' } }), /ROLLING/);
    const lb = [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/1', containerName: 'web', containerPort: 80,
      advancedConfiguration: { alternateTargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/green/2', productionListenerRule: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/x/1/2/3', roleArn: 'arn:aws:iam::123456789012:role/ecs-lb' } }];
    const created = (await create('e', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 }, { loadBalancers: lb })).service!;
    assert.deepEqual(created.loadBalancers, lb, 'advancedConfiguration is kept as given');
    await create('cd', {}, { deploymentController: { type: 'CODE_DEPLOY' } });
    await assert.rejects(t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'cd', taskDefinition: 'web:2' })), /CODE_DEPLOY deployment controller/);
  });

  it('circuit breaker threshold COUNT and earlySuccessCriteria on rolling deployments', async () => {
    await steady({ deploymentCircuitBreaker: { enable: true, rollback: true, thresholdConfiguration: { type: 'COUNT', value: 1 } }, minimumHealthyPercent: 50, maximumPercent: 200 });
    assert.equal((await current())?.deploymentCircuitBreaker?.threshold, 1);

    await steady({ minimumHealthyPercent: 50, maximumPercent: 200, earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: 'DEFERRED' } });
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    const early = await walk(1_000);
    assert.equal(early.last.status, 'SUCCESSFUL');
    const svc = (await t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'c', services: ['web'] }))).services![0];
    assert.ok(svc.deployments!.length > 1, 'the old tasks are still being removed when the deployment is already successful');
  });
});

describe('emulator: --speed scales durations, never timestamps', function () {
  this.timeout(30_000);
  const t = useTestEmulator({ speed: 20 });

  it('at speed 20 a task starts within a second or two, and its timestamps are wall-clock times', async () => {
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(td('my-app:1')));
    const before = Date.now();
    const run = await t.ecs.send(new ecs.RunTaskCommand({ cluster: 'c', taskDefinition: 'web:1', launchType: 'FARGATE', networkConfiguration: NET }));
    const arn = run.tasks![0].taskArn!;
    assert.ok(Math.abs(run.tasks![0].createdAt!.getTime() - before) < 2_000, 'createdAt is now, not a scaled time');
    let task: ecs.Task | undefined;
    while (Date.now() - before < 20_000) {
      task = (await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: [arn] }))).tasks![0];
      if (task.lastStatus === 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(task?.lastStatus, 'RUNNING');
    // 15 simulated seconds of provisioning and pulling take 0.75 s at speed 20.
    const tookMs = task!.startedAt!.getTime() - task!.createdAt!.getTime();
    assert.ok(tookMs < 5_000 && tookMs >= 500, `started ${tookMs} ms after it was created`);
    assert.ok(Math.abs(task!.startedAt!.getTime() - Date.now()) < 5_000, 'startedAt is a wall-clock time');
  });
});
