// The explorer in the real extension host, against the emulator through the real SDK. Nodes are read
// through the same TreeDataProvider the views use (command ecsWorkbench.explorer.inspect).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerState } from '../../src/api';
import { children, connectToEmulator, emulatorUrl, explorerApi, find, nodeAt, openDemo, stubWindowMessages, type ViewName } from './fixtures';
import { EmulatorControl } from '../emulator/control';
import { loadSdk } from '../../src/aws/sdk-loader';
import { waitFor } from './wait';

type View = ViewName;
const kids = children;
const path = nodeAt;

async function explorerState(): Promise<ExplorerState> {
  return (await explorerApi()).state();
}

function rootState(state: ExplorerState, view: View): string | undefined {
  return state.views.find((v) => v.view === view)?.rootState;
}

function refresh(arg?: unknown): Thenable<unknown> {
  return vscode.commands.executeCommand('ecsWorkbench.refresh', arg);
}

suite('explorer', function () {
  this.timeout(60_000);
  let url: string;
  let control: EmulatorControl;

  suiteSetup(async function () {
    url = emulatorUrl();
    control = await connectToEmulator();
  });

  suiteTeardown(async () => {
    // Leave the host as the other suites expect it: default chain, us-east-1, default settings.
    await control?.setLatency(0);
    await control?.clearFaults();
    await vscode.workspace.getConfiguration('ecsWorkbench').update('explorer.pageSize', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ecsWorkbench').update('regions', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ecsWorkbench').update('explorer.autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('ecsWorkbench.selectProfile', '');
    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
  });

  setup(async () => {
    await control.setLatency(0);
    await vscode.workspace.getConfiguration('ecsWorkbench').update('explorer.pageSize', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ecsWorkbench').update('regions', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ecsWorkbench').update('explorer.autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    await openDemo(control);
  });

  test('clusters → groups → services → deployments, tasks, events → containers; container instances', async () => {
    const clusters = await kids('clusters');
    assert.deepEqual(clusters.map((c) => c.label).sort(), ['production', 'staging']);
    const production = find(clusters, 'production');
    assert.equal(production.contextValue, 'ecsWorkbench.cluster.active');
    assert.match(production.description ?? '', /^1 service · 2 running/);
    assert.equal(production.resource?.clusterName, 'production');

    const groups = await kids('clusters', production);
    assert.deepEqual(groups.map((g) => g.label), ['Services', 'Tasks', 'Container instances']);
    const web = find(await kids('clusters', groups[0]), 'web');
    assert.match(web.contextValue, /^ecsWorkbench\.service\.steady$/);
    assert.match(web.description ?? '', /^2\/2 running · web:2/);
    assert.equal(web.resource?.kind, 'service');
    assert.equal(web.resource?.serviceName, 'web');

    const parts = await kids('clusters', web);
    assert.deepEqual(parts.map((p) => p.label), ['Deployments', 'Tasks', 'Events']);
    const deployments = await kids('clusters', parts[0]);
    assert.ok(deployments.length >= 1);
    assert.match(deployments[0].label, /^PRIMARY web:2$/);
    assert.match(deployments[0].description ?? '', /2\/2 running · COMPLETED/);
    const events = await kids('clusters', parts[2]);
    assert.ok(events.some((e) => /steady state/.test(e.label)), events.map((e) => e.label).join('\n'));
    const tasks = await kids('clusters', parts[1]);
    const running = tasks.filter((t) => t.contextValue === 'ecsWorkbench.task.running');
    assert.equal(running.length, 2);
    assert.match(running[0].description ?? '', /^RUNNING · .*web:2 · started .* · FARGATE$/);
    assert.ok(!tasks.some((t) => t.contextValue === 'ecsWorkbench.node.loadMore'));
    const containers = await kids('clusters', running[0]);
    assert.equal(containers[0].resource?.kind, 'container');
    assert.match(containers[0].description ?? '', /my-app:v1\.5\.2 · RUNNING/);

    // The cluster's Tasks list has every task of the cluster; staging has EC2 container instances.
    const allTasks = await kids('clusters', groups[1]);
    assert.ok(allTasks.filter((t) => t.contextValue === 'ecsWorkbench.task.running').length >= 2);
    const instances = await path('clusters', 'staging', 'Container instances');
    const ci = await kids('clusters', instances);
    assert.equal(ci.length, 2);
    assert.match(ci[0].description ?? '', /^ACTIVE · \d+ running( · \d+ pending)? · agent connected$/);
    const none = await kids('clusters', groups[2]);
    assert.equal(none[0].contextValue, 'ecsWorkbench.node.empty');
  });

  test('task definitions: families → ACTIVE revisions; opening one shows registrable JSON; an edited copy registers as the next revision; two compare in a diff', async () => {
    const web = find(await kids('taskDefinitions'), 'web');
    assert.equal(web.contextValue, 'ecsWorkbench.taskDefinitionFamily.active');
    const revisions = await kids('taskDefinitions', web);
    assert.deepEqual(revisions.map((r) => r.label), ['web:3', 'web:2', 'web:1']);
    assert.equal(revisions[0].contextValue, 'ecsWorkbench.taskDefinitionRevision.active');
    assert.equal(revisions[0].command?.command, 'ecsWorkbench.openTaskDefinition');

    await vscode.commands.executeCommand('ecsWorkbench.openTaskDefinition', revisions[0]);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.scheme, 'ecs-workbench-taskdef');
    assert.equal(editor.document.languageId, 'json');
    const json = JSON.parse(editor.document.getText()) as Record<string, unknown>;
    assert.equal(json.family, 'web');
    assert.ok(!('revision' in json) && !('status' in json) && !('taskDefinitionArn' in json));

    // Edit as New Revision: an untitled copy, linted like a file, registered as the next revision.
    const copy = await vscode.commands.executeCommand<vscode.Uri>('ecsWorkbench.editTaskDefinition', revisions[0]);
    assert.equal(copy.scheme, 'untitled');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), copy.toString());
    const draft = vscode.window.activeTextEditor!.document;
    assert.equal(draft.languageId, 'json');
    assert.deepEqual(JSON.parse(draft.getText()), json, 'the copy is the registrable JSON of web:3');
    await waitFor('the linter reports on the unsaved copy', () => vscode.languages.getDiagnostics(copy).some((d) => d.source === 'ecs-workbench')).catch(() => false);
    assert.ok(
      vscode.languages.getDiagnostics(copy).some((d) => d.source === 'ecs-workbench'),
      'the linter reports on the unsaved copy (web:3 has info findings such as TD074)',
    );
    const registered = await vscode.commands.executeCommand<{ taskDefinitionArn: string }>('ecsWorkbench.registerTaskDefinition', copy);
    assert.match(registered.taskDefinitionArn, /:task-definition\/web:4$/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    // When AWS refuses, the user gets an error naming the permission, not a copy full of comments.
    await control.injectFault({ operation: 'DescribeTaskDefinition', kind: 'accessDenied', count: 5 });
    const messages = stubWindowMessages();
    const shown = messages.errors;
    try {
      assert.equal(await vscode.commands.executeCommand('ecsWorkbench.editTaskDefinition', revisions[0]), undefined);
    } finally {
      messages.restore();
      await control.clearFaults();
    }
    assert.match(shown[0] ?? '', /^Opening web:3 for editing failed: Access denied: ecs:DescribeTaskDefinition\./);

    await vscode.commands.executeCommand('ecsWorkbench.compareRevisions', revisions[0], [revisions[0], revisions[1]]);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor opens');
    assert.match(tab.label, /web:2 ↔ web:3/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('ECR: repositories → images newest first with untagged grouped; cached until refresh', async () => {
    const repo = find(await kids('repositories'), 'my-app');
    assert.equal(repo.contextValue, 'ecsWorkbench.repository.mutable');
    assert.match(repo.description ?? '', /mutable tags · scan on push/);
    let images = await kids('repositories', repo);
    assert.deepEqual(images.map((i) => i.label), ['v1.5.2, latest', 'v1.5.1', 'Untagged images']);
    assert.equal(images[0].contextValue, 'ecsWorkbench.image.tagged');
    assert.match(images[0].description ?? '', /^sha256:[0-9a-f]{12} · pushed 2 days ago · 52\.6 MB/);
    const untagged = await kids('repositories', images[2]);
    assert.equal(untagged[0].contextValue, 'ecsWorkbench.image.untagged');

    await control.addImage('my-app', ['v1.6.0'], 1000);
    images = await kids('repositories', repo);
    assert.equal(images.length, 3, 'cached until refresh');
    await refresh({ kind: 'repository', region: 'us-east-1', repositoryName: 'my-app' });
    images = await kids('repositories', find(await kids('repositories'), 'my-app'));
    assert.deepEqual(images.map((i) => i.label).slice(0, 2), ['v1.6.0', 'v1.5.2, latest']);
  });

  test('"Load more" pages services; describes are batched 10 per DescribeServices', async () => {
    await control.seedBulk({ clusters: 1, servicesPerCluster: 25, images: 0 });
    await vscode.workspace.getConfiguration('ecsWorkbench').update('explorer.pageSize', 10, vscode.ConfigurationTarget.Global);
    await refresh();
    const services = await path('clusters', 'bulk-000', 'Services');
    await control.resetCallCounts();
    let list = await kids('clusters', services);
    assert.equal(list.length, 11);
    assert.deepEqual(await control.callCounts(), { ListServices: 1, DescribeServices: 1 });
    const more = list[10];
    assert.equal(more.contextValue, 'ecsWorkbench.node.loadMore');
    await vscode.commands.executeCommand(more.command!.command, ...(more.command!.args ?? []));
    list = await kids('clusters', services);
    assert.equal(list.length, 21);
    await vscode.commands.executeCommand(more.command!.command, ...(more.command!.args ?? []));
    list = await kids('clusters', services);
    assert.equal(list.length, 25, 'no "Load more" after the last page');
    assert.equal(new Set(list.map((s) => s.label)).size, 25);

    await vscode.workspace.getConfiguration('ecsWorkbench').update('explorer.pageSize', 100, vscode.ConfigurationTarget.Global);
    await refresh();
    const services2 = await path('clusters', 'bulk-000', 'Services');
    await control.resetCallCounts();
    assert.equal((await kids('clusters', services2)).length, 25);
    assert.deepEqual(await control.callCounts(), { ListServices: 1, DescribeServices: 3 });
  });

  test('throttling is retried and not shown; access denied and expired credentials become error nodes', async () => {
    await control.injectFault({ operation: 'ListClusters', kind: 'throttle', count: 2 });
    await refresh();
    await control.resetCallCounts();
    assert.deepEqual((await kids('clusters')).map((c) => c.label).sort(), ['production', 'staging']);
    assert.equal((await control.callCounts()).ListClusters, 3, 'two throttled attempts retried by the SDK, then success');

    await control.injectFault({ operation: 'DescribeServices', kind: 'accessDenied', count: 20 });
    const services = await path('clusters', 'production', 'Services');
    const denied = await kids('clusters', services);
    assert.equal(denied.length, 1);
    assert.equal(denied[0].contextValue, 'ecsWorkbench.node.error.accessDenied');
    assert.match(denied[0].label, /Access denied: ecs:DescribeServices/);
    assert.match(denied[0].description ?? '', /Grant the IAM permission "ecs:DescribeServices"/);
    await control.clearFaults();
    // The error node retries its parent.
    await vscode.commands.executeCommand(denied[0].command!.command, ...(denied[0].command!.args ?? []));
    assert.equal(find(await kids('clusters', services), 'web').resource?.kind, 'service');

    await control.injectFault({ operation: 'DescribeRepositories', kind: 'expiredToken', count: 20 });
    await refresh();
    const expired = await kids('repositories');
    assert.equal(expired.length, 1);
    assert.equal(expired[0].contextValue, 'ecsWorkbench.node.error.expiredCredentials');
    assert.match(expired[0].label, /credentials expired/i);
    await control.clearFaults();

    await control.injectFault({ operation: 'ListTaskDefinitionFamilies', kind: 'drop', count: 20 });
    await refresh();
    const network = await kids('taskDefinitions');
    assert.equal(network[0].contextValue, 'ecsWorkbench.node.error.network');
    assert.equal(network[0].command?.command, 'ecsWorkbench.explorer.retry');
    await control.clearFaults();
    // Clicking it retries the top level: a call is made and the families appear.
    await control.resetCallCounts();
    await vscode.commands.executeCommand(network[0].command!.command, ...(network[0].command!.args ?? []));
    assert.ok((await kids('taskDefinitions')).some((n) => n.label === 'web'), 'the retried top level lists the families');
    assert.ok(((await control.callCounts()).ListTaskDefinitionFamilies ?? 0) >= 1, 'the retry called AWS');
  });

  test('switching region with loads in flight cancels them and never shows the old data', async () => {
    await control.setLatency(1500);
    await refresh();
    await control.resetCallCounts();
    const inFlight = kids('clusters');
    // The switch must land while the load is in flight: the emulator has the call, and holds it 1.5 s.
    await waitFor('the emulator receives the ListClusters of the load', async () => ((await control.callCounts()).ListClusters ?? 0) >= 1);
    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'eu-west-1');
    const started = Date.now();
    const stale = await inFlight;
    assert.deepEqual(stale, [], 'the load of the previous region is dropped');
    await control.setLatency(0);
    // No clusters there: the tree stays empty and the view's welcome content says so.
    assert.deepEqual(await kids('clusters'), [], 'an empty region leaves the top level to the welcome view');
    assert.ok(Date.now() - started < 5000);
    const state = await explorerState();
    assert.equal(state.label, 'Default credential chain · eu-west-1', 'no profile chosen: named as the profile picker names it (issue 17)');
    assert.equal(rootState(state, 'clusters'), 'empty');
    assert.deepEqual(await kids('repositories'), []);
    assert.equal(rootState(await explorerState(), 'repositories'), 'empty');

    // A profile switch drops everything too; an unknown profile has no credentials: the welcome view.
    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
    assert.equal((await kids('clusters')).length, 2);
    await vscode.commands.executeCommand('ecsWorkbench.selectProfile', 'no-such-profile');
    assert.deepEqual(await kids('clusters'), [], 'no credentials: the view is empty and shows its welcome content');
    assert.equal(rootState(await explorerState(), 'clusters'), 'noCredentials');
    await vscode.commands.executeCommand('ecsWorkbench.selectProfile', 'default');
    const withProfile = await kids('clusters');
    assert.equal(withProfile.length, 2);
    assert.equal(withProfile[0].resource?.profile, 'default');
    assert.equal(rootState(await explorerState(), 'clusters'), 'ready');
  });

  test('copy actions put the ARN, image URI and digest on the clipboard; a repository is created from explicit arguments', async () => {
    const web = await path('clusters', 'production', 'Services', 'web');
    await vscode.commands.executeCommand('ecsWorkbench.copyArn', web);
    assert.equal(await vscode.env.clipboard.readText(), 'arn:aws:ecs:us-east-1:123456789012:service/production/web');
    const image = await path('repositories', 'my-app', 'v1.5.1');
    await vscode.commands.executeCommand('ecsWorkbench.copyUri', image);
    assert.equal(await vscode.env.clipboard.readText(), '123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:v1.5.1');
    await vscode.commands.executeCommand('ecsWorkbench.copyDigest', image);
    assert.match(await vscode.env.clipboard.readText(), /^sha256:[0-9a-f]{64}$/);

    const uri = await vscode.commands.executeCommand<string>('ecsWorkbench.createRepository', {
      name: 'team/new-api',
      imageTagMutability: 'IMMUTABLE',
      scanOnPush: true,
    });
    assert.equal(uri, '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/new-api');
    const created = find(await kids('repositories'), 'team/new-api');
    assert.equal(created.contextValue, 'ecsWorkbench.repository.immutable');
    assert.match(created.description ?? '', /immutable tags · scan on push/);
    assert.equal((await kids('repositories', created))[0].label, 'No images');
  });

  test('an SSO profile without a valid session: the welcome view\'s Sign In runs aws sso login for it in a terminal', async () => {
    const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'ecsw-sso-'));
    const config = nodePath.join(dir, 'config');
    fs.writeFileSync(
      config,
      [
        '[default]',
        'region = us-east-1',
        '[profile sso-dev]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        'region = us-east-1',
        '[sso-session corp]',
        'sso_start_url = https://example.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    const saved = { config: process.env.AWS_CONFIG_FILE, home: process.env.HOME };
    process.env.AWS_CONFIG_FILE = config;
    process.env.HOME = dir; // no SSO token cache there
    try {
      await vscode.commands.executeCommand('ecsWorkbench.selectProfile', 'sso-dev');
      const nodes = await kids('clusters');
      assert.deepEqual(nodes.map((n) => n.label), [], 'the welcome view explains the expired session');
      assert.equal(rootState(await explorerState(), 'clusters'), 'ssoExpired');
      const opened = new Promise<vscode.Terminal>((resolve) => {
        const sub = vscode.window.onDidOpenTerminal((t) => {
          sub.dispose();
          resolve(t);
        });
      });
      // The welcome view's button runs the command without arguments: the selected profile signs in.
      await vscode.commands.executeCommand('ecsWorkbench.signIn');
      const terminal = await opened;
      assert.equal(terminal.name, 'AWS sign-in (sso-dev)');
      terminal.dispose();

      // A profile name full of shell syntax reaches `aws` as one argument: the terminal runs `aws`
      // itself, no shell parses the name (POSIX quoting would not protect PowerShell or cmd.exe).
      const hostile = `dev'; touch /tmp/pwned; echo '$(id) & del x`;
      const second = new Promise<vscode.Terminal>((resolve) => {
        const sub = vscode.window.onDidOpenTerminal((t) => {
          sub.dispose();
          resolve(t);
        });
      });
      await vscode.commands.executeCommand('ecsWorkbench.signIn', hostile);
      const hostileTerminal = await second;
      const options = hostileTerminal.creationOptions as vscode.TerminalOptions;
      assert.equal(options.shellPath, 'aws');
      assert.deepEqual(options.shellArgs, ['sso', 'login', '--profile', hostile]);
      hostileTerminal.dispose();
    } finally {
      process.env.AWS_CONFIG_FILE = saved.config;
      process.env.HOME = saved.home;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('other features refresh by resource, knowing only names: a changed service, a new revision', async () => {
    const { ecs } = loadSdk();
    const client = new ecs.ECSClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      const services = await path('clusters', 'production', 'Services');
      assert.match(find(await kids('clusters', services), 'web').description ?? '', /^2\/2 running/);
      await client.send(new ecs.UpdateServiceCommand({ cluster: 'production', service: 'web', desiredCount: 3 }));
      assert.match(find(await kids('clusters', services), 'web').description ?? '', /^2\/2 running/, 'cached until refresh');
      await refresh({ kind: 'service', region: 'us-east-1', clusterName: 'production', serviceName: 'web' });
      assert.match(find(await kids('clusters', services), 'web').description ?? '', /^\d\/3 running/);

      const family = find(await kids('taskDefinitions'), 'web');
      assert.equal((await kids('taskDefinitions', family)).length, 3);
      const current = await client.send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition: 'web:3' }));
      const td = current.taskDefinition!;
      await client.send(
        new ecs.RegisterTaskDefinitionCommand({
          family: 'web',
          containerDefinitions: td.containerDefinitions,
          requiresCompatibilities: td.requiresCompatibilities,
          networkMode: td.networkMode,
          cpu: td.cpu,
          memory: td.memory,
          executionRoleArn: td.executionRoleArn,
        }),
      );
      await refresh({ kind: 'taskDefinitionRevision', region: 'us-east-1', family: 'web', revision: 4 });
      assert.equal((await kids('taskDefinitions', family))[0].label, 'web:4');
    } finally {
      client.destroy();
    }
  });

  test('a picked profile\'s endpoint_url is used when no AWS_ENDPOINT_URL is set', async () => {
    const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'ecsw-endpoint-'));
    const config = nodePath.join(dir, 'config');
    fs.writeFileSync(
      config,
      ['[profile emu]', 'region = us-east-1', `endpoint_url = ${url}`, 'aws_access_key_id = test', 'aws_secret_access_key = test', ''].join('\n'),
    );
    const saved = { config: process.env.AWS_CONFIG_FILE, endpoint: process.env.AWS_ENDPOINT_URL };
    process.env.AWS_CONFIG_FILE = config;
    delete process.env.AWS_ENDPOINT_URL;
    try {
      await vscode.commands.executeCommand('ecsWorkbench.selectProfile', 'emu');
      const clusters = await kids('clusters');
      assert.deepEqual(clusters.map((c) => c.label).sort(), ['production', 'staging']);
      assert.equal(clusters[0].resource?.profile, 'emu');
    } finally {
      process.env.AWS_CONFIG_FILE = saved.config;
      process.env.AWS_ENDPOINT_URL = saved.endpoint;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('destructive actions confirm with what will change, then act: scale, force new deployment, stop task, delete images', async () => {
    let answer: 'accept' | 'cancel' = 'accept';
    const messages = stubWindowMessages((items) => (answer === 'accept' ? items[0] : undefined));
    const { asked } = messages;
    try {
      const services = await path('clusters', 'production', 'Services');
      const web = find(await kids('clusters', services), 'web');

      answer = 'cancel';
      await vscode.commands.executeCommand('ecsWorkbench.scaleService', web, 0);
      assert.match(asked[0].message, /Scale service "web" in cluster "production" to 0\?/);
      assert.match(asked[0].detail ?? '', /from 2 to 0: ECS stops 2 tasks\. The service will run no tasks\./);
      assert.match(find(await kids('clusters', services), 'web').description ?? '', /^2\/2 running/, 'cancelled: nothing changed');

      answer = 'accept';
      await vscode.commands.executeCommand('ecsWorkbench.scaleService', web, 3);
      assert.match(asked[1].detail ?? '', /from 2 to 3: ECS starts 1 more task\./);
      const scaled = find(await kids('clusters', services), 'web');
      assert.match(scaled.description ?? '', /^2\/3 running · web:2 · (1 pending · )?scaling$/);
      assert.equal(scaled.contextValue, 'ecsWorkbench.service.scaling', 'a count that moves is not steady');

      await vscode.commands.executeCommand('ecsWorkbench.forceNewDeployment', web);
      assert.match(asked[2].message, /Force a new deployment of "web" in cluster "production"\?/);
      assert.match(asked[2].detail ?? '', /same revision \(web:2\)/);
      const after = find(await kids('clusters', services), 'web');
      assert.equal(after.contextValue, 'ecsWorkbench.service.deploying');

      const tasks = await kids('clusters', find(await kids('clusters', after), 'Tasks'));
      const task = tasks.find((t) => t.contextValue === 'ecsWorkbench.task.running')!;
      await vscode.commands.executeCommand('ecsWorkbench.stopTask', task);
      assert.match(asked[3].message, /^Stop task [0-9a-f]+ in cluster "production"\?/);
      assert.match(asked[3].detail ?? '', /for service "web".*starts a replacement/);
      const stopped = (await kids('clusters', find(await kids('clusters', find(await kids('clusters', services), 'web')), 'Tasks'))).find((t) => t.label === task.label);
      assert.ok(stopped && stopped.contextValue !== 'ecsWorkbench.task.running', `task ${task.label} is stopping or stopped`);

      const repo = find(await kids('repositories'), 'my-app');
      const images = await kids('repositories', repo);
      const untagged = await kids('repositories', images[2]);
      await vscode.commands.executeCommand('ecsWorkbench.deleteImages', images[1], [images[1], untagged[0]]);
      assert.match(asked[4].message, /Delete 2 images from my-app\?/);
      assert.match(asked[4].detail ?? '', /my-app: v1\.5\.1 \(sha256:/);
      assert.match(asked[4].detail ?? '', /removes 1 tag and the images behind them/);
      const left = await kids('repositories', find(await kids('repositories'), 'my-app'));
      assert.deepEqual(left.map((i) => i.label), ['v1.5.2, latest']);
    } finally {
      messages.restore();
    }
  });

  test('several regions as top-level nodes', async () => {
    await vscode.workspace.getConfiguration('ecsWorkbench').update('regions', ['us-east-1', 'eu-west-1'], vscode.ConfigurationTarget.Global);
    const roots = await kids('clusters');
    assert.deepEqual(roots.map((r) => r.label), ['us-east-1', 'eu-west-1']);
    assert.equal(roots[0].contextValue, 'ecsWorkbench.node.region');
    assert.equal((await kids('clusters', roots[0])).length, 2);
    const eu = await kids('clusters', roots[1]);
    assert.equal(eu[0].contextValue, 'ecsWorkbench.node.empty');
  });

  test('a service with a deployment in progress refreshes itself only while the view is visible', async () => {
    // Ticks are driven by the test; the timer would add calls at random moments.
    await vscode.workspace.getConfiguration('ecsWorkbench').update('explorer.autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.ecsWorkbench');
    await vscode.commands.executeCommand('ecsWorkbench.clusters.focus');
    const staging = find(await kids('clusters'), 'staging');
    const services = find(await kids('clusters', staging, true), 'Services');
    const web = find(await kids('clusters', services, true), 'web');
    assert.equal(web.contextValue, 'ecsWorkbench.service.deploying');
    let state = await (await explorerApi()).state();
    let clusters = state.views.find((v) => v.view === 'clusters')!;
    assert.equal(clusters.visible, true);
    assert.deepEqual(clusters.autoRefresh, [web.id]);
    await control.resetCallCounts();
    assert.equal(await (await explorerApi()).autoRefreshTick('clusters'), 1);
    assert.deepEqual(await control.callCounts(), { DescribeServices: 1 });

    // After a refresh of the whole view the nodes are new objects; VS Code re-expands them by id,
    // and the deploying service is still followed.
    await refresh('clusters');
    state = await waitFor('the view re-expands the refreshed nodes and follows the deploying service again', async () => {
      const s = await (await explorerApi()).state();
      return s.views.find((v) => v.view === 'clusters')!.autoRefresh.length > 0 && s;
    }).catch(async () => (await explorerApi()).state());
    assert.deepEqual(state.views.find((v) => v.view === 'clusters')!.autoRefresh, [web.id]);

    // Let the rollout finish, tick again: the node becomes steady and stops refreshing.
    await control.advance(30 * 60_000);
    await (await explorerApi()).autoRefreshTick('clusters');
    const after = find(await kids('clusters', services), 'web');
    assert.equal(after.contextValue, 'ecsWorkbench.service.steady');
    assert.match(after.description ?? '', /web:3/);
    state = await (await explorerApi()).state();
    assert.deepEqual(state.views.find((v) => v.view === 'clusters')!.autoRefresh, []);
    // The tasks of web:2 it replaced are listed as recently stopped, with their reason.
    const tasks = await kids('clusters', find(await kids('clusters', find(await kids('clusters', services), 'web')), 'Tasks'));
    const stopped = tasks.filter((t) => t.contextValue === 'ecsWorkbench.task.stopped');
    assert.ok(stopped.length > 0, tasks.map((t) => `${t.label} ${t.description}`).join('\n'));
    assert.match(stopped[0].description ?? '', /^STOPPED · .*web:2 · .*stopped .* · EC2$/);

    // Hidden view: no refresh at all.
    await vscode.commands.executeCommand('workbench.view.explorer');
    state = await waitFor('the extension hears that the Clusters view is hidden', async () => {
      const s = await (await explorerApi()).state();
      return !s.views.find((v) => v.view === 'clusters')!.visible && s;
    }).catch(async () => (await explorerApi()).state());
    clusters = state.views.find((v) => v.view === 'clusters')!;
    assert.equal(clusters.visible, false);
    await control.resetCallCounts();
    assert.equal(await (await explorerApi()).autoRefreshTick('clusters'), 0);
    assert.deepEqual(await control.callCounts(), {});
  });
});
