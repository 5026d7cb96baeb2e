// Several followed deployments polled together. Pure (no vscode).
//
// Each followed deployment polls on its own schedule (pollSchedule.ts). When several are followed in
// one cluster, their DescribeServices calls are merged: the requests that arrive within a short
// window go out as one DescribeServices per 10 services (its limit), so N followed services cost
// ceil(N/10) calls per tick instead of N. For the requests to meet, the followers of a group wake on a
// shared grid (multiples of their interval from the group's first poll) while more than one follows.
// The service deployments they read (DescribeServiceDeployments, 20 ARNs a call) are merged per region
// the same way.
import type { Service } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients';
import { isDescribeFailuresError } from '../aws/call';
import * as ecs from '../aws/ecs';
import type { ServiceDeploymentDetail } from './serviceDeploymentProgress';

/** Requests that arrive within this long of the first one of a batch go out in the same calls. */
export const GROUP_WINDOW_MS = 250;

/**
 * One merged call: the ids asked for, answered as id → item (absent: ECS confirmed it missing), or
 * id → Error when ECS answered a failure for that id alone (the others still get their item).
 */
export type BatchCall<R> = (ids: readonly string[], signal: AbortSignal) => Promise<ReadonlyMap<string, R | Error>>;

interface Waiter<R> {
  readonly id: string;
  readonly resolve: (value: R | undefined) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal;
}

interface Batch<R> {
  readonly waiters: Waiter<R>[];
  readonly controller: AbortController;
}

/**
 * Merges requests per key (a cluster, a region) into one call of `run`. A request whose signal aborts
 * rejects at once; the call itself is aborted only when every request of the batch was.
 */
export class Coalescer<R> {
  private readonly pending = new Map<string, Batch<R>>();

  constructor(
    private readonly run: (key: string) => BatchCall<R>,
    private readonly windowMs = GROUP_WINDOW_MS,
    private readonly schedule: (fn: () => void, ms: number) => unknown = setTimeout,
  ) {}

  request(key: string, id: string, signal: AbortSignal): Promise<R | undefined> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    let batch = this.pending.get(key);
    if (!batch) {
      const created: Batch<R> = { waiters: [], controller: new AbortController() };
      batch = created;
      this.pending.set(key, created);
      this.schedule(() => void this.flush(key, created), this.windowMs);
    }
    const current = batch;
    return new Promise<R | undefined>((resolve, reject) => {
      const onAbort = (): void => {
        reject(abortReason(signal));
        if (current.waiters.every((w) => w.signal.aborted)) current.controller.abort(abortReason(signal));
      };
      const settle = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A): void => {
        signal.removeEventListener('abort', onAbort);
        fn(...args);
      };
      current.waiters.push({ id, resolve: settle(resolve), reject: settle(reject), signal });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async flush(key: string, batch: Batch<R>): Promise<void> {
    if (this.pending.get(key) === batch) this.pending.delete(key);
    const live = batch.waiters.filter((w) => !w.signal.aborted);
    if (live.length === 0) return;
    try {
      const found = await this.run(key)([...new Set(live.map((w) => w.id))], batch.controller.signal);
      for (const w of live) {
        const answer = found.get(w.id);
        if (answer instanceof Error) w.reject(answer);
        else w.resolve(answer);
      }
    } catch (e) {
      for (const w of live) w.reject(e);
    }
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

/** Where a followed deployment lives (region undefined: the clients' current one). */
export interface GroupMember {
  readonly cluster: string;
  readonly service: string;
  readonly region?: string;
}

/** The calls a poll group makes; awsGroupCalls (below) builds them from src/aws/ecs.ts. */
export interface GroupCalls {
  /** DescribeServices of one cluster, 10 a call; answered by service name. */
  readonly describeServices: (region: string | undefined, cluster: string) => BatchCall<Service>;
  /** DescribeServiceDeployments of one region, 20 a call; answered by ARN. */
  readonly describeServiceDeployments: (region: string | undefined) => BatchCall<ServiceDeploymentDetail>;
}

const clusterKey = (m: GroupMember): string => `${m.region ?? ''}\u0000${m.cluster}`;

/**
 * The followed deployments of one window: who follows what, the merged calls, and the shared grid
 * their polls wake on.
 */
export class PollGroup {
  private readonly services: Coalescer<Service>;
  private readonly deployments: Coalescer<ServiceDeploymentDetail>;
  private readonly members = new Map<string, { count: number; anchor: number }>();

  constructor(calls: GroupCalls, windowMs = GROUP_WINDOW_MS, schedule?: (fn: () => void, ms: number) => unknown) {
    this.services = new Coalescer((key) => {
      const [region, cluster] = key.split('\u0000');
      return calls.describeServices(region || undefined, cluster);
    }, windowMs, schedule);
    this.deployments = new Coalescer((region) => calls.describeServiceDeployments(region || undefined), windowMs, schedule);
  }

  /** Starts following `m`; the returned function stops it. `now` anchors the group's grid. */
  join(m: GroupMember, now: number): () => void {
    const key = clusterKey(m);
    const entry = this.members.get(key) ?? { count: 0, anchor: now };
    entry.count++;
    this.members.set(key, entry);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      entry.count--;
      if (entry.count <= 0) this.members.delete(key);
    };
  }

  /** How many deployments of `m`'s cluster are followed. */
  size(m: GroupMember): number {
    return this.members.get(clusterKey(m))?.count ?? 0;
  }

  describeService(m: GroupMember, signal: AbortSignal): Promise<Service | undefined> {
    return this.services.request(clusterKey(m), m.service, signal);
  }

  describeServiceDeployment(m: GroupMember, arn: string, signal: AbortSignal): Promise<ServiceDeploymentDetail | undefined> {
    return this.deployments.request(m.region ?? '', arn, signal);
  }

  /**
   * The delay before the next poll of `m`: `delayMs` when it is followed alone; with others in its
   * cluster, the wait until the first point of the shared grid (multiples of `delayMs` from the
   * group's anchor) that is at least half an interval away, so that the polls meet in one batch.
   */
  align(m: GroupMember, now: number, delayMs: number): number {
    const entry = this.members.get(clusterKey(m));
    if (!entry || entry.count < 2 || delayMs <= 0) return delayMs;
    return alignedDelay(now, delayMs, entry.anchor);
  }
}

/** The wait from `now` to the first point `anchor + k·interval` at least `interval / 2` away. */
export function alignedDelay(now: number, interval: number, anchor: number): number {
  const earliest = now + interval / 2;
  const k = Math.ceil((earliest - anchor) / interval);
  return anchor + k * interval - now;
}

/** DescribeServiceDeployments takes 20 ARNs a call. */
const SERVICE_DEPLOYMENTS_PER_CALL = 20;

/** The group's calls through src/aws/ecs.ts (`onCall` counts them, for benchmarks). */
export function awsGroupCalls(clients: AwsClients, onCall?: (name: string) => void): GroupCalls {
  return {
    describeServices: (region, cluster) => async (ids, signal) => {
      const answers = new Map<string, Service | Error>();
      const keep = (items: readonly Service[]): void => {
        for (const s of items) {
          const id = ids.find((i) => i === s.serviceName || i === s.serviceArn);
          if (id !== undefined) answers.set(id, s);
        }
      };
      try {
        // Batches of 10, one DescribeServices each; MISSING services are simply absent.
        keep((await ecs.describeServices({ clients, region, signal, onCall }, cluster, ids)).items);
      } catch (e) {
        if (!isDescribeFailuresError(e)) throw e;
        keep(e.described as readonly Service[]);
        for (const f of e.failures) {
          const id = ids.find((i) => f.arn === i || f.arn?.endsWith(`/${i}`));
          if (id !== undefined && !answers.has(id)) answers.set(id, e);
        }
      }
      return answers;
    },
    describeServiceDeployments: (region) => async (ids, signal) => {
      const answers = new Map<string, ServiceDeploymentDetail>();
      for (let i = 0; i < ids.length; i += SERVICE_DEPLOYMENTS_PER_CALL) {
        const out = await ecs.describeServiceDeployments({ clients, region, signal, onCall }, ids.slice(i, i + SERVICE_DEPLOYMENTS_PER_CALL));
        for (const d of out.serviceDeployments ?? []) if (d.serviceDeploymentArn) answers.set(d.serviceDeploymentArn, d);
      }
      return answers;
    },
  };
}
