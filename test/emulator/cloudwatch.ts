// CloudWatch metrics (AWS JSON 1.0, target prefix GraniteServiceVersion20100801, as the SDK's
// CloudWatch client speaks it): ListMetrics and GetMetricData for the metrics ECS publishes, with
// plausible values derived from the simulated tasks. AWS/ECS CPUUtilization and MemoryUtilization
// per service (ClusterName, ServiceName) and per cluster; with Container Insights on, the
// ECS/ContainerInsights RunningTaskCount and NetworkRxBytes/NetworkTxBytes. No tasks running in a
// period means no data point, as in CloudWatch.
import type { Handler } from './context';
import { ApiError } from './errors';
import type { RegionState, ServiceRec, TaskRec } from './state';

const ECS_NS = 'AWS/ECS';
const INSIGHTS_NS = 'ECS/ContainerInsights';
const ECS_METRICS = ['CPUUtilization', 'MemoryUtilization'];
const INSIGHTS_METRICS = ['RunningTaskCount', 'NetworkRxBytes', 'NetworkTxBytes'];
/** GetMetricData returns at most this many data points per call (the real limit). */
const MAX_POINTS = 100_800;

interface Dimension {
  Name: string;
  Value: string;
}

interface MetricRef {
  Namespace: string;
  MetricName: string;
  Dimensions: Dimension[];
}

const validation = (message: string): ApiError => new ApiError('InvalidParameterValue', message);

function insightsOn(state: RegionState, cluster: string): boolean {
  return state.clusters.get(cluster)?.settings.some((s) => s.name === 'containerInsights' && s.value !== 'disabled') ?? false;
}

function allMetrics(state: RegionState): MetricRef[] {
  const out: MetricRef[] = [];
  for (const cluster of state.clusters.values()) {
    if (cluster.status !== 'ACTIVE') continue;
    const clusterDim = { Name: 'ClusterName', Value: cluster.name };
    for (const m of ECS_METRICS) out.push({ Namespace: ECS_NS, MetricName: m, Dimensions: [clusterDim] });
    for (const svc of state.services.filter((s) => s.clusterName === cluster.name && s.status !== 'INACTIVE')) {
      const dims = [clusterDim, { Name: 'ServiceName', Value: svc.name }];
      for (const m of ECS_METRICS) out.push({ Namespace: ECS_NS, MetricName: m, Dimensions: dims });
      if (insightsOn(state, cluster.name)) for (const m of INSIGHTS_METRICS) out.push({ Namespace: INSIGHTS_NS, MetricName: m, Dimensions: dims });
    }
  }
  return out;
}

/** A stable pseudo-random number in [0, 1) for a name and a time bucket. */
function noise(seed: string, bucket: number): number {
  let h = 2166136261 ^ bucket;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  return ((h ^ (h >>> 13)) >>> 0) / 4294967296;
}

/** How many of the tasks were running at `t`; before the oldest known task, the desired count. */
function runningAt(tasks: TaskRec[], svc: ServiceRec | undefined, t: number, since: number): number {
  let n = 0;
  let oldest = Number.POSITIVE_INFINITY;
  for (const task of tasks) {
    if (task.startedAt === undefined) continue;
    oldest = Math.min(oldest, task.startedAt);
    const end = task.executionStoppedAt ?? task.stoppedAt ?? Number.POSITIVE_INFINITY;
    if (task.startedAt <= t && t < end) n++;
  }
  if (n === 0 && svc && t < oldest && t >= since) return svc.desiredCount;
  return n;
}

/** One value of a metric for the period starting at `t`, or undefined when there is no data. */
function valueAt(metric: string, stat: string, name: string, running: number, t: number, period: number): number | undefined {
  if (running === 0) return undefined;
  const day = (2 * Math.PI * t) / 86_400_000;
  const bucket = Math.floor(t / 60_000);
  const r = noise(`${name}/${metric}`, bucket);
  let avg: number;
  switch (metric) {
    case 'CPUUtilization':
      avg = 18 + 12 * Math.sin(day) + 8 * r;
      break;
    case 'MemoryUtilization':
      avg = 42 + 4 * Math.sin(day / 3) + 3 * r;
      break;
    case 'RunningTaskCount':
      return running;
    case 'NetworkRxBytes':
    case 'NetworkTxBytes':
      avg = running * (metric === 'NetworkRxBytes' ? 1800 : 5200) * (1.2 + Math.sin(day) + r) * (period / 60);
      break;
    default:
      return undefined;
  }
  const spread = metric === 'CPUUtilization' ? 15 * noise(`${name}/max`, bucket) : 2;
  switch (stat) {
    case 'Maximum':
      return Math.min(100, avg + spread);
    case 'Minimum':
      return Math.max(0, avg - spread);
    case 'Sum':
      return metric.startsWith('Network') ? avg : avg * running;
    case 'SampleCount':
      return running * (period / 60);
    default:
      return Math.min(100, Math.max(0, avg));
  }
}

function seconds(value: unknown, what: string): number {
  const n = typeof value === 'number' ? value * 1000 : Date.parse(String(value));
  if (!Number.isFinite(n)) throw validation(`The parameter ${what} must be a timestamp.`);
  return n;
}

export const cloudwatchHandlers: Record<string, Handler> = {
  ListMetrics(input: { Namespace?: string; MetricName?: string; Dimensions?: { Name: string; Value?: string }[]; NextToken?: string }, { state }) {
    const found = allMetrics(state).filter(
      (m) =>
        (!input.Namespace || m.Namespace === input.Namespace) &&
        (!input.MetricName || m.MetricName === input.MetricName) &&
        (input.Dimensions ?? []).every((d) => m.Dimensions.some((md) => md.Name === d.Name && (d.Value === undefined || md.Value === d.Value))),
    );
    const from = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(from) || from < 0) throw validation('The parameter NextToken is not valid.');
    return { Metrics: found.slice(from, from + 500), NextToken: from + 500 < found.length ? Buffer.from(String(from + 500)).toString('base64') : undefined };
  },

  GetMetricData(
    input: {
      MetricDataQueries?: { Id: string; Label?: string; ReturnData?: boolean; Expression?: string; MetricStat?: { Metric: MetricRef; Period: number; Stat: string } }[];
      StartTime?: unknown; EndTime?: unknown; ScanBy?: string; MaxDatapoints?: number;
    },
    { state },
  ) {
    const queries = input.MetricDataQueries ?? [];
    if (queries.length === 0 || queries.length > 500) throw validation('The collection MetricDataQueries must not be empty and must not have more than 500 elements.');
    const start = seconds(input.StartTime, 'StartTime');
    const end = seconds(input.EndTime, 'EndTime');
    if (end <= start) throw validation('The parameter StartTime must be less than the parameter EndTime.');
    let budget = Math.min(input.MaxDatapoints ?? MAX_POINTS, MAX_POINTS);
    const results = [];
    for (const q of queries) {
      if (!/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) throw validation(`The value ${q.Id} for parameter MetricDataQueries.member.Id is invalid: it must start with a lowercase letter.`);
      if (q.Expression) throw validation('The emulator does not evaluate metric math expressions.');
      const stat = q.MetricStat;
      if (!stat) throw validation('Exactly one of Expression and MetricStat must be set in each MetricDataQuery.');
      const period = stat.Period;
      if (!Number.isInteger(period) || period < 1 || (period >= 60 && period % 60 !== 0)) throw validation('The parameter Period must be 1, 5, 10, 30 or a multiple of 60.');
      const dims = stat.Metric.Dimensions ?? [];
      const cluster = dims.find((d) => d.Name === 'ClusterName')?.Value;
      const serviceName = dims.find((d) => d.Name === 'ServiceName')?.Value;
      const svc = serviceName ? state.services.find((s) => s.clusterName === cluster && s.name === serviceName && s.status !== 'INACTIVE') : undefined;
      const known = allMetrics(state).some((m) => m.Namespace === stat.Metric.Namespace && m.MetricName === stat.Metric.MetricName && m.Dimensions.length === dims.length && m.Dimensions.every((d) => dims.some((x) => x.Name === d.Name && x.Value === d.Value)));
      const tasks = known ? state.tasks.filter((t) => t.clusterName === cluster && (serviceName === undefined || t.serviceName === serviceName)) : [];
      const since = svc?.createdAt ?? state.clusters.get(cluster ?? '')?.createdAt ?? end;
      const timestamps: number[] = [];
      const values: number[] = [];
      const step = period * 1000;
      for (let t = Math.ceil(start / step) * step; t < end && budget > 0; t += step) {
        const v = known ? valueAt(stat.Metric.MetricName, stat.Stat, `${cluster}/${serviceName ?? ''}`, runningAt(tasks, svc, t, since), t, period) : undefined;
        if (v === undefined) continue;
        timestamps.push(t / 1000);
        values.push(Math.round(v * 1000) / 1000);
        budget--;
      }
      if (input.ScanBy !== 'TimestampAscending') {
        timestamps.reverse();
        values.reverse();
      }
      if (q.ReturnData === false) continue;
      results.push({ Id: q.Id, Label: q.Label ?? stat.Metric.MetricName, Timestamps: timestamps, Values: values, StatusCode: budget > 0 ? 'Complete' : 'PartialData' });
    }
    return { MetricDataResults: results, Messages: [] };
  },
};
