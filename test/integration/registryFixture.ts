// What the publish and release suites share: an emulator of their own (seed `empty`, fast) whose ECR
// hands out a Debian docker-registry with htpasswd started here on a free loopback port (and mirrors
// its pushes), the SDK pointed at it through AWS_ENDPOINT_URL (the standard variable, no special code
// path), podman as the container CLI; all put back after the suite, with the images it built removed.
// The runner's emulator has no registry; each suite passes a region no other suite uses, so that only
// its clients reach this emulator (the extension makes clients per region on first use).
import * as vscode from 'vscode';
import { SdkClients } from '../../src/aws/clients';
import { runProgram } from '../../src/publish/childProcess';
import { startEmulator } from '../emulator/server';
import { startLocalRegistry, type LocalRegistry } from '../component/publish/support/localRegistry';
import { extensionApi } from './fixtures';

export interface OwnRegistry {
  readonly registry: LocalRegistry;
  readonly emulator: { url: string; close(): Promise<void> };
  /** SDK clients of the suite's region, reaching its emulator. */
  readonly clients: SdkClients;
  /** Images the suite built on this machine (`host/repository:tag`): removed after it. */
  readonly built: string[];
}

/** Registers the suite's set-up and tear-down; the fields are there from the suite's first hook on. */
export function ownRegistryAndEmulator(region: string): OwnRegistry {
  const own = { built: [] as string[] } as { -readonly [K in keyof OwnRegistry]: OwnRegistry[K] };
  const savedEndpoint = process.env.AWS_ENDPOINT_URL;
  const containerCli = (value: string | undefined) => vscode.workspace.getConfiguration('ecsWorkbench').update('containerCli', value, vscode.ConfigurationTarget.Global);

  suiteSetup(async () => {
    await extensionApi();
    own.registry = await startLocalRegistry();
    own.emulator = await startEmulator({ seed: 'empty', speed: 200, registry: own.registry.urlWithCredentials });
    process.env.AWS_ENDPOINT_URL = own.emulator.url;
    own.clients = new SdkClients(() => ({ region }));
    await containerCli('podman');
  });

  suiteTeardown(async () => {
    await containerCli(undefined);
    if (own.built.length) await runProgram('podman', ['rmi', '--force', '--', ...own.built]);
    own.clients?.dispose();
    await own.emulator?.close();
    await own.registry?.close();
    if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = savedEndpoint;
  });
  return own;
}
