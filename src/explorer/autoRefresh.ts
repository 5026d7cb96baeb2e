// Auto-refresh of one explorer view: reloads what follows a transient state (a rollout, a stopping
// task) every few seconds, only while the view is visible; the first reload after the view shows
// again is debounced (a view that flickers between shown and hidden costs one reload, not one per
// change); reloads never overlap; disposing stops the timer and aborts the reload in flight (like
// vscode-containers' RefreshManager). Pure (no vscode): unit-tested with a manual clock.

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AutoRefreshOptions {
  /** Seconds between reloads, read at each scheduling; 0 or less turns auto-refresh off. */
  readonly intervalSeconds: () => number;
  /** One reload; resolves with how many nodes it reloaded. Aborted with `signal` on dispose. */
  readonly reload: (signal: AbortSignal) => Promise<number>;
  /** Pause before the first reload after the view becomes visible. */
  readonly debounceMs?: number;
  readonly onError?: (error: unknown) => void;
  readonly timers?: Timers;
}

export const VISIBLE_DEBOUNCE_MS = 1000;

export class AutoRefresh {
  private visible = false;
  private disposed = false;
  private timer: unknown;
  private running: Promise<number> | undefined;
  private readonly controller = new AbortController();
  private readonly timers: Timers;

  constructor(private readonly options: AutoRefreshOptions) {
    this.timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  }

  get isVisible(): boolean {
    return this.visible;
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.cancelTimer();
    if (visible) this.schedule(Math.min(this.options.debounceMs ?? VISIBLE_DEBOUNCE_MS, this.intervalMs()));
  }

  /** Applies a changed interval at once. */
  restart(): void {
    this.cancelTimer();
    if (this.visible) this.schedule(this.intervalMs());
  }

  /**
   * Reloads once now, only while visible (returns 0 otherwise). A reload asked for while one runs
   * waits for it, then runs.
   */
  async tick(): Promise<number> {
    while (this.running) await this.running.catch(() => 0);
    if (!this.visible || this.disposed) return 0;
    const run = this.options.reload(this.controller.signal);
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.controller.abort(Object.assign(new Error('auto-refresh disposed'), { name: 'AbortError' }));
  }

  private intervalMs(): number {
    return Math.max(0, this.options.intervalSeconds()) * 1000;
  }

  private schedule(delayMs: number): void {
    if (this.disposed || this.intervalMs() <= 0) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.tick()
        .catch((e: unknown) => this.options.onError?.(e))
        .finally(() => {
          if (this.visible && this.timer === undefined) this.schedule(this.intervalMs());
        });
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
