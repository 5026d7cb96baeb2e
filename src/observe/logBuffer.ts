// The events a log document shows: kept in time order (newest at the bottom), without duplicates
// (an event read twice, by an initial load and by a follow poll, shows once), bounded (the oldest
// drop out beyond `maxEvents`), and rendered as text with local time stamps. Pure.
import type { LogEvent } from '../aws/logs';

export interface LogBufferOptions {
  /** Label each line with its stream (several containers or tasks in one document). */
  readonly labelStreams: boolean;
  readonly maxEvents: number;
  /** Local time of an event, e.g. "2026-12-06 08:01:02.345". */
  readonly formatTime: (ms: number) => string;
}

const keyOf = (e: LogEvent): string => `${e.logStream}\u0000${e.timestamp}\u0000${e.message}`;

/** A short label for a stream: `container/taskId` → `container/1a2b3c4d`. */
export function streamLabel(stream: string): string {
  const parts = stream.split('/');
  if (parts.length >= 3) return `${parts.at(-2)}/${parts.at(-1)!.slice(0, 8)}`;
  const fl = /^(.*)-firelens-([0-9a-f]{8})[0-9a-f]*$/.exec(stream);
  return fl ? `${fl[1]}/${fl[2]}` : stream;
}

/** Local date and time with milliseconds, as log readers expect (not UTC). */
export function localTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export class LogBuffer {
  private events: LogEvent[] = [];
  private readonly seen = new Set<string>();
  /** Whether older events were dropped to stay within maxEvents. */
  dropped = 0;

  constructor(private readonly options: LogBufferOptions) {}

  get size(): number {
    return this.events.length;
  }

  get newest(): number | undefined {
    return this.events.at(-1)?.timestamp;
  }

  get oldest(): number | undefined {
    return this.events[0]?.timestamp;
  }

  /** Adds events (any order); returns how many were new. */
  add(events: readonly LogEvent[]): number {
    const fresh = events.filter((e) => {
      const k = keyOf(e);
      if (this.seen.has(k)) return false;
      this.seen.add(k);
      return true;
    });
    if (fresh.length === 0) return 0;
    fresh.sort((a, b) => a.timestamp - b.timestamp);
    // Common case: everything is newer than what we have (following); else merge.
    if (this.events.length === 0 || fresh[0].timestamp >= this.events.at(-1)!.timestamp) {
      this.events.push(...fresh);
    } else {
      const merged: LogEvent[] = [];
      let i = 0;
      let j = 0;
      while (i < this.events.length || j < fresh.length) {
        if (j >= fresh.length || (i < this.events.length && this.events[i].timestamp <= fresh[j].timestamp)) merged.push(this.events[i++]);
        else merged.push(fresh[j++]);
      }
      this.events = merged;
    }
    const excess = this.events.length - this.options.maxEvents;
    if (excess > 0) {
      for (const e of this.events.splice(0, excess)) this.seen.delete(keyOf(e));
      this.dropped += excess;
    }
    return fresh.length;
  }

  /** The text of the document: one line per event (continuation lines indented). */
  render(header: readonly string[] = []): string {
    const out: string[] = [...header];
    if (this.dropped > 0) out.push(`(${this.dropped} older events are not shown: the document keeps the newest ${this.options.maxEvents})`);
    for (const e of this.events) {
      const label = this.options.labelStreams ? ` [${streamLabel(e.logStream)}]` : '';
      const lines = e.message.replace(/\r?\n$/, '').split(/\r?\n/);
      out.push(`${this.options.formatTime(e.timestamp)}${label} ${lines[0]}`);
      for (const more of lines.slice(1)) out.push(`    ${more}`);
    }
    return out.join('\n') + '\n';
  }
}
