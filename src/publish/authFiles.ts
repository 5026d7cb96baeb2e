// Where podman's temporary --authfile (the ECR registry password) lives, and how leftovers go away.
// A publish removes its folder when it ends; a crash (extension host killed, machine off) cannot, so
// each folder is named after the process that made it, and the next start removes the folders whose
// process is gone (or that are older than an ECR token lives). Pure Node, no vscode.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export const AUTH_DIR_PREFIX = 'ecs-workbench-auth-';

/** An ECR authorization token is valid for 12 hours: a folder older than that holds nothing usable. */
const MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** A new owner-only folder for one publish's auth file, named after this process. */
export function createAuthDir(root: string = os.tmpdir()): Promise<string> {
  return fs.mkdtemp(path.join(root, `${AUTH_DIR_PREFIX}${process.pid}-`));
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/**
 * Removes auth folders left by processes that no longer run (and any older than a token lives;
 * folders of versions that did not name the process are removed too). Returns the removed paths.
 * Never throws: a folder it cannot read or remove is left for the next start.
 */
export async function removeLeftoverAuthDirs(
  root: string = os.tmpdir(),
  options: { isAlive?: (pid: number) => boolean; now?: number } = {},
): Promise<string[]> {
  const isAlive = options.isAlive ?? processAlive;
  const now = options.now ?? Date.now();
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(AUTH_DIR_PREFIX)) continue;
    const dir = path.join(root, name);
    const pid = /^ecs-workbench-auth-(\d+)-/.exec(name)?.[1];
    try {
      const info = await fs.lstat(dir);
      if (!info.isDirectory()) continue;
      if (typeof process.getuid === 'function' && info.uid !== process.getuid()) continue; // not ours to touch
      const orphaned = pid === undefined || (Number(pid) !== process.pid && !isAlive(Number(pid)));
      const expired = now - info.mtimeMs >= MAX_AGE_MS;
      if (!orphaned && !expired) continue;
      await fs.rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // gone meanwhile, or not ours: leave it
    }
  }
  return removed;
}
