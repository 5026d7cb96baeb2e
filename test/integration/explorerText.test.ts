// What the explorer says about times and empty regions (issue 17: "event tooltips show raw UTC
// times; the empty-region message does not name the region"), in the real extension host on the
// demo seed: a service event's tooltip is its time in the host's time zone with the zone named, then
// ECS's message; a region with no clusters, task definitions or repositories is named in the view's
// title ("none in eu-north-1", beside the static welcome text) and, with several regions listed, in
// the empty region's row ("No clusters in eu-west-1").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { EmulatorControl } from '../emulator/control';
import { clustersPath, explorerApi, onDemoSeed, type TreeNode } from './fixtures';
import { waitFor } from './wait';

/** The children of a node of a view, once loaded. */
async function kids(view: string, parent?: TreeNode): Promise<TreeNode[]> {
  return ((await (await explorerApi()).inspect(view, parent?.id)) ?? []) as TreeNode[];
}

/** The view's title description as the view shows it. */
async function description(view: string): Promise<string | undefined> {
  return (await explorerApi()).state().views.find((v) => v.view === view)?.description;
}

suite('explorer text', function () {
  this.timeout(60_000);
  let control: EmulatorControl;

  suiteSetup(async () => {
    control = await onDemoSeed();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('ecsWorkbench').update('regions', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
    await control?.reset('demo');
  });

  test('a service event\'s tooltip is its local time with the zone named, then the message; never an ISO UTC string', async () => {
    const sdk = new ECSClient({ region: 'us-east-1' });
    let events: { id?: string; message?: string; createdAt?: Date }[];
    try {
      events = (await sdk.send(new DescribeServicesCommand({ cluster: 'production', services: ['web'] }))).services?.[0]?.events ?? [];
    } finally {
      sdk.destroy();
    }
    assert.ok(events.length >= 2, `the demo seed's production/web has events: ${events.length}`);
    const rows = await kids('clusters', await clustersPath('production', 'Services', /^web$/, 'Events'));
    assert.equal(rows.length, Math.min(events.length, 25));
    for (const [i, e] of events.slice(0, 5).entries()) {
      // Medium date, long time (with the zone) in the host's time zone: "Dec 6, 2026, 1:04:05 PM UTC".
      const local = e.createdAt!.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
      assert.equal(rows[i].tooltip, `${local}\n${e.message}`);
      assert.doesNotMatch(rows[i].tooltip ?? '', /\d{4}-\d\d-\d\dT\d\d:\d\d/, 'no raw ISO timestamp');
    }
  });

  test('a region with none: each view\'s title names the region', async () => {
    try {
      await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'eu-north-1');
      for (const view of ['clusters', 'taskDefinitions', 'repositories']) {
        assert.deepEqual(await kids(view), [], `${view}: the welcome content shows`);
        await waitFor(`the ${view} view's title names eu-north-1`, async () => (await description(view)) === 'none in eu-north-1');
      }
    } finally {
      await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
    }
    await waitFor('back in us-east-1, the title says nothing of the kind', async () => (await kids('clusters')).length === 2 && (await description('clusters')) === undefined);
  });

  test('several regions: the empty region\'s row names it', async () => {
    try {
      await vscode.workspace.getConfiguration('ecsWorkbench').update('regions', ['us-east-1', 'eu-west-1'], vscode.ConfigurationTarget.Global);
      const expected = { clusters: 'No clusters in eu-west-1', taskDefinitions: 'No task definitions in eu-west-1', repositories: 'No ECR repositories in eu-west-1' };
      for (const [view, text] of Object.entries(expected)) {
        const roots = await waitFor(`the ${view} view lists both regions`, async () => {
          const nodes = await kids(view);
          return nodes.length === 2 && nodes[1].label === 'eu-west-1' && nodes;
        });
        const rows = await kids(view, roots[1]);
        assert.deepEqual(rows.map((r) => [r.label, r.contextValue]), [[text, 'ecsWorkbench.node.empty']]);
      }
    } finally {
      await vscode.workspace.getConfiguration('ecsWorkbench').update('regions', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
