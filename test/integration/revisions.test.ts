// Task-definition revisions in the real extension host against the emulator's demo seed: the rows of
// the Task Definitions view show each revision's image and registration time, and Deregister
// Revision confirms first and refuses (naming the services) a revision that a service uses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ECSClient, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import type { EmulatorControl } from '../emulator/control';
import { explorerApi, onDemoSeed, stubWindowMessages, type TreeNode } from './fixtures';
import { waitFor } from './wait';

type Node = TreeNode;

async function revisionRows(): Promise<Node[]> {
  const explorer = await explorerApi();
  const families = await waitFor('the Task Definitions view lists web', async () => {
    const nodes = (await explorer.inspect('taskDefinitions')) as Node[] | undefined;
    return nodes?.some((n) => n.label === 'web') && nodes;
  });
  const web = families.find((n) => n.label === 'web')!;
  return ((await explorer.inspect('taskDefinitions', web.id)) ?? []) as Node[];
}

async function status(revision: string): Promise<string | undefined> {
  const client = new ECSClient({ region: 'us-east-1' });
  try {
    return (await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: revision }))).taskDefinition?.status;
  } finally {
    client.destroy();
  }
}

suite('task-definition revisions', function () {
  this.timeout(60_000);
  let control: EmulatorControl;

  suiteSetup(async () => {
    control = await onDemoSeed();
    await vscode.commands.executeCommand('ecsWorkbench.refresh', 'taskDefinitions');
  });

  suiteTeardown(async () => {
    await control?.reset('demo');
    await vscode.commands.executeCommand('ecsWorkbench.refresh');
  });

  test('revision rows show the image (shortened) and the registration time in local time', async () => {
    const rows = await revisionRows();
    assert.deepEqual(rows.map((r) => r.label), ['web:3', 'web:2', 'web:1']);
    const client = new ECSClient({ region: 'us-east-1' });
    try {
      for (const row of rows) {
        const td = (await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: row.label }))).taskDefinition!;
        const image = td.containerDefinitions![0].image!;
        const short = image.slice(image.lastIndexOf('/') + 1);
        const when = td.registeredAt!.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
        assert.equal(row.description, `${short} · ${when}`, `${row.label}: image and date`);
        assert.ok(row.tooltip?.includes(`Image: ${image}`), `${row.label}: the full image in the tooltip`);
        assert.ok(!/\d{4}-\d\d-\d\dT/.test(row.tooltip ?? ''), 'no raw UTC timestamp in the tooltip');
      }
      assert.match(rows[0].description ?? '', /^my-app:v1\.5\.2 · /);
      assert.match(rows[2].description ?? '', /^my-app:v1\.5\.1 · /);
    } finally {
      client.destroy();
    }
  });

  test('Deregister Revision refuses a revision services use, naming them; confirms and deregisters an unused one', async () => {
    let answer: 'accept' | 'cancel' = 'cancel';
    const messages = stubWindowMessages((items) => (answer === 'accept' ? items[0] : undefined));
    const { asked, errors } = messages;
    try {
      let rows = await revisionRows();
      const web2 = rows.find((r) => r.label === 'web:2')!;
      const web1 = rows.find((r) => r.label === 'web:1')!;

      // web:2 runs in production: refused, not asked.
      await vscode.commands.executeCommand('ecsWorkbench.deregisterRevision', web2);
      assert.equal(asked.length, 0, 'nothing to confirm for a revision in use');
      assert.equal(errors.length, 1);
      // (staging/web uses it too until its rollout to web:3 has drained the old tasks.)
      assert.match(errors[0], /^web:2 is not deregistered: the services? (.*, )?production\/web(, .*)? uses? it\.$/);
      assert.equal(await status('web:2'), 'ACTIVE');

      // web:1: the modal names it; declined, nothing changes.
      await vscode.commands.executeCommand('ecsWorkbench.deregisterRevision', web1);
      assert.equal(asked.length, 1);
      assert.equal(asked[0].message, 'Deregister web:1?');
      assert.match(asked[0].detail ?? '', /cannot start new tasks or services/);
      assert.equal(await status('web:1'), 'ACTIVE', 'declined: still ACTIVE');

      answer = 'accept';
      await vscode.commands.executeCommand('ecsWorkbench.deregisterRevision', web1);
      assert.equal(await status('web:1'), 'INACTIVE');
      // The family's rows reload: web:1 now shows as INACTIVE.
      await waitFor('the tree shows web:1 INACTIVE', async () => {
        rows = await revisionRows();
        return rows.find((r) => r.label === 'web:1')?.description?.startsWith('INACTIVE · ');
      });

      // With explicit arguments: no question; a revision in use rejects with the services.
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.deregisterRevision', { taskDefinition: 'web:3', region: 'us-east-1' })),
        /web:3 is not deregistered: the service staging\/web uses it\./,
      );
      assert.equal(await status('web:3'), 'ACTIVE');
    } finally {
      messages.restore();
    }
  });
});
