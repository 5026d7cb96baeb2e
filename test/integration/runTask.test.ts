// Run Task from a service row in the real extension host (demo seed), through the real pickers
// (accepted with their defaults: the newest revision, the service's launch type, no overrides): one
// modal summary names cluster, revision, launch type, network configuration and its source service,
// and count before anything runs; declining it sends no RunTask. Accepted, the progress names the
// started task, and the result names it with the likely cause of its failure (the diagnosis), Show
// Details, Show Task and Show Log; Show Task opens the task as DescribeTasks has it now. Modal and
// notifications are answered by replacing vscode.window's message functions (the host cannot click
// them); the progress is the workbench's own, observed on its way through.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DescribeTaskDefinitionCommand, ECSClient, ListTasksCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { EmulatorControl } from '../emulator/control';
import { registerInputFromDescription } from '../../src/taskdef/registrable';
import { clustersPath, onDemoSeed } from './fixtures';
import { waitFor, whileAdvancing } from './wait';

const CRASHING_IMAGE = 'my-app:runtask-crash';

/** Accepts whatever quick pick or input box is open (the real widgets, with their defaults) until `done`. */
async function acceptUntil(what: string, done: () => boolean): Promise<void> {
  await waitFor(what, async () => {
    if (done()) return true;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((r) => setTimeout(r, 200));
    return done();
  }, 60_000);
}

interface Shown { message: string; items: string[] }

suite('run task', function () {
  this.timeout(120_000);
  let control: EmulatorControl;
  let ecs: ECSClient;
  const window = vscode.window as unknown as { showWarningMessage: unknown; showErrorMessage: unknown; showInformationMessage: unknown; withProgress: unknown };
  const originals = { warning: window.showWarningMessage, error: window.showErrorMessage, info: window.showInformationMessage, progress: window.withProgress };
  const asked: { message: string; detail: string; items: string[] }[] = [];
  const shown: Shown[] = [];
  const progress: string[] = [];
  let confirm = false;
  /** The button a result notification's reader clicks. */
  let click: (items: string[]) => string | undefined = () => undefined;

  /** Tasks this extension started in production (RunTask's startedBy), running or stopped. */
  async function startedTasks(): Promise<number> {
    let n = 0;
    for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
      n += (await ecs.send(new ListTasksCommand({ cluster: 'production', startedBy: 'ecs-workbench', desiredStatus }))).taskArns?.length ?? 0;
    }
    return n;
  }

  setup(async () => {
    control = await onDemoSeed();
    ecs = new ECSClient({ region: 'us-east-1' });
    asked.length = 0;
    shown.length = 0;
    progress.length = 0;
    confirm = false;
    click = () => undefined;
    window.showWarningMessage = async (message: string, options: { modal?: boolean; detail?: string } | string | undefined, ...items: string[]) => {
      if (typeof options === 'object' && options?.modal) {
        asked.push({ message, detail: options.detail ?? '', items });
        return confirm ? items[0] : undefined;
      }
      shown.push({ message, items: typeof options === 'string' ? [options, ...items] : items });
      return undefined;
    };
    const notify = async (message: string, ...items: string[]) => {
      shown.push({ message, items });
      return click(items);
    };
    window.showErrorMessage = notify;
    window.showInformationMessage = notify;
    const withProgress = originals.progress as typeof vscode.window.withProgress;
    window.withProgress = ((options, task) => withProgress(options, (p, token) => task({
      report: (value) => {
        if (value.message) progress.push(value.message);
        p.report(value);
      },
    }, token))) as typeof vscode.window.withProgress;
  });

  teardown(async () => {
    window.showWarningMessage = originals.warning;
    window.showErrorMessage = originals.error;
    window.showInformationMessage = originals.info;
    window.withProgress = originals.progress;
    ecs?.destroy();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await control?.reset('demo');
  });

  test('the summary names the whole run before it starts; declining it sends no RunTask', async () => {
    const web = await clustersPath('production', 'Services', /^web$/);
    await control.resetCallCounts();
    const declined = vscode.commands.executeCommand('ecsWorkbench.runTask', web);
    await acceptUntil('the Run Task summary is asked', () => asked.length === 1);
    assert.equal(await declined, undefined);
    assert.equal(asked[0].message, 'Run 1 task of web:3 in production?');
    assert.deepEqual(asked[0].items, ['Run Task']);
    assert.equal(asked[0].detail, [
      'Cluster: production',
      'Revision: web:3',
      'Launch type: FARGATE',
      'Network: subnets subnet-0a1b2c3d4e5f60718, subnet-0f1e2d3c4b5a69788 · security groups sg-0123456789abcdef0 · public IP off (from service web)',
      'Count: 1',
    ].join('\n'));
    assert.equal((await control.callCounts()).RunTask ?? 0, 0, 'declined: no RunTask was sent');
    assert.equal(await startedTasks(), 0, 'declined: no task started');
    assert.deepEqual(shown, [], 'declined: no result message');
    assert.deepEqual(progress, [], 'declined: no progress');
  });

  test('accepted: the progress and the result name the task; a failed task says why, with Show Details, Show Task and Show Log; Show Task opens it as ECS has it', async () => {
    // The newest revision of web runs an image that exits 1, so the one-off task stops and fails.
    const base = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:3', include: ['TAGS'] }));
    const input = registerInputFromDescription(base.taskDefinition!, base.tags);
    input.containerDefinitions![0].image = CRASHING_IMAGE;
    const revision = `web:${(await ecs.send(new RegisterTaskDefinitionCommand(input))).taskDefinition!.revision}`;
    await control.markImageCrashing(CRASHING_IMAGE);
    const web = await clustersPath('production', 'Services', /^web$/);
    confirm = true;
    click = (items) => (items.includes('Show Task') ? 'Show Task' : undefined);

    type Result = { outcome: string; succeeded: boolean; tasks: { taskArn: string }[]; diagnosis?: { cause?: string } };
    const result = await whileAdvancing(control, async () => {
      const started = vscode.commands.executeCommand<Result | undefined>('ecsWorkbench.runTask', web);
      await acceptUntil('the Run Task summary is asked', () => asked.length === 1);
      return started;
    }, 5_000);

    assert.equal(asked[0].message, `Run 1 task of ${revision} in production?`);
    assert.ok(result, 'the command resolves with the result');
    assert.equal(result.outcome, 'stopped');
    assert.equal(result.succeeded, false);
    assert.equal(result.tasks.length, 1);
    assert.equal(await startedTasks(), 1, 'one task started');
    const id = result.tasks[0].taskArn.split('/').pop()!;
    assert.ok(progress.some((m) => m.startsWith(`task ${id}: `)), `the progress names the task: ${progress.join(' | ')}`);
    assert.ok(progress.includes(`task ${id}: STOPPED`), `the progress follows it to STOPPED: ${progress.join(' | ')}`);

    const cause = result.diagnosis?.cause;
    assert.match(cause ?? '', /Essential container web exited with code 1/);
    await waitFor('the result is shown', () => shown.length === 1);
    assert.equal(shown[0].message, `Why ${revision} failed (task ${id}): ${cause}`);
    assert.deepEqual(shown[0].items, ['Show Details', 'Show Task', 'Show Log']);

    // Show Task: the task as DescribeTasks returns it now, in a read-only JSON document.
    const editor = await waitFor('the task opens', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.path.endsWith(`/task-${id}.json`) && active;
    });
    assert.equal(editor.document.languageId, 'json');
    const task = JSON.parse(editor.document.getText()) as { taskArn: string; lastStatus: string; containers: { name: string; exitCode: number }[] };
    assert.equal(task.taskArn, result.tasks[0].taskArn);
    assert.equal(task.lastStatus, 'STOPPED');
    assert.equal(task.containers.find((c) => c.name === 'web')?.exitCode, 1);
  });
});
