// Typed client for the emulator's control endpoints (/_emulator/...), for tests, benches and the demo.
import type { FaultSpec } from './server';

export type { FaultKind, FaultSpec } from './server';

export class EmulatorControl {
  private readonly base: string;

  constructor(url: string) {
    this.base = url.replace(/\/+$/, '');
  }

  private async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}/_emulator/${route}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const value = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`emulator control ${method} ${route} failed (${res.status}): ${value.error ?? ''}`);
    return value;
  }

  /** Throws away all state, faults, call counts and latency, and seeds again. */
  async reset(seed: 'demo' | 'empty' = 'empty'): Promise<void> {
    await this.call('POST', 'reset', { seed });
  }

  /** Moves simulated time forward and runs the scheduler up to it; resolves the new time (epoch ms). */
  async advance(ms: number): Promise<number> {
    return (await this.call<{ now: number }>('POST', 'advance', { ms })).now;
  }

  /** The current simulated time (epoch ms). */
  async now(): Promise<number> {
    return (await this.call<{ now: number }>('GET', 'time')).now;
  }

  async injectFault(fault: FaultSpec): Promise<string> {
    return (await this.call<{ id: string }>('POST', 'faults', fault)).id;
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  /** Calls received per API operation name (e.g. { DescribeServices: 3 }) since the last reset. */
  async callCounts(): Promise<Record<string, number>> {
    return (await this.call<{ counts: Record<string, number> }>('GET', 'calls')).counts;
  }

  async resetCallCounts(): Promise<void> {
    await this.call('DELETE', 'calls');
  }

  /** Adds this latency to every API response (0 removes it). */
  async setLatency(ms: number): Promise<void> {
    await this.call('POST', 'latency', { ms });
  }

  /** Bulk data for benchmarks: clusters bulk-NNN with services svc-NNNN (one running task each) and images v0..vN in `repository` (default bulk-images). */
  async seedBulk(opts: { clusters: number; servicesPerCluster: number; images: number; repository?: string }): Promise<{ clusters: number; services: number; images: number }> {
    return this.call('POST', 'seed-bulk', opts);
  }

  /** Tasks whose container uses this image (exactly as in the task definition) crash shortly after starting. */
  async markImageCrashing(image: string, crashing = true): Promise<void> {
    await this.call('POST', 'crash-image', { image, crashing });
  }

  /** Tasks with this image start, but their container health check never passes: ECS stops them ("Task failed container health checks"). */
  async markImageUnhealthy(image: string, unhealthy = true): Promise<void> {
    await this.call('POST', 'unhealthy-image', { image, unhealthy });
  }

  /** Sets a CloudWatch alarm's state (the emulator has no metrics): a deployment monitoring it in ALARM fails or rolls back. */
  async setAlarm(alarmName: string, state: 'ALARM' | 'OK', region?: string): Promise<void> {
    await this.call('POST', 'alarm', { alarmName, state, region });
  }

  /** Makes the Lambda lifecycle hook with this function ARN fail (or succeed again with `failing` false). */
  async failHook(hookTargetArn: string, failing = true, region?: string): Promise<void> {
    await this.call('POST', 'hook-failure', { hookTargetArn, failing, region });
  }

  /** Adds an image with these tags to an emulator ECR repository (created when missing). */
  async addImage(repositoryName: string, tags: string[], sizeInBytes?: number): Promise<string> {
    return (await this.call<{ imageDigest: string }>('POST', 'images', { repositoryName, tags, sizeInBytes })).imageDigest;
  }

  async state(): Promise<{ now: number; clusters: number; services: number; tasks: number; repositories: number }> {
    return this.call('GET', 'state');
  }
}
