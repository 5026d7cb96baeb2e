// The manifest's user-facing strings are translatable: package.json references them as "%key%" and
// package.nls.json holds the English text (issue 8). Fails when a string is added raw, a reference
// has no text, or a text is no longer used.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ManifestStrings {
  checkManifest(pkg: unknown, nls: Record<string, string>): string[];
  localize<T>(pkg: T, nls: Record<string, string>): T;
  referencedKeys(pkg: unknown): Set<string>;
}

// Compiled to out/test/unit/infra/: the repository root is four levels up.
const root = path.resolve(__dirname, '..', '..', '..', '..');
const read = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

describe('manifest strings (package.nls.json)', () => {
  let lib: ManifestStrings;
  let pkg: Record<string, unknown>;
  let nls: Record<string, string>;

  before(async () => {
    lib = (await import(pathToFileURL(path.join(root, 'scripts', 'lib', 'manifestStrings.mjs')).href)) as ManifestStrings;
    pkg = read('package.json');
    nls = read('package.nls.json') as Record<string, string>;
  });

  it('every user-facing manifest string is a %key% with its text in package.nls.json, and every text is used', () => {
    assert.deepEqual(lib.checkManifest(pkg, nls), []);
  });

  it('referencedKeys (what `manifest-nls.mjs` keeps in the bundle) names exactly the bundle\'s keys', () => {
    assert.deepEqual([...lib.referencedKeys(pkg)].sort(), Object.keys(nls).sort());
  });

  it('a raw title or a dangling reference is reported', () => {
    const copy = structuredClone(pkg) as { contributes: { commands: { title: string }[]; views: Record<string, { name: string }[]> } };
    copy.contributes.commands[0].title = 'Raw Title';
    copy.contributes.views.ecsWorkbench[0].name = '%view.nowhere.name%';
    const problems = lib.checkManifest(copy, nls);
    assert.ok(problems.some((p) => p.includes('"Raw Title" is not in package.nls.json')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('%view.nowhere.name% has no entry')), problems.join('\n'));
  });

  it('no %reference% anywhere in package.json is left unresolved (fields outside the known list too)', () => {
    const leftovers = JSON.stringify(lib.localize(pkg, nls)).match(/"%[^"%\s]+%"/g) ?? [];
    assert.deepEqual(leftovers, []);
  });

  it('the texts are what users read: the view container title and a command title', () => {
    const shown = lib.localize(pkg, nls) as { contributes: { viewsContainers: { activitybar: { title: string }[] }; commands: { command: string; title: string }[] } };
    assert.equal(shown.contributes.viewsContainers.activitybar[0].title, 'ECS Workbench');
    assert.equal(shown.contributes.commands.find((c) => c.command === 'ecsWorkbench.deployService')?.title, 'Deploy Service…');
  });
});
