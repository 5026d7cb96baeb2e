// ecsWorkbench.showMetrics: a service's (or a cluster's) CPU and memory utilization, and with
// Container Insights its running tasks and network, as charts in a webview (uPlot bundled into
// dist/webview, a strict CSP, no remote content). Deployments are marked on the time axis; the charts
// refresh every minute while visible. With `{cluster, service?, range?}` it asks nothing and resolves
// `{series: [{metric, stat, points}]}` once the webview has drawn them.
import * as vscode from 'vscode';
import { resourceName } from '../domain/arn';
import { getMetricData, hasMetric } from '../aws/cloudwatch';
import { deploymentHistory } from '../deploy/history';
import { resourceOf } from '../explorer/resources';
import { pickCluster, pickService } from '../deploy/commands/shared';
import { chartSeries, deploymentMarkers, isRange, metricQueries, RANGES, type ChartData, type MetricsRange } from './metrics';
import type { ObserveDeps } from './showLogs';

export interface ShowMetricsRequest {
  readonly cluster: string;
  readonly service?: string;
  readonly range?: MetricsRange;
  readonly region?: string;
}

export interface ShowMetricsResult {
  readonly series: { metric: string; stat: string; points: number }[];
  /** How long the webview took to draw the charts (ms). */
  readonly renderMs: number;
}

const REFRESH_MS = 60_000;
const RENDER_TIMEOUT_MS = 60_000;

type Rendered = { type: 'rendered'; series: ShowMetricsResult['series']; ms: number };

class MetricsPanel {
  private range: MetricsRange;
  private insights: boolean | undefined;
  private readonly waiting: ((r: Rendered) => void)[] = [];
  private ready: Promise<void>;
  private readonly controller = new AbortController();
  private lastData: ChartData | undefined;

  constructor(
    private readonly deps: ObserveDeps,
    readonly request: ShowMetricsRequest,
    readonly panel: vscode.WebviewPanel,
    onDispose: () => void,
  ) {
    this.range = request.range ?? '6h';
    let markReady!: () => void;
    this.ready = new Promise((r) => (markReady = r));
    panel.webview.onDidReceiveMessage((m: { type: string; range?: unknown } | Rendered) => {
      // A hidden webview is discarded; shown again it says ready again and gets the last data.
      if (m.type === 'ready') {
        markReady();
        if (this.lastData) void panel.webview.postMessage({ type: 'data', ...this.lastData });
      }
      else if (m.type === 'rendered') for (const w of this.waiting.splice(0)) w(m as Rendered);
      else if (m.type === 'range' && isRange((m as { range?: unknown }).range)) void this.refresh((m as { range: MetricsRange }).range).catch((e) => this.fail(e));
    });
    const timer = setInterval(() => {
      if (panel.visible) void this.refresh().catch((e) => this.fail(e));
    }, REFRESH_MS);
    panel.onDidDispose(() => {
      clearInterval(timer);
      this.controller.abort();
      onDispose();
    });
  }

  private fail(e: unknown): void {
    if (this.controller.signal.aborted) return;
    this.deps.log.warn(`[metrics] ${(e as Error).message}`);
    void this.panel.webview.postMessage({ type: 'error', message: vscode.l10n.t('Could not load the metrics: {0}', (e as Error).message) });
  }

  /** Reads the metrics (and deployments) and posts them; resolves when the webview has drawn them. */
  async refresh(range = this.range): Promise<Rendered> {
    this.range = range;
    const { clients } = this.deps;
    const { cluster, service, region } = this.request;
    const clusterName = resourceName(cluster);
    const signal = this.controller.signal;
    const end = Date.now();
    const start = end - RANGES[range].ms;
    const dims = [{ name: 'ClusterName', value: clusterName }, ...(service ? [{ name: 'ServiceName', value: service }] : [])];
    this.insights ??= await hasMetric({ clients, region, signal }, { namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', dimensions: dims });
    const queries = metricQueries(clusterName, service, range, this.insights);
    const [results, history] = await Promise.all([
      getMetricData({ clients, region, signal }, { queries, start, end }),
      service ? deploymentHistory(clients, cluster, service, { signal, region }).then((h) => h.history, () => []) : Promise.resolve([]),
    ]);
    const data: ChartData = {
      title: service ? `${service} (${clusterName})` : clusterName,
      range,
      start,
      end,
      series: chartSeries(queries, results),
      deployments: deploymentMarkers(history, start, end),
      notes: this.insights ? [] : ['Running tasks and network appear when Container Insights is on for the cluster.'],
    };
    await this.ready;
    this.lastData = data;
    const rendered = new Promise<Rendered>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The metrics view did not draw the charts within 60 s.')), RENDER_TIMEOUT_MS);
      this.waiting.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    await this.panel.webview.postMessage({ type: 'data', ...data });
    return rendered;
  }
}

const open = new Map<string, MetricsPanel>();

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const asset = (name: string): vscode.Uri => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name));
  const ranges = (Object.keys(RANGES) as MetricsRange[]).map((r) => `<button type="button" data-range="${r}" aria-pressed="false">${r}</button>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${webview.cspSource}; style-src ${webview.cspSource}; img-src ${webview.cspSource} data:; font-src ${webview.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${asset('metrics-style.css').toString()}">
<title>Metrics</title></head>
<body><header><h1 id="title">Metrics</h1><nav aria-label="Time range">${ranges}</nav></header>
<p id="notes" role="status"></p><main id="charts"></main>
<script src="${asset('metrics.js').toString()}"></script></body></html>`;
}

/** Opens (or reveals) the charts of a service or cluster and resolves once they are drawn. */
export async function openMetrics(deps: ObserveDeps, request: ShowMetricsRequest): Promise<ShowMetricsResult> {
  if (request.range !== undefined && !isRange(request.range)) throw new Error(`Unknown range ${String(request.range)}: use 1h, 6h, 24h or 7d.`);
  const key = `${request.region ?? ''}|${resourceName(request.cluster)}|${request.service ?? ''}`;
  let view = open.get(key);
  if (view) {
    view.panel.reveal(undefined, true);
  } else {
    const panel = vscode.window.createWebviewPanel(
      'ecsWorkbench.metrics',
      request.service ? `Metrics: ${request.service}` : `Metrics: ${resourceName(request.cluster)}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview')] },
    );
    view = new MetricsPanel(deps, request, panel, () => open.delete(key));
    open.set(key, view);
    panel.webview.html = html(panel.webview, deps.extensionUri);
  }
  const rendered = await view.refresh(request.range);
  deps.log.info(`[metrics] ${key}: drew ${rendered.series.map((s) => `${s.metric}/${s.stat} ${s.points}`).join(', ')} in ${rendered.ms.toFixed(1)} ms`);
  return { series: rendered.series, renderMs: rendered.ms };
}

function isMetricsRequest(arg: unknown): arg is ShowMetricsRequest {
  return typeof arg === 'object' && arg !== null && !('resource' in arg) && !('kind' in arg) && typeof (arg as ShowMetricsRequest).cluster === 'string';
}

export async function showMetricsCommand(deps: ObserveDeps, arg?: unknown): Promise<ShowMetricsResult | undefined> {
  if (isMetricsRequest(arg)) return openMetrics(deps, arg);
  try {
    const service = resourceOf(arg, 'service');
    const clusterNode = resourceOf(arg, 'cluster');
    let request: ShowMetricsRequest | undefined;
    if (service?.serviceName) request = { cluster: service.clusterArn ?? service.clusterName ?? '', service: service.serviceName, region: service.region };
    else if (clusterNode) request = { cluster: clusterNode.clusterArn ?? clusterNode.clusterName ?? '', region: clusterNode.region };
    else {
      const cluster = await pickCluster(deps.clients, undefined, vscode.l10n.t('Show Metrics: cluster'));
      if (!cluster) return undefined;
      const picked = await pickService(deps.clients, cluster, undefined, undefined, vscode.l10n.t('Show Metrics: service'));
      if (!picked?.serviceName) return undefined;
      request = { cluster, service: picked.serviceName };
    }
    return await openMetrics(deps, request);
  } catch (e) {
    deps.log.warn(`[metrics] ${(e as Error).message}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not show the metrics: {0}', (e as Error).message));
    return undefined;
  }
}
