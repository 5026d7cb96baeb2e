// Simulated time: real time multiplied by a speed factor plus whatever tests add with `advance`.
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
    return Math.floor(this.simStart + (Date.now() - this.realStart) * this.speed + this.offset);
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  getSpeed(): number {
    return this.speed;
  }
}
