// A service's Deployments node in the real extension host, against the emulator: the deployments it
// runs now, then its service deployments newest first (revision, strategy, status, start, duration),
// ten at a time with "Load more…"; a canary shows its stage while it runs and the rollback reason after
// StopServiceDeployment ROLLBACK.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as ecs from '@aws-sdk/client-ecs';
import { children, connectToEmulator, find, nodeAt, openDemo, type TreeNode } from './fixtures';
import { EmulatorControl } from '../emulator/control';
import { waitFor } from './wait';

type Node = TreeNode;
const kids = (node?: Node): Promise<Node[]> => children('clusters', node);
const path = (...labels: (string | RegExp)[]): Promise<Node> => nodeAt('clusters', ...labels);

// A service deployment row carries its state for its context menu (deploymentViews.test.ts).
const isHistoryRow = (n: Node): boolean => /^ecsWorkbench\.deployment\.(inprogress|paused|stopping|current|successful|rolledback|failed|stopped|superseded)$/.test(n.contextValue);

suite('explorer: deployment history', function () {
  this.timeout(60_000);
  let control: EmulatorControl;
  let east: ecs.ECSClient;
  let west: ecs.ECSClient;

  suiteSetup(async function () {
    control = await connectToEmulator();
    east = new ecs.ECSClient({ region: 'us-east-1' });
    west = new ecs.ECSClient({ region: 'us-west-2' });
  });

  suiteTeardown(async () => {
    east?.destroy();
    west?.destroy();
    await control?.reset('demo');
    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
    await vscode.commands.executeCommand('ecsWorkbench.refresh');
  });

  setup(async () => {
    await openDemo(control);
  });

  test('the current deployments, then the service deployments newest first, 10 a page with "Load more…"', async () => {
    // Twelve more deployments of production/web, alternating revisions: most run a minute (and end
    // SUCCESSFUL), every third is replaced after a second (STOPPED by the next one).
    for (let i = 0; i < 12; i++) {
      await east.send(new ecs.UpdateServiceCommand({ cluster: 'production', service: 'web', taskDefinition: i % 2 ? 'web:2' : 'web:3' }));
      await control.advance(i % 3 === 0 ? 1_000 : 60_000);
    }
    const listed = [];
    let token: string | undefined;
    do {
      const page = await east.send(new ecs.ListServiceDeploymentsCommand({ cluster: 'production', service: 'web', nextToken: token }));
      listed.push(...(page.serviceDeployments ?? []));
      token = page.nextToken;
    } while (token);
    assert.ok(listed.length >= 13, `${listed.length} service deployments`);
    await vscode.commands.executeCommand('ecsWorkbench.refresh');

    const deployments = await path('production', 'Services', 'web', 'Deployments');
    await control.resetCallCounts();
    let rows = await kids(deployments);
    // What the service runs now comes first (deployments[]), as before.
    assert.match(rows[0].label, /^PRIMARY web:[23]$/);
    let history = rows.filter(isHistoryRow);
    assert.equal(history.length, 10, rows.map((r) => r.label).join('\n'));
    assert.deepEqual(await control.callCounts(), { ListServiceDeployments: 1, DescribeServiceDeployments: 1, DescribeServiceRevisions: 1 });
    // Newest first, as ECS lists them; each row: revision · status, then strategy, start, duration.
    assert.deepEqual(history.map((r) => r.tooltip?.split('\n')[0]), listed.slice(0, 10).map((b) => b.serviceDeploymentArn));
    for (const row of history) {
      assert.match(row.label, /^web:[123] · (SUCCESSFUL|STOPPED|IN_PROGRESS \(\w+\)|IN_PROGRESS)$/);
      assert.match(row.description ?? '', /^ROLLING · started \S.* · (\d+ (s|min)|.*so far)/);
      assert.match(row.tooltip ?? '', /Strategy: ROLLING\nStarted /);
    }
    assert.match(history[0].label, /^web:2 · /, 'the newest deployment targets web:2');
    assert.ok(history.slice(1).some((r) => /· STOPPED$/.test(r.label)), 'a deployment replaced by the next one is STOPPED');
    assert.ok(history.some((r) => /· SUCCESSFUL$/.test(r.label)), 'one that ran to its end is SUCCESSFUL');
    assert.ok(history.slice(1).some((r) => /Stopped because a new deployment started/.test(r.tooltip ?? '')), 'its reason is in the tooltip');
    const more = rows[rows.length - 1];
    assert.equal(more.contextValue, 'ecsWorkbench.node.loadMore');

    await vscode.commands.executeCommand(more.command!.command, ...(more.command!.args ?? []));
    rows = await kids(deployments);
    history = rows.filter(isHistoryRow);
    assert.equal(history.length, listed.length, 'all service deployments after "Load more"');
    assert.deepEqual(history.map((r) => r.tooltip?.split('\n')[0]), listed.map((b) => b.serviceDeploymentArn));
    assert.notEqual(rows[rows.length - 1].contextValue, 'ecsWorkbench.node.loadMore', 'no "Load more" after the last page');
  });

  test('a canary shows its strategy and stage while it runs, and the rollback reason once stopped', async () => {
    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-west-2');
    await west.send(new ecs.UpdateServiceCommand({ cluster: 'storefront', service: 'web', taskDefinition: 'web:3' }));
    // Into the canary step: 10 % of production traffic on web:3 for 5 minutes.
    await waitFor('the canary step', async () => {
      await control.advance(20_000);
      const sd = await currentServiceDeployment();
      return sd?.lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT' && sd.targetServiceRevision?.requestedProductionTrafficWeight === 10;
    });
    await vscode.commands.executeCommand('ecsWorkbench.refresh');
    let rows = await kids(await path('storefront', 'Services', 'web', 'Deployments'));
    const running = rows.filter(isHistoryRow)[0];
    assert.equal(running.label, 'web:3 · IN_PROGRESS (PRODUCTION_TRAFFIC_SHIFT)');
    assert.match(running.description ?? '', /^CANARY · started .* so far$/);
    assert.match(running.tooltip ?? '', /Production traffic: 10 %/);

    const sd = await currentServiceDeployment();
    await west.send(new ecs.StopServiceDeploymentCommand({ serviceDeploymentArn: sd!.serviceDeploymentArn, stopType: 'ROLLBACK' }));
    await waitFor('the rollback to end', async () => {
      await control.advance(20_000);
      return (await currentServiceDeployment(sd!.serviceDeploymentArn))?.status === 'ROLLBACK_SUCCESSFUL';
    });
    await vscode.commands.executeCommand('ecsWorkbench.refresh');
    rows = await kids(await path('storefront', 'Services', 'web', 'Deployments'));
    const rolledBack = find(rows.filter(isHistoryRow), /^web:3 · /);
    assert.equal(rolledBack.label, 'web:3 · ROLLBACK_SUCCESSFUL');
    assert.match(rolledBack.description ?? '', /^CANARY · started .* · \d+ (s|min)/);
    assert.match(rolledBack.tooltip ?? '', /Rolled back: .*StopServiceDeployment/);
  });

  async function currentServiceDeployment(arn?: string): Promise<ecs.ServiceDeployment | undefined> {
    const which = arn ?? (await west.send(new ecs.DescribeServicesCommand({ cluster: 'storefront', services: ['web'] }))).services?.[0]?.currentServiceDeployment;
    if (!which) return undefined;
    return (await west.send(new ecs.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [which] }))).serviceDeployments?.[0];
  }
});
