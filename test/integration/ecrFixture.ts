// What the ECR suites share: the repositories tree as the extension shows it, the demo seed selected
// in us-east-1, and the emulator's ECR read and changed through the real SDK.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { explorerApi } from './extensionApi';
import { waitFor } from './wait';
import type { EmulatorControl } from '../emulator/control';
import { loadSdk } from '../../src/aws/sdk-loader';

export interface Node {
  id: string;
  label: string;
  resource?: Record<string, unknown> & { kind: string };
}

/** The children of a node of the repositories view (its top level without one). */
export async function kids(node?: Node): Promise<Node[]> {
  const out = (await (await explorerApi()).inspect('repositories', node?.id, { expand: false })) as Node[] | undefined;
  assert.ok(out, `node ${node?.id} is not in the repositories tree`);
  return out;
}

export function find(nodes: Node[], label: string): Node {
  const n = nodes.find((x) => x.label === label);
  assert.ok(n, `no node ${label} in [${nodes.map((x) => x.label).join(', ')}]`);
  return n;
}

/** A repository's node, once the tree shows it. */
export function repositoryNode(name: string): Promise<Node> {
  return waitFor(`repository ${name} is in the tree`, async () => (await kids()).find((n) => n.label === name));
}

/** The demo seed, no faults, the default profile in us-east-1, the views refreshed. */
export async function openDemo(control: EmulatorControl): Promise<void> {
  await control.reset('demo');
  await control.clearFaults();
  await vscode.commands.executeCommand('ecsWorkbench.selectProfile', '');
  await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
  await vscode.commands.executeCommand('ecsWorkbench.refresh');
}

/** Runs `fn` with an ECR client of the emulator's us-east-1. */
export async function withEcr<T>(fn: (ecr: ReturnType<typeof loadSdk>['ecr'], client: InstanceType<ReturnType<typeof loadSdk>['ecr']['ECRClient']>) => Promise<T>): Promise<T> {
  const { ecr } = loadSdk();
  const client = new ecr.ECRClient({ region: 'us-east-1' });
  try {
    return await fn(ecr, client);
  } finally {
    client.destroy();
  }
}

/** The images of a repository (digest and tags), or undefined when the repository does not exist. */
export function imagesInEmulator(repositoryName: string): Promise<{ digest: string; tags: string[] }[] | undefined> {
  return withEcr(async (ecr, client) => {
    try {
      const out = await client.send(new ecr.DescribeImagesCommand({ repositoryName, maxResults: 1000 }));
      return (out.imageDetails ?? []).map((d) => ({ digest: d.imageDigest!, tags: [...(d.imageTags ?? [])].sort() }));
    } catch (e) {
      if ((e as Error).name === 'RepositoryNotFoundException') return undefined;
      throw e;
    }
  });
}

/** Creates an empty repository and refreshes the views. */
export async function createEmptyRepository(repositoryName: string): Promise<void> {
  await withEcr((ecr, client) => client.send(new ecr.CreateRepositoryCommand({ repositoryName })));
  await vscode.commands.executeCommand('ecsWorkbench.refresh');
}
