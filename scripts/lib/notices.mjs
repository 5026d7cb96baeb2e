// Third-party licence notices for the code esbuild bundles into dist/ (the VSIX ships the bundles,
// not node_modules, so the licences must travel with them). Used by esbuild.mjs after each build;
// test/unit/infra/thirdPartyNotices.test.ts checks the file covers every bundled package.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const NOTICES_FILE = 'THIRD_PARTY_NOTICES.txt';

const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;
const NOTICE_FILE = /^notice(\.(md|txt))?$/i;

// For a package that ships no licence file (e.g. @vscode/l10n): the MIT text with its author's name.
const MIT = (holder) => `MIT License

Copyright (c) ${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`;

/** `node_modules/@scope/name/...` or `.../node_modules/name/...` → the package folder, else undefined. */
export function packageDirOf(file) {
  const normalized = file.split(path.sep).join('/');
  const at = normalized.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const parts = normalized.slice(at + 'node_modules/'.length).split('/');
  const depth = parts[0].startsWith('@') ? 2 : 1;
  if (parts.length <= depth) return undefined;
  return normalized.slice(0, at) + 'node_modules/' + parts.slice(0, depth).join('/');
}

function authorName(pkg) {
  return typeof pkg.author === 'string' ? pkg.author.replace(/\s*[<(].*$/, '') : pkg.author?.name;
}

/** name, version, licence id, licence text (and NOTICE text) of one package folder. */
export function readPackageLicence(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const files = fs.readdirSync(dir);
  const licenceFile = files.find((f) => LICENSE_FILE.test(f));
  const noticeFile = files.find((f) => NOTICE_FILE.test(f));
  const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN');
  let text = licenceFile ? fs.readFileSync(path.join(dir, licenceFile), 'utf8') : undefined;
  if (!text && license === 'MIT' && authorName(pkg)) text = MIT(authorName(pkg));
  const notice = noticeFile ? fs.readFileSync(path.join(dir, noticeFile), 'utf8') : undefined;
  return { name: pkg.name, version: pkg.version, license, author: authorName(pkg), text: text?.trim(), notice: notice?.trim() };
}

/**
 * A package without a licence file (some @aws-sdk ones) gets the licence text another bundled package
 * of the same licence id ships (Apache-2.0's text names no holder), under its own name. None: the build
 * fails, so that a new dependency is not shipped without its notice.
 */
function fillMissingTexts(packages) {
  for (const p of packages) {
    if (p.text) continue;
    const donor = packages.find((o) => o.text && o.license === p.license && p.license === 'Apache-2.0');
    if (!donor) throw new Error(`${p.name}@${p.version} (${p.license}) is bundled but ships no licence file: add its notice to scripts/lib/notices.mjs`);
    p.text = donor.text;
  }
}

/**
 * The notices text for the bundled input files (paths as esbuild's metafile lists them, relative
 * to `root`). Packages with the same licence text share one copy of it.
 */
export function noticesFor(inputs, root) {
  const dirs = new Set();
  for (const input of inputs) {
    const dir = packageDirOf(input);
    if (dir) dirs.add(path.resolve(root, dir));
  }
  const packages = [...dirs].map(readPackageLicence).sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  fillMissingTexts(packages);
  const byText = new Map();
  for (const p of packages) {
    const key = `${p.text}\n${p.notice ?? ''}`;
    byText.set(key, [...(byText.get(key) ?? []), p]);
  }
  const lines = [
    'ECS Workbench bundles the following third-party packages into dist/. Their licences follow.',
    '',
    ...packages.map((p) => `- ${p.name}@${p.version} (${p.license})`),
    '',
  ];
  for (const group of byText.values()) {
    lines.push('='.repeat(78));
    lines.push(...group.map((p) => `${p.name}@${p.version} (${p.license})`));
    lines.push('-'.repeat(78), '', group[0].text, '');
    if (group[0].notice) lines.push('NOTICE', '', group[0].notice, '');
  }
  return lines.join('\n');
}
