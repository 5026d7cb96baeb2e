// The metrics webview: draws the series the extension posts with uPlot (bundled, no remote content),
// in the theme's colours (re-drawn when the theme changes, thicker lines in high contrast), with the
// deployments marked on the time axis, and reports back how many points it drew and how long it took.
import uPlot from 'uplot';
import type { ChartData, ChartSeries } from '../chartData';

type Series = ChartSeries;

interface DataMessage extends ChartData {
  readonly type: 'data';
}

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('charts')!;
const titleEl = document.getElementById('title')!;
const notesEl = document.getElementById('notes')!;
let last: DataMessage | undefined;
let plots: uPlot[] = [];

const css = (name: string, fallback: string): string => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
const highContrast = (): boolean => document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');

function colours(): { fg: string; grid: string; series: string[]; marker: string } {
  return {
    fg: css('--vscode-editor-foreground', '#333'),
    grid: highContrast() ? css('--vscode-contrastBorder', '#888') : css('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)'),
    series: [css('--vscode-charts-blue', '#3794ff'), css('--vscode-charts-red', '#f14c4c'), css('--vscode-charts-green', '#89d185'), css('--vscode-charts-orange', '#d18616')],
    marker: css('--vscode-charts-purple', '#b180d7'),
  };
}

const units: Record<Series['unit'], (v: number) => string> = {
  '%': (v) => `${v.toFixed(0)}%`,
  count: (v) => v.toFixed(0),
  bytes: (v) => (v >= 1e9 ? `${(v / 1e9).toFixed(1)} GB` : v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB` : v >= 1e3 ? `${(v / 1e3).toFixed(0)} kB` : `${v.toFixed(0)} B`),
};

/** Draws the deployments as dashed vertical lines with their revision on top. */
function deploymentMarkers(deployments: { at: number; label: string }[], colour: string): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = colour;
        ctx.fillStyle = colour;
        ctx.lineWidth = highContrast() ? 2 : 1;
        ctx.setLineDash([5, 4]);
        ctx.font = `${Math.round(11 * devicePixelRatio)}px ${css('--vscode-font-family', 'sans-serif')}`;
        for (const d of deployments) {
          const x = Math.round(u.valToPos(d.at, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.fillText(d.label, x + 4, u.bbox.top + 12 * devicePixelRatio);
        }
        ctx.restore();
      },
    },
  };
}

/** Aligns several series (each with its own timestamps) on one x axis, as uPlot wants. */
function align(series: Series[]): uPlot.AlignedData {
  // Usually every series has the same timestamps (one GetMetricData, one period): no merge needed.
  const first = series[0].timestamps;
  if (series.every((s) => s.timestamps === first || (s.timestamps.length === first.length && s.timestamps.every((t, i) => t === first[i])))) {
    return [first, ...series.map((s) => s.values)] as uPlot.AlignedData;
  }
  const xs = [...new Set(series.flatMap((s) => s.timestamps))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = new Array(xs.length).fill(null);
    s.timestamps.forEach((t, i) => (y[index.get(t)!] = s.values[i]));
    return y;
  });
  return [xs, ...ys] as uPlot.AlignedData;
}

function render(data: DataMessage): { points: { metric: string; stat: string; points: number }[]; ms: number } {
  const started = performance.now();
  for (const p of plots) p.destroy();
  plots = [];
  root.textContent = '';
  titleEl.textContent = data.title;
  notesEl.textContent = data.notes.join(' ');
  document.querySelectorAll<HTMLButtonElement>('button[data-range]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === data.range)));
  const c = colours();
  const width = Math.max(320, root.clientWidth - 8);
  const stroke = highContrast() ? 2.5 : 1.5;
  const drawn: { metric: string; stat: string; points: number }[] = [];
  const charts = [...new Set(data.series.map((s) => s.chart))];
  for (const chart of charts) {
    const members = data.series.filter((s) => s.chart === chart);
    const section = document.createElement('section');
    const heading = document.createElement('h2');
    heading.textContent = chart;
    section.appendChild(heading);
    root.appendChild(section);
    if (members.every((s) => s.timestamps.length === 0)) {
      const empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = 'No data points in this range.';
      section.appendChild(empty);
      for (const s of members) drawn.push({ metric: s.metric, stat: s.stat, points: 0 });
      continue;
    }
    const fmt = units[members[0].unit];
    const opts: uPlot.Options = {
      width,
      height: 180,
      scales: { x: { time: true, range: [data.start / 1000, data.end / 1000] }, y: members[0].unit === '%' ? { range: [0, 100] } : {} },
      axes: [
        { stroke: c.fg, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid } },
        { stroke: c.fg, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid }, values: (_u, vals) => vals.map((v) => (v == null ? '' : fmt(v))), size: 60 },
      ],
      series: [{}, ...members.map((s, i) => ({ label: `${s.metric} ${s.stat.toLowerCase()}`, stroke: c.series[i % c.series.length], width: stroke, spanGaps: false, value: (_u: uPlot, v: number | null) => (v == null ? '–' : fmt(v)) }))],
      legend: { live: true },
      cursor: { points: { show: false } },
      plugins: [deploymentMarkers(data.deployments, c.marker)],
    };
    plots.push(new uPlot(opts, align(members), section));
    for (const s of members) drawn.push({ metric: s.metric, stat: s.stat, points: s.values.reduce<number>((n, v) => (v === null ? n : n + 1), 0) });
  }
  return { points: drawn, ms: performance.now() - started };
}

function draw(): void {
  if (!last) return;
  const { points, ms } = render(last);
  vscode.postMessage({ type: 'rendered', series: points, ms });
}

window.addEventListener('message', (event: MessageEvent<DataMessage | { type: 'error'; message: string }>) => {
  const message = event.data;
  if (message.type === 'error') {
    notesEl.textContent = message.message;
    return;
  }
  if (message.type !== 'data') return;
  last = message;
  draw();
});

document.querySelectorAll<HTMLButtonElement>('button[data-range]').forEach((b) =>
  b.addEventListener('click', () => vscode.postMessage({ type: 'range', range: b.dataset.range })),
);

// Theme changes swap the body's classes: redraw in the new colours.
new MutationObserver(() => {
  if (last) render(last);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => last && render(last), 150);
});

vscode.postMessage({ type: 'ready' });
