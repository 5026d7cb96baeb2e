// README's command and setting tables are generated from package.json, its lint rule table from the rule
// registry (src/taskdef/rules/index.ts), by `npm run readme-tables`; this fails when they drift.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../../../src/taskdef/rules/index';

interface ReadmeTablesModule {
  BLOCKS: string[];
  RULES_BLOCK: string;
  generate(pkg: unknown): Record<string, string>;
  rulesTable(rules: readonly unknown[]): string;
  extractBlock(readme: string, name: string): string | undefined;
  rewrite(readme: string, pkg: unknown, rules?: readonly unknown[]): string;
  cell(text: string): string;
}

// Compiled to out/test/unit/infra/: the repository root is four levels up.
const root = path.resolve(__dirname, '..', '..', '..', '..');
const modulePath = path.join(root, 'scripts', 'lib', 'readmeTables.mjs');
let lib: ReadmeTablesModule;
let pkg: { contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> } } };
let readme: string;

describe('README tables', () => {
  before(async () => {
    lib = (await import(pathToFileURL(modulePath).href)) as ReadmeTablesModule;
    const strings = (await import(pathToFileURL(path.join(root, 'scripts', 'lib', 'manifestStrings.mjs')).href)) as { localize<T>(pkg: T, nls: Record<string, string>): T };
    pkg = strings.localize(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')), JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')));
    readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  });

  it('README command and setting tables match package.json (run `npm run readme-tables`)', () => {
    const tables = lib.generate(pkg);
    for (const name of lib.BLOCKS) {
      const block = lib.extractBlock(readme, name);
      assert.ok(block !== undefined, `README.md lacks the <!-- generated: ${name} --> block`);
      assert.equal(block, tables[name], `README.md ${name} table is stale: run \`npm run readme-tables\``);
    }
  });

  it('lists every command and setting of the manifest', () => {
    const tables = lib.generate(pkg);
    for (const c of pkg.contributes.commands) assert.ok(tables.commands.includes('`' + c.command + '`'), c.command);
    for (const id of Object.keys(pkg.contributes.configuration.properties)) {
      assert.ok(tables.settings.includes('`' + id + '`'), id);
    }
  });

  it('detects a drifted table', () => {
    const changed = structuredClone(pkg);
    changed.contributes.commands.push({ command: 'ecsWorkbench.brandNew', title: 'Brand New' } as never);
    const stale = lib.extractBlock(readme, 'commands');
    assert.notEqual(lib.generate(changed).commands, stale);
    assert.ok(lib.extractBlock(lib.rewrite(readme, changed), 'commands')?.includes('`ecsWorkbench.brandNew`'));
  });

  it('keeps a table cell on one line with pipes escaped', () => {
    assert.equal(lib.cell('a | b\n  c'), 'a \\| b c');
  });

  it('the lint rule table in README has every rule id of ruleIds.ts with its default severity', () => {
    const rows = new Map<string, string>();
    for (const m of readme.matchAll(/^\| (TD\d{3}) \|.*\| ([a-z/]+) \|$/gm)) rows.set(m[1], m[2]);
    for (const rule of RULES) {
      const severity = rows.get(rule.id);
      assert.ok(severity !== undefined, `README.md lint rule table lacks ${rule.id}`);
      assert.ok(severity.split('/').includes(rule.severity), `${rule.id}: README says ${severity}, ruleIds.ts ${rule.severity}`);
    }
    const known = new Set(RULES.map((r) => r.id));
    for (const id of rows.keys()) assert.ok(known.has(id), `README.md lists ${id}, which ruleIds.ts does not have`);
  });

  it('README lint rule table matches the rule registry (run `npm run readme-tables`)', () => {
    const block = lib.extractBlock(readme, lib.RULES_BLOCK);
    assert.ok(block !== undefined, 'README.md lacks the <!-- generated: rules --> block');
    assert.equal(block, lib.rulesTable(RULES), 'README.md rule table is stale: run `npm run readme-tables`');
  });

  it('detects a drifted rule table and rewrites it', () => {
    const changed = [...RULES, { ...RULES[RULES.length - 1], id: 'TD099', docs: 'a brand-new check' }];
    assert.notEqual(lib.rulesTable(changed), lib.extractBlock(readme, lib.RULES_BLOCK));
    assert.ok(lib.extractBlock(lib.rewrite(readme, pkg, changed), lib.RULES_BLOCK)?.includes('| TD099 | a brand-new check |'));
  });
});
