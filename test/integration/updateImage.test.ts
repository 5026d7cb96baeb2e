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
import { clustersPath, onDemoSeed } from './fixtures';
import { drivingCreatedQuickPicks } from './quickPicks';
import { waitFor } from './wait';

suite('update image', function () {
  this.timeout(120_000);
  let control: EmulatorControl;
  let ecs: ECSClient;
  const window = vscode.window as unknown as { showWarningMessage: unknown; showInformationMessage: unknown };
  const original = { warning: window.showWarningMessage, info: window.showInformationMessage };
  const asked: { message: string; detail?: string }[] = [];
  const told: { message: string; items: string[] }[] = [];

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
  });

  suiteTeardown(async () => {
    window.showWarningMessage = original.warning;
    window.showInformationMessage = original.info;
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
    const result = await drivingCreatedQuickPicks(async (accept) => {
      const done = vscode.commands.executeCommand<{ taskDefinitionArn: string } | undefined>('ecsWorkbench.updateImage');
      assert.equal((await accept(0, 'staging')).title, 'Update Image: cluster');
      assert.equal((await accept(1, 'web')).title, 'Update Image: service');
      assert.equal((await accept(2, 'my-app:v1.5.1')).title, 'Update Image: new image (from web:3, what staging/web runs)');
      return done;
    });

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
    const deployed = await drivingCreatedQuickPicks(async (accept) => {
      const deploying = vscode.commands.executeCommand('ecsWorkbench.deployService', web);
      assert.equal((await accept(0, 'web:4')).title, 'Deploy: revision');
      return deploying;
    });
    assert.equal(deployed, undefined, 'declined: not deployed');
    assert.equal(asked.length, before + 1);
    const { message, detail = '' } = asked[before];
    assert.equal(message, 'Deploy web:4 to web?');
    const lines = detail.split('\n');
    assert.equal(lines[0], '⚠ web:4 is registered for FARGATE only (requiresCompatibilities), but staging/web runs its tasks on EC2 (launch type EC2).');
    assert.equal(lines[1], '', 'a blank line before the summary');
    assert.match(lines[2], /^Service web in staging$/);
  });
});
