// Update Image from the palette in the real extension host (demo seed), through the real quick picks
// (issue 17): the user picks the cluster and the service first, the image picker says which revision it
// starts from (what the service runs, not the family's newest, here a Fargate-only revision registered
// last), the new revision keeps that revision's compatibilities, and its Deploy action reaches the deploy
// confirmation. Deploy Service of the Fargate-only revision to the EC2 service warns in its
// confirmation. Every confirmation is declined: nothing is deployed, so nothing is followed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ECSClient, DescribeTaskDefinitionCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import type { EmulatorControl } from '../emulator/control';
import { clustersPath, onDemoSeed } from './extensionApi';
import { waitFor } from './wait';

type Pick = vscode.QuickPick<vscode.QuickPickItem>;

suite('update image', function () {
  this.timeout(120_000);
  let control: EmulatorControl;
  let ecs: ECSClient;
  const window = vscode.window as unknown as { showWarningMessage: unknown; showInformationMessage: unknown; createQuickPick: unknown };
  const original = { warning: window.showWarningMessage, info: window.showInformationMessage, createQuickPick: window.createQuickPick };
  const asked: { message: string; detail?: string }[] = [];
  const told: { message: string; items: string[] }[] = [];
  const picks: Pick[] = [];
  const hidden = new Set<Pick>();

  /**
   * Accepts the row `label` of quick pick number `index` (counted from the suite's start) once its items
   * have loaded, as Enter on that row would. The workbench's accept takes the row the page has active,
   * and the extension host sends property changes to the page later (batched): accepting right after
   * setting the active row accepted the first row. So the row is made active, the page's answer (its
   * active row, which it reports back) is awaited, and only then does the accept run.
   */
  async function accept(index: number, label: string): Promise<Pick> {
    const qp = await waitFor(`quick pick ${index + 1} opens`, () => picks[index]);
    const item = await waitFor(`"${label}" is offered in "${qp.title}"`, () => !qp.busy && qp.items.find((i) => i.label === label));
    // qp.activeItems is what the page last reported until the test sets it.
    let shown = qp.activeItems[0]?.label === label;
    const reported = qp.onDidChangeActive((rows) => (shown = rows[0]?.label === label));
    try {
      await waitFor(`the page has "${label}" active in "${qp.title}"`, async () => {
        if (shown) return true;
        qp.activeItems = [item];
        return waitFor('the page reports it', () => shown, 2_000).catch(() => false);
      });
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await waitFor(`"${qp.title}" closes on accept`, () => hidden.has(qp));
    } finally {
      reported.dispose();
    }
    assert.equal(qp.selectedItems[0]?.label, label, `accepted in "${qp.title}"`);
    return qp;
  }

  suiteSetup(async () => {
    control = await onDemoSeed();
    ecs = new ECSClient({ region: 'us-east-1' });
    window.showWarningMessage = async (message: string, options: { detail?: string } | string | undefined) => {
      asked.push({ message, detail: typeof options === 'object' ? options?.detail : undefined });
      return undefined; // declined: nothing is deployed
    };
    window.showInformationMessage = async (message: string, ...items: unknown[]) => {
      const labels = items.filter((i): i is string => typeof i === 'string');
      told.push({ message, items: labels });
      // The new revision's notification: its Deploy action (the confirmation that follows is declined).
      return /^Registered /.test(message) ? labels.find((l) => /^Deploy/.test(l)) : undefined;
    };
    window.createQuickPick = () => {
      const qp = (original.createQuickPick as typeof vscode.window.createQuickPick).call(vscode.window);
      picks.push(qp);
      qp.onDidHide(() => hidden.add(qp));
      return qp;
    };
  });

  suiteTeardown(async () => {
    window.showWarningMessage = original.warning;
    window.showInformationMessage = original.info;
    window.createQuickPick = original.createQuickPick;
    for (const qp of picks) if (!hidden.has(qp)) qp.hide();
    ecs?.destroy();
    await control?.reset('demo');
  });

  test('from the palette: cluster, then service; the new revision starts from what staging/web runs, and Deploy to web confirms it', async () => {
    // The family's newest revision is a Fargate-only scratch revision (web:4), as in issue 17.
    const web3 = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:3' }))).taskDefinition!;
    await ecs.send(new RegisterTaskDefinitionCommand({
      family: 'web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512',
      containerDefinitions: [{ name: 'web', image: web3.containerDefinitions![0].image, essential: true }],
    }));
    const done = vscode.commands.executeCommand<{ taskDefinitionArn: string } | undefined>('ecsWorkbench.updateImage');
    const clusterPick = await accept(0, 'staging');
    assert.equal(clusterPick.title, 'Update Image: cluster');
    const servicePick = await accept(1, 'web');
    assert.equal(servicePick.title, 'Update Image: service');
    const imagePick = await accept(2, 'my-app:v1.5.1');
    assert.equal(imagePick.title, 'Update Image: new image (from web:3, what staging/web runs)');
    const result = await done;

    assert.ok(result, 'a revision was registered');
    assert.match(result.taskDefinitionArn, /task-definition\/web:5$/);
    const registered = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:5' }))).taskDefinition!;
    assert.deepEqual(registered.requiresCompatibilities, ['FARGATE', 'EC2'], 'rendered from web:3 (what staging/web runs), not from web:4');
    assert.equal(registered.containerDefinitions![0].portMappings![0].containerPort, 8080);
    assert.match(registered.containerDefinitions![0].image!, /\/my-app:v1\.5\.1$/);

    const notice = await waitFor('the new revision is reported', () => told.find((t) => /^Registered web:5\./.test(t.message)));
    assert.match(notice.message, /web: my-app:v1\.5\.2 → my-app:v1\.5\.1/);
    assert.ok(notice.items.includes('Deploy to web'), `actions: ${notice.items.join(', ')}`);
    const confirmation = await waitFor('Deploy to web asks to confirm', () => asked[0]);
    assert.equal(confirmation.message, 'Deploy web:5 to web?');
    assert.match(confirmation.detail ?? '', /Revision: web:3 → web:5/);
    assert.doesNotMatch(confirmation.detail ?? '', /⚠/, 'web:5 fits the EC2 service');
  });

  test('Deploy Service of the Fargate-only web:4 to the EC2 service staging/web: the confirmation warns first', async () => {
    const before = asked.length;
    const web = await clustersPath('staging', 'Services', /^web$/);
    const deploying = vscode.commands.executeCommand('ecsWorkbench.deployService', web);
    const revisionPick = await accept(3, 'web:4');
    assert.equal(revisionPick.title, 'Deploy: revision');
    assert.equal(await deploying, undefined, 'declined: not deployed');
    assert.equal(asked.length, before + 1);
    const { message, detail = '' } = asked[before];
    assert.equal(message, 'Deploy web:4 to web?');
    const lines = detail.split('\n');
    assert.equal(lines[0], '⚠ web:4 is registered for FARGATE only (requiresCompatibilities), but staging/web runs its tasks on EC2 (launch type EC2).');
    assert.equal(lines[1], '', 'a blank line before the summary');
    assert.match(lines[2], /^Service web in staging$/);
  });
});
