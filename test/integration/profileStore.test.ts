// The AWS config files in the real extension host: the ProfileStore the extension builds at activation
// follows an edit of the config file by itself (its watch), and the next call of the picked profile
// goes where the file now says, without picking the profile again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { explorerApi, onDemoSeed, type TreeNode } from './fixtures';
import { waitFor } from './wait';

suite('AWS config files', function () {
  this.timeout(90_000);

  suiteSetup(async () => {
    await onDemoSeed();
  });

  test('an edit of the config file reaches the picked profile\'s next call (the store watches the file)', async () => {
    const url = process.env.ECS_WORKBENCH_EMULATOR_URL!;
    // The file the extension read at activation (the runner's fake profile), so that its watch sees the edit.
    const configFile = process.env.AWS_CONFIG_FILE!;
    const original = fs.readFileSync(configFile, 'utf8');
    const savedEndpoint = process.env.AWS_ENDPOINT_URL;
    const withProfile = (endpoint: string): string =>
      `${original}\n[profile moving]\nregion = us-east-1\nendpoint_url = ${endpoint}\naws_access_key_id = test\naws_secret_access_key = test\n`;
    const explorer = await explorerApi();
    const clusters = async (): Promise<string[]> => (((await explorer.inspect('clusters')) ?? []) as TreeNode[]).map((n) => n.label).sort();
    const rootState = (): string | undefined => explorer.state().views.find((v) => v.view === 'clusters')?.rootState;
    try {
      // Nothing listens on port 9 of this host: the profile's endpoint cannot be reached.
      fs.writeFileSync(configFile, withProfile('http://127.0.0.1:9'));
      delete process.env.AWS_ENDPOINT_URL;
      await vscode.commands.executeCommand('ecsWorkbench.selectProfile', 'moving');
      await waitFor('the Clusters view says the profile\'s endpoint cannot be reached', async () => {
        const labels = await clusters();
        if (rootState() !== 'error') throw new Error(`the view is ${rootState()}: [${labels.join(', ')}]`);
        return true;
      });

      // Only the file changes: no profile picked again, no picker opened.
      fs.writeFileSync(configFile, withProfile(url));
      const listed = await waitFor('the Clusters view lists the clusters at the endpoint the file now names', async () => {
        await vscode.commands.executeCommand('ecsWorkbench.refresh');
        const labels = await clusters();
        return labels.includes('production') && labels;
      });
      assert.deepEqual(listed, ['production', 'staging']);
      assert.equal(rootState(), 'ready');
    } finally {
      fs.writeFileSync(configFile, original);
      if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = savedEndpoint;
      await vscode.commands.executeCommand('ecsWorkbench.selectProfile', '');
      await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
    }
  });
});
