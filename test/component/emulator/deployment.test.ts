// The scheduler on the deterministic clock: rolling deployments and the circuit breaker.
import * as assert from 'node:assert/strict';
import * as ecs from '@aws-sdk/client-ecs';
import * as ecr from '@aws-sdk/client-ecr';
import { NET, fargateRevision as td, useTestEmulator } from './harness';

const ECR_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app';

describe('emulator: deployments on the deterministic clock', function () {
  const t = useTestEmulator();

  async function service(cluster = 'c', name = 'web'): Promise<ecs.Service> {
    return (await t.ecs.send(new ecs.DescribeServicesCommand({ cluster, services: [name] }))).services![0];
  }

  async function steadyService(deploymentConfiguration: ecs.DeploymentConfiguration): Promise<void> {
    await t.control.reset('empty');
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(td('my-app:1.0.1')));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(td('my-app:1.0.2')));
    await t.ecs.send(
      new ecs.CreateServiceCommand({ cluster: 'c', serviceName: 'web', taskDefinition: 'web:1', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: NET, deploymentConfiguration }),
    );
    await t.control.advance(60_000);
    const svc = await service();
    assert.equal(svc.runningCount, 2);
    assert.equal(svc.deployments!.length, 1);
    assert.equal(svc.deployments![0].rolloutState, 'COMPLETED');
    assert.match(svc.events![0].message!, /^\(service web\) has reached a steady state\.$/);
  }

  it('rolls a service from revision 1 to 2 within 100%/200%, with ECS-like counts and events', async () => {
    await steadyService({ minimumHealthyPercent: 100, maximumPercent: 200 });
    const updated = (await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }))).service!;
    assert.equal(updated.deployments!.length, 2);
    const [primary, old] = updated.deployments!;
    assert.deepEqual([primary.status, primary.taskDefinition?.endsWith('web:2'), primary.rolloutState, primary.runningCount], ['PRIMARY', true, 'IN_PROGRESS', 0]);
    assert.deepEqual([old.status, old.taskDefinition?.endsWith('web:1'), old.runningCount], ['ACTIVE', true, 2]);

    await t.control.advance(2_000);
    let svc = await service();
    assert.equal(svc.deployments![0].pendingCount, 2, 'two new tasks are starting');
    assert.equal(svc.runningCount, 2);
    assert.match(svc.events![0].message!, /^\(service web\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);

    // Walk the rollout second by second: never below 100% healthy, never above 200% tasks.
    const seenRunning = new Set<number>();
    let stoppedEvent = false;
    for (let s = 0; s < 60; s++) {
      await t.control.advance(1_000);
      svc = await service();
      const tasks = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web' }));
      assert.ok(tasks.taskArns!.length <= 4, `at most 4 tasks at once (maximumPercent 200), got ${tasks.taskArns!.length}`);
      assert.ok(svc.runningCount! >= 2, 'never fewer than 2 running (minimumHealthyPercent 100)');
      seenRunning.add(svc.runningCount!);
      stoppedEvent ||= svc.events!.some((e) => /has stopped 2 running tasks/.test(e.message!));
    }
    assert.ok(seenRunning.has(4), 'old and new tasks ran side by side');
    assert.ok(stoppedEvent, 'the old tasks were stopped with an event');
    assert.equal(svc.deployments!.length, 1);
    assert.equal(svc.deployments![0].id, primary.id);
    assert.equal(svc.deployments![0].rolloutState, 'COMPLETED');
    assert.equal(svc.deployments![0].rolloutStateReason, `ECS deployment ${primary.id} completed.`);
    assert.equal(svc.runningCount, 2);
    assert.ok(svc.taskDefinition!.endsWith('web:2'));
    const messages = svc.events!.map((e) => e.message);
    assert.equal(messages[0], '(service web) has reached a steady state.');
    assert.equal(messages[1], `(service web) (deployment ${primary.id}) deployment completed.`);

    const stopped = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web', desiredStatus: 'STOPPED' }));
    const old2 = await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: stopped.taskArns }));
    assert.equal(old2.tasks!.length, 2);
    for (const task of old2.tasks!) {
      assert.equal(task.lastStatus, 'STOPPED');
      assert.equal(task.stopCode, 'ServiceSchedulerInitiated');
      assert.equal(task.stoppedReason, `Scaling activity initiated by (deployment ${primary.id})`);
      assert.ok(task.taskDefinitionArn!.endsWith('web:1'));
    }
    const history = await t.ecs.send(new ecs.ListServiceDeploymentsCommand({ cluster: 'c', service: 'web' }));
    assert.deepEqual(history.serviceDeployments!.map((d) => d.status), ['SUCCESSFUL', 'SUCCESSFUL']);
  });

  it('with 50%/100% replaces one task at a time', async () => {
    await steadyService({ minimumHealthyPercent: 50, maximumPercent: 100 });
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    let done = false;
    for (let s = 0; s < 180 && !done; s++) {
      await t.control.advance(1_000);
      const tasks = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web' }));
      assert.ok(tasks.taskArns!.length <= 2, 'never more than 2 tasks (maximumPercent 100)');
      const svc = await service();
      assert.ok(svc.runningCount! >= 1, 'never fewer than 1 running (minimumHealthyPercent 50)');
      done = svc.deployments!.length === 1 && svc.deployments![0].rolloutState === 'COMPLETED';
    }
    assert.ok(done, 'the deployment completed');
  });

  it('scales out and in by desiredCount, and forceNewDeployment replaces tasks on the same revision', async () => {
    await steadyService({ minimumHealthyPercent: 100, maximumPercent: 200 });
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', desiredCount: 4 }));
    await t.control.advance(2_000);
    let svc = await service();
    assert.equal(svc.deployments!.length, 1, 'a scale change is not a new deployment');
    assert.match(svc.events![0].message!, /^\(service web\) has started 2 tasks: /);
    await t.control.advance(40_000);
    svc = await service();
    assert.equal(svc.runningCount, 4);
    assert.equal(svc.events![0].message, '(service web) has reached a steady state.');
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', desiredCount: 1 }));
    await t.control.advance(2_000);
    svc = await service();
    assert.match(svc.events!.find((e) => /has stopped/.test(e.message!))!.message!, /^\(service web\) has stopped 3 running tasks: (\(task [0-9a-f]{32}\) ?){3}\.$/);
    await t.control.advance(30_000);
    const before = (await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web' }))).taskArns!;
    assert.equal(before.length, 1);
    const forced = await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', forceNewDeployment: true }));
    assert.equal(forced.service!.deployments!.length, 2);
    assert.equal(forced.service!.deployments![0].taskDefinition, forced.service!.deployments![1].taskDefinition);
    await t.control.advance(60_000);
    const after = (await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web' }))).taskArns!;
    assert.equal(after.length, 1);
    assert.notEqual(after[0], before[0], 'the task was replaced');
    svc = await service();
    assert.equal(svc.deployments!.length, 1);
    assert.equal(svc.deployments![0].rolloutState, 'COMPLETED');
  });

  it('trips the circuit breaker on an unpullable image and rolls back to the previous revision', async () => {
    await steadyService({ minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } });
    await t.ecr.send(new ecr.CreateRepositoryCommand({ repositoryName: 'my-app' }));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(td(`${ECR_IMAGE}:missing`)));
    const update = await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:3' }));
    const failing = update.service!.deployments![0];

    let failedSeen = false;
    for (let s = 0; s < 300; s++) {
      await t.control.advance(1_000);
      const svc = await service();
      const dep = svc.deployments!.find((d) => d.id === failing.id);
      if (dep?.rolloutState === 'FAILED') {
        failedSeen = true;
        assert.equal(dep.rolloutStateReason, 'ECS deployment circuit breaker: tasks failed to start.');
        assert.ok(dep.failedTasks! >= 3, 'threshold: at least 3 failed tasks');
        assert.equal(dep.status, 'ACTIVE', 'the failed deployment is no longer PRIMARY');
        assert.ok(svc.deployments![0].taskDefinition!.endsWith('web:1'), 'the rollback deployment runs the previous revision');
        assert.match(svc.deployments![0].rolloutStateReason!, /^ECS deployment circuit breaker: rolling back to deploymentId ecs-svc\/\d{19}\.$/);
        assert.ok(svc.runningCount! >= 2, 'the old tasks kept serving');
        break;
      }
    }
    assert.ok(failedSeen, 'the deployment failed');
    const failedTasks = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web', desiredStatus: 'STOPPED' }));
    const described = await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: failedTasks.taskArns }));
    const pullFailure = described.tasks!.find((x) => x.stopCode === 'TaskFailedToStart')!;
    assert.match(pullFailure.stoppedReason!, /^CannotPullContainerError: .*my-app:missing.*not found$/);
    assert.match(pullFailure.containers![0].reason!, /CannotPullContainerError/);

    await t.control.advance(120_000);
    const svc = await service();
    assert.equal(svc.deployments!.length, 1);
    assert.ok(svc.taskDefinition!.endsWith('web:1'));
    assert.notEqual(svc.deployments![0].id, failing.id);
    assert.equal(svc.deployments![0].rolloutState, 'COMPLETED');
    assert.equal(svc.runningCount, svc.desiredCount);
    const messages = svc.events!.map((e) => e.message!);
    assert.ok(messages.includes(`(service web) (deployment ${failing.id}) deployment failed: tasks failed to start.`));
    assert.ok(messages.some((m) => /^\(service web\) rolling back to deployment ecs-svc\/\d+\.$/.test(m)));

    // Exactly the case where a naive waiter reports success: one deployment, running == desired.
    const waited = await ecs.waitUntilServicesStable({ client: t.ecs, maxWaitTime: 30, minDelay: 1 }, { cluster: 'c', services: ['web'] });
    assert.equal(waited.state, 'SUCCESS');
    const history = await t.ecs.send(new ecs.ListServiceDeploymentsCommand({ cluster: 'c', service: 'web' }));
    assert.equal(history.serviceDeployments![0].status, 'ROLLBACK_SUCCESSFUL');
    const detail = await t.ecs.send(new ecs.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [history.serviceDeployments![0].serviceDeploymentArn!] }));
    const sd = detail.serviceDeployments![0];
    assert.equal(sd.deploymentCircuitBreaker?.status, 'TRIGGERED');
    assert.ok(sd.deploymentCircuitBreaker!.failureCount! >= 3);
    assert.equal(sd.deploymentCircuitBreaker?.threshold, 3);
    assert.ok(sd.rollback?.reason);
  });

  it('tasks failing their container health checks are stopped and trip the circuit breaker', async () => {
    await steadyService({ minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } });
    await t.control.markImageUnhealthy('my-app:1.0.2');
    const update = await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    const failing = update.service!.deployments![0];
    await t.control.advance(20_000);
    const starting = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web' }));
    const running = (await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: starting.taskArns }))).tasks!.filter((x) => x.taskDefinitionArn!.endsWith('web:2'));
    assert.ok(running.every((x) => x.lastStatus === 'RUNNING' && x.healthStatus === 'UNKNOWN'), 'they run, health unknown yet');
    await t.control.advance(300_000);
    const svc = await service();
    assert.ok(svc.taskDefinition!.endsWith('web:1'), 'rolled back');
    assert.ok(svc.events!.some((e) => e.message === `(service web) (deployment ${failing.id}) deployment failed: tasks failed to start.`));
    const stopped = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web', desiredStatus: 'STOPPED' }));
    const tasks = (await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: stopped.taskArns }))).tasks!;
    const unhealthy = tasks.filter((x) => x.stoppedReason === 'Task failed container health checks');
    assert.ok(unhealthy.length >= 3);
    assert.equal(unhealthy[0].healthStatus, 'UNHEALTHY');
    assert.equal(unhealthy[0].containers![0].healthStatus, 'UNHEALTHY');
    await t.control.markImageUnhealthy('my-app:1.0.2', false);
  });

  it('crashing tasks stop with "Essential container in task exited"; without rollback the deployment stays FAILED', async () => {
    await steadyService({ minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: false } });
    await t.control.markImageCrashing('my-app:1.0.2');
    const update = await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: 'web:2' }));
    const failing = update.service!.deployments![0];
    await t.control.advance(300_000);
    const svc = await service();
    const dep = svc.deployments!.find((d) => d.id === failing.id)!;
    assert.equal(dep.rolloutState, 'FAILED');
    assert.equal(dep.status, 'PRIMARY');
    assert.equal(svc.runningCount, 2, 'the old revision keeps running');
    const stopped = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web', desiredStatus: 'STOPPED' }));
    const tasks = (await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: stopped.taskArns }))).tasks!;
    assert.ok(tasks.length >= 3);
    for (const task of tasks) {
      assert.equal(task.stoppedReason, 'Essential container in task exited');
      assert.equal(task.stopCode, 'EssentialContainerExited');
      assert.equal(task.containers![0].exitCode, 1);
    }
    const before = tasks.length;
    await t.control.advance(120_000);
    const after = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'c', serviceName: 'web', desiredStatus: 'STOPPED' }));
    assert.equal(after.taskArns!.length, before, 'no more launches after the breaker tripped');
  });
});
