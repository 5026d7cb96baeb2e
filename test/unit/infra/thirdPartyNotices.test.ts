// The VSIX ships bundles, not node_modules: dist/THIRD_PARTY_NOTICES.txt (written by `npm run build`)
// must carry the licence of every package the bundles contain. The packages are read here from the
// bundles' source maps, independently of the metafile the build generates the notices from.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const dist = path.join(root, 'dist');

function bundledPackages(): Map<string, string> {
  const found = new Map<string, string>(); // name@version → package folder
  const bundles = fs.readdirSync(dist).filter((f) => f.endsWith('.js'));
  const maps = bundles.map((f) => `${f}.map`);
  const missing = maps.filter((m) => !fs.existsSync(path.join(dist, m)));
  assert.ok(bundles.length >= 3 && missing.length === 0, `source maps missing in dist/ (${missing.join(', ') || 'no bundles'}): run \`npm run build\` first`);
  for (const map of maps) {
    const { sources } = JSON.parse(fs.readFileSync(path.join(dist, map), 'utf8')) as { sources: string[] };
    for (const source of sources) {
      const at = source.lastIndexOf('node_modules/');
      if (at < 0) continue;
      const parts = source.slice(at + 'node_modules/'.length).split('/');
      const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
      const dir = path.resolve(dist, source.slice(0, at) + 'node_modules/' + name);
      const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
      found.set(`${name}@${version}`, dir);
    }
  }
  return found;
}

describe('third-party notices', () => {
  it('name every bundled package with its version and carry a licence text for each', () => {
    const notices = fs.readFileSync(path.join(dist, 'THIRD_PARTY_NOTICES.txt'), 'utf8');
    const packages = bundledPackages();
    assert.ok(packages.size >= 10, `only ${packages.size} bundled packages found`);
    const missing = [...packages.keys()].filter((p) => !notices.includes(`\n- ${p} (`));
    assert.deepEqual(missing, [], `bundled without a notice: ${missing.join(', ')}`);
    // Each package heads a licence section, and each section has a licence text under it.
    const sections = notices.split(/^={78}$/m).slice(1);
    for (const p of packages.keys()) assert.ok(sections.some((s) => s.split(/^-{78}$/m)[0].includes(`${p} (`)), `${p} has no licence section`);
    for (const s of sections) assert.match(s.split(/^-{78}$/m)[1] ?? '', /licen[cs]e|permission/i, `a section without licence text:\n${s.slice(0, 300)}`);
  });

  it('carry the licence file a package ships, word for word', () => {
    const notices = fs.readFileSync(path.join(dist, 'THIRD_PARTY_NOTICES.txt'), 'utf8');
    for (const dir of bundledPackages().values()) {
      const file = fs.readdirSync(dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
      if (file) assert.ok(notices.includes(fs.readFileSync(path.join(dir, file), 'utf8').trim()), `${dir}/${file} is not in the notices`);
    }
  });
});
