#!/usr/bin/env node
// `npm run bench`: compiles the TypeScript (tsc -p .), then runs every out/test/bench/*.bench.js
// through test/bench/harness.ts, one line per figure. Exits non-zero if a bench module fails or a
// figure is over its budget.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ROOT, note, parseArgs } from './lib/host.mjs';

const args = parseArgs();
if (!args.flags.has('no-compile')) {
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
const { runBenches } = createRequire(import.meta.url)(path.join(dir, 'harness.js'));
const outcomes = await runBenches(files);
const failed = outcomes.filter((o) => o.error);
const over = outcomes.flatMap((o) => o.figures).filter((f) => f.budget !== undefined && !(f.value < f.budget));
if (failed.length) note('bench', `${failed.length} bench module(s) failed`);
if (over.length) note('bench', `over budget: ${over.map((f) => f.name).join(', ')}`);
process.exit(failed.length || over.length ? 1 : 0);
