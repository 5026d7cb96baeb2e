// Explorer auto-refresh at the scale of a cluster-wide rollout: the deploying services of one cluster
// are described again together (DescribeServices takes 10 at a time), not one call per service.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { children, connectToEmulator, emulatorUrl, explorerApi, find, type TreeNode } from './fixtures';
import { EmulatorControl } from '../emulator/control';
import { loadSdk } from '../../src/aws/sdk-loader';
import { waitFor } from './wait';

const kids = (node?: TreeNode, expand = false): Promise<TreeNode[]> => children('clusters', node, expand);

suite('explorer auto-refresh', function () {
  this.timeout(60_000);
  let url: string;
  let control: EmulatorControl;

  suiteSetup(async () => {
    url = emulatorUrl();
    control = await connectToEmulator('demo');
    await vscode.commands.executeCommand('ecsWorkbench.selectProfile', '');
    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
    // Ticks are driven by the test; the timer would add calls at random moments.
    await vscode.workspace.getConfiguration('ecsWorkbench').update('explorer.autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('ecsWorkbench').update('explorer.autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    await control?.reset('demo');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  test('the deploying services of one cluster refresh with one DescribeServices call', async () => {
    const { ecs } = loadSdk();
    const client = new ecs.ECSClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      // staging/web is rolling out (seed); a new service in the same cluster is deploying too.
      await client.send(
        new ecs.CreateServiceCommand({
          cluster: 'staging',
          serviceName: 'api',
          taskDefinition: 'web:3',
          desiredCount: 2,
          launchType: 'EC2',
          networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0123456789abcdef0'] } },
        }),
      );
    } finally {
      client.destroy();
    }
    await vscode.commands.executeCommand('workbench.view.extension.ecsWorkbench');
    await vscode.commands.executeCommand('ecsWorkbench.clusters.focus');
    await vscode.commands.executeCommand('ecsWorkbench.refresh', 'clusters');
    // Revealing a node needs the view to have rendered the top level itself (inspect with expand
    // reveals again until it has).
    await waitFor('the Clusters view has loaded its top level', async () => (await (await explorerApi()).state()).views.find((v) => v.view === 'clusters')?.rootState === 'ready');
    const staging = find(await kids(), 'staging');
    const services = find(await kids(staging, true), 'Services');
    const listed = await kids(services, true);
    const deploying = listed.filter((s) => s.contextValue === 'ecsWorkbench.service.deploying').map((s) => s.label).sort();
    assert.deepEqual(deploying, ['api', 'web']);

    await control.resetCallCounts();
    assert.equal(await (await explorerApi()).autoRefreshTick('clusters'), 2);
    assert.deepEqual(await control.callCounts(), { DescribeServices: 1 });

    // Both nodes show the fresh state once the rollouts finish.
    await control.advance(30 * 60_000);
    await (await explorerApi()).autoRefreshTick('clusters');
    const after = await kids(services);
    assert.equal(find(after, 'web').contextValue, 'ecsWorkbench.service.steady');
    assert.equal(find(after, 'api').contextValue, 'ecsWorkbench.service.steady');
  });
});
