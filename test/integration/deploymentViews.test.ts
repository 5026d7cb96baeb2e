// Deployments a user can read and act on (issue 17), in the real extension host against the emulator
// (demo seed, production/web): Show Deployments opens a readable document that updates while the
// deployment runs; a deployment replaced by a newer one ends "superseded" and one stopped by the user
// "stopped" (their own words, not "failed"), while the command still resolves `failed`; a deployment
// row's context menu offers what applies to its state, and those commands work from the row.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as ecs from '@aws-sdk/client-ecs';
import type { EmulatorControl } from '../emulator/control';
import { EXTENSION_ID, explorerApi, extensionApi, onDemoSeed, type TreeNode } from './fixtures';
import { waitFor, whileAdvancing } from './wait';

interface Outcome { outcome: string; ended?: string; reason?: string; taskDefinitionArn: string }

const KEY = 'us-east-1|production|web';

function deploy(taskDefinition: string): Thenable<Outcome> {
  return vscode.commands.executeCommand<Outcome>('ecsWorkbench.deployService', { cluster: 'production', service: 'web', taskDefinition });
}

async function watch() {
  return (await extensionApi()).deploy.state().watches.find((w) => w.service === 'web' && w.cluster === 'production');
}

/** The rows under production/web/Deployments, loaded again. */
async function deploymentRows(): Promise<TreeNode[]> {
  const explorer = await explorerApi();
  const path = ['production', 'Services', 'web', 'Deployments'];
  let node: TreeNode | undefined;
  for (const label of path) {
    const kids = ((await explorer.inspect('clusters', node?.id, { expand: false })) ?? []) as TreeNode[];
    node = kids.find((k) => k.label === label);
    assert.ok(node, `no ${label} in [${kids.map((k) => k.label).join(', ')}]`);
  }
  return ((await explorer.inspect('clusters', node!.id, { expand: false })) ?? []) as TreeNode[];
}

/** The commands of the Clusters view's context menu shown for a row (package.json `view/item/context`). */
function menuFor(contextValue: string): string[] {
  const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string }[];
  return menus
    .filter((m) => {
      const match = /viewItem =~ \/(.*)\/(?:$| )/.exec(m.when) ?? /viewItem =~ \/(.*)\//.exec(m.when);
      return match ? new RegExp(match[1]).test(contextValue) : m.when.includes(`viewItem == ${contextValue}`);
    })
    .map((m) => m.command);
}

function documentText(uri: vscode.Uri | undefined): string {
  assert.ok(uri, 'the command returned the document it opened');
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  assert.ok(doc, `${uri} is open`);
  assert.equal(doc.languageId, 'markdown');
  return doc.getText();
}

suite('deployments a user can read and act on', function () {
  this.timeout(120_000);
  let control: EmulatorControl;
  let sdk: ecs.ECSClient;
  const window = vscode.window as { showWarningMessage: unknown };
  const original = window.showWarningMessage;
  /** The modal confirmations asked, answered with the button named `answer`. */
  const asked: string[] = [];
  let answer = '';

  suiteSetup(async () => {
    control = await onDemoSeed();
    sdk = new ecs.ECSClient({ region: 'us-east-1' });
    await control.advance(10 * 60_000); // staging finishes the deployment the seed started
    // Earlier suites' finished deployments of web leave the status bar once their entry is shown.
    for (const key of ['us-east-1|staging|web', KEY]) await vscode.commands.executeCommand('ecsWorkbench.deploy.showDeployments', key);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  setup(() => {
    asked.length = 0;
    window.showWarningMessage = async (message: string, options: unknown, ...items: string[]) => {
      if (typeof options === 'object' && options && (options as { modal?: boolean }).modal) {
        asked.push(message);
        return items.find((i) => i === answer);
      }
      return undefined;
    };
  });

  teardown(() => {
    window.showWarningMessage = original;
  });

  suiteTeardown(async () => {
    window.showWarningMessage = original;
    sdk?.destroy();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await control?.reset('demo');
  });

  test('Show Deployments opens a readable document of the followed deployment, updated until it ends', async () => {
    const done = deploy('web:3');
    await waitFor('the deployment in the status bar', async () => (await watch())?.phase === 'inProgress');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('ecsWorkbench.deploy.showDeployments', KEY);
    const running = documentText(uri);
    assert.match(running, /^# Deployments\n\nUpdated .+ \(local time\)\. The deployments still running are followed: this document updates as they go on\.\n/);
    assert.match(running, /\n## web \(production\) → web:3( · [^\n]+)?\n/);
    for (const line of ['| Service  | web |', '| Cluster  | production |', '| Region   | us-east-1 |', '| Revision | web:2 → web:3 |', '| Strategy | ROLLING |', '| Outcome  | not ended yet |', '| Watching | followed: this document updates |']) {
      assert.ok(running.includes(`\n${line}\n`), `${line} in\n${running}`);
    }
    assert.match(running, /\n\| Phase {4}\| deploying \|\n/);
    assert.match(running, /\n\| Duration \| \d+ s so far \|\n/);

    const outcome = await whileAdvancing(control, () => done);
    assert.equal(outcome.outcome, 'completed', outcome.reason);
    const ended = await waitFor('the document to show the end', () => {
      const text = documentText(uri);
      return text.includes('\n| Outcome  | deployed |\n') ? text : undefined;
    });
    assert.match(ended, /\n## web \(production\) → web:3 · deployed\n/);
    assert.match(ended, /\n\| Phase {4}\| deployed \|\n/);
    assert.match(ended, /\n\| Tasks {4}\| 2\/2 new tasks running \|\n/);
    assert.match(ended, /\n\| Started {2}\| .+\d{1,2}:\d\d:\d\d.* \|\n/);
    assert.match(ended, /\n\| Duration \| \d+ (s|min[^|]*) \|\n/);
    assert.match(ended, /\n\| Watching \| ended \|\n/);
    assert.match(ended, /\n### Events seen \([1-9]\d*\)\n\n- .+: \(service web\) /);
    assert.ok(!ended.includes('so far'), ended);
  });

  test('a deployment replaced by a newer one ends "superseded", not failed; the command still resolves failed', async () => {
    const done = deploy('web:2');
    await waitFor('our deployment in progress', async () => (await watch())?.phase === 'inProgress');
    // Someone else deploys while ours runs.
    await sdk.send(new ecs.UpdateServiceCommand({ cluster: 'production', service: 'web', taskDefinition: 'web:3', forceNewDeployment: true }));
    const outcome = await whileAdvancing(control, () => done);
    assert.deepEqual([outcome.outcome, outcome.ended], ['failed', 'superseded']);
    const w = await watch();
    assert.equal(w?.label, 'web → web:2 · superseded');
    assert.equal(w?.phase, 'superseded');
    assert.match(w?.reason ?? '', /^Superseded: /);
    assert.match((await extensionApi()).deploy.state().text, /\$\(arrow-swap\) web → web:2 · superseded/);
    // The other deployment runs to its end.
    await whileAdvancing(control, () => waitFor('the service steady', async () => {
      const s = (await sdk.send(new ecs.DescribeServicesCommand({ cluster: 'production', services: ['web'] }))).services?.[0];
      return s?.deployments?.length === 1 && s.deployments[0].rolloutState === 'COMPLETED';
    }));
  });

  test('a deployment row\'s menu: Stop on one in progress ends it "stopped"; Show Details, Copy ARN and Roll Back work from rows', async () => {
    const done = deploy('web:2');
    await vscode.commands.executeCommand('ecsWorkbench.refresh');
    const row = await waitFor('the running deployment\'s row', async () => {
      await vscode.commands.executeCommand('ecsWorkbench.refresh');
      return (await deploymentRows()).find((r) => r.contextValue === 'ecsWorkbench.deployment.inprogress' && /^web:2 · IN_PROGRESS/.test(r.label));
    });
    // Only what applies to a running rolling deployment.
    const menu = menuFor(row.contextValue);
    for (const command of ['ecsWorkbench.stopDeployment', 'ecsWorkbench.showDeploymentDetails', 'ecsWorkbench.copyArn']) assert.ok(menu.includes(command), `${command} in ${menu}`);
    for (const command of ['ecsWorkbench.continueDeployment', 'ecsWorkbench.rollbackService']) assert.ok(!menu.includes(command), `${command} not in ${menu}`);

    // Copy ARN copies the service deployment's ARN.
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('ecsWorkbench.copyArn', row);
    const arn = row.tooltip?.split('\n')[0] ?? '';
    assert.match(arn, /^arn:aws:ecs:us-east-1:\d+:service-deployment\/production\/web\//);
    assert.equal(await vscode.env.clipboard.readText(), arn);

    // Stop from the row: confirmed, then ECS stops that deployment where it is.
    answer = 'Stop Without Rollback';
    const stopped = await vscode.commands.executeCommand<{ stopType: string; serviceDeploymentArn: string }>('ecsWorkbench.stopDeployment', row);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /^Stop the deployment of web( \(now at [A-Z_]+\))?\?$/);
    assert.deepEqual(stopped, { serviceDeploymentArn: arn, stopType: 'ABORT' });
    const outcome = await whileAdvancing(control, () => done);
    assert.deepEqual([outcome.outcome, outcome.ended], ['failed', 'stopped'], outcome.reason);
    const w = await watch();
    assert.equal(w?.label, 'web → web:2 · stopped');
    assert.match((await extensionApi()).deploy.state().text, /\$\(circle-slash\) web → web:2 · stopped/);

    // The tree says "stopped" and "superseded" in words, and Show Details opens the readable document.
    await vscode.commands.executeCommand('ecsWorkbench.refresh');
    const rows = await deploymentRows();
    const stoppedRow = rows.find((r) => r.tooltip?.startsWith(arn));
    assert.equal(stoppedRow?.contextValue, 'ecsWorkbench.deployment.stopped');
    assert.match(stoppedRow?.description ?? '', / · stopped$/);
    const superseded = rows.find((r) => r.contextValue === 'ecsWorkbench.deployment.superseded');
    assert.ok(superseded, rows.map((r) => `${r.label} ${r.contextValue}`).join('\n'));
    assert.match(superseded.description ?? '', / · superseded$/);
    assert.match(superseded.tooltip ?? '', /Superseded: a newer deployment of the service replaced it\./);
    assert.ok(!menuFor('ecsWorkbench.deployment.stopped').includes('ecsWorkbench.stopDeployment'));
    const details = documentText(await vscode.commands.executeCommand<vscode.Uri>('ecsWorkbench.showDeploymentDetails', stoppedRow));
    assert.match(details, /\n## web \(production\) → web:2 · stopped\n/);
    assert.ok(details.includes('\n| Outcome  | stopped |\n'), details);
    assert.match(details, /\n\| Reason {3}\| The deployment was stopped: .*ABORT/);
    // A deployment the workbench did not follow: what the row read from ECS, in the same layout.
    const other = documentText(await vscode.commands.executeCommand<vscode.Uri>('ecsWorkbench.showDeploymentDetails', superseded));
    assert.match(other, /^# Deployment\n/);
    assert.match(other, /\n\| Phase {4}\| STOPPED \|\n/);
    assert.match(other, /\n\| Watching \| not followed by the workbench: as ECS reported it when the row was loaded \|\n/);

    // Roll Back from the service's current deployment (the PRIMARY row): confirmed, then followed.
    const primary = rows.find((r) => r.contextValue === 'ecsWorkbench.deployment.primary');
    assert.ok(primary && menuFor(primary.contextValue).includes('ecsWorkbench.rollbackService'));
    asked.length = 0;
    answer = 'Roll Back';
    const rolled = await whileAdvancing(control, () => vscode.commands.executeCommand<Outcome>('ecsWorkbench.rollbackService', primary));
    assert.equal(asked.length, 1, asked.join('\n'));
    assert.match(asked[0], /^Roll back web to web:\d+\?$/);
    assert.equal(rolled?.outcome, 'completed', rolled?.reason);
  });
});
