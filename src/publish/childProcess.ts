// Runs one external program (a container CLI, git) with an argument array: never through a shell, so
// names, tags and paths are passed as single arguments and cannot become commands.
// The child gets its own process group on POSIX so that cancelling kills everything it started.
import * as l10n from '@vscode/l10n';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface RunOptions {
  readonly cwd?: string;
  /** Extra environment variables, merged over process.env. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to standard input, then stdin is closed. Secrets go here, never into args. */
  readonly stdin?: string;
  readonly signal?: AbortSignal;
  /** Kill the process after this many milliseconds (reported as a timeout). */
  readonly timeoutMs?: number;
  /** Each complete line of stdout / stderr, as it arrives (CR-separated progress redraws count as lines). */
  readonly onStdoutLine?: (line: string) => void;
  readonly onStderrLine?: (line: string) => void;
  /** Milliseconds between SIGTERM and SIGKILL when cancelling. */
  readonly killGraceMs?: number;
}

export interface RunResult {
  /** Exit code, or null when the process ended by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the run was ended by the AbortSignal. */
  readonly cancelled: boolean;
  readonly timedOut: boolean;
  /** Process id of the child (its process-group id on POSIX). */
  readonly pid?: number;
}

/** The program could not be started at all (not installed, not on PATH, not executable). */
export class ProgramNotFoundError extends Error {
  constructor(
    readonly program: string,
    cause: unknown,
  ) {
    super(l10n.t`${program} could not be started: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'ProgramNotFoundError';
  }
}

/** The program's working folder does not exist (spawn says ENOENT for that too). */
export class WorkingFolderMissingError extends Error {
  constructor(
    readonly program: string,
    readonly folder: string,
  ) {
    super(l10n.t`${program} could not be started: the folder ${folder} does not exist.`);
    this.name = 'WorkingFolderMissingError';
  }
}

const MAX_CAPTURE = 1024 * 1024;

/** Splits a stream of chunks into lines on \n, \r\n and lone \r. */
export class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}
  push(chunk: string): void {
    const text = this.rest + chunk;
    const parts = text.split(/\r\n|\n|\r/);
    this.rest = parts.pop() ?? '';
    // A \r\n split across two chunks yields an empty line, which is dropped below.
    for (const line of parts) if (line !== '') this.onLine(line);
  }
  end(): void {
    if (this.rest !== '') this.onLine(this.rest);
    this.rest = '';
  }
}

/** Sends a signal to the child's whole process group (POSIX) or the process tree (Windows). */
export function killTree(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (process.platform === 'win32') {
    // taskkill walks the tree; arguments are fixed, the pid is a number.
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Runs `program args...` and resolves when it exits (whatever the exit code). */
export function runProgram(program: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ code: null, signal: null, stdout: '', stderr: '', cancelled: true, timedOut: false });
      return;
    }
    const child = spawn(program, [...args], {
      cwd: options.cwd,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      shell: false,
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    let timedOut = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const outLines = new LineSplitter((line) => options.onStdoutLine?.(line));
    const errLines = new LineSplitter((line) => options.onStderrLine?.(line));

    const stop = (): void => {
      if (child.pid === undefined) return;
      killTree(child.pid, 'SIGTERM');
      killTimer ??= setTimeout(() => {
        if (child.pid !== undefined) killTree(child.pid, 'SIGKILL');
      }, options.killGraceMs ?? 2000);
    };
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timeout =
      options.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            stop();
          }, options.timeoutMs)
        : undefined;

    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < MAX_CAPTURE) stdout += chunk;
      outLines.push(chunk);
    });
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < MAX_CAPTURE) stderr += chunk;
      errLines.push(chunk);
    });
    child.stdin.on('error', () => undefined); // the program may exit before reading stdin
    child.stdin.end(options.stdin ?? '');

    const cleanup = (): void => {
      options.signal?.removeEventListener('abort', onAbort);
      if (timeout) clearTimeout(timeout);
    };
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (killTimer) clearTimeout(killTimer);
      // ENOENT also means a missing working folder: that is not a missing program.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.cwd && !existsSync(options.cwd)) {
        reject(new WorkingFolderMissingError(program, options.cwd));
        return;
      }
      reject(new ProgramNotFoundError(program, error));
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      settled = true;
      cleanup();
      outLines.end();
      errLines.end();
      // The direct child is gone; make sure nothing it started in its group survives a cancel.
      if ((cancelled || timedOut) && child.pid !== undefined) {
        killTree(child.pid, 'SIGKILL');
      }
      if (killTimer) clearTimeout(killTimer);
      resolve({ code, signal, stdout, stderr, cancelled, timedOut, pid: child.pid });
    });
  });
}
