// The emulator's clock. Timestamps are real time (plus whatever tests add with `advance`); only the
// durations of simulated phases (task start-up, draining, bake times, hooks) scale with the speed:
// at speed 2 a 10 s phase takes 5 s. Scaling the clock itself made every timestamp drift from the
// wall clock (issue 17: after 12 min at speed 0.5, "stopped 6 min ago" for a task stopped just now).
// With speed 0 the clock only moves when advanced, which makes scheduler tests deterministic.

export class SimClock {
  private readonly realStart = Date.now();
  private readonly simStart: number;
  private offset = 0;

  constructor(
    private speed: number,
    start = Date.now(),
  ) {
    this.simStart = start;
  }

  now(): number {
    const elapsed = this.speed > 0 ? Date.now() - this.realStart : 0;
    return Math.floor(this.simStart + elapsed + this.offset);
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  getSpeed(): number {
    return this.speed;
  }

  /** What simulated phase durations are multiplied by: 1 / speed (1 when frozen). */
  durationScale(): number {
    return this.speed > 0 ? 1 / this.speed : 1;
  }
}
