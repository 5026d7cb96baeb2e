// Why a rollout (or a task) failed: each stopped task's stopped reason, each container's exit code,
// reason and last log lines, the likely cause with its evidence line, and a readable report.
// Pure: the caller reads ECS and CloudWatch Logs (gather.ts) and passes plain data in.
import { likelyCause, type Evidence } from './causes';

export interface DiagnosedContainer {
  readonly name: string;
  readonly exitCode?: number;
  readonly reason?: string;
  /** The last log lines of an essential container (at most 20), oldest first. */
  readonly lastLogLines: string[];
  /** Why there are no log lines (where its logs go, or the failed call). */
  readonly logsNote?: string;
}

export interface DiagnosedTask {
  readonly taskArn: string;
  readonly stoppedReason?: string;
  readonly stoppedAt?: number;
  readonly containers: DiagnosedContainer[];
}

/** What a failed or rolled-back deployService result carries as `diagnosis`. */
export interface Diagnosis {
  /** One sentence: the likely cause and the fix, when a rule recognises it. */
  readonly cause?: string;
  /** The line the cause was recognised from. */
  readonly evidence?: string;
  readonly causeId?: string;
  readonly tasks: DiagnosedTask[];
  /** Service events since the deployment started, oldest first. */
  readonly events: string[];
}

export const LAST_LOG_LINES = 20;

/** Builds the diagnosis: the stopped tasks as read, plus the likely cause over all of their lines. */
export function diagnose(input: { tasks: DiagnosedTask[]; events: readonly string[]; ports?: Readonly<Record<string, readonly number[]>> }): Diagnosis {
  const evidence: Evidence[] = [];
  for (const task of input.tasks) {
    if (task.stoppedReason) evidence.push({ source: 'stoppedReason', text: task.stoppedReason });
    for (const c of task.containers) {
      evidence.push({ source: 'containerReason', text: c.reason ?? '', container: c.name, exitCode: c.exitCode });
      for (const line of c.lastLogLines) evidence.push({ source: 'log', text: line, container: c.name });
    }
  }
  for (const e of input.events) evidence.push({ source: 'event', text: e });
  const found = likelyCause({ ports: input.ports ?? {}, evidence });
  return { cause: found?.cause, evidence: found?.evidence, causeId: found?.id, tasks: input.tasks, events: [...input.events] };
}

const short = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** The diagnosis as one readable document (Markdown). */
export function diagnosisReport(d: Diagnosis, heading: string, formatTime: (ms: number) => string, options: { serviceEvents?: boolean } = {}): string {
  const out: string[] = [`# ${heading}`, ''];
  if (d.cause) {
    out.push(`**Likely cause:** ${d.cause}`, '');
    if (d.evidence) out.push('Evidence:', '', '```', d.evidence, '```', '');
  } else {
    out.push('No known cause was recognised; the stopped tasks, their containers and last log lines follow.', '');
  }
  out.push(`## Stopped tasks (${d.tasks.length})`, '');
  if (d.tasks.length === 0) out.push(options.serviceEvents === false ? 'No task has stopped.' : 'No task of this deployment has stopped.', '');
  for (const t of d.tasks) {
    out.push(`### Task ${short(t.taskArn)}${t.stoppedAt ? ` (stopped ${formatTime(t.stoppedAt)})` : ''}`, '');
    out.push(`Stopped reason: ${t.stoppedReason ?? '(none given)'}`, '');
    for (const c of t.containers) {
      const exit = c.exitCode === undefined ? 'no exit code' : `exit code ${c.exitCode}`;
      out.push(`- **${c.name}**: ${exit}${c.reason ? `, ${c.reason}` : ''}`);
      if (c.lastLogLines.length > 0) {
        out.push('', `  Last ${c.lastLogLines.length} log line${c.lastLogLines.length === 1 ? '' : 's'}:`, '', '  ```');
        for (const line of c.lastLogLines) out.push(`  ${line}`);
        out.push('  ```', '');
      } else if (c.logsNote) {
        out.push(`  (${c.logsNote})`);
      }
    }
    out.push('');
  }
  if (options.serviceEvents === false) return out.join('\n').trimEnd() + '\n';
  out.push(`## Service events (${d.events.length})`, '');
  if (d.events.length === 0) out.push('No service events since the deployment started.');
  for (const e of d.events) out.push(`- ${e}`);
  return out.join('\n') + '\n';
}
