// VS Code adapter of the task-definition linter: diagnostics as the user types (debounced), quick fixes
// as code actions, settings. Registration is cheap: the schema is read and ajv compiled on the first lint.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TASK_DEFINITION_GLOBS, isLintedScheme, looksLikeTaskDefinition } from './detect';
import { commentNotAllowedMessage } from './document';
import { lintTaskDefinition } from './lint';
import { RULE_IDS } from './rules/index';
import { EDITOR_SCHEMA_FILE, setSchemaDirectory } from './schemaFile';
import type { Finding, SeveritySetting } from './types';
import type { Milestones } from '../ui/milestones';

export const DIAGNOSTIC_SOURCE = 'ecs-workbench';
/** Runs after a quick fix's edit was applied (not contributed: it never shows in the palette). */
export const FIX_APPLIED_COMMAND = 'ecsWorkbench.lint.fixApplied';
const SIZE_LIMIT_CODE = 'size-limit';

interface Linted {
  version: number;
  entries: { diagnostic: vscode.Diagnostic; finding: Finding }[];
}

interface Settings {
  enable: boolean;
  severities: Record<string, SeveritySetting>;
  extraPatterns: string[];
  maxBytes: number;
  debounceMs: number;
}

function readSettings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration('ecsWorkbench.lint', scope);
  const severities: Record<string, SeveritySetting> = {};
  for (const [id, level] of Object.entries(c.get<Record<string, string>>('rules') ?? {})) {
    const key = id.toUpperCase();
    if (RULE_IDS.has(key) && ['off', 'info', 'warning', 'error'].includes(level)) severities[key] = level as SeveritySetting;
  }
  return {
    enable: c.get<boolean>('enable', true),
    severities,
    extraPatterns: (c.get<string[]>('extraFilePatterns') ?? []).filter((p) => typeof p === 'string' && p.trim()),
    maxBytes: Math.max(0, c.get<number>('maxFileSizeMB', 2)) * 1024 * 1024,
    debounceMs: Math.max(0, c.get<number>('debounceMs', 300)),
  };
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toRange(r: Finding['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (typeof code === 'string') return code;
  if (code && typeof code === 'object') return String(code.value);
  return undefined;
}

export class TaskDefinitionLinter implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  private readonly collection = vscode.languages.createDiagnosticCollection('ecs-taskdef');
  private readonly linted = new Map<string, Linted>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private disposed = false;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Whether the linter looks at `doc`: JSON by file name (built-in or configured globs) or by content. */
  isCandidate(doc: vscode.TextDocument, settings: Settings): boolean {
    if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') return false;
    if (!isLintedScheme(doc.uri.scheme)) return false;
    for (const pattern of [...TASK_DEFINITION_GLOBS, ...settings.extraPatterns]) {
      const glob = pattern.includes('/') ? pattern : `**/${pattern}`;
      if (vscode.languages.match({ pattern: glob }, doc) > 0) return true;
    }
    if (this.length(doc) > settings.maxBytes) return false;
    return looksLikeTaskDefinition(doc.getText());
  }

  private length(doc: vscode.TextDocument): number {
    return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
  }

  /** Lints now (used on open, on configuration change, and when the debounce fires). */
  lintNow(doc: vscode.TextDocument): void {
    if (this.disposed || doc.isClosed) return;
    const key = doc.uri.toString();
    const settings = readSettings(doc.uri);
    if (!settings.enable || !this.isCandidate(doc, settings)) {
      this.clear(key);
      return;
    }
    const size = this.length(doc);
    if (size > settings.maxBytes) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      const d = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 1),
        vscode.l10n.t(
          'Task-definition lint skipped: this file is {0} MB, above the ecsWorkbench.lint.maxFileSizeMB limit ({1} MB), so typing stays fast. Raise the setting or run `node dist/cli.js lint` on it.',
          mb(size),
          mb(settings.maxBytes),
        ),
        vscode.DiagnosticSeverity.Information,
      );
      d.source = DIAGNOSTIC_SOURCE;
      d.code = SIZE_LIMIT_CODE;
      this.collection.set(doc.uri, [d]);
      this.linted.set(key, { version: doc.version, entries: [] });
      return;
    }
    const started = Date.now();
    let findings: Finding[];
    try {
      findings = lintTaskDefinition(doc.getText(), { severities: settings.severities });
    } catch (e) {
      this.log.error(`task-definition lint failed for ${doc.uri.toString(true)}: ${(e as Error).stack ?? String(e)}`);
      return;
    }
    // VS Code's JSON language service already reports syntax errors (and, in .json files, comments):
    // show those once, from it. Our TD000 stays for comments in JSONC, which the API rejects.
    findings = findings.filter((f) => f.ruleId !== 'TD000' || (doc.languageId === 'jsonc' && f.message === commentNotAllowedMessage()));
    const entries = findings.map((finding) => {
      const d = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = finding.ruleId;
      return { diagnostic: d, finding };
    });
    this.collection.set(doc.uri, entries.map((e) => e.diagnostic));
    this.linted.set(key, { version: doc.version, entries });
    const ms = Date.now() - started;
    if (ms > 100) this.log.debug(`linted ${path.basename(doc.uri.path)} (${(size / 1024).toFixed(0)} KB) in ${ms} ms`);
  }

  /**
   * Lints after a pause in typing; bigger files wait longer. A version the code-action provider has
   * already linted (it asks at the same pause) is not linted twice, unless `force` (settings changed).
   */
  schedule(doc: vscode.TextDocument, force = false): void {
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    const settings = readSettings(doc.uri);
    const delay = settings.debounceMs * (this.length(doc) > 256 * 1024 ? 3 : 1);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!force && this.linted.get(key)?.version === doc.version) return;
        this.lintNow(doc);
      }, delay),
    );
  }

  clear(key: string): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.linted.delete(key);
    this.collection.delete(vscode.Uri.parse(key));
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    let linted = this.linted.get(doc.uri.toString());
    if (!linted || linted.version !== doc.version) {
      // Typing is ahead of the debounce (or the document was just reopened): lint now so that the
      // fixes match the text they edit.
      this.lintNow(doc);
      linted = this.linted.get(doc.uri.toString());
      if (!linted || linted.version !== doc.version) return [];
    }
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const entry = linted.entries.find(
        (e) => codeOf(e.diagnostic) === codeOf(diagnostic) && e.diagnostic.message === diagnostic.message && e.diagnostic.range.isEqual(diagnostic.range),
      );
      // Every fix of the finding (a Fargate size: cpu up, or keep cpu…), the first one preferred.
      (entry?.finding.fixes ?? []).forEach((fix, i) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(doc.uri, toRange(e.range), e.newText);
        action.diagnostics = [diagnostic];
        action.command = { command: FIX_APPLIED_COMMAND, title: fix.title };
        action.isPreferred = i === 0;
        actions.push(action);
      });
    }
    return actions;
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.collection.dispose();
  }
}

function isOurSchemaEntry(entry: unknown): boolean {
  return typeof entry === 'object' && entry !== null && typeof (entry as { url?: unknown }).url === 'string' && (entry as { url: string }).url.endsWith(`/schemas/${EDITOR_SCHEMA_FILE}`);
}

/**
 * `contributes.jsonValidation` is static, so the globs of `ecsWorkbench.lint.extraFilePatterns` reach
 * VS Code's JSON service (completion, hover) through an entry in `json.schemas`, kept in the same
 * settings scope (user or workspace) as the globs, and removed when they are.
 */
export async function syncJsonSchemaAssociation(extensionUri: vscode.Uri): Promise<void> {
  const patterns = vscode.workspace.getConfiguration('ecsWorkbench.lint').inspect<string[]>('extraFilePatterns');
  const json = vscode.workspace.getConfiguration('json');
  const schemas = json.inspect<unknown[]>('schemas');
  const url = vscode.Uri.joinPath(extensionUri, 'schemas', EDITOR_SCHEMA_FILE).toString();
  const scopes: [vscode.ConfigurationTarget, string[] | undefined, unknown[] | undefined][] = [
    [vscode.ConfigurationTarget.Global, patterns?.globalValue, schemas?.globalValue],
  ];
  if (vscode.workspace.workspaceFolders?.length) scopes.push([vscode.ConfigurationTarget.Workspace, patterns?.workspaceValue, schemas?.workspaceValue]);
  for (const [target, globs, current] of scopes) {
    const list = Array.isArray(current) ? current : [];
    const others = list.filter((e) => !isOurSchemaEntry(e));
    const valid = (globs ?? []).filter((g) => typeof g === 'string' && g.trim());
    const wanted = valid.length ? [...others, { fileMatch: valid, url }] : others;
    if (JSON.stringify(wanted) === JSON.stringify(list)) continue;
    await json.update('schemas', wanted.length ? wanted : undefined, target);
  }
}

export function register(context: vscode.ExtensionContext, deps: { log: vscode.LogOutputChannel; milestones: Milestones }): TaskDefinitionLinter {
  setSchemaDirectory(path.join(context.extensionPath, 'schemas'));
  const linter = new TaskDefinitionLinter(deps.log);
  const syncSchemas = () =>
    void syncJsonSchemaAssociation(context.extensionUri).catch((e: unknown) => deps.log.warn(`could not associate the task-definition schema with ecsWorkbench.lint.extraFilePatterns: ${String(e)}`));
  const selector: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
  context.subscriptions.push(
    linter,
    vscode.languages.registerCodeActionsProvider(selector, linter, { providedCodeActionKinds: TaskDefinitionLinter.providedCodeActionKinds }),
    vscode.commands.registerCommand(FIX_APPLIED_COMMAND, () => deps.milestones.reached('lintFixApplied')),
    vscode.workspace.onDidOpenTextDocument((doc) => linter.lintNow(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) linter.schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => linter.clear(doc.uri.toString())),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ecsWorkbench.lint.extraFilePatterns')) syncSchemas();
      if (!e.affectsConfiguration('ecsWorkbench.lint')) return;
      for (const doc of vscode.workspace.textDocuments) linter.schedule(doc, true);
    }),
  );
  // Documents already open: lint them after activation returns (the first lint compiles the schema).
  const initial = setTimeout(() => {
    for (const doc of vscode.workspace.textDocuments) linter.schedule(doc);
    syncSchemas();
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(initial) });
  return linter;
}
