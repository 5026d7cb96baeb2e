#!/usr/bin/env node
// Moves the manifest's raw user-facing strings (command titles, setting descriptions, views, welcome
// contents, walkthrough texts…) into package.nls.json and references them as "%key%".
//   node scripts/manifest-nls.mjs           move new strings, then report what is still wrong
//   node scripts/manifest-nls.mjs --check   exit 1 when a string is not externalized or a key is unused
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkManifest, externalize, referencedKeys } from './lib/manifestStrings.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgPath = path.join(root, 'package.json');
const nlsPath = path.join(root, 'package.nls.json');
const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
const nls = fs.existsSync(nlsPath) ? JSON.parse(fs.readFileSync(nlsPath, 'utf8')) : {};

if (!process.argv.includes('--check')) {
  const moved = externalize(pkg, nls);
  // Keys of strings that were removed from the manifest go too.
  const used = referencedKeys(pkg);
  for (const key of Object.keys(nls)) if (!used.has(key)) delete nls[key];
  fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');
  fs.writeFileSync(nlsPath, JSON.stringify(nls, null, 2) + '\n');
  console.log(`moved ${moved} string(s) into package.nls.json (${Object.keys(nls).length} keys)`);
}
const problems = checkManifest(pkg, nls);
for (const p of problems) console.error(p);
process.exit(problems.length ? 1 : 0);
