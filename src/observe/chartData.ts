// What the extension posts to the metrics webview: shared by metrics.ts (which builds it) and the
// webview script (which draws it). Types only, no imports, so the browser bundle can use them.

export type MetricsRange = '1h' | '6h' | '24h' | '7d';

export interface ChartSeries {
  readonly id: string;
  readonly metric: string;
  readonly stat: string;
  /** The chart it belongs to (series of one unit share a chart). */
  readonly chart: string;
  readonly unit: '%' | 'count' | 'bytes';
  /** Epoch seconds, ascending (uPlot's x values). */
  readonly timestamps: number[];
  readonly values: (number | null)[];
}

export interface ChartData {
  readonly title: string;
  readonly range: MetricsRange;
  readonly start: number;
  readonly end: number;
  readonly series: ChartSeries[];
  readonly deployments: { readonly at: number; readonly label: string }[];
  /** Why some charts are missing (e.g. Container Insights is off). */
  readonly notes: string[];
}
