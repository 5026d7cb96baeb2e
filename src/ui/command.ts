// One way to write a command. Every command of the extension goes through `registerCommand`:
// - explicit arguments (keybindings, tasks, tests, other commands) never ask anything; a failure
//   rejects, so the caller sees it (and the log has it, redacted);
// - from the palette or a menu it asks with pickers, and a failure is reported once, by
//   `reportFailure`: redacted into the log, one message with the action that fixes it;
// - commands that change AWS or run processes need a trusted workspace;
// - long work runs under `withCancellableProgress`, whose AbortSignal reaches the SDK call or the
//   child process (the signal is a required argument of the work).
import * as vscode from 'vscode';
import { classifyAwsError, failureText, isCancellation } from '../aws/errors';
import { describeErrorForLog, redactSecrets } from '../aws/redact';

/** What a command does that needs a trusted workspace. */
export type TrustNeed = 'changesAws' | 'runsProcesses';

export interface CommandSpec<Explicit, Result> {
  readonly id: string;
  /** What the command does, as the subject of a sentence: "Deregistering revisions". */
  readonly what: string;
  readonly trust?: TrustNeed;
  /** Recognises explicit arguments; with them the command never asks. */
  readonly explicit?: (args: readonly unknown[]) => Explicit | undefined;
  /** The explicit form: asks nothing; rejects on failure. */
  readonly runExplicit?: (args: Explicit) => Promise<Result>;
  /** The palette/menu form: asks what it needs; resolves undefined when the user cancels. */
  readonly runInteractive: (args: readonly unknown[]) => Promise<Result | undefined>;
}

export interface CommandDeps {
  readonly log: vscode.LogOutputChannel;
}

/** Registers a command written with `CommandSpec`; the disposable is added to the context. */
export function registerCommand<E, R>(context: { subscriptions: vscode.Disposable[] }, deps: CommandDeps, spec: CommandSpec<E, R>): void {
  context.subscriptions.push(vscode.commands.registerCommand(spec.id, (...args: unknown[]) => runCommand(deps, spec, args)));
}

/** Runs a command spec with the arguments it was invoked with (exported for commands that call each other). */
export async function runCommand<E, R>(deps: CommandDeps, spec: CommandSpec<E, R>, args: readonly unknown[]): Promise<R | undefined> {
  const explicit = spec.runExplicit ? spec.explicit?.(args) : undefined;
  if (explicit !== undefined && spec.runExplicit) {
    if (spec.trust && !vscode.workspace.isTrusted) throw new Error(trustMessage(spec.what, spec.trust));
    try {
      return await spec.runExplicit(explicit);
    } catch (error) {
      logFailure(deps.log, spec.what, error);
      throw error;
    }
  }
  if (spec.trust && !vscode.workspace.isTrusted) {
    askForTrust(spec.what, spec.trust);
    return undefined;
  }
  try {
    return await spec.runInteractive(args);
  } catch (error) {
    void reportFailure(deps.log, { what: spec.what, error });
    return undefined;
  }
}

function trustMessage(what: string, need: TrustNeed): string {
  return need === 'runsProcesses'
    ? vscode.l10n.t('{0} runs a container CLI and changes AWS resources: it needs a trusted workspace.', what)
    : vscode.l10n.t('{0} changes AWS resources and needs a trusted workspace.', what);
}

/**
 * For interactive callers: one notification with a way to manage trust. (A rejection would add VS
 * Code's own "resulted in an error" dialog to it.) Returns false when untrusted.
 */
export function checkTrust(what: string, need: TrustNeed = 'changesAws'): boolean {
  if (vscode.workspace.isTrusted) return true;
  askForTrust(what, need);
  return false;
}

/** For callers with explicit arguments: a rejection when untrusted. */
export function requireTrust(what: string, need: TrustNeed = 'changesAws'): void {
  if (!vscode.workspace.isTrusted) throw new Error(trustMessage(what, need));
}

function askForTrust(what: string, need: TrustNeed): void {
  void vscode.window.showErrorMessage(trustMessage(what, need), vscode.l10n.t('Manage Workspace Trust')).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
}

// ------------------------------------------------------------------ progress with cancellation

export interface ProgressOptions {
  readonly title: string;
  /** Notification (default) or Window (status bar spinner, for short checks). */
  readonly location?: 'notification' | 'window';
}

/**
 * Runs `work` under a progress the user can cancel; cancelling aborts the signal given to `work`,
 * which passes it to the SDK call or child process. Resolves with what `work` resolves (a cancelled
 * SDK call rejects with an AbortError: `isCancellation` tells it apart).
 */
export function withCancellableProgress<T>(
  options: ProgressOptions,
  work: (signal: AbortSignal, report: (message: string, increment?: number) => void) => Promise<T>,
): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress(
      {
        location: options.location === 'window' ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
        title: options.title,
        cancellable: options.location !== 'window',
      },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          return await work(controller.signal, (message, increment) => progress.report({ message, increment }));
        } finally {
          sub.dispose();
        }
      },
    ),
  );
}

// ------------------------------------------------------------------ the one error reporter

export interface FailureAction {
  readonly title: string;
  readonly run: () => unknown;
}

export interface FailureReport {
  /** What failed, as the subject of a sentence: "Opening web:3 for editing". */
  readonly what: string;
  readonly error: unknown;
  /** The profile whose credentials were used (for the Sign In action). */
  readonly profile?: string;
  /** The message when the error's own text is not what the user should read first. */
  readonly message?: string;
  /** Actions before the one the error suggests (e.g. "Create Repository"). */
  readonly actions?: readonly FailureAction[];
}

/** Writes a failure to the log, redacted (name, message, AWS metadata, causes, stack). */
export function logFailure(log: vscode.LogOutputChannel, what: string, error: unknown): void {
  if (isCancelled(error)) {
    log.info(`${what}: cancelled`);
    return;
  }
  const e = error as { hint?: string; detail?: string } | undefined;
  const extra = [e?.hint, e?.detail].filter((x): x is string => typeof x === 'string' && x.length > 0).join('\n');
  log.error(`${what} failed: ${describeErrorForLog(error)}${extra ? `\n${redactSecrets(extra)}` : ''}`);
}

function isCancelled(error: unknown): boolean {
  return isCancellation(error) || (error as { kind?: string } | undefined)?.kind === 'cancelled';
}

/**
 * Reports a failure once: redacted into the log, and one message with the action that fixes it
 * (Sign In, Select Profile) or the log. A cancellation is a short note, not an error.
 */
export async function reportFailure(log: vscode.LogOutputChannel, report: FailureReport): Promise<void> {
  logFailure(log, report.what, report.error);
  if (isCancelled(report.error)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} cancelled.', report.what));
    return;
  }
  const text = redactSecrets(report.message ?? vscode.l10n.t('{0} failed: {1}', report.what, failureText(report.error, report.profile)));
  const actions: FailureAction[] = [...(report.actions ?? [])];
  const info = classifyAwsError(report.error, { profile: report.profile });
  const awsError = (report.error as { $metadata?: unknown; awsCall?: string } | undefined);
  if (awsError?.$metadata !== undefined || awsError?.awsCall || info.kind === 'noCredentials' || info.kind === 'expiredSso') {
    if (info.action.kind === 'signIn') {
      const profile = info.action.profile;
      actions.push({ title: vscode.l10n.t('Sign In'), run: () => vscode.commands.executeCommand('ecsWorkbench.signIn', ...(profile ? [profile] : [])) });
    } else if (info.action.kind === 'selectProfile') {
      actions.push({ title: vscode.l10n.t('Select Profile'), run: () => vscode.commands.executeCommand('ecsWorkbench.selectProfile') });
    }
  }
  actions.push({ title: vscode.l10n.t('Show Log'), run: () => log.show(true) });
  const choice = await vscode.window.showErrorMessage(text, ...actions.map((a) => a.title));
  await actions.find((a) => a.title === choice)?.run();
}
