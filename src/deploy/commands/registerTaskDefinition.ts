// ecsWorkbench.registerTaskDefinition: lint gate (errors block, warnings can be accepted), keep only
// what RegisterTaskDefinition accepts, show the normalised diff against the family's latest revision,
// register, and report the new revision (deploy it / open it / copy its ARN).
// Called with just a file URI (keybindings, tasks, tests) it asks nothing: it resolves with
// {taskDefinitionArn} or rejects with the lint errors or the API error.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { lintTaskDefinition, type Finding } from '../../taskdef/lint';
import { registerInputFromDescription, toRegisterInput } from '../../taskdef/registrable';
import { NEVER_ABORTS } from '../../aws/call';
import { latestRevision, registerRevision } from '../registration';
import { changedPaths, normalisedJson, type TaskDefinitionDocument } from '../render';
import { revisionLabel } from '../../domain/arn';
import { reportNewRevision } from './reportRevision';
import { changed } from '../../explorer/refresher';
import type { DeployCommandDeps } from './shared';
import { checkTrust, reportFailure, requireTrust } from '../../ui/command';

export class LintGateError extends Error {
  constructor(readonly file: string, readonly findings: readonly Finding[]) {
    super(
      LintGateError.describe(path.basename(file), findings),
    );
    this.name = 'LintGateError';
  }

  private static describe(name: string, findings: readonly Finding[]): string {
    const list = findings.slice(0, 5).map((f) => vscode.l10n.t('{0} line {1}: {2}', f.ruleId, f.range.start.line + 1, f.message)).join('; ') +
      (findings.length > 5 ? '; …' : '');
    return findings.length === 1
      ? vscode.l10n.t('{0} has 1 lint error: {1}', name, list)
      : vscode.l10n.t('{0} has {1} lint errors: {2}', name, findings.length, list);
  }
}

/**
 * Interactive when called from the palette (no argument), a menu (VS Code passes a second argument:
 * the selection in the explorer, the editor group in the title bar) or with a non-URI argument.
 */
function isInteractive(args: unknown[]): boolean {
  return !(args[0] instanceof vscode.Uri) || args.length > 1;
}

async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

function lintSeverities(): Record<string, 'error' | 'warning' | 'info' | 'off'> | undefined {
  const rules = vscode.workspace.getConfiguration('ecsWorkbench.lint').get<Record<string, 'error' | 'warning' | 'info' | 'off'>>('rules');
  return rules && typeof rules === 'object' ? rules : undefined;
}

export async function registerTaskDefinitionCommand(deps: DeployCommandDeps, ...args: unknown[]): Promise<{ taskDefinitionArn: string } | undefined> {
  const interactive = isInteractive(args);
  if (!interactive) requireTrust(vscode.l10n.t('Registering a task definition'));
  else if (!checkTrust(vscode.l10n.t('Registering a task definition'))) return undefined;
  let uri = args[0] instanceof vscode.Uri ? args[0] : undefined;
  if (!uri && interactive) {
    uri = vscode.window.activeTextEditor?.document.uri;
    if (!uri || !/\.jsonc?$/i.test(uri.path)) {
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Task definition')]: ['json'] }, openLabel: vscode.l10n.t('Register') });
      uri = picked?.[0];
    }
  }
  if (!uri) return undefined;
  if (!interactive) return registerQuietly(deps, uri);
  try {
    return await registerInteractively(deps, uri);
  } catch (e) {
    void reportFailure(deps.log, { what: vscode.l10n.t('Registering {0}', path.basename(uri.path)), error: e });
    return undefined;
  }
}

async function lintAndClean(uri: vscode.Uri): Promise<{ findings: Finding[]; input?: RegisterTaskDefinitionCommandInput }> {
  const text = await readText(uri);
  const findings = lintTaskDefinition(text, { severities: lintSeverities() });
  if (findings.some((f) => f.severity === 'error')) return { findings };
  const input = toRegisterInput(JSON.parse(text)) as unknown as RegisterTaskDefinitionCommandInput;
  return { findings, input };
}

async function registerQuietly(deps: DeployCommandDeps, uri: vscode.Uri): Promise<{ taskDefinitionArn: string }> {
  const { findings, input } = await lintAndClean(uri);
  const errors = findings.filter((f) => f.severity === 'error');
  if (!input || errors.length) throw new LintGateError(uri.fsPath || uri.path, errors);
  const registered = await registerRevision(deps.clients, input, { signal: NEVER_ABORTS });
  deps.log.info(`[register] ${path.basename(uri.path)} → ${registered.taskDefinitionArn}`);
  void deps.refresher.refresh(changed.revision(deps.clients.current(), registered.taskDefinitionArn));
  return { taskDefinitionArn: registered.taskDefinitionArn };
}

async function registerInteractively(deps: DeployCommandDeps, uri: vscode.Uri): Promise<{ taskDefinitionArn: string } | undefined> {
  const name = path.basename(uri.path);
  const { findings, input } = await lintAndClean(uri);
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (!input || errors.length) {
    for (const f of errors) deps.log.warn(`[register] ${name}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`);
    const choice = await vscode.window.showErrorMessage(
      errors.length === 1
        ? vscode.l10n.t('{0} has 1 error and cannot be registered: {1}', name, errors[0].message)
        : vscode.l10n.t('{0} has {1} errors and cannot be registered: {2}', name, errors.length, errors[0]?.message ?? ''),
      vscode.l10n.t('Open Problems'),
    );
    if (choice) {
      await vscode.window.showTextDocument(uri, { preview: false });
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }
    return undefined;
  }
  if (warnings.length) {
    const registerAnyway = vscode.l10n.t('Register Anyway');
    const openProblems = vscode.l10n.t('Open Problems');
    const choice = await vscode.window.showWarningMessage(
      warnings.length === 1
        ? vscode.l10n.t('{0} has 1 warning. Register anyway?', name)
        : vscode.l10n.t('{0} has {1} warnings. Register anyway?', name, warnings.length),
      { modal: true, detail: warnings.slice(0, 8).map((f) => vscode.l10n.t('line {0}: {1} ({2})', f.range.start.line + 1, f.message, f.ruleId)).join('\n') },
      registerAnyway,
      openProblems,
    );
    if (choice === openProblems) {
      await vscode.window.showTextDocument(uri, { preview: false });
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return undefined;
    }
    if (choice !== registerAnyway) return undefined;
  }
  const family = input.family ?? '';
  const latest = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the latest revision of {0}', family) },
    () => latestRevision(deps.clients, family, { signal: NEVER_ABORTS }),
  );
  const next = input as unknown as TaskDefinitionDocument;
  if (latest) {
    const before = registerInputFromDescription(latest.taskDefinition, latest.tags) as unknown as TaskDefinitionDocument;
    const changes = changedPaths(before, next);
    const latestLabel = revisionLabel(latest.taskDefinition.taskDefinitionArn);
    const left = deps.documents.put(`${latestLabel.replace(':', '-')}.json`, normalisedJson(before));
    const right = deps.documents.put(`${name.replace(/\.json$/i, '')}-normalised.json`, normalisedJson(next));
    await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0} ↔ {1} (normalised)', latestLabel, name), { preview: true });
    const question = changes.length
      ? changes.length > 6
        ? vscode.l10n.t('Register {0}:{1}? Changes against {2}: {3}, … ({4}).', family, (latest.taskDefinition.revision ?? 0) + 1, latestLabel, changes.slice(0, 6).join(', '), changes.length)
        : vscode.l10n.t('Register {0}:{1}? Changes against {2}: {3}.', family, (latest.taskDefinition.revision ?? 0) + 1, latestLabel, changes.join(', '))
      : vscode.l10n.t('{0} is the same as {1}. Register a new revision anyway?', name, latestLabel);
    const register = vscode.l10n.t('Register');
    const choice = await vscode.window.showInformationMessage(question, { modal: !changes.length }, register);
    if (choice !== register) return undefined;
  } else {
    const register = vscode.l10n.t('Register');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Register the first revision of {0}?', family), register);
    if (choice !== register) return undefined;
  }
  const registered = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Registering {0}…', family) },
    () => registerRevision(deps.clients, input, { signal: NEVER_ABORTS }),
  );
  void reportNewRevision(deps, registered, {});
  return { taskDefinitionArn: registered.taskDefinitionArn };
}
