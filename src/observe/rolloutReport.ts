// Why a followed rollout failed, without another click: called from one place in the deploy command
// when the outcome is failed or rolled back. Reads the stopped tasks and their last log lines
// (bounded in time), attaches the diagnosis to the result, and when interactive tells the likely
// cause with "Show Details" opening the whole report as one read-only document.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import type { DeployOutcome } from '../deploy/outcome';
import type { StartedDeployment } from '../deploy/deployment';
import { diagnoseRollout } from './gather';
import { diagnosisReport, type Diagnosis } from './diagnosis';
import { localTimestamp } from './logBuffer';

const DIAGNOSIS_TIMEOUT_MS = 30_000;

export interface ReportDeps {
  readonly clients: AwsClients;
  readonly log: vscode.LogOutputChannel;
  /** Stores a read-only document and returns its URI. */
  readonly documents: { put(name: string, content: string): vscode.Uri };
}

export function needsDiagnosis(outcome: DeployOutcome): boolean {
  return outcome.outcome === 'failed' || outcome.outcome === 'rolledBack';
}

/** The outcome with its `diagnosis` (failed or rolled back only; other outcomes pass through). */
export async function withDiagnosis(deps: ReportDeps, started: StartedDeployment, outcome: DeployOutcome, interactive: boolean): Promise<DeployOutcome & { diagnosis?: Diagnosis }> {
  if (!needsDiagnosis(outcome)) return outcome;
  let diagnosis: Diagnosis;
  try {
    diagnosis = await diagnoseRollout({
      clients: deps.clients,
      region: started.region,
      signal: AbortSignal.timeout(DIAGNOSIS_TIMEOUT_MS),
      cluster: started.cluster,
      service: started.service,
      taskDefinitionArn: started.taskDefinitionArn,
      since: started.startedAt,
      events: outcome.events ?? [],
    });
  } catch (e) {
    deps.log.warn(`[deploy] ${started.service}: could not read the stopped tasks for the diagnosis: ${(e as Error).message}`);
    diagnosis = { tasks: [], events: [...(outcome.events ?? [])] };
  }
  deps.log.info(`[deploy] ${started.service}: ${diagnosis.cause ? `likely cause: ${diagnosis.cause}` : 'no known cause recognised'} (${diagnosis.tasks.length} stopped tasks read)`);
  if (interactive) void tell(deps, started, diagnosis);
  return { ...outcome, diagnosis };
}

async function tell(deps: ReportDeps, started: StartedDeployment, diagnosis: Diagnosis): Promise<void> {
  const details = vscode.l10n.t('Show Details');
  const message = diagnosis.cause
    ? vscode.l10n.t('Why {0} failed: {1}', started.service, diagnosis.cause)
    : vscode.l10n.t('{0} failed; {1} stopped tasks and their last log lines are in the details.', started.service, diagnosis.tasks.length);
  const choice = await vscode.window.showErrorMessage(message, details);
  if (choice !== details) return;
  const heading = `${started.service}: why the rollout to ${started.taskDefinitionArn.slice(started.taskDefinitionArn.lastIndexOf('/') + 1)} failed`;
  const uri = deps.documents.put(`${started.service}-failure.md`, diagnosisReport(diagnosis, heading, localTimestamp));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { preview: false });
}
