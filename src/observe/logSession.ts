// One open log document's reading: the first load (the newest events of each stream, or the matches
// of a filter pattern in the last hour), earlier events on demand, and following: polling
// FilterLogEvents from just before the newest event seen, every second while events arrive and
// backing off while the streams are quiet or calls fail. (StartLiveTail needs an HTTP/2 event stream
// that the local emulator does not serve; polling works against both.) A service's logs also follow
// its new tasks: while following, the session asks for the current streams every FOLLOW.discoverMs
// (a deployment replaces tasks) and reads each new stream from its start. No vscode.
import type { AwsClients } from '../aws/clients';
import type { AwsCallOptions } from '../aws/call';
import { filterLogEvents, getLogEvents, type LogEvent } from '../aws/logs';
import { realClock, type Clock } from '../deploy/clock';
import type { LogBuffer } from './logBuffer';
import type { LogSource } from './logSource';

export interface LogTarget {
  readonly region?: string;
  readonly logGroup: string;
  readonly logStreams: string[];
}

/** The CloudWatch sources grouped by region and log group (one FilterLogEvents per group). */
export function groupTargets(sources: readonly LogSource[]): LogTarget[] {
  const byGroup = new Map<string, { region?: string; logGroup: string; logStreams: string[] }>();
  for (const s of sources) {
    if (s.kind !== 'cloudwatch') continue;
    const key = `${s.region ?? ''}|${s.logGroup}`;
    const t = byGroup.get(key) ?? { region: s.region, logGroup: s.logGroup, logStreams: [] };
    if (!t.logStreams.includes(s.logStream)) t.logStreams.push(s.logStream);
    byGroup.set(key, t);
  }
  return [...byGroup.values()];
}

/** Poll delays: 1 s while events arrive, 2 s after 30 quiet polls, 5 s after 120; errors back off to 30 s. */
export const FOLLOW = { baseMs: 1000, quietMs: 2000, idleMs: 5000, quietAfter: 30, idleAfter: 120, maxErrorMs: 30_000, overlapMs: 10_000, discoverMs: 15_000 } as const;

export function nextPollDelay(emptyStreak: number, errorStreak: number): number {
  if (errorStreak > 0) return Math.min(FOLLOW.maxErrorMs, FOLLOW.baseMs * 2 ** errorStreak);
  if (emptyStreak >= FOLLOW.idleAfter) return FOLLOW.idleMs;
  if (emptyStreak >= FOLLOW.quietAfter) return FOLLOW.quietMs;
  return FOLLOW.baseMs;
}

export interface LogSessionOptions {
  readonly clients: AwsClients;
  /** The task's region, for sources whose awslogs-region is not set. */
  readonly region?: string;
  readonly targets: readonly LogTarget[];
  readonly filterPattern?: string;
  readonly buffer: LogBuffer;
  /** Events per stream on the first load and per "load earlier". */
  readonly pageSize?: number;
  readonly now?: () => number;
  /**
   * The current targets (a service's running tasks' streams), asked while following; streams not yet
   * read are added and read from their start, streams already read are kept (a stopped task's last
   * lines stay).
   */
  readonly discover?: (signal: AbortSignal) => Promise<LogTarget[]>;
}

/** A stream the session did not read before, found by `discover`. */
export interface NewStream {
  readonly logGroup: string;
  readonly logStream: string;
}

const MAX_FILTER_PAGES = 10;

export class LogSession {
  private readonly backward = new Map<string, string | undefined>();
  private earliestWindowStart: number | undefined;
  private emptyStreak = 0;
  private errorStreak = 0;
  private readonly targets: LogTarget[];
  private lastDiscovery: number;
  /** API calls made (for the calls-per-minute figure). */
  calls = 0;

  constructor(private readonly o: LogSessionOptions) {
    this.targets = o.targets.map((t) => ({ ...t, logStreams: [...t.logStreams] }));
    this.lastDiscovery = this.now;
  }

  /** The targets read now (the first ones plus those discovered while following). */
  get currentTargets(): readonly LogTarget[] {
    return this.targets;
  }

  private get now(): number {
    return (this.o.now ?? Date.now)();
  }

  /** The call options for a target: its group's region, counting every call. */
  private call(t: LogTarget, signal: AbortSignal): AwsCallOptions {
    return { clients: this.o.clients, region: t.region ?? this.o.region, signal, onCall: () => this.calls++ };
  }

  /** FilterLogEvents over all targets in [start, end], following nextToken (bounded). */
  private async filter(signal: AbortSignal, start: number, end?: number): Promise<LogEvent[]> {
    const out: LogEvent[] = [];
    for (const t of this.targets) {
      for (let i = 0; i < t.logStreams.length; i += 100) {
        let nextToken: string | undefined;
        for (let page = 0; page < MAX_FILTER_PAGES; page++) {
          const got = await filterLogEvents(this.call(t, signal), {
            logGroup: t.logGroup, logStreams: t.logStreams.slice(i, i + 100), filterPattern: this.o.filterPattern, startTime: start, endTime: end, nextToken,
          });
          out.push(...got.events);
          nextToken = got.nextToken;
          if (!nextToken) break;
        }
      }
    }
    return out;
  }

  /** The first load: the newest events of each stream (or the last hour's matches of the filter). */
  async load(signal: AbortSignal): Promise<number> {
    if (this.o.filterPattern) {
      this.earliestWindowStart = this.now - 3_600_000;
      return this.o.buffer.add(await this.filter(signal, this.earliestWindowStart));
    }
    let added = 0;
    for (const t of this.targets) {
      for (const stream of t.logStreams) added += await this.readNewest(t, stream, signal);
    }
    return added;
  }

  /** The newest page of one stream (the first read of it). */
  private async readNewest(t: LogTarget, stream: string, signal: AbortSignal): Promise<number> {
    try {
      const got = await getLogEvents(this.call(t, signal), { logGroup: t.logGroup, logStream: stream, limit: this.o.pageSize ?? 500 });
      this.backward.set(`${t.logGroup}|${stream}`, got.events.length > 0 ? got.nextBackwardToken : undefined);
      return this.o.buffer.add(got.events);
    } catch (e) {
      // A stream the task has not written yet (or never will) is empty, not an error.
      if ((e as Error).name !== 'ResourceNotFoundException') throw e;
      this.backward.set(`${t.logGroup}|${stream}`, undefined);
      return 0;
    }
  }

  /**
   * Asks `discover` for the current targets and reads the streams not read before (a filtered
   * session reads them in the next poll, from the overlap before the newest event). Returns the new
   * streams and how many events they added.
   */
  async discoverStreams(signal: AbortSignal): Promise<{ streams: NewStream[]; added: number }> {
    if (!this.o.discover) return { streams: [], added: 0 };
    this.lastDiscovery = this.now;
    const found = await this.o.discover(signal);
    const streams: NewStream[] = [];
    let added = 0;
    for (const f of found) {
      let t = this.targets.find((x) => x.logGroup === f.logGroup && (x.region ?? '') === (f.region ?? ''));
      if (!t) {
        t = { region: f.region, logGroup: f.logGroup, logStreams: [] };
        this.targets.push(t);
      }
      for (const stream of f.logStreams) {
        if (t.logStreams.includes(stream)) continue;
        t.logStreams.push(stream);
        streams.push({ logGroup: t.logGroup, logStream: stream });
        if (!this.o.filterPattern) added += await this.readNewest(t, stream, signal);
      }
    }
    return { streams, added };
  }

  /** Whether following should ask for new streams before the next poll. */
  private get discoveryDue(): boolean {
    return this.o.discover !== undefined && this.now - this.lastDiscovery >= FOLLOW.discoverMs;
  }

  /** Events before the oldest shown: the previous page of each stream (or the hour before, filtered). */
  async loadEarlier(signal: AbortSignal): Promise<number> {
    if (this.o.filterPattern) {
      const end = (this.earliestWindowStart ?? this.now) - 1;
      this.earliestWindowStart = end + 1 - 6 * 3_600_000;
      return this.o.buffer.add(await this.filter(signal, this.earliestWindowStart, end));
    }
    let added = 0;
    for (const t of this.targets) {
      for (const stream of t.logStreams) {
        const key = `${t.logGroup}|${stream}`;
        const token = this.backward.get(key);
        if (!token) continue;
        const got = await getLogEvents(this.call(t, signal), { logGroup: t.logGroup, logStream: stream, limit: this.o.pageSize ?? 500, nextToken: token });
        this.backward.set(key, got.events.length > 0 && got.nextBackwardToken !== token ? got.nextBackwardToken : undefined);
        added += this.o.buffer.add(got.events);
      }
    }
    return added;
  }

  /** Whether "load earlier" can find more. */
  get hasEarlier(): boolean {
    return this.o.filterPattern ? true : [...this.backward.values()].some((t) => t !== undefined);
  }

  /** One follow poll: events since just before the newest seen. */
  async poll(signal: AbortSignal): Promise<number> {
    // From just before the newest event seen, or before now when the newest is stamped ahead of this
    // machine's clock (skewed hosts, a simulated clock): an event stamped now must not be missed.
    const since = Math.min(this.o.buffer.newest ?? this.now - 60_000, this.now) - FOLLOW.overlapMs;
    try {
      return this.o.buffer.add(await this.filter(signal, since));
    } catch (e) {
      // The group or stream does not exist until the container writes its first line.
      if ((e as Error).name === 'ResourceNotFoundException') return 0;
      throw e;
    }
  }

  /**
   * Polls until `signal` aborts; `onAdded` runs after each poll that added events, `onError` after a
   * failed poll (the loop goes on, backing off).
   */
  async follow(
    signal: AbortSignal,
    onAdded: (n: number) => void,
    onError: (e: unknown) => void,
    sleep: Clock['sleep'] = realClock.sleep,
    onNewStreams: (streams: NewStream[]) => void = () => undefined,
  ): Promise<void> {
    while (!signal.aborted) {
      await sleep(nextPollDelay(this.emptyStreak, this.errorStreak), signal);
      if (signal.aborted) return;
      try {
        let n = 0;
        if (this.discoveryDue) {
          const found = await this.discoverStreams(signal);
          if (found.streams.length > 0) onNewStreams(found.streams);
          n += found.added;
        }
        n += await this.poll(signal);
        this.errorStreak = 0;
        this.emptyStreak = n > 0 ? 0 : this.emptyStreak + 1;
        if (n > 0) onAdded(n);
      } catch (e) {
        if (signal.aborted) return;
        this.errorStreak++;
        onError(e);
      }
    }
  }
}
