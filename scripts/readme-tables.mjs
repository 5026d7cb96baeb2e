#!/usr/bin/env node
// Rewrites the generated tables in README.md: commands and settings from package.json, lint rules from
// the rule registry (src/taskdef/rules/index.ts, bundled with esbuild into a temporary module to read it).
//   npm run readme-tables          rewrite
//   npm run readme-tables -- --check   exit 1 when README.md is stale
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localize } from './lib/manifestStrings.mjs';
import { rewrite } from './lib/readmeTables.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = path.join(root, 'README.md');
// The tables show the manifest as users see it: "%key%" references resolved from package.nls.json.
const pkg = localize(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')), JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')));
const rules = await loadRules();
const readme = fs.readFileSync(readmePath, 'utf8');
const updated = rewrite(readme, pkg, rules);
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md command/setting/rule tables are stale: run `npm run readme-tables`');
    process.exit(1);
  }
  console.log('README.md tables are up to date');
} else if (updated !== readme) {
  fs.writeFileSync(readmePath, updated);
  console.log('README.md tables rewritten');
} else {
  console.log('README.md tables already up to date');
}

/** The rule registry, bundled from its TypeScript source into a temporary CommonJS module. */
async function loadRules() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-rules-'));
  const outfile = path.join(dir, 'rules.cjs');
  try {
    await esbuild.build({
      entryPoints: [path.join(root, 'src', 'taskdef', 'rules', 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      mainFields: ['module', 'main'],
      outfile,
      logLevel: 'warning',
    });
    return createRequire(import.meta.url)(outfile).RULES;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
