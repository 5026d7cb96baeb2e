// Which metrics the charts show for a service or a cluster, over which range and period, and the
// chart data built from what CloudWatch returned. Pure: no vscode, no SDK.
import type { MetricQuery, MetricSeries } from '../aws/cloudwatch';
import type { ChartData, ChartSeries, MetricsRange } from './chartData';

export type { ChartData, ChartSeries, MetricsRange };


export const RANGES: Readonly<Record<MetricsRange, { readonly ms: number; readonly period: number }>> = {
  '1h': { ms: 3_600_000, period: 60 },
  '6h': { ms: 6 * 3_600_000, period: 60 },
  '24h': { ms: 24 * 3_600_000, period: 60 },
  // 7 days at one minute: 10,080 points per series (CloudWatch keeps 1-minute data for 15 days).
  '7d': { ms: 7 * 24 * 3_600_000, period: 60 },
};

export function isRange(value: unknown): value is MetricsRange {
  return typeof value === 'string' && Object.hasOwn(RANGES, value);
}

interface Spec {
  readonly namespace: string;
  readonly metric: string;
  readonly stat: string;
  readonly chart: string;
  readonly unit: ChartSeries['unit'];
}

const UTILIZATION: readonly Spec[] = [
  { namespace: 'AWS/ECS', metric: 'CPUUtilization', stat: 'Average', chart: 'CPU utilization', unit: '%' },
  { namespace: 'AWS/ECS', metric: 'CPUUtilization', stat: 'Maximum', chart: 'CPU utilization', unit: '%' },
  { namespace: 'AWS/ECS', metric: 'MemoryUtilization', stat: 'Average', chart: 'Memory utilization', unit: '%' },
  { namespace: 'AWS/ECS', metric: 'MemoryUtilization', stat: 'Maximum', chart: 'Memory utilization', unit: '%' },
];

const INSIGHTS: readonly Spec[] = [
  { namespace: 'ECS/ContainerInsights', metric: 'RunningTaskCount', stat: 'Average', chart: 'Running tasks', unit: 'count' },
  { namespace: 'ECS/ContainerInsights', metric: 'NetworkRxBytes', stat: 'Sum', chart: 'Network', unit: 'bytes' },
  { namespace: 'ECS/ContainerInsights', metric: 'NetworkTxBytes', stat: 'Sum', chart: 'Network', unit: 'bytes' },
];

/** The queries for a service (ClusterName + ServiceName) or a whole cluster (ClusterName). */
export function metricQueries(cluster: string, service: string | undefined, range: MetricsRange, insights: boolean): (MetricQuery & { spec: Spec })[] {
  const dimensions = [{ name: 'ClusterName', value: cluster }, ...(service ? [{ name: 'ServiceName', value: service }] : [])];
  const specs = [...UTILIZATION, ...(insights ? INSIGHTS : [])];
  return specs.map((spec, i) => ({
    id: `m${i}`,
    namespace: spec.namespace,
    metricName: spec.metric,
    dimensions,
    stat: spec.stat,
    period: RANGES[range].period,
    spec,
  }));
}

/** Chart series from GetMetricData's answer, in the order of the queries. */
export function chartSeries(queries: readonly (MetricQuery & { spec: Spec })[], results: readonly MetricSeries[]): ChartSeries[] {
  return queries.map((q) => {
    const r = results.find((x) => x.id === q.id);
    return {
      id: q.id,
      metric: q.spec.metric,
      stat: q.spec.stat,
      chart: q.spec.chart,
      unit: q.spec.unit,
      timestamps: (r?.timestamps ?? []).map((t) => t / 1000),
      values: (r?.values ?? []).map((v) => (Number.isFinite(v) ? v : null)),
    };
  });
}

/** Deployment markers within [start, end]: one per distinct start time, newest label wins. */
export function deploymentMarkers(entries: readonly { taskDefinition: string; createdAt: number; status?: string }[], start: number, end: number): { at: number; label: string }[] {
  const byTime = new Map<number, string>();
  for (const e of entries) {
    if (e.createdAt < start || e.createdAt > end) continue;
    const revision = e.taskDefinition.slice(e.taskDefinition.lastIndexOf('/') + 1);
    byTime.set(Math.round(e.createdAt / 1000), `${revision}${e.status && !/^(PRIMARY|ACTIVE|SUCCESSFUL)$/.test(e.status) ? ` (${e.status.toLowerCase().replace(/_/g, ' ')})` : ''}`);
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([at, label]) => ({ at, label }));
}
