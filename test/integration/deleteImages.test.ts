// Delete Image(s) deletes the image the confirmation showed, or nothing (issue 16): the tree is loaded,
// then `latest` is pushed to a new image without a refresh; deleting the old image (shown as
// "v1.5.2, latest") must not take the new `latest` with it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { explorerApi } from './extensionApi';
import { EmulatorControl } from '../emulator/control';
import { loadSdk } from '../../src/aws/sdk-loader';

interface Node {
  id: string;
  label: string;
  resource?: Record<string, unknown> & { kind: string };
}

async function kids(node?: Node): Promise<Node[]> {
  const out = (await (await explorerApi()).inspect('repositories', node?.id, { expand: false })) as Node[] | undefined;
  assert.ok(out, `node ${node?.id} is not in the repositories tree`);
  return out;
}

function find(nodes: Node[], label: string): Node {
  const n = nodes.find((x) => x.label === label);
  assert.ok(n, `no node ${label} in [${nodes.map((x) => x.label).join(', ')}]`);
  return n;
}

async function tagsInEmulator(repositoryName: string): Promise<string[][]> {
  const { ecr } = loadSdk();
  const client = new ecr.ECRClient({ region: 'us-east-1' });
  try {
    const out = await client.send(new ecr.DescribeImagesCommand({ repositoryName }));
    return (out.imageDetails ?? []).map((d) => [...(d.imageTags ?? [])].sort()).sort();
  } finally {
    client.destroy();
  }
}

suite('delete images', function () {
  this.timeout(60_000);
  let control: EmulatorControl;
  const window = vscode.window as { showWarningMessage: unknown; showErrorMessage: unknown };
  const originals = { warning: window.showWarningMessage, error: window.showErrorMessage };
  const errors: string[] = [];

  suiteSetup(async () => {
    const url = process.env.ECS_WORKBENCH_EMULATOR_URL;
    assert.ok(url, 'ECS_WORKBENCH_EMULATOR_URL is not set: the runner did not start the emulator');
    control = new EmulatorControl(url);
    await vscode.extensions.getExtension('ecs-workbench.ecs-workbench')!.activate();
  });

  setup(async () => {
    await control.reset('demo');
    await control.clearFaults();
    await vscode.commands.executeCommand('ecsWorkbench.selectProfile', '');
    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
    await vscode.commands.executeCommand('ecsWorkbench.refresh');
    errors.length = 0;
    // The modal confirmation answers "Delete"; error messages are recorded.
    window.showWarningMessage = async (_message: string, _options: unknown, ...items: string[]) => items[0];
    window.showErrorMessage = async (message: string) => {
      errors.push(message);
      return undefined;
    };
  });

  teardown(() => {
    window.showWarningMessage = originals.warning;
    window.showErrorMessage = originals.error;
  });

  test('a tag pushed since the list loaded: nothing is deleted, and the user is told why', async () => {
    const images = await kids(find(await kids(), 'my-app'));
    const old = find(images, 'v1.5.2, latest');
    const newDigest = await control.addImage('my-app', ['latest']); // a push, no refresh of the tree
    const pushed = await tagsInEmulator('my-app');
    assert.ok(pushed.some((t) => t.join() === 'latest') && pushed.some((t) => t.join() === 'v1.5.2'), `latest moved: ${JSON.stringify(pushed)}`);

    await vscode.commands.executeCommand('ecsWorkbench.deleteImages', old, [old]);

    assert.deepEqual(await tagsInEmulator('my-app'), pushed, 'nothing deleted');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Nothing was deleted from my-app: its tags changed since the list was loaded \(sha256:.* was shown with v1\.5\.2, latest, now has v1\.5\.2\)/);
    assert.ok(newDigest.startsWith('sha256:'));
  });

  test('tags as shown: the image is deleted by its digest, with all its tags', async () => {
    const images = await kids(find(await kids(), 'my-app'));
    const old = find(images, 'v1.5.2, latest');
    const before = await tagsInEmulator('my-app');
    await vscode.commands.executeCommand('ecsWorkbench.deleteImages', old, [old]);
    assert.deepEqual(errors, []);
    assert.deepEqual(await tagsInEmulator('my-app'), before.filter((t) => t.join() !== 'latest,v1.5.2'));
  });
});
