// When to poll a rollout next. Frequent at first (most failures show early: image pulls, crash loops,
// the circuit breaker), slower later, never slower than 15 s so the end is never seen minutes late
// (deploy action #839, #872). Each poll is one DescribeServices call per service.

export const MAX_POLL_INTERVAL_MS = 15_000;

export interface PollStep {
  /** Until this much time has passed since the deployment started... */
  readonly untilMs: number;
  /** ...poll this often. */
  readonly intervalMs: number;
}

export const DEFAULT_POLL_STEPS: readonly PollStep[] = [
  { untilMs: 30_000, intervalMs: 2_000 },
  { untilMs: 2 * 60_000, intervalMs: 5_000 },
  { untilMs: 10 * 60_000, intervalMs: 10_000 },
  { untilMs: Number.POSITIVE_INFINITY, intervalMs: MAX_POLL_INTERVAL_MS },
];

/**
 * The delay before the next poll, given the time since the deployment started and the number of
 * consecutive throttled polls (each doubles the delay, capped at 15 s).
 */
export function nextPollDelay(elapsedMs: number, consecutiveThrottles = 0, steps: readonly PollStep[] = DEFAULT_POLL_STEPS): number {
  const step = steps.find((s) => elapsedMs < s.untilMs) ?? steps[steps.length - 1];
  const backoff = step.intervalMs * 2 ** Math.min(Math.max(consecutiveThrottles, 0), 8);
  return Math.min(backoff, MAX_POLL_INTERVAL_MS);
}

/** True for errors after which the next poll should back off (throttling, server overload). */
export function isThrottlingError(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  if (!e) return false;
  if (e.$retryable?.throttling) return true;
  if (e.name && /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status === 429 || status === 503;
}
