// Blue/green, linear and canary deployments followed and steered inside the real extension host,
// against the emulator: blue/green completes only after its bake; a PAUSE hook is reported as waiting
// and completes after Continue; a canary stopped with ROLLBACK ends rolledBack; an alarm and a failing
// Lambda hook each end rolledBack with the reason; a CODE_DEPLOY service gets a clear message. The
// emulator's clock is pushed forward while the extension polls in real time.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as ecs from '@aws-sdk/client-ecs';
import type { EmulatorControl } from '../emulator/control';
import { connectToEmulator, extensionApi } from './fixtures';
import type { DeployState } from '../../src/deploy/api';

interface Outcome {
  outcome: string;
  reason?: string;
  strategy: string;
  stages: string[];
  serviceTaskDefinition?: string;
}


const CLUSTER = 'progressive';
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test';
const NET = { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } };

function revision(image: string): ecs.RegisterTaskDefinitionCommandInput {
  return {
    family: 'shop', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512',
    containerDefinitions: [{ name: 'shop', image, essential: true, healthCheck: { command: ['CMD-SHELL', 'true'] } }],
  };
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

suite('deploy: blue/green, linear and canary', function () {
  this.timeout(180_000);
  let control: EmulatorControl;
  let client: ecs.ECSClient;
  let advancing = false;
  let loop: Promise<void> | undefined;

  /** Moves the emulator's clock `stepMs` every ~100 ms until stopped. */
  function startAdvancing(stepMs: number): void {
    advancing = true;
    loop = (async () => {
      while (advancing) {
        await control.advance(stepMs).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
  }
  async function stopAdvancing(): Promise<void> {
    advancing = false;
    await loop;
  }

  async function service(name: string, deploymentConfiguration: ecs.DeploymentConfiguration, extra: Partial<ecs.CreateServiceCommandInput> = {}): Promise<void> {
    await client.send(new ecs.CreateServiceCommand({
      cluster: CLUSTER, serviceName: name, taskDefinition: 'shop:1', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: NET, deploymentConfiguration, ...extra,
    }));
    startAdvancing(10_000);
    try {
      await until(`${name} steady`, async () => {
        const s = (await client.send(new ecs.DescribeServicesCommand({ cluster: CLUSTER, services: [name] }))).services?.[0];
        return s?.deployments?.length === 1 && s.deployments[0].rolloutState === 'COMPLETED' ? true : undefined;
      });
    } finally {
      await stopAdvancing();
    }
  }

  function deploy(name: string): Thenable<Outcome> {
    return vscode.commands.executeCommand<Outcome>('ecsWorkbench.deployService', { cluster: CLUSTER, service: name, taskDefinition: 'shop:2' });
  }

  async function state(): Promise<DeployState> {
    return (await extensionApi()).deploy.state();
  }

  suiteSetup(async function () {
    control = await connectToEmulator('empty');
    client = new ecs.ECSClient({ region: 'us-east-1' });
    await client.send(new ecs.CreateClusterCommand({ clusterName: CLUSTER }));
    await client.send(new ecs.RegisterTaskDefinitionCommand(revision('shop:1')));
    await client.send(new ecs.RegisterTaskDefinitionCommand(revision('shop:2')));
  });

  suiteTeardown(async () => {
    await stopAdvancing();
    client?.destroy();
  });

  test('blue/green: in progress through the bake (the status bar shows it), completed only after it', async () => {
    await service('bluegreen', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 10 });
    const result = deploy('bluegreen');
    // Slowly up to the bake: the status bar names it while ECS bakes, and the command has not resolved.
    startAdvancing(5_000);
    let resolved = false;
    void Promise.resolve(result).then(() => (resolved = true));
    const baking = await until('the bake in the status bar', async () => {
      const s = await state();
      return s.watches.find((w) => w.service === 'bluegreen' && w.stage === 'BAKE_TIME') ? s : undefined;
    });
    await stopAdvancing();
    assert.match(baking.watches.find((w) => w.service === 'bluegreen')!.label, /^bluegreen → shop:2 · bake [\d:]+$/);
    assert.equal(resolved, false, 'not completed during BAKE_TIME');
    startAdvancing(30_000);
    const outcome = await result;
    await stopAdvancing();
    assert.equal(outcome.outcome, 'completed', outcome.reason);
    assert.equal(outcome.strategy, 'BLUE_GREEN');
    assert.ok(outcome.stages.indexOf('PRODUCTION_TRAFFIC_SHIFT') >= 0 && outcome.stages.indexOf('PRODUCTION_TRAFFIC_SHIFT') < outcome.stages.indexOf('BAKE_TIME'), outcome.stages.join(' → '));
    assert.equal(outcome.stages[outcome.stages.length - 1], 'CLEAN_UP');
  });

  test('a PAUSE hook is reported as waiting for you, and the deployment completes after Continue', async () => {
    await service('paused', {
      strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0,
    });
    await client.send(new ecs.UpdateServiceCommand({
      cluster: CLUSTER, service: 'paused',
      deploymentConfiguration: { lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 600, action: 'ROLLBACK' } }] },
    }));
    const result = deploy('paused');
    startAdvancing(5_000);
    const waiting = await until('the paused state', async () => {
      const s = await state();
      return s.watches.find((w) => w.service === 'paused' && w.waiting) ? s : undefined;
    });
    await stopAdvancing();
    const watch = waiting.watches.find((w) => w.service === 'paused')!;
    assert.equal(watch.label, 'paused → shop:2 · paused: continue?');
    assert.equal(watch.phase, 'inProgress');
    assert.match(watch.reason ?? '', /waits for you at POST_TEST_TRAFFIC_SHIFT: continue or roll back within \d+:\d\d:\d\d, then it will roll back by itself/);
    const accepted = await vscode.commands.executeCommand<{ serviceDeploymentArn: string; action: string }>('ecsWorkbench.continueDeployment', { cluster: CLUSTER, service: 'paused' });
    assert.equal(accepted.action, 'CONTINUE');
    assert.match(accepted.serviceDeploymentArn, /service-deployment\/progressive\/paused\//);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.continueDeployment', { cluster: CLUSTER, service: 'paused' })),
      /does not wait for anyone|no deployment in progress/,
    );
    startAdvancing(10_000);
    const outcome = await result;
    await stopAdvancing();
    assert.equal(outcome.outcome, 'completed', outcome.reason);
    assert.ok(outcome.stages.includes('POST_TEST_TRAFFIC_SHIFT'));
  });

  test('a canary stopped with ROLLBACK ends rolledBack', async () => {
    await service('canary', { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 30 }, bakeTimeInMinutes: 0 });
    const result = deploy('canary');
    startAdvancing(5_000);
    const canary = await until('the canary stage', async () => {
      const s = await state();
      return s.watches.find((w) => /^canary → shop:2 · canary 10 % · bake [\d:]+$/.test(w.label)) ? s : undefined;
    });
    await stopAdvancing();
    assert.ok(canary.watches.some((w) => w.service === 'canary' && w.stage === 'PRODUCTION_TRAFFIC_SHIFT'));
    const stopped = await vscode.commands.executeCommand<{ stopType: string }>('ecsWorkbench.stopDeployment', { cluster: CLUSTER, service: 'canary', stopType: 'ROLLBACK' });
    assert.equal(stopped.stopType, 'ROLLBACK');
    startAdvancing(5_000);
    const outcome = await result;
    await stopAdvancing();
    assert.equal(outcome.outcome, 'rolledBack', outcome.reason);
    assert.equal(outcome.strategy, 'CANARY');
    assert.match(outcome.reason ?? '', /StopServiceDeployment/);
  });

  test('an alarm in ALARM and a failing Lambda hook each end rolledBack, with the reason', async () => {
    await service('alarmed', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 20, alarms: { alarmNames: ['shop-5xx'], enable: true, rollback: true } });
    const result = deploy('alarmed');
    startAdvancing(5_000);
    await until('the bake', async () => ((await state()).watches.find((w) => w.service === 'alarmed' && w.stage === 'BAKE_TIME') ? true : undefined));
    await control.setAlarm('shop-5xx', 'ALARM');
    const outcome = await result;
    await stopAdvancing();
    await control.setAlarm('shop-5xx', 'OK');
    assert.equal(outcome.outcome, 'rolledBack', outcome.reason);
    assert.match(outcome.reason ?? '', /shop-5xx in ALARM/);

    await service('hooked', {
      strategy: 'LINEAR', linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 }, bakeTimeInMinutes: 0,
    });
    await client.send(new ecs.UpdateServiceCommand({
      cluster: CLUSTER, service: 'hooked',
      deploymentConfiguration: { lifecycleHooks: [{ targetType: 'AWS_LAMBDA', hookTargetArn: LAMBDA, roleArn: 'arn:aws:iam::123456789012:role/hooks', lifecycleStages: ['POST_SCALE_UP'] }] },
    }));
    await control.failHook(LAMBDA);
    startAdvancing(5_000);
    const failed = await deploy('hooked');
    await stopAdvancing();
    await control.failHook(LAMBDA, false);
    assert.equal(failed.outcome, 'rolledBack', failed.reason);
    assert.equal(failed.strategy, 'LINEAR');
    assert.match(failed.reason ?? '', /smoke-test failed at stage POST_SCALE_UP/);
  });

  test('a CODE_DEPLOY service: Deploy Service says why it cannot, and changes nothing', async () => {
    await client.send(new ecs.CreateServiceCommand({
      cluster: CLUSTER, serviceName: 'codedeploy', taskDefinition: 'shop:1', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NET, deploymentController: { type: 'CODE_DEPLOY' },
    }));
    await control.resetCallCounts();
    await assert.rejects(Promise.resolve(deploy('codedeploy')), /CODE_DEPLOY deployment controller: AWS CodeDeploy deploys it/);
    assert.equal((await control.callCounts()).UpdateService ?? 0, 0, 'no UpdateService was sent');
  });
});
