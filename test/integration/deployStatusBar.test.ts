// The deployments status bar in the real extension host, against the emulator (demo seed, whose
// clusters production and staging both have a service `web`): one entry per followed service, each
// naming its cluster when the service name is followed in both, each with the state observed for that
// service's latest deployment; a newer deployment of a service replaces its entry, however the
// cluster was written (name or ARN) and whether the region was given.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EmulatorControl } from '../emulator/control';
import { connectToEmulator, extensionApi, nodeAt, type TreeNode } from './fixtures';
import { waitFor, whileAdvancing } from './wait';

interface DeployOutcome {
  outcome: string;
  taskDefinitionArn: string;
  reason?: string;
}

const CLUSTER_ARN = (name: string) => `arn:aws:ecs:us-east-1:123456789012:cluster/${name}`;

async function webEntries(): Promise<{ cluster: string; label: string; phase: string }[]> {
  const state = (await extensionApi()).deploy.state();
  return state.watches.filter((w) => w.service === 'web').map(({ cluster, label, phase }) => ({ cluster, label, phase }));
}

/** The Clusters view's node at a path of labels (cluster, Services, service). */
const treeNode = (...labels: string[]): Promise<TreeNode> => nodeAt('clusters', ...labels);

function deploy(args: Record<string, unknown>): Promise<DeployOutcome> {
  return Promise.resolve(vscode.commands.executeCommand<DeployOutcome>('ecsWorkbench.deployService', args));
}

suite('deploy status bar', function () {
  this.timeout(120_000);
  let control: EmulatorControl;

  suiteSetup(async function () {
    control = await connectToEmulator('demo');
    // Let staging finish the deployment the demo seed started.
    await control.advance(10 * 60_000);
  });

  suiteTeardown(async () => {
    await control?.reset('demo');
  });

  test('one entry per service: web in production and web in staging each name their cluster and their own outcome', async () => {
    const done = await whileAdvancing(control, () => deploy({ cluster: 'production', service: 'web', taskDefinition: 'web:3' }));
    assert.equal(done.outcome, 'completed', done.reason);

    await control.markImageCrashing('my-app:crash');
    const crashing = await vscode.commands.executeCommand<{ taskDefinitionArn: string }>('ecsWorkbench.updateImage', {
      taskDefinition: 'web:3', containerName: 'web', image: 'my-app:crash',
    });
    const crash = crashing.taskDefinitionArn.split('/').pop();
    // The cluster as an ARN and the region given: still the staging entry of web, not a third one.
    const failed = await whileAdvancing(control, () =>
      deploy({ cluster: CLUSTER_ARN('staging'), service: 'web', taskDefinition: crashing.taskDefinitionArn, region: 'us-east-1' }),
    );
    assert.equal(failed.outcome, 'rolledBack', failed.reason);

    const entries = await webEntries();
    assert.equal(entries.length, 2, JSON.stringify(entries));
    const production = entries.find((e) => e.label.startsWith('web (production)'));
    const staging = entries.find((e) => e.label.startsWith('web (staging)'));
    assert.deepEqual(production, { cluster: 'production', label: 'web (production) → web:3 · deployed', phase: 'completed' });
    assert.ok(staging, JSON.stringify(entries));
    assert.equal(staging.phase, 'rolledBack');
    assert.match(staging.label, /^web \(staging\): rolled back to web:\d+$|^web \(staging\) → .* · rolled back$/);
    assert.doesNotMatch(staging.label, new RegExp(`${crash} · deployed`));
    const text = (await extensionApi()).deploy.state().text;
    assert.match(text, /\$\(pass-filled\) web \(production\) → web:3 · deployed/);
    assert.match(text, /\$\(history\) web \(staging\)/);
  });

  test('a newer deployment of a service replaces its entry, written with the cluster ARN', async () => {
    const again = await whileAdvancing(control, () =>
      deploy({ cluster: CLUSTER_ARN('production'), service: 'web', taskDefinition: 'web:2', region: 'us-east-1' }),
    );
    assert.equal(again.outcome, 'completed', again.reason);
    const entries = await webEntries();
    assert.equal(entries.length, 2, JSON.stringify(entries));
    assert.ok(entries.some((e) => e.label === 'web (production) → web:2 · deployed'), JSON.stringify(entries));
    assert.ok(!entries.some((e) => /web:3 · deployed/.test(e.label)), `the older deployment's entry is gone: ${JSON.stringify(entries)}`);
  });

  test('the Clusters view: staging web says it rolled back, and why; production web, deployed since, does not', async () => {
    await vscode.commands.executeCommand('ecsWorkbench.refresh');
    const staging = await waitFor('staging web shows its rollback', async () => {
      const n = await treeNode('staging', 'Services', 'web');
      if (!/rolled back /.test(n.description ?? '')) throw new Error(`description: ${n.description}`);
      return n;
    });
    assert.match(staging.tooltip ?? '', /Last deployment rolled back .*deployment failed: tasks failed to start\. .*rolling back to deployment/s);
    const production = await treeNode('production', 'Services', 'web');
    assert.doesNotMatch(production.description ?? '', /rolled back|failed/);
  });
});
