// What the ECR suites share: the repositories tree as the extension shows it, and the emulator's ECR
// read and changed through the real SDK (the demo seed is opened by fixtures.ts's openDemo).
import * as vscode from 'vscode';
import { children, type TreeNode } from './fixtures';
import { waitFor } from './wait';
import { loadSdk } from '../../src/aws/sdk-loader';

/** The children of a node of the repositories view (its top level without one). */
export function kids(node?: TreeNode): Promise<TreeNode[]> {
  return children('repositories', node);
}

/** A repository's node, once the tree shows it. */
export function repositoryNode(name: string): Promise<TreeNode> {
  return waitFor(`repository ${name} is in the tree`, async () => (await kids()).find((n) => n.label === name));
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
