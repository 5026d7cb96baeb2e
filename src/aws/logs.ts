// CloudWatch Logs: the only module that builds its commands. Pure (no vscode). Follows the convention
// written at the top of ./ecs.ts: an AwsCallOptions first (the region is the log group's: awslogs-region
// may differ from the task's), every command through send(), the SDK's types where they fit.
import type { FilterLogEventsCommandOutput, GetLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { send, type AwsCallOptions } from './call';
import { loadSdk } from './sdk-loader';

export interface LogEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly logStream: string;
  /** FilterLogEvents' id; GetLogEvents has none (its events are identified by stream, time and text). */
  readonly eventId?: string;
}

/** GetLogEvents: events of one stream, newest `limit` by default, or older ones with a backward token. */
export async function getLogEvents(
  options: AwsCallOptions,
  input: { logGroup: string; logStream: string; limit?: number; nextToken?: string; startFromHead?: boolean; startTime?: number },
): Promise<{ events: LogEvent[]; nextBackwardToken?: string; nextForwardToken?: string }> {
  const { logs } = loadSdk();
  const out = await send<GetLogEventsCommandOutput>(
    options, 'logs', 'GetLogEvents', options.clients.logs(options.region),
    new logs.GetLogEventsCommand({
      logGroupName: input.logGroup,
      logStreamName: input.logStream,
      limit: input.limit,
      nextToken: input.nextToken,
      startFromHead: input.startFromHead,
      startTime: input.startTime,
    }),
  );
  return {
    events: (out.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '', logStream: input.logStream })),
    nextBackwardToken: out.nextBackwardToken,
    nextForwardToken: out.nextForwardToken,
  };
}

/**
 * FilterLogEvents over some streams of a group (at most 100 names, the API's limit), oldest first.
 * One page; pass `nextToken` for the next.
 */
export async function filterLogEvents(
  options: AwsCallOptions,
  input: { logGroup: string; logStreams?: readonly string[]; filterPattern?: string; startTime?: number; endTime?: number; limit?: number; nextToken?: string },
): Promise<{ events: LogEvent[]; nextToken?: string }> {
  const { logs } = loadSdk();
  const out = await send<FilterLogEventsCommandOutput>(
    options, 'logs', 'FilterLogEvents', options.clients.logs(options.region),
    new logs.FilterLogEventsCommand({
      logGroupName: input.logGroup,
      logStreamNames: input.logStreams && input.logStreams.length > 0 ? input.logStreams.slice(0, 100) : undefined,
      filterPattern: input.filterPattern || undefined,
      startTime: input.startTime,
      endTime: input.endTime,
      limit: input.limit,
      nextToken: input.nextToken,
    }),
  );
  return {
    events: (out.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '', logStream: e.logStreamName ?? '', eventId: e.eventId })),
    nextToken: out.nextToken,
  };
}
