import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AUTH_DIR_PREFIX, createAuthDir, removeLeftoverAuthDirs } from '../../../src/publish/authFiles';

describe('publish/authFiles', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'authfiles-test-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function leftover(name: string, ageMs = 0): string {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'auth.json'), '{"auths":{"x":{"auth":"QVdTOnNlY3JldA=="}}}');
    const t = (Date.now() - ageMs) / 1000;
    fs.utimesSync(dir, t, t);
    return dir;
  }

  it('names the folder after this process, so that a later start can tell whose it is', async () => {
    const dir = await createAuthDir(root);
    assert.ok(path.basename(dir).startsWith(`${AUTH_DIR_PREFIX}${process.pid}-`), dir);
    assert.equal(fs.statSync(dir).mode & 0o077, 0, 'owner-only');
  });

  it('removes the folders of processes that are gone and of versions that did not name the process, keeps live ones', async () => {
    const crashed = leftover(`${AUTH_DIR_PREFIX}999999-abc123`);
    const legacy = leftover(`${AUTH_DIR_PREFIX}Xy12Zq`);
    const otherWindow = leftover(`${AUTH_DIR_PREFIX}4242-def456`);
    const mine = leftover(`${AUTH_DIR_PREFIX}${process.pid}-ghi789`);
    const unrelated = leftover('something-else');
    const removed = await removeLeftoverAuthDirs(root, { isAlive: (pid) => pid === 4242 });
    assert.deepEqual(removed.sort(), [crashed, legacy].sort());
    for (const dir of [crashed, legacy]) assert.ok(!fs.existsSync(dir), `${dir} with the password survived`);
    for (const dir of [otherWindow, mine, unrelated]) assert.ok(fs.existsSync(dir), `${dir} was removed while in use`);
  });

  it('removes a folder older than an ECR token lives even when its process id is alive again (reused)', async () => {
    const old = leftover(`${AUTH_DIR_PREFIX}4242-aaa111`, 13 * 60 * 60 * 1000);
    assert.deepEqual(await removeLeftoverAuthDirs(root, { isAlive: () => true }), [old]);
  });

  it('never throws for a missing root', async () => {
    assert.deepEqual(await removeLeftoverAuthDirs(path.join(root, 'nope')), []);
  });
});
