// CloudWatch Logs: the only place its SDK commands are built. Each function takes an options object
// with the clients, the region (of the log group: awslogs-region may differ from the task's) and a
// required AbortSignal that reaches the HTTP request.
import type { AwsClients } from './clients';
import { awsCall } from './errors';
import { loadSdk } from './sdk-loader';

export interface LogsCallOptions {
  readonly clients: AwsClients;
  /** The log group's region; the clients' current region when omitted. */
  readonly region?: string;
  readonly signal: AbortSignal;
}

export interface LogEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly logStream: string;
  /** FilterLogEvents' id; GetLogEvents has none (its events are identified by stream, time and text). */
  readonly eventId?: string;
}

/** GetLogEvents: events of one stream, newest `limit` by default, or older ones with a backward token. */
export async function getLogEvents(
  options: LogsCallOptions & { logGroup: string; logStream: string; limit?: number; nextToken?: string; startFromHead?: boolean; startTime?: number },
): Promise<{ events: LogEvent[]; nextBackwardToken?: string; nextForwardToken?: string }> {
  const { logs } = loadSdk();
  const client = options.clients.logs(options.region);
  const out = await awsCall('logs:GetLogEvents', () =>
    client.send(
      new logs.GetLogEventsCommand({
        logGroupName: options.logGroup,
        logStreamName: options.logStream,
        limit: options.limit,
        nextToken: options.nextToken,
        startFromHead: options.startFromHead,
        startTime: options.startTime,
      }),
      { abortSignal: options.signal },
    ),
  );
  return {
    events: (out.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '', logStream: options.logStream })),
    nextBackwardToken: out.nextBackwardToken,
    nextForwardToken: out.nextForwardToken,
  };
}

/**
 * FilterLogEvents over some streams of a group (at most 100 names, the API's limit), oldest first.
 * One page; pass `nextToken` for the next.
 */
export async function filterLogEvents(
  options: LogsCallOptions & {
    logGroup: string;
    logStreams?: readonly string[];
    filterPattern?: string;
    startTime?: number;
    endTime?: number;
    limit?: number;
    nextToken?: string;
  },
): Promise<{ events: LogEvent[]; nextToken?: string }> {
  const { logs } = loadSdk();
  const client = options.clients.logs(options.region);
  const out = await awsCall('logs:FilterLogEvents', () =>
    client.send(
      new logs.FilterLogEventsCommand({
        logGroupName: options.logGroup,
        logStreamNames: options.logStreams && options.logStreams.length > 0 ? [...options.logStreams].slice(0, 100) : undefined,
        filterPattern: options.filterPattern || undefined,
        startTime: options.startTime,
        endTime: options.endTime,
        limit: options.limit,
        nextToken: options.nextToken,
      }),
      { abortSignal: options.signal },
    ),
  );
  return {
    events: (out.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '', logStream: e.logStreamName ?? '', eventId: e.eventId })),
    nextToken: out.nextToken,
  };
}
