// Why a followed rollout or a one-off task failed, without another click: called from one place in
// the deploy command (outcome failed or rolled back) and one in Run Task (a task stopped with a
// non-zero exit). Reads the stopped tasks and their last log lines (bounded in time), attaches the
// diagnosis to the result; a rollout, when interactive, tells the likely cause with "Show Details"
// opening the whole report as one read-only document (Run Task tells it in its own result message).
import * as vscode from 'vscode';
import { showMarkdownDocument } from '../ui/markdownDocument';
import type { AwsClients } from '../aws/clients';
import type { DeployOutcome } from '../deploy/outcome';
import type { StartedDeployment } from '../deploy/deployment';
import type { RunTaskOutcome } from '../deploy/oneOffTask';
import { parseRevision, revisionLabel } from '../domain/arn';
import { diagnoseRollout, diagnoseTasks, type ReadOptions } from './gather';
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
  // Stopped by someone or replaced by a newer deployment: nothing failed, nothing to diagnose.
  return (outcome.outcome === 'failed' && !outcome.ended) || outcome.outcome === 'rolledBack';
}

/** Reads a diagnosis within its time bound and logs the likely cause; undefined (logged) when the reading failed. */
async function readDiagnosis(deps: ReportDeps, prefix: string, region: string | undefined, read: (o: ReadOptions) => Promise<Diagnosis>): Promise<Diagnosis | undefined> {
  try {
    const diagnosis = await read({ clients: deps.clients, region, signal: AbortSignal.timeout(DIAGNOSIS_TIMEOUT_MS) });
    deps.log.info(`${prefix}: ${diagnosis.cause ? `likely cause: ${diagnosis.cause}` : 'no known cause recognised'} (${diagnosis.tasks.length} stopped tasks read)`);
    return diagnosis;
  } catch (e) {
    deps.log.warn(`${prefix}: could not read the stopped tasks for the diagnosis: ${(e as Error).message}`);
    return undefined;
  }
}

/** The outcome with its `diagnosis` (failed or rolled back only; other outcomes pass through). */
export async function withDiagnosis(deps: ReportDeps, started: StartedDeployment, outcome: DeployOutcome, interactive: boolean): Promise<DeployOutcome & { diagnosis?: Diagnosis }> {
  if (!needsDiagnosis(outcome)) return outcome;
  const diagnosis = (await readDiagnosis(deps, `[deploy] ${started.service}`, started.region, (o) => diagnoseRollout({
    ...o,
    cluster: started.cluster,
    service: started.service,
    taskDefinitionArn: started.taskDefinitionArn,
    since: started.startedAt,
    events: outcome.events ?? [],
  }))) ?? { tasks: [], events: [...(outcome.events ?? [])] };
  if (interactive) {
    const heading = `${started.service}: why the rollout to ${started.taskDefinitionArn.slice(started.taskDefinitionArn.lastIndexOf('/') + 1)} failed`;
    void tell(deps, { name: started.service, file: `${started.service}-failure.md`, heading }, diagnosis);
  }
  return { ...outcome, diagnosis };
}

/** True when Run Task's tasks stopped and one of them failed (a non-zero or missing exit code). */
export function runTaskNeedsDiagnosis(outcome: RunTaskOutcome): boolean {
  return outcome.outcome === 'stopped' && !outcome.succeeded && outcome.tasks.length > 0;
}

/**
 * Run Task's outcome with its `diagnosis` when its tasks stopped and failed (other outcomes pass
 * through): the same reading as a failed rollout's. Run Task tells it in its own result message, whose
 * Show Details opens `runTaskDiagnosisReport`.
 */
export async function withRunTaskDiagnosis(
  deps: ReportDeps,
  request: { cluster: string; taskDefinition: string; region?: string },
  outcome: RunTaskOutcome,
): Promise<RunTaskOutcome & { diagnosis?: Diagnosis }> {
  if (!runTaskNeedsDiagnosis(outcome)) return outcome;
  const label = revisionLabel(request.taskDefinition);
  const diagnosis = await readDiagnosis(deps, `[run task] ${label}`, request.region, (o) => diagnoseTasks({ ...o, cluster: request.cluster, taskArns: outcome.tasks.map((t) => t.taskArn) }));
  return diagnosis ? { ...outcome, diagnosis } : outcome;
}

/** Opens the report of a one-off task's failure (stopped tasks, exit codes, last log lines) as a read-only document. */
export async function runTaskDiagnosisReport(deps: ReportDeps, taskDefinition: string, diagnosis: Diagnosis): Promise<void> {
  const label = revisionLabel(taskDefinition);
  const family = parseRevision(taskDefinition)?.family ?? label;
  await openReport(deps, { file: `${family}-task-failure.md`, heading: `${label}: why the task failed`, serviceEvents: false }, diagnosis);
}

interface Told {
  readonly name: string;
  readonly file: string;
  readonly heading: string;
  readonly serviceEvents?: boolean;
}

async function tell(deps: ReportDeps, what: Told, diagnosis: Diagnosis): Promise<void> {
  const details = vscode.l10n.t('Show Details');
  const message = diagnosis.cause
    ? vscode.l10n.t('Why {0} failed: {1}', what.name, diagnosis.cause)
    : vscode.l10n.t('{0} failed; {1} stopped tasks and their last log lines are in the details.', what.name, diagnosis.tasks.length);
  const choice = await vscode.window.showErrorMessage(message, details);
  if (choice !== details) return;
  await openReport(deps, what, diagnosis);
}

async function openReport(deps: ReportDeps, what: Pick<Told, 'file' | 'heading' | 'serviceEvents'>, diagnosis: Diagnosis): Promise<vscode.Uri> {
  const uri = deps.documents.put(what.file, diagnosisReport(diagnosis, what.heading, localTimestamp, { serviceEvents: what.serviceEvents ?? true }));
  await showMarkdownDocument(uri);
  return uri;
}

/**
 * A failed or rolled-back deployment's report on demand (a deployment row's Show Details): the same
 * reading and document as after a followed rollout, from the tasks of that revision stopped since it
 * started. Undefined (logged) when the tasks could not be read.
 */
export async function showRolloutReport(
  deps: ReportDeps,
  deployment: { cluster: string; service: string; region?: string; taskDefinitionArn: string; since: number },
): Promise<vscode.Uri | undefined> {
  const label = revisionLabel(deployment.taskDefinitionArn);
  const diagnosis = await readDiagnosis(deps, `[deploy] ${deployment.service}`, deployment.region, (o) => diagnoseRollout({
    ...o, cluster: deployment.cluster, service: deployment.service, taskDefinitionArn: deployment.taskDefinitionArn, since: deployment.since, events: [],
  }));
  if (!diagnosis) return undefined;
  return openReport(deps, { file: `${deployment.service}-failure.md`, heading: `${deployment.service}: why the rollout to ${label} failed` }, diagnosis);
}
