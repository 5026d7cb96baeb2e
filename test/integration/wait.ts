// Waiting in the extension host for a condition, never for a fixed time: a loaded machine (load 8 and
// more on 2 cores) makes every step slower, so a test polls what it needs to see, with an overall
// deadline generous enough for that machine, and says what it waited for when the deadline passes.

/** The default deadline: long on a quiet machine, still short of the suites' 60 s test timeout. */
export const WAIT_MS = 30_000;

/** What a probe returns once the condition holds. */
export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns a truthy value and returns that value. A probe that throws counts as
 * "not yet"; its last error is part of the timeout message.
 */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = WAIT_MS): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as Truthy<T>;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting until ${what} (last: ${detail})`);
    }
    await pause(100);
  }
}

/**
 * Moves the emulator's simulated clock forward in the background while `work` runs (the extension
 * polls in real time, so a rollout of minutes takes seconds), and stops once it settles.
 */
export async function whileAdvancing<T>(control: { advance(ms: number): Promise<unknown> }, work: () => Thenable<T> | Promise<T>, stepMs = 10_000): Promise<T> {
  let running = true;
  const loop = (async () => {
    while (running) {
      await control.advance(stepMs).catch(() => undefined);
      await pause(100);
    }
  })();
  try {
    return await work();
  } finally {
    running = false;
    await loop;
  }
}
