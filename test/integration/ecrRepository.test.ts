// The repository node's actions (issue 17): Delete Repository confirms with the repository and its
// image count, and deletes a repository with images only when "Delete with N images" was chosen (and
// only the images that were counted); Delete Untagged Images confirms with count and total size,
// deletes by digest 100 to a call, keeps an image tagged since the list was read, and reports each
// image ECR refused. Real extension host, real SDK, the emulator's ECR.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createEmptyRepository, imagesInEmulator as images, kids, repositoryNode, withEcr } from './ecrFixture';
import { connectToEmulator, openDemo, recordMessagesInEachTest } from './fixtures';
import { waitFor } from './wait';
import { EmulatorControl } from '../emulator/control';

suite('ECR repository actions', function () {
  this.timeout(60_000);
  let control: EmulatorControl;
  /** Answers a modal confirmation (undefined: cancel); may change AWS before answering. */
  let answer: (items: string[]) => Promise<string | undefined> = async (items) => items[0];
  // Modal confirmations are recorded with their buttons and answered; every other message is recorded in `shown`.
  const { asked, shown } = recordMessagesInEachTest((items) => answer(items));

  suiteSetup(async () => {
    control = await connectToEmulator();
  });

  setup(async () => {
    await openDemo(control);
    answer = async (items) => items[0];
  });

  teardown(async () => {
    await control.clearFaults();
    await control.reset('demo');
  });

  test('Delete Repository with images: named with its count, deleted only with "Delete with 3 images", and gone from the tree', async () => {
    const repo = await repositoryNode('my-app');
    answer = async () => undefined;
    await vscode.commands.executeCommand('ecsWorkbench.deleteRepository', repo);
    assert.equal(asked.length, 1);
    assert.equal(asked[0].message, 'Delete repository my-app?');
    assert.deepEqual(asked[0].items, ['Delete with 3 images']);
    assert.match(asked[0].detail, /my-app still holds 3 images \(2 tagged, 1 untagged, [\d.]+ MB\)\. Deleting the repository deletes them too\./);
    // The demo seed's web services run my-app:v1.5.2 from this repository: the dialog names them.
    assert.match(asked[0].detail, /Running tasks use these images: [^:]*: service web in production \(2 tasks\), service web in staging \(2 tasks\)\./);
    assert.equal((await images('my-app'))?.length, 3, 'cancelled: nothing deleted');

    answer = async (items) => items[0];
    await vscode.commands.executeCommand('ecsWorkbench.deleteRepository', repo);
    assert.equal(await images('my-app'), undefined, 'deleted with its images');
    assert.deepEqual(shown, []);
    await waitFor('my-app is gone from the tree', async () => !(await kids()).some((n) => n.label === 'my-app'));
  });

  test('Delete Repository: an image pushed after the count stops it; an empty repository is deleted with "Delete"', async () => {
    const repo = await repositoryNode('my-app');
    answer = async (items) => {
      await control.addImage('my-app', ['v9']); // pushed while the dialog was open
      return items[0];
    };
    await vscode.commands.executeCommand('ecsWorkbench.deleteRepository', repo);
    assert.equal((await images('my-app'))?.length, 4, 'nothing deleted');
    assert.equal(shown.length, 1);
    assert.match(shown[0], /Nothing was deleted: the images of my-app changed since they were counted \(3 then, 4 now\)/);

    await createEmptyRepository('scratch');
    answer = async (items) => items[0];
    await vscode.commands.executeCommand('ecsWorkbench.deleteRepository', await repositoryNode('scratch'));
    assert.deepEqual(asked[1].items, ['Delete']);
    assert.match(asked[1].detail, /scratch has no images\./);
    assert.equal(await images('scratch'), undefined);
  });

  test('Delete Untagged Images: count and size confirmed, 100 per call, a newly tagged one kept, failures[] reported', async () => {
    for (let i = 0; i < 149; i++) await control.addImage('my-app', [], 1_000_000);
    const before = await images('my-app');
    const untagged = before!.filter((i) => i.tags.length === 0);
    assert.equal(untagged.length, 150, 'the demo untagged image and 149 more');
    const rescued = untagged[0].digest;
    answer = async (items) => {
      // Someone tags one of them while the dialog is open: it is a release now and must stay.
      await withEcr(async (ecr, client) => {
        const got = await client.send(new ecr.BatchGetImageCommand({ repositoryName: 'my-app', imageIds: [{ imageDigest: rescued }] }));
        await client.send(new ecr.PutImageCommand({ repositoryName: 'my-app', imageManifest: got.images![0].imageManifest, imageTag: 'rescued' }));
      });
      return items[0];
    };
    await control.injectFault({ operation: 'BatchDeleteImage', kind: 'partialFailure', count: 1 });
    await control.resetCallCounts();

    await vscode.commands.executeCommand('ecsWorkbench.deleteUntaggedImages', await repositoryNode('my-app'));
    assert.equal(asked.length, 1);
    assert.equal(asked[0].message, 'Delete 150 untagged images from my-app?');
    assert.deepEqual(asked[0].items, ['Delete 150 Images']);
    assert.match(asked[0].detail, /Together they take 200 MB\./);
    assert.equal((await control.callCounts()).BatchDeleteImage, 2, '149 images: two calls of at most 100');

    const after = await images('my-app');
    assert.deepEqual(after!.filter((i) => i.tags.length === 0), [], 'no untagged image left');
    assert.deepEqual(after!.find((i) => i.digest === rescued)?.tags, ['rescued'], 'the image tagged since the list was read is kept');
    assert.equal(after!.length, 3);
    assert.equal(shown.length, 1);
    assert.match(shown[0], /^Deleted 148 of 150 untagged images from my-app\. Kept 1 that were tagged since the list was read: sha256:[0-9a-f]{12} \(rescued\)\. 1 could not be deleted: sha256:[0-9a-f]{12}: Requested image not found$/);
  });

  test('Delete Untagged Images with none: says so and asks nothing', async () => {
    await createEmptyRepository('scratch');
    await vscode.commands.executeCommand('ecsWorkbench.deleteUntaggedImages', await repositoryNode('scratch'));
    assert.deepEqual(asked, []);
    assert.deepEqual(shown, ['scratch has no untagged images.']);
  });
});
