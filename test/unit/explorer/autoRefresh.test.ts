// Auto-refresh of a view, with a manual clock: only while visible, debounced when it shows again,
// never two reloads at once, off at interval 0, stopped and aborted on dispose.
import * as assert from 'node:assert/strict';
import { AutoRefresh, type Timers } from '../../../src/explorer/autoRefresh';

class ManualClock implements Timers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): number {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  get scheduled(): number {
    return this.pending.size;
  }
  /** Moves the clock, running each timer that comes due (and letting its reload finish). */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    }
    this.now = end;
  }
}

function setup(intervalSeconds = 10) {
  const clock = new ManualClock();
  const reloads: number[] = [];
  let interval = intervalSeconds;
  const refresh = new AutoRefresh({
    intervalSeconds: () => interval,
    reload: async () => {
      reloads.push(clock.now);
      return 1;
    },
    debounceMs: 1000,
    timers: clock,
  });
  return { clock, reloads, refresh, setInterval: (s: number) => (interval = s) };
}

describe('explorer/autoRefresh', () => {
  it('reloads only while visible: debounced after it shows, then every interval, not at all once hidden', async () => {
    const { clock, reloads, refresh } = setup(10);
    await clock.advance(60_000);
    assert.deepEqual(reloads, [], 'never shown');
    refresh.setVisible(true);
    await clock.advance(25_000);
    assert.deepEqual(reloads, [61_000, 71_000, 81_000]);
    refresh.setVisible(false);
    assert.equal(clock.scheduled, 0, 'hidden: no timer left');
    await clock.advance(60_000);
    assert.equal(reloads.length, 3);
    assert.equal(await refresh.tick(), 0, 'a tick asked for while hidden does nothing');
    assert.equal(reloads.length, 3);
  });

  it('a view that flickers between shown and hidden costs one reload, not one per change', async () => {
    const { clock, reloads, refresh } = setup(10);
    for (let i = 0; i < 5; i++) {
      refresh.setVisible(true);
      await clock.advance(200);
      refresh.setVisible(false);
      await clock.advance(200);
    }
    refresh.setVisible(true);
    await clock.advance(1500);
    assert.equal(reloads.length, 1);
  });

  it('interval 0 turns it off; restart applies a new interval at once', async () => {
    const { clock, reloads, refresh, setInterval } = setup(0);
    refresh.setVisible(true);
    await clock.advance(60_000);
    assert.deepEqual(reloads, []);
    assert.equal(await refresh.tick(), 1, 'an explicit tick still reloads while visible');
    setInterval(5);
    refresh.restart();
    await clock.advance(11_000);
    assert.equal(reloads.length, 3);
  });

  it('ticks never overlap: one asked for during a reload waits for it', async () => {
    let running = 0;
    let maxRunning = 0;
    const releases: (() => void)[] = [];
    const refresh = new AutoRefresh({
      intervalSeconds: () => 0,
      reload: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((r) => releases.push(r));
        running--;
        return 1;
      },
    });
    refresh.setVisible(true);
    const a = refresh.tick();
    const b = refresh.tick();
    for (let released = 0; released < 2; released++) {
      while (releases.length === 0) await new Promise((r) => setImmediate(r));
      releases.shift()!();
    }
    assert.deepEqual(await Promise.all([a, b]), [1, 1]);
    assert.equal(maxRunning, 1);
  });

  it('dispose stops the timer and aborts the reload in flight', async () => {
    const clock = new ManualClock();
    let signal: AbortSignal | undefined;
    const refresh = new AutoRefresh({
      intervalSeconds: () => 10,
      reload: (s) => {
        signal = s;
        return new Promise((_resolve, reject) => s.addEventListener('abort', () => reject(s.reason)));
      },
      timers: clock,
      onError: () => undefined,
    });
    refresh.setVisible(true);
    await clock.advance(1000);
    assert.ok(signal && !signal.aborted, 'a reload is in flight');
    refresh.dispose();
    assert.equal(signal.aborted, true);
    await clock.advance(60_000);
    assert.equal(clock.scheduled, 0, 'no timer after dispose');
    assert.equal(await refresh.tick(), 0);
  });
});
