#!/usr/bin/env node
// `npm run bench`: installs the test host when it is missing (a fresh clone, like `npm test`), builds
// (npm run build) and compiles the TypeScript (tsc -p .), then runs every out/test/bench/*.bench.js
// through test/bench/harness.ts, one line per figure. A part whose tool is still missing (no apt, no
// podman) is listed as skipped, not failed. Exits non-zero if a bench module fails or a figure is over
// its budget. `--no-compile` reuses out/ and dist/ as they are; `--grep X` picks modules by file name.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { CONTAINER_TOOLS, ROOT, hasCommand, note, parseArgs, testHostInstalled } from './lib/host.mjs';

const args = parseArgs();
const missingHost = [...(testHostInstalled() ? [] : ['code-server or Chromium']), ...CONTAINER_TOOLS.filter((c) => !hasCommand(c))];
if (missingHost.length) {
  note('bench', `${missingHost.join(', ')} missing: installing the test host (scripts/install-test-host.sh)`);
  const install = spawnSync('bash', ['scripts/install-test-host.sh'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (install.status !== 0) note('bench', `the test host could not be installed (exit ${install.status ?? install.error?.message}): the parts that need it are skipped`);
}
if (!args.flags.has('no-compile')) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) note('bench', 'npm run build failed: the parts that need dist/ are skipped or fail');
  const tsc = spawnSync('npx', ['--no-install', 'tsc', '-p', '.'], { cwd: ROOT, stdio: 'inherit' });
  if (tsc.status !== 0) note('bench', 'tsc reported errors (it still emitted out/); benchmarking what compiled');
}
const dir = path.join(ROOT, 'out', 'test', 'bench');
const grep = args.grep ? new RegExp(args.grep, 'i') : undefined;
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bench.js') && (!grep || grep.test(f)))
      .sort()
      .map((f) => path.join(dir, f))
  : [];
if (files.length === 0) {
  note('bench', 'no out/test/bench/*.bench.js to run');
  process.exit(1);
}
const { runBenches, withinBudget } = createRequire(import.meta.url)(path.join(dir, 'harness.js'));
const outcomes = await runBenches(files);
const failed = outcomes.filter((o) => o.error);
const over = outcomes.flatMap((o) => o.figures).filter((f) => !withinBudget(f));
const skipped = outcomes.flatMap((o) => o.skipped);
note('bench', `${outcomes.length} bench module(s) ran, ${outcomes.flatMap((o) => o.figures).length} figures, ${skipped.length} part(s) skipped`);
for (const s of skipped) note('bench', `skipped ${s.part}: ${s.reason}`);
if (failed.length) note('bench', `${failed.length} bench module(s) failed`);
if (over.length) note('bench', `over budget: ${over.map((f) => f.name).join(', ')}`);
process.exit(failed.length || over.length ? 1 : 0);
