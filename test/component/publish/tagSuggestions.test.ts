// Tag suggestions read from a real git repository (git runs as a child process). The pure rules
// (timestamps, sanitising, the release tag) are unit-tested in test/unit/publish/tagSuggestions.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProgram } from '../../../src/publish/childProcess';
import { suggestTags } from '../../../src/publish/tagSuggestions';

describe('publish/tagSuggestions in a git repository', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'publish-tags-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const git = async (...args: string[]): Promise<string> => {
    const r = await runProgram('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim();
  };

  it('suggests git tag, package.json version, commit, timestamp and latest', async () => {
    await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ version: '1.0.3' }));
    await git('init', '-q');
    await git('add', 'package.json');
    await git('commit', '-q', '-m', 'init');
    await git('tag', 'v1.0.3');
    const commit = await git('rev-parse', '--short=12', 'HEAD');
    const now = new Date(Date.UTC(2026, 10, 27, 16, 5, 9));
    const suggestions = await suggestTags(dir, { now });
    assert.deepEqual(suggestions, [
      { tag: 'v1.0.3', source: 'git tag' },
      { tag: '1.0.3', source: 'package.json version' },
      { tag: commit, source: 'git commit' },
      { tag: '20261127-160509', source: 'timestamp' },
      { tag: 'latest', source: 'latest' },
    ]);
  });

  it('marks a commit with uncommitted changes, and works outside git', async () => {
    assert.deepEqual(
      (await suggestTags(dir, { now: new Date(0), includeLatest: false })).map((s) => s.source),
      ['timestamp'],
    );
    await fs.writeFile(path.join(dir, 'f'), 'a');
    await git('init', '-q');
    await git('add', 'f');
    await git('commit', '-q', '-m', 'init');
    await fs.writeFile(path.join(dir, 'f'), 'b');
    const suggestions = await suggestTags(dir, { now: new Date(0) });
    assert.match(suggestions[0].tag, /^[0-9a-f]{12}-dirty$/);
  });

});
