// Batched describe calls with bounded concurrency. Pure.
// ECS describe APIs take a limited number of ids per call (DescribeServices 10, DescribeTasks 100,
// DescribeClusters 100, DescribeContainerInstances 100): the ids are cut into batches of that size
// and the batches run at most `concurrency` at a time.

export const DESCRIBE_LIMITS = {
  describeServices: 10,
  describeTasks: 100,
  describeClusters: 100,
  describeContainerInstances: 100,
} as const;

/** Default number of describe calls in flight at once for one expansion. */
export const DEFAULT_CONCURRENCY = 10;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order.
 * Stops starting new calls once `signal` aborts or a call fails, and rejects with that reason.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R>,
  options: { readonly limit: number; readonly signal?: AbortSignal },
): Promise<R[]> {
  const { limit, signal } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  async function worker(): Promise<void> {
    while (!failed && next < items.length) {
      if (signal?.aborted) throw abortError(signal);
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  }
  const workers = Array.from({ length: Math.min(limit, items.length) }, () => worker());
  await Promise.all(workers);
  if (signal?.aborted) throw abortError(signal);
  return results;
}

export interface DescribeInBatchesOptions<I, R> {
  /** Maximum ids per call (the API limit). */
  readonly batchSize: number;
  /** Maximum calls in flight. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /**
   * When given, results are returned in the order of `ids` (describe APIs do not promise an order);
   * results whose key matches no id come last.
   */
  readonly keyOf?: (result: R) => I | undefined;
}

/** Describes `ids` in batches of `batchSize`, `concurrency` calls at a time, and flattens the results. */
export async function describeInBatches<I, R>(
  ids: readonly I[],
  options: DescribeInBatchesOptions<I, R>,
  describe: (batch: I[], signal?: AbortSignal) => Promise<readonly R[]>,
): Promise<R[]> {
  if (ids.length === 0) return [];
  const batches = chunk(ids, options.batchSize);
  const perBatch = await mapWithConcurrency(batches, (batch) => describe(batch, options.signal), {
    limit: options.concurrency ?? DEFAULT_CONCURRENCY,
    signal: options.signal,
  });
  const flat = perBatch.flat();
  const keyOf = options.keyOf;
  if (!keyOf) return flat;
  const position = new Map<I, number>();
  ids.forEach((id, i) => {
    if (!position.has(id)) position.set(id, i);
  });
  const rank = (r: R): number => {
    const k = keyOf(r);
    return k === undefined ? Number.MAX_SAFE_INTEGER : (position.get(k) ?? Number.MAX_SAFE_INTEGER);
  };
  return flat
    .map((r, i) => ({ r, i, rank: rank(r) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.r);
}
