// The VSIX (issue 8): under 2 MB and without test or source files. `vsce ls` lists what `vsce package`
// would pack, following .vscodeignore (about 3 s); the size is each file deflated as in the zip, plus
// a zip entry header per file. Needs `npm run build` first (npm test builds before the component layer).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const MAX_BYTES = 2 * 1024 * 1024;

describe('VSIX contents', function () {
  this.timeout(60_000);
  let files: string[] = [];

  before(() => {
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 50_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    files = out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('WARNING') && fs.existsSync(path.join(root, l)));
  });

  it('packs the bundled extension and its manifest', () => {
    assert.ok(files.includes('package.json'), `package.json missing from ${files.join(', ')}`);
    assert.ok(files.includes('dist/extension.js'), 'dist/extension.js missing: run `npm run build` first');
    assert.ok(files.includes('dist/THIRD_PARTY_NOTICES.txt'), 'the licence notices of the bundled packages must ship with the bundles');
  });

  it('carries no test, source, script or source-map files', () => {
    const bad = files.filter(
      (f) => /^(src|test|out|scripts|aws-models|node_modules|\.ci|\.github|media\/screenshots)\//.test(f) || /\.(ts|map|tsbuildinfo|vsix)$/.test(f),
    );
    assert.deepEqual(bad, [], `files the VSIX must not carry: ${bad.join(', ')}`);
  });

  it('stays under 2 MB compressed', () => {
    let total = 0;
    for (const f of files) total += zlib.deflateRawSync(fs.readFileSync(path.join(root, f))).length + 100 + 2 * f.length;
    assert.ok(total < MAX_BYTES, `VSIX about ${(total / 1024 / 1024).toFixed(2)} MB, budget 2 MB`);
  });
});
