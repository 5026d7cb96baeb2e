// CloudWatch metrics: the only module that builds its commands. Pure (no vscode). Follows the
// convention written at the top of ./ecs.ts (an AwsCallOptions first, every command through send()).
import type { GetMetricDataCommandOutput, ListMetricsCommandOutput } from '@aws-sdk/client-cloudwatch';
import { send, type AwsCallOptions } from './call';
import { loadSdk } from './sdk-loader';

export interface MetricQuery {
  /** Lowercase-first identifier, unique in the call. */
  readonly id: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly { readonly name: string; readonly value: string }[];
  readonly stat: string;
  /** Seconds. */
  readonly period: number;
}

export interface MetricSeries {
  readonly id: string;
  /** Epoch ms, ascending. */
  readonly timestamps: number[];
  readonly values: number[];
  /** Complete, or PartialData when CloudWatch had more than one call may return. */
  readonly status?: string;
}

/** GetMetricData for the given queries over [start, end), following NextToken; points ascending. */
export async function getMetricData(options: AwsCallOptions, input: { queries: readonly MetricQuery[]; start: number; end: number }): Promise<MetricSeries[]> {
  const { cloudwatch } = loadSdk();
  const client = options.clients.cloudwatch(options.region);
  const byId = new Map<string, { timestamps: number[]; values: number[]; status?: string }>();
  for (const q of input.queries) byId.set(q.id, { timestamps: [], values: [] });
  let nextToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const out = await send<GetMetricDataCommandOutput>(
      options, 'cloudwatch', 'GetMetricData', client,
      new cloudwatch.GetMetricDataCommand({
        StartTime: new Date(input.start),
        EndTime: new Date(input.end),
        ScanBy: 'TimestampAscending',
        NextToken: nextToken,
        MetricDataQueries: input.queries.map((q) => ({
          Id: q.id,
          MetricStat: {
            Metric: { Namespace: q.namespace, MetricName: q.metricName, Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })) },
            Period: q.period,
            Stat: q.stat,
          },
        })),
      }),
    );
    for (const r of out.MetricDataResults ?? []) {
      const series = byId.get(r.Id ?? '');
      if (!series) continue;
      (r.Timestamps ?? []).forEach((t, i) => {
        series.timestamps.push(t.getTime());
        series.values.push(r.Values?.[i] ?? Number.NaN);
      });
      series.status = r.StatusCode;
    }
    nextToken = out.NextToken;
    if (!nextToken) break;
  }
  return [...byId.entries()].map(([id, s]) => ({ id, ...s }));
}

/** ListMetrics: whether a metric exists with these dimensions (e.g. Container Insights is on). */
export async function hasMetric(options: AwsCallOptions, input: { namespace: string; metricName: string; dimensions: readonly { name: string; value: string }[] }): Promise<boolean> {
  const { cloudwatch } = loadSdk();
  const client = options.clients.cloudwatch(options.region);
  const out = await send<ListMetricsCommandOutput>(
    options, 'cloudwatch', 'ListMetrics', client,
    new cloudwatch.ListMetricsCommand({
      Namespace: input.namespace,
      MetricName: input.metricName,
      Dimensions: input.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    }),
  );
  return (out.Metrics ?? []).length > 0;
}
