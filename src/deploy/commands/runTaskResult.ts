// Run Task's result as the user meets it: one message naming the started tasks and how they ended,
// with the likely cause when a failed task's diagnosis recognised one. Its buttons: Show Details (the
// failure report, when there is a diagnosis), Show Task (the tasks as DescribeTasks has them now, as
// read-only JSON) and Show Log.
import * as vscode from 'vscode';
import * as ecs from '../../aws/ecs';
import type { RunTaskOutcome, RunTaskRequest } from '../oneOffTask';
import type { Diagnosis } from '../../observe/diagnosis';
import { runTaskDiagnosisReport } from '../../observe/rolloutReport';
import { runTaskResultText, startedTaskIds } from '../runTaskText';
import { reportFailure, withCancellableProgress } from '../../ui/command';
import type { DeployCommandDeps } from './shared';

export async function showRunTaskResult(deps: DeployCommandDeps, request: RunTaskRequest, result: RunTaskOutcome & { diagnosis?: Diagnosis }): Promise<void> {
  const { diagnosis } = result;
  const showDetails = vscode.l10n.t('Show Details');
  const showTask = vscode.l10n.t('Show Task');
  const showLog = vscode.l10n.t('Show Log');
  const buttons = [...(diagnosis ? [showDetails] : []), ...(startedTaskIds(result).length ? [showTask] : []), showLog];
  const text = runTaskResultText(request.taskDefinition, result, diagnosis?.cause);
  const show = result.succeeded || result.outcome === 'cancelled' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
  const choice = await show(text, ...buttons);
  if (choice === showLog) deps.log.show(true);
  else if (choice === showTask) await showTaskDocument(deps, request, result);
  else if (choice === showDetails && diagnosis) await runTaskDiagnosisReport(deps, request.taskDefinition, diagnosis);
}

/** Opens the started task(s) as DescribeTasks returns them now, in a read-only JSON document. */
export async function showTaskDocument(deps: DeployCommandDeps, request: RunTaskRequest, result: RunTaskOutcome): Promise<vscode.TextEditor | undefined> {
  try {
    const arns = result.tasks.map((t) => t.taskArn).filter(Boolean);
    const { items } = await withCancellableProgress({ title: vscode.l10n.t('Reading the task…'), location: 'window' }, (signal) =>
      ecs.describeTasks({ clients: deps.clients, region: request.region, signal }, request.cluster, arns),
    );
    if (!items.length) throw new Error(vscode.l10n.t('ECS no longer knows the task (stopped tasks are kept for about an hour).'));
    const ids = startedTaskIds(result);
    const name = ids.length === 1 ? `task-${ids[0]}.json` : `tasks-${ids[0]}-and-${ids.length - 1}-more.json`;
    const uri = deps.documents.put(name, `${JSON.stringify(items.length === 1 ? items[0] : items, null, 2)}\n`);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return await vscode.window.showTextDocument(doc, { preview: true });
  } catch (e) {
    void reportFailure(deps.log, { what: vscode.l10n.t('Showing the task'), error: e });
    return undefined;
  }
}
