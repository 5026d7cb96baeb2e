#!/usr/bin/env node
// Rewrites the generated command and setting tables in README.md from package.json.
//   npm run readme-tables          rewrite
//   npm run readme-tables -- --check   exit 1 when README.md is stale
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localize } from './lib/manifestStrings.mjs';
import { rewrite } from './lib/readmeTables.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = path.join(root, 'README.md');
// The tables show the manifest as users see it: "%key%" references resolved from package.nls.json.
const pkg = localize(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')), JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')));
const readme = fs.readFileSync(readmePath, 'utf8');
const updated = rewrite(readme, pkg);
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md command/setting tables are stale: run `npm run readme-tables`');
    process.exit(1);
  }
  console.log('README.md tables are up to date');
} else if (updated !== readme) {
  fs.writeFileSync(readmePath, updated);
  console.log('README.md tables rewritten');
} else {
  console.log('README.md tables already up to date');
}
