// What every service module of src/aws/ shares: the options a call takes and the one `send` through
// which every SDK command goes (IAM action tagged on failures, abort signal passed, call counted).
// Pure (no vscode). The convention itself is written down at the top of ./ecs.ts.
import * as l10n from '@vscode/l10n';
import type { AwsClients } from './clients';
import { awsCall } from './errors';

/** The options object every function of a service module takes first. */
export interface AwsCallOptions {
  readonly clients: AwsClients;
  /** The region of the call; undefined means the clients' current region. */
  readonly region: string | undefined;
  /** Required: cancellation reaches the HTTP request. Pass `new AbortController().signal` only when nothing can cancel. */
  readonly signal: AbortSignal;
  /** Counts calls (benches, tests); receives the operation name, e.g. `DescribeServices`. */
  readonly onCall?: (operation: string) => void;
}

/** Where calls go, without the signal: for a pipeline that passes its own signal to each step. */
export type AwsScope = Pick<AwsCallOptions, 'clients' | 'region'>;

/** The signal of a call nothing can cancel (a change already confirmed, a caller without cancellation). */
export const NEVER_ABORTS: AbortSignal = new AbortController().signal;

interface Sender {
  send(command: unknown, options: { abortSignal: AbortSignal }): Promise<unknown>;
}

/**
 * Sends one command: counts it, passes the signal, and tags a failure with its IAM action
 * (`ecs:DescribeServices`) for the error messages in ./errors.
 */
export function send<O>(options: AwsCallOptions, service: 'ecs' | 'ecr' | 'logs' | 'cloudwatch', operation: string, client: unknown, command: unknown): Promise<O> {
  options.onCall?.(operation);
  return awsCall(`${service}:${operation}`, () => (client as Sender).send(command, { abortSignal: options.signal }) as Promise<O>);
}

/** The paginator configuration for `options`: the client, the page size, and a count of every page sent. */
export function paginatorConfig<C>(options: AwsCallOptions, client: C, operation: string, pageSize?: number): { client: C; pageSize?: number; withCommand: <X>(command: X) => X } {
  return {
    client,
    pageSize,
    withCommand: (command) => {
      options.onCall?.(operation);
      return command;
    },
  };
}

/**
 * Drains one of the SDK's paginators (`paginateListServices(config, input, { abortSignal })`, ...):
 * the SDK passes the third argument to every page's `client.send`, so the signal reaches each page.
 * A failure is tagged with its IAM action like `send`.
 */
export async function drain<P, T>(
  service: 'ecs' | 'ecr',
  operation: string,
  pages: AsyncIterable<P>,
  itemsOf: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  await awsCall(`${service}:${operation}`, async () => {
    for await (const page of pages) out.push(...(itemsOf(page) ?? []));
  });
  return out;
}

/** One `failures[]` entry of an ECS describe call (DescribeServices, DescribeClusters, DescribeTasks, ...). */
export interface DescribeFailure {
  readonly arn?: string;
  readonly reason?: string;
  readonly detail?: string;
}

/**
 * A describe call answered some ids with failures other than MISSING (a confirmed MISSING means the
 * resource is gone and is reported as such by the caller, not as an error). The items that were
 * described are kept in `described`, so that a caller that can use a partial answer says what it
 * could not read instead of dropping it.
 */
export class DescribeFailuresError<T> extends Error {
  constructor(
    readonly call: string,
    readonly failures: readonly DescribeFailure[],
    readonly described: readonly T[],
  ) {
    const listed = failures
      .slice(0, 5)
      .map((f) => `${f.arn ?? '?'} (${[f.reason, f.detail].filter(Boolean).join(': ') || l10n.t('no reason given')})`)
      .join(', ');
    const more = failures.length > 5 ? l10n.t(', and {0} more', failures.length - 5) : '';
    super(l10n.t('{0} could not describe {1}{2}', call, listed, more));
    this.name = 'DescribeFailuresError';
    this.awsCall = call;
  }

  /** Read by ./errors.ts: the message then names the call, as for an error the SDK threw. */
  readonly awsCall: string;
}

export function isDescribeFailuresError(e: unknown): e is DescribeFailuresError<unknown> {
  return e instanceof DescribeFailuresError;
}

/** Splits `failures[]` into confirmed MISSING ids and the rest. */
export function splitFailures(failures: readonly DescribeFailure[] | undefined): { missing: string[]; other: DescribeFailure[] } {
  const missing: string[] = [];
  const other: DescribeFailure[] = [];
  for (const f of failures ?? []) {
    if (f.reason === 'MISSING' && f.arn) missing.push(f.arn);
    else other.push(f);
  }
  return { missing, other };
}
