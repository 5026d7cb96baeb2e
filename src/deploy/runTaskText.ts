// Parsing what a user types for one-off task overrides and wording the result. Pure.
import * as l10n from '@vscode/l10n';
import type { NetworkConfiguration } from '@aws-sdk/client-ecs';
import type { RunTaskOutcome, RunTaskRequest, TaskResult } from './oneOffTask';
import { resourceName, revisionLabel } from '../domain/arn';
import { withoutFinalPeriod } from '../ui/sentence';

/**
 * A command override: a JSON array (`["npm","run","migrate"]`) or words split like a shell does
 * (quotes group, backslash escapes). Empty text means no override.
 */
export function parseCommand(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) throw new Error(l10n.t('The command must be a JSON array of strings.'));
    return parsed as string[];
  }
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < trimmed.length) current += trimmed[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < trimmed.length) {
      current += trimmed[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(l10n.t`Unclosed ${quote} in the command.`);
  if (inWord) words.push(current);
  return words;
}

/** `KEY=value, OTHER=x` or one per line → environment overrides. */
export function parseEnvironment(text: string): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const part of text.split(/[\n,]/)) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(l10n.t`"${item}" is not NAME=value.`);
    const name = item.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(l10n.t`"${name}" is not a valid environment variable name.`);
    out.push({ name, value: item.slice(eq + 1).trim() });
  }
  return out;
}


/** One line per task and container: exit codes and stopped reasons. */
export function describeTaskResults(tasks: readonly TaskResult[]): string[] {
  const lines: string[] = [];
  for (const t of tasks) {
    const reason = [t.stopCode, t.stoppedReason].filter(Boolean).join(': ');
    lines.push(`task ${resourceName(t.taskArn)}: ${t.lastStatus ?? 'unknown'}${reason ? ` (${reason})` : ''}`);
    for (const c of t.containers) {
      const code = c.exitCode === undefined ? 'no exit code' : `exit code ${c.exitCode}`;
      lines.push(`  ${c.name}: ${code}${c.reason ? ` (${c.reason})` : ''}`);
    }
  }
  return lines;
}

/** A one-line summary for the final notification. */
export function runTaskSummary(result: RunTaskOutcome): string {
  if (result.outcome === 'failedToStart') return l10n.t`The task did not start: ${withoutFinalPeriod(result.failures.join('; ')) || l10n.t('no reason given')}.`;
  if (result.outcome === 'cancelled') return l10n.t('Stopped watching the task; it keeps running.');
  if (result.outcome === 'timedOut') return l10n.t('The task was still running when the wait timed out.');
  if (result.outcome === 'unobserved') {
    const seen = [...new Set(result.tasks.map((t) => t.lastStatus).filter(Boolean))].join(', ');
    return seen
      ? l10n.t`Could not read the task's state (${result.error ?? l10n.t('unknown error')}); it was last seen ${seen}. Its outcome was not observed.`
      : l10n.t`Could not read the task's state (${result.error ?? l10n.t('unknown error')}). Its outcome was not observed.`;
  }
  const codes = result.tasks.flatMap((t) => t.containers.map((c) => `${c.name}=${c.exitCode ?? '?'}`)).join(', ');
  const reason = result.tasks.map((t) => t.stoppedReason).filter(Boolean)[0];
  return result.succeeded
    ? l10n.t`The task finished: exit codes ${codes}.`
    : reason
      ? l10n.t`The task failed: exit codes ${codes}; ${withoutFinalPeriod(reason)}.`
      : l10n.t`The task failed: exit codes ${codes}.`;
}

/** `subnets subnet-1, subnet-2 · security groups sg-1 · public IP off`, or that there is none. */
export function networkText(network: NetworkConfiguration | undefined): string {
  const vpc = network?.awsvpcConfiguration;
  if (!vpc) return l10n.t("none (the task definition's network mode decides)");
  const parts = [l10n.t`subnets ${(vpc.subnets ?? []).join(', ') || l10n.t('none')}`];
  if (vpc.securityGroups?.length) parts.push(l10n.t`security groups ${vpc.securityGroups.join(', ')}`);
  parts.push(vpc.assignPublicIp === 'ENABLED' ? l10n.t('public IP on') : l10n.t('public IP off'));
  return parts.join(' · ');
}

/**
 * The confirmation of a one-off task: what will run where, before RunTask is called. `source` names
 * the service whose network configuration is used, when one is. Environment overrides by name only:
 * their values may be secrets.
 */
export function runTaskPlan(request: RunTaskRequest, source?: { service?: string }): { message: string; detail: string } {
  const cluster = resourceName(request.cluster) || request.cluster;
  const revision = revisionLabel(request.taskDefinition);
  const count = request.count ?? 1;
  const network = networkText(request.networkConfiguration);
  const lines = [
    l10n.t`Cluster: ${cluster}`,
    l10n.t`Revision: ${revision}`,
    l10n.t`Launch type: ${request.launchType ?? l10n.t("the cluster's default capacity provider strategy")}`,
    source?.service ? l10n.t`Network: ${network} (from service ${source.service})` : l10n.t`Network: ${network}`,
    l10n.t`Count: ${count}`,
  ];
  for (const o of request.overrides?.containerOverrides ?? []) {
    if (o.command) lines.push(l10n.t`Command of ${o.name ?? '?'}: ${JSON.stringify(o.command)}`);
    if (o.environment?.length) lines.push(l10n.t`Environment of ${o.name ?? '?'}: ${o.environment.map((e) => e.name).join(', ')}`);
  }
  return {
    message: count === 1 ? l10n.t`Run 1 task of ${revision} in ${cluster}?` : l10n.t`Run ${count} tasks of ${revision} in ${cluster}?`,
    detail: lines.join('\n'),
  };
}

/** The ids of the tasks RunTask started (the last part of their ARNs). */
export function startedTaskIds(result: Pick<RunTaskOutcome, 'tasks'>): string[] {
  return result.tasks.map((t) => resourceName(t.taskArn)).filter(Boolean);
}

/** The progress line while the tasks are followed: `task 0f1e…: PROVISIONING`, one part per task. */
export function runTaskProgressText(tasks: readonly TaskResult[]): string {
  return tasks.map((t) => l10n.t`task ${resourceName(t.taskArn)}: ${t.lastStatus ?? l10n.t('unknown')}`).join(', ');
}

/**
 * The final notification: which tasks, then how they ended; with the likely cause of a failure when
 * the diagnosis recognised one (`Why web:3 failed (task abc): …`).
 */
export function runTaskResultText(taskDefinition: string, result: RunTaskOutcome, cause?: string): string {
  const label = revisionLabel(taskDefinition);
  const ids = startedTaskIds(result);
  const tasks = ids.length === 1 ? l10n.t`task ${ids[0]}` : l10n.t`tasks ${ids.join(', ')}`;
  if (cause) return ids.length ? l10n.t`Why ${label} failed (${tasks}): ${cause}` : l10n.t`Why ${label} failed: ${cause}`;
  const summary = runTaskSummary(result);
  return ids.length ? l10n.t`${label}, ${tasks}: ${summary}` : summary;
}
