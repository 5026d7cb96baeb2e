// Parsing what a user types for one-off task overrides and wording the result. Pure.
import * as l10n from '@vscode/l10n';
import type { RunTaskOutcome, TaskResult } from './oneOffTask';
import { resourceName } from '../domain/arn';
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
