// CloudWatch Logs (AWS JSON 1.1, target prefix Logs_20140328): log groups and streams, PutLogEvents,
// GetLogEvents (forward/backward tokens), FilterLogEvents (simple filter patterns), DescribeLogGroups
// and DescribeLogStreams, with the real API's shapes and errors. StartLiveTail is not served: it is
// an HTTP/2 event stream on the streaming-logs endpoint; clients fall back to polling FilterLogEvents.
import type { Handler } from './context';
import { ApiError, invalidParameter } from './errors';
import { matchesFilterPattern, parseFilterPattern } from './filterPattern';
import { ACCOUNT, type RegionState } from './state';

export interface LogEventRec {
  timestamp: number;
  message: string;
  ingestionTime: number;
  /** Global insertion order: ties on timestamp keep the order events were put. */
  seq: number;
}

export interface LogStreamRec {
  name: string;
  creationTime: number;
  events: LogEventRec[];
  lastIngestionTime?: number;
  storedBytes: number;
}

export interface LogGroupRec {
  name: string;
  creationTime: number;
  retentionInDays?: number;
  streams: Map<string, LogStreamRec>;
}

export class LogsState {
  groups = new Map<string, LogGroupRec>();
  seq = 0;
  /** Task log synthesis: per task and container, the simulated time written up to. */
  writtenUntil = new Map<string, number>();
}

const STATES = new WeakMap<RegionState, LogsState>();

/** The CloudWatch Logs data of one region (kept beside the region's ECS/ECR state). */
export function logsOf(state: RegionState): LogsState {
  let logs = STATES.get(state);
  if (!logs) {
    logs = new LogsState();
    STATES.set(state, logs);
  }
  return logs;
}

const notFound = (what: 'group' | 'stream'): ApiError => new ApiError('ResourceNotFoundException', `The specified log ${what} does not exist.`);

export function groupArn(state: RegionState, name: string): string {
  return `arn:aws:logs:${state.region}:${ACCOUNT}:log-group:${name}`;
}

export function ensureGroup(state: RegionState, name: string, now: number): LogGroupRec {
  const logs = logsOf(state);
  let group = logs.groups.get(name);
  if (!group) {
    group = { name, creationTime: now, streams: new Map() };
    logs.groups.set(name, group);
  }
  return group;
}

export function ensureStream(group: LogGroupRec, name: string, now: number): LogStreamRec {
  let stream = group.streams.get(name);
  if (!stream) {
    stream = { name, creationTime: now, events: [], storedBytes: 0 };
    group.streams.set(name, stream);
  }
  return stream;
}

/** Inserts events keeping the stream ordered by timestamp (then insertion order). */
export function appendEvents(state: RegionState, stream: LogStreamRec, events: { timestamp: number; message: string }[], now: number): void {
  const logs = logsOf(state);
  for (const e of events) {
    const rec: LogEventRec = { timestamp: e.timestamp, message: e.message, ingestionTime: now, seq: ++logs.seq };
    let i = stream.events.length;
    while (i > 0 && stream.events[i - 1].timestamp > rec.timestamp) i--;
    stream.events.splice(i, 0, rec);
    stream.storedBytes += Buffer.byteLength(e.message) + 26;
  }
  if (events.length > 0) stream.lastIngestionTime = now;
}

/** A log group by name or by ARN (logGroupIdentifier), as the API accepts either. */
function groupOf(state: RegionState, input: { logGroupName?: string; logGroupIdentifier?: string }): LogGroupRec {
  const raw = input.logGroupName ?? input.logGroupIdentifier;
  if (!raw) throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
  const name = raw.startsWith('arn:') ? raw.replace(/^arn:[^:]*:logs:[^:]*:\d*:log-group:/, '').replace(/:\*$/, '') : raw;
  const group = logsOf(state).groups.get(name);
  if (!group) throw notFound('group');
  return group;
}

function limitOf(value: unknown, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw invalidParameter(`1 validation error detected: Value '${String(value)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${max}`);
  return n;
}

/** Opaque page tokens: an offset, encoded the way AWS tokens look (not meant to be parsed by clients). */
const encodeToken = (n: number): string => Buffer.from(`emulator:${n}`).toString('base64');
function decodeToken(token: unknown): number {
  const m = /^emulator:(\d+)$/.exec(Buffer.from(String(token), 'base64').toString('utf8'));
  if (!m) throw invalidParameter('The specified nextToken is invalid.');
  return Number(m[1]);
}

function streamShape(state: RegionState, group: LogGroupRec, s: LogStreamRec): Record<string, unknown> {
  return {
    logStreamName: s.name,
    creationTime: s.creationTime,
    firstEventTimestamp: s.events[0]?.timestamp,
    lastEventTimestamp: s.events.at(-1)?.timestamp,
    lastIngestionTime: s.lastIngestionTime,
    uploadSequenceToken: String(49_000_000_000 + s.events.length),
    arn: `${groupArn(state, group.name)}:log-stream:${s.name}`,
    storedBytes: 0,
  };
}

const MAX_PUT_AGE = 14 * 24 * 3_600_000;
const MAX_PUT_AHEAD = 2 * 3_600_000;

export const logsHandlers: Record<string, Handler> = {
  CreateLogGroup(input: { logGroupName?: string }, { state, now }) {
    const name = String(input.logGroupName ?? '');
    if (!/^[.\-_/#A-Za-z0-9]{1,512}$/.test(name)) throw invalidParameter(`1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`);
    if (logsOf(state).groups.has(name)) throw new ApiError('ResourceAlreadyExistsException', 'The specified log group already exists');
    ensureGroup(state, name, now);
    return {};
  },

  CreateLogStream(input: { logGroupName?: string; logStreamName?: string }, { state, now }) {
    const group = groupOf(state, input);
    const name = String(input.logStreamName ?? '');
    if (!name || name.includes(':') || name.includes('*')) throw invalidParameter(`1 validation error detected: Value '${name}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*`);
    if (group.streams.has(name)) throw new ApiError('ResourceAlreadyExistsException', 'The specified log stream already exists');
    ensureStream(group, name, now);
    return {};
  },

  DescribeLogGroups(input: { logGroupNamePrefix?: string; logGroupNamePattern?: string; limit?: number; nextToken?: string }, { state }) {
    if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
      throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    }
    const limit = limitOf(input.limit, 50, 50);
    const all = [...logsOf(state).groups.values()]
      .filter((g) => (input.logGroupNamePrefix ? g.name.startsWith(input.logGroupNamePrefix) : true))
      .filter((g) => (input.logGroupNamePattern ? g.name.toLowerCase().includes(input.logGroupNamePattern.toLowerCase()) : true))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const from = input.nextToken ? decodeToken(input.nextToken) : 0;
    const page = all.slice(from, from + limit);
    return {
      logGroups: page.map((g) => ({
        logGroupName: g.name,
        creationTime: g.creationTime,
        retentionInDays: g.retentionInDays,
        metricFilterCount: 0,
        arn: `${groupArn(state, g.name)}:*`,
        logGroupArn: groupArn(state, g.name),
        storedBytes: [...g.streams.values()].reduce((n, s) => n + s.storedBytes, 0),
        logGroupClass: 'STANDARD',
      })),
      nextToken: from + limit < all.length ? encodeToken(from + limit) : undefined,
    };
  },

  DescribeLogStreams(
    input: { logGroupName?: string; logGroupIdentifier?: string; logStreamNamePrefix?: string; orderBy?: string; descending?: boolean; limit?: number; nextToken?: string },
    { state },
  ) {
    const group = groupOf(state, input);
    const orderBy = input.orderBy ?? 'LogStreamName';
    if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') throw invalidParameter(`1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`);
    if (orderBy === 'LastEventTime' && input.logStreamNamePrefix) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
    const limit = limitOf(input.limit, 50, 50);
    const key = (s: LogStreamRec): number | string => (orderBy === 'LastEventTime' ? (s.events.at(-1)?.timestamp ?? 0) : s.name);
    const all = [...group.streams.values()]
      .filter((s) => (input.logStreamNamePrefix ? s.name.startsWith(input.logStreamNamePrefix) : true))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    if (input.descending) all.reverse();
    const from = input.nextToken ? decodeToken(input.nextToken) : 0;
    return {
      logStreams: all.slice(from, from + limit).map((s) => streamShape(state, group, s)),
      nextToken: from + limit < all.length ? encodeToken(from + limit) : undefined,
    };
  },

  PutLogEvents(input: { logGroupName?: string; logStreamName?: string; logEvents?: { timestamp: number; message: string }[] }, { state, now }) {
    const group = groupOf(state, input);
    const stream = group.streams.get(String(input.logStreamName ?? ''));
    if (!stream) throw notFound('stream');
    const events = input.logEvents ?? [];
    if (events.length < 1 || events.length > 10_000) throw invalidParameter('1 validation error detected: Value at \'logEvents\' failed to satisfy constraint: Member must have length between 1 and 10000');
    for (let i = 1; i < events.length; i++) {
      if (events[i].timestamp < events[i - 1].timestamp) throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
    // Like AWS: events older than 14 days or more than 2 hours ahead are rejected (by index range).
    let tooOldEnd = -1;
    let tooNewStart = events.length;
    events.forEach((e, i) => {
      if (e.timestamp < now - MAX_PUT_AGE) tooOldEnd = i;
      if (e.timestamp > now + MAX_PUT_AHEAD && tooNewStart === events.length) tooNewStart = i;
    });
    appendEvents(state, stream, events.slice(tooOldEnd + 1, tooNewStart), now);
    const rejected = tooOldEnd >= 0 || tooNewStart < events.length
      ? { tooOldLogEventEndIndex: tooOldEnd >= 0 ? tooOldEnd + 1 : undefined, tooNewLogEventStartIndex: tooNewStart < events.length ? tooNewStart : undefined }
      : undefined;
    return { nextSequenceToken: String(49_000_000_000 + stream.events.length), rejectedLogEventsInfo: rejected };
  },

  GetLogEvents(
    input: { logGroupName?: string; logGroupIdentifier?: string; logStreamName?: string; startTime?: number; endTime?: number; nextToken?: string; limit?: number; startFromHead?: boolean },
    { state },
  ) {
    const group = groupOf(state, input);
    const stream = group.streams.get(String(input.logStreamName ?? ''));
    if (!stream) throw notFound('stream');
    const limit = limitOf(input.limit, 10_000, 10_000);
    // Positions are indexes into the events in range [startTime, endTime).
    const inRange = stream.events.filter((e) => (input.startTime === undefined || e.timestamp >= input.startTime) && (input.endTime === undefined || e.timestamp < input.endTime));
    let from: number;
    let to: number;
    const token = input.nextToken ? /^([fb])\/(\d+)$/.exec(input.nextToken) : undefined;
    if (input.nextToken && !token) throw invalidParameter('The specified nextToken is invalid.');
    if (token?.[1] === 'f') {
      from = Math.min(Number(token[2]), inRange.length);
      to = Math.min(from + limit, inRange.length);
    } else if (token?.[1] === 'b') {
      to = Math.min(Number(token[2]), inRange.length);
      from = Math.max(0, to - limit);
    } else if (input.startFromHead) {
      from = 0;
      to = Math.min(limit, inRange.length);
    } else {
      to = inRange.length;
      from = Math.max(0, to - limit);
    }
    const pad = (n: number): string => String(n).padStart(56, '0');
    return {
      events: inRange.slice(from, to).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
      nextForwardToken: `f/${pad(to)}`,
      nextBackwardToken: `b/${pad(from)}`,
    };
  },

  FilterLogEvents(
    input: {
      logGroupName?: string; logGroupIdentifier?: string; logStreamNames?: string[]; logStreamNamePrefix?: string;
      startTime?: number; endTime?: number; filterPattern?: string; nextToken?: string; limit?: number;
    },
    { state },
  ) {
    const group = groupOf(state, input);
    if (input.logStreamNames && input.logStreamNamePrefix) throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    const limit = limitOf(input.limit, 10_000, 10_000);
    const pattern = parseFilterPattern(input.filterPattern ?? '');
    const streams = [...group.streams.values()].filter((s) =>
      input.logStreamNames ? input.logStreamNames.includes(s.name) : input.logStreamNamePrefix ? s.name.startsWith(input.logStreamNamePrefix) : true,
    );
    // The token is the last returned (timestamp, seq): the next page starts after it, whatever was put since.
    let after: [number, number] | undefined;
    if (input.nextToken) {
      const m = /^(\d+)\.(\d+)$/.exec(Buffer.from(input.nextToken, 'base64').toString('utf8'));
      if (!m) throw invalidParameter('The specified nextToken is invalid.');
      after = [Number(m[1]), Number(m[2])];
    }
    const matches: (LogEventRec & { stream: string })[] = [];
    for (const s of streams) {
      for (const e of s.events) {
        if (input.startTime !== undefined && e.timestamp < input.startTime) continue;
        if (input.endTime !== undefined && e.timestamp > input.endTime) continue;
        if (after && (e.timestamp < after[0] || (e.timestamp === after[0] && e.seq <= after[1]))) continue;
        if (matchesFilterPattern(pattern, e.message)) matches.push({ ...e, stream: s.name });
      }
    }
    matches.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
    const page = matches.slice(0, limit);
    const last = page.at(-1);
    return {
      events: page.map((e) => ({
        logStreamName: e.stream,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        eventId: String(e.seq).padStart(56, '0'),
      })),
      searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: matches.length <= limit })),
      nextToken: matches.length > limit && last ? Buffer.from(`${last.timestamp}.${last.seq}`).toString('base64') : undefined,
    };
  },

  PutRetentionPolicy(input: { logGroupName?: string; retentionInDays?: number }, { state }) {
    groupOf(state, input).retentionInDays = input.retentionInDays;
    return {};
  },

  DeleteLogGroup(input: { logGroupName?: string }, { state }) {
    const group = groupOf(state, input);
    logsOf(state).groups.delete(group.name);
    return {};
  },
};
