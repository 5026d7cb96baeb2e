// Every user-facing string can be translated: the string bundle a translator gets (`npm run l10n-export`,
// @vscode/l10n-dev over src/) holds the strings of every feature, and no VS Code adapter file hands a raw
// string or template literal to a user-facing API (messages, quick picks, input boxes, progress, status
// bar, tree items, diagnostics): those go through `vscode.l10n.t` (adapters) or `l10n.t` from
// `@vscode/l10n` (pure modules).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { getL10nJson, getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { classifyAwsError } from '../../../src/aws/errors';
import { outcomeMessage } from '../../../src/deploy/presentation';
import { relativeTime } from '../../../src/explorer/format';
import { lintTaskDefinition } from '../../../src/taskdef/lint';

// Compiled to out/test/unit/infra/: the repository root is four levels up.
const root = path.resolve(__dirname, '..', '..', '..', '..');
const srcDir = path.join(root, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

// A literal right after the opening quote: single- or double-quoted on one line, or a template
// literal (which may span lines; its `${…}` substitutions are simple expressions in this code base).
const LITERAL = "('(?:[^'\\\\\\n]|\\\\.)*'|\"(?:[^\"\\\\\\n]|\\\\.)*\"|`(?:[^`\\\\]|\\\\.)*`)";
/**
 * User-facing APIs and properties whose text argument is a literal. Translated text starts with
 * `vscode.l10n.t(` / `l10n.t` instead, and text built elsewhere is a variable.
 */
const RAW_TEXT = [
  new RegExp(`\\.show(?:Information|Warning|Error)Message\\(\\s*${LITERAL}`, 'g'),
  new RegExp(`\\bsetStatusBarMessage\\(\\s*${LITERAL}`, 'g'),
  new RegExp(`\\bnew vscode\\.(?:TreeItem|CodeAction)\\(\\s*${LITERAL}`, 'g'),
  // The message of a diagnostic comes after its range.
  new RegExp(`\\bnew vscode\\.Diagnostic\\([^;]*?\\),\\s*${LITERAL}`, 'g'),
  // Options and items of withProgress, showQuickPick, showInputBox, Command, accessibility information…
  new RegExp(`\\b(?:title|placeHolder|placeholder|prompt|tooltip|detail|description|validationMessage|label|message)\\s*:\\s*${LITERAL}`, 'g'),
  // StatusBarItem, TreeItem, QuickPick, InputBox properties.
  new RegExp(`\\.(?:text|tooltip|title|placeholder|prompt|description|message|validationMessage|label)\\s*=\\s*${LITERAL}`, 'g'),
];

/** Words in a literal once codicons (`$(cloud)`) and substitutions (`${x}`) are taken out. */
function isProse(literal: string): boolean {
  const text = literal.slice(1, -1).replace(/\$\([a-z0-9~-]+\)/g, '').replace(/\$\{[^}]*\}/g, '');
  return /[A-Za-z]{2,}/.test(text);
}

/** `file:line: text` for each raw user-facing string of one adapter file. */
export function rawUserFacingStrings(file: string, source: string): string[] {
  const lines = source.split('\n');
  const hits: string[] = [];
  for (const re of RAW_TEXT) {
    for (const m of source.matchAll(re)) {
      if (!isProse(m[1])) continue;
      // `l10n.t({ message: '…', args, comment })` is the translated form itself.
      if (/l10n\.t\(\{\s*$/.test(source.slice(Math.max(0, m.index - 20), m.index))) continue;
      const line = source.slice(0, m.index).split('\n').length;
      hits.push(`${file}:${line}: ${lines[line - 1].trim()}`);
    }
  }
  return hits.sort();
}

describe('Translatable strings', () => {
  const files = sourceFiles(srcDir);
  const adapters = files.filter((f) => /from 'vscode'/.test(fs.readFileSync(f, 'utf8')));
  let bundle: l10nJsonFormat;

  before(async function () {
    // About 5 s of CPU (tree-sitter over src/); the bound guards against a hang, not against a slow
    // machine: at load 30 on 2 cores the export took over 60 s.
    this.timeout(300_000);
    // What `npm run l10n-export` writes (vscode-l10n-dev export over src/), without the file.
    bundle = await getL10nJson(files.map((f) => ({ contents: fs.readFileSync(f, 'utf8'), extension: '.ts' })));
  });

  it('the string bundle for translators holds the strings of every feature', () => {
    const keys = Object.keys(bundle);
    assert.ok(keys.length >= MIN_STRINGS, `only ${keys.length} strings in the bundle (expected at least ${MIN_STRINGS})`);
    for (const known of KNOWN_STRINGS) assert.ok(keys.includes(known), `the bundle lacks ${JSON.stringify(known)}`);
  });

  it('no VS Code adapter file hands a raw string to a user-facing API', () => {
    assert.ok(adapters.length >= 15, `found only ${adapters.length} adapter files`);
    const hits = adapters.flatMap((f) => rawUserFacingStrings(path.relative(root, f), fs.readFileSync(f, 'utf8')));
    assert.deepEqual(hits, [], `raw user-facing strings (wrap them in vscode.l10n.t):\n${hits.join('\n')}`);
  });

  it('the scan finds raw strings, including template literals and calls spread over lines', () => {
    const sample = [
      "void vscode.window.showInformationMessage('Deployed');",
      'void vscode.window.showErrorMessage(',
      '  `Could not deploy ${name}`,',
      ');',
      "await vscode.window.withProgress({ location, title: 'Publishing' }, run);",
      "item.tooltip = 'Running';",
      "void vscode.window.showInformationMessage(vscode.l10n.t('Deployed'));",
      'item.tooltip = vscode.l10n.t(`Running`);',
    ].join('\n');
    assert.deepEqual(
      rawUserFacingStrings('x.ts', sample).map((h) => h.split(':').slice(0, 2).join(':')),
      ['x.ts:1', 'x.ts:2', 'x.ts:5', 'x.ts:6'],
    );
  });

  it('a bundle given at activation translates the pure modules (keys of tagged templates match the export)', () => {
    const english = {
      lint: lintTaskDefinition('{"family":"web","requiresCompatibilities":["FARGATE"],"networkMode":"bridge","cpu":"256","memory":"512","containerDefinitions":[]}')
        .map((f) => f.message)
        .find((m) => m.includes('networkMode')),
      outcome: outcomeMessage({ service: 'web', cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod', taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3', state: { phase: 'completed', terminal: true, at: 0, taskDefinitionArn: 'web:3', events: [], newEvents: [] } }),
      error: classifyAwsError(Object.assign(new Error('The SSO session token has expired'), { name: 'SSOTokenProviderFailure' }), { profile: 'dev' }).title,
      time: relativeTime(Date.now() - 3 * 3600 * 1000),
    };
    assert.equal(english.lint, 'Fargate tasks need networkMode "awsvpc", not "bridge".');
    assert.equal(english.outcome, 'Deployed web:3 to web (prod): all tasks run the new revision.');
    assert.equal(english.error, 'AWS SSO session expired: sign in');
    assert.equal(english.time, '3 hours ago');
    // What activation does with the host's bundle (src/ui/l10n.ts), here with a pseudo-translation.
    const pseudo = getL10nPseudoLocalized(bundle);
    l10n.config({ contents: pseudo });
    try {
      const lint = lintTaskDefinition('{"family":"web","requiresCompatibilities":["FARGATE"],"networkMode":"bridge","cpu":"256","memory":"512","containerDefinitions":[]}')
        .map((f) => f.message)
        .find((m) => m.endsWith('"bridge".'));
      const translated = pseudo['Fargate tasks need networkMode "awsvpc", not "{0}".'];
      assert.equal(typeof translated, 'string');
      assert.notEqual(translated, 'Fargate tasks need networkMode "awsvpc", not "{0}".');
      assert.equal(lint, (translated as string).replace('{0}', 'bridge'));
      const outcome = outcomeMessage({ service: 'web', cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod', taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3', state: { phase: 'completed', terminal: true, at: 0, taskDefinitionArn: 'web:3', events: [], newEvents: [] } });
      assert.notEqual(outcome, english.outcome);
      assert.match(outcome, /web:3.*web \(prod\)/);
      assert.notEqual(classifyAwsError(Object.assign(new Error('The SSO session token has expired'), { name: 'SSOTokenProviderFailure' }), { profile: 'dev' }).title, english.error);
      assert.notEqual(relativeTime(Date.now() - 3 * 3600 * 1000), english.time);
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(relativeTime(Date.now() - 3 * 3600 * 1000), '3 hours ago');
  });

  it('no text is translated while a module loads, before activation hands over the bundle', function () {
    // Parses every source file with the TypeScript compiler: about a second of CPU, but at load 30 on
    // 2 cores it passed mocha's default 10 s. The bound guards against a hang.
    this.timeout(120_000);
    const early: string[] = [];
    for (const file of files) {
      const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node, inFunction: boolean): void => {
        if (!inFunction && (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node))) {
          const callee = (ts.isCallExpression(node) ? node.expression : node.tag).getText(sf);
          if (/(^|\.)l10n\.t$/.test(callee)) early.push(`${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`);
        }
        ts.forEachChild(node, (child) => visit(child, inFunction || ts.isFunctionLike(node)));
      };
      visit(sf, false);
    }
    assert.deepEqual(early, [], `translated at module load (make these functions): ${early.join(', ')}`);
  });

  it('pure modules translate through @vscode/l10n, which fills placeholders without a bundle (CLI)', () => {
    assert.equal(l10n.t('Deployed {0} to revision {1}', 'web', 3), 'Deployed web to revision 3');
    const name = 'web';
    assert.equal(l10n.t`Container "${name}" needs memory`, 'Container "web" needs memory');
    for (const f of files.filter((f) => !adapters.includes(f))) {
      assert.doesNotMatch(fs.readFileSync(f, 'utf8'), /vscode\.l10n/, `${path.relative(root, f)} does not import vscode: use @vscode/l10n`);
    }
  });
});

// 756 when this was written; a feature whose strings went missing from the export takes the count well below.
const MIN_STRINGS = 600;
// One or two per feature, from adapters (vscode.l10n.t) and pure modules (l10n.t, also tagged templates).
const KNOWN_STRINGS = [
  'Task-definition lint skipped: this file is {0} MB, above the ecsWorkbench.lint.maxFileSizeMB limit ({1} MB), so typing stays fast. Raise the setting or run `node dist/cli.js lint` on it.',
  'Fargate tasks need networkMode "awsvpc", not "{0}".',
  'Deploy {0} to {1}?',
  'Deployed {0} to {1}: all tasks run the new revision.',
  'Published {0} · {1}',
  'The image build failed: {0}',
  'AWS SSO session expired: sign in',
  'No clusters in {0}',
  'Load more…',
  '$(copy) Copied {0}',
];
