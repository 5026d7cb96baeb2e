// Observe: (1) follow latency, from a PutLogEvents answered to the event in the log buffer the document
// renders, with the real SDK against the emulator in its own process, at the default poll settings;
// (2) the calls one followed document makes per minute while events arrive and while it is quiet;
// (3) drawing 4 series × 10,080 points (7 days at one minute) with the real webview bundle in Chromium;
// (4) the webview bundle size.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import { LogBuffer, localTimestamp } from '../../src/observe/logBuffer';
import { LogSession } from '../../src/observe/logSession';
import { startEmulatorFixture } from '../component/explorer/emulatorFixture';
import { loadHostLib, median, missingTools, type Report, type Skip } from './harness';

const GROUP = '/bench/follow';
const STREAM = 'app/web/0f1e2d3c4b5a69788a1b2c3d4e5f6071';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function follow(report: Report): Promise<void> {
  const fx = await startEmulatorFixture('empty', { separateProcess: true });
  const client = new logs.CloudWatchLogsClient({ region: 'us-east-1' });
  const controller = new AbortController();
  try {
    await client.send(new logs.CreateLogGroupCommand({ logGroupName: GROUP }));
    await client.send(new logs.CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: STREAM }));
    const buffer = new LogBuffer({ labelStreams: false, maxEvents: 10_000, formatTime: localTimestamp });
    const session = new LogSession({ clients: fx.clients, targets: [{ logGroup: GROUP, logStreams: [STREAM] }], buffer });
    await session.load(controller.signal);
    const arrived = new Map<string, number>();
    let rendered = '';
    const following = session.follow(controller.signal, () => {
      rendered = buffer.render();
      for (const [message] of arrived) if (arrived.get(message) === 0 && rendered.includes(message)) arrived.set(message, Date.now());
    }, () => undefined);

    // Events at irregular moments (0.3-1.7 s apart), as a service writes them.
    const latencies: number[] = [];
    const activeStart = Date.now();
    const callsBefore = session.calls;
    for (let i = 0; i < 20; i++) {
      await sleep(300 + Math.random() * 1400);
      const message = `bench event ${i} ${Math.random()}`;
      arrived.set(message, 0);
      await client.send(new logs.PutLogEventsCommand({ logGroupName: GROUP, logStreamName: STREAM, logEvents: [{ timestamp: Date.now(), message }] }));
      const written = Date.now();
      while (arrived.get(message) === 0 && Date.now() - written < 10_000) await sleep(5);
      latencies.push((arrived.get(message) || Number.NaN) - written);
    }
    const activeMinutes = (Date.now() - activeStart) / 60_000;
    report({ name: 'logs follow: PutLogEvents → in the document buffer (median of 20)', value: median(latencies), unit: 'ms', budget: 1000 });
    report({ name: 'logs follow: slowest of 20', value: Math.max(...latencies), unit: 'ms' });
    report({ name: 'logs follow: calls per minute while events arrive', value: (session.calls - callsBefore) / activeMinutes, unit: 'calls' });

    // Quiet: no events for 45 s (the poll slows to 2 s after 30 quiet polls).
    const quietStart = Date.now();
    const quietBefore = session.calls;
    await sleep(45_000);
    report({ name: 'logs follow: calls per minute over 45 quiet seconds', value: (session.calls - quietBefore) / ((Date.now() - quietStart) / 60_000), unit: 'calls' });
    controller.abort();
    await following;
  } finally {
    controller.abort();
    client.destroy();
    await fx.close();
  }
}

async function charts(report: Report, skip: Skip): Promise<void> {
  const lib = await loadHostLib();
  const bundle = path.join(lib.ROOT, 'dist', 'webview', 'metrics.js');
  const style = path.join(lib.ROOT, 'dist', 'webview', 'metrics-style.css');
  if (!fs.existsSync(bundle)) return skip('metrics webview', 'missing dist/webview/metrics.js (npm run build)');
  report({ name: 'metrics webview bundle (uPlot + chart script, this build)', value: fs.statSync(bundle).size / 1000, unit: 'KB' });
  report({ name: 'metrics webview styles', value: fs.statSync(style).size / 1000, unit: 'KB' });
  const missing = missingTools(lib, ['chromium']);
  if (missing) return skip('metrics chart render', missing);
  const { launchChromium } = (await import(path.join(lib.ROOT, 'scripts', 'lib', 'host.mjs'))) as { launchChromium(): Promise<import('playwright-core').Browser> };
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.setContent(
      `<html><head><style>${fs.readFileSync(style, 'utf8')}</style></head><body class="vscode-dark"><header><h1 id="title"></h1>` +
        `<nav><button data-range="7d">7d</button></nav></header><p id="notes"></p><main id="charts"></main></body></html>`,
    );
    await page.evaluate(() => {
      const w = globalThis as unknown as { acquireVsCodeApi: () => unknown; posted: unknown[] };
      w.posted = [];
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.posted.push(m) });
    });
    await page.addScriptTag({ content: fs.readFileSync(bundle, 'utf8') });
    const samples: number[] = [];
    for (let i = 0; i < 7; i++) {
      const ms = await page.evaluate(async () => {
        const end = Math.floor(Date.now() / 60_000) * 60_000;
        const n = 10_080;
        const timestamps = Array.from({ length: n }, (_, k) => (end - (n - k) * 60_000) / 1000);
        const wave = (phase: number) => timestamps.map((t, k) => 30 + 20 * Math.sin(t / 13_751 + phase) + (k % 7));
        const series = [['CPUUtilization', 'Average', 'CPU utilization'], ['CPUUtilization', 'Maximum', 'CPU utilization'], ['MemoryUtilization', 'Average', 'Memory utilization'], ['MemoryUtilization', 'Maximum', 'Memory utilization']]
          .map(([metric, stat, chart], j) => ({ metric, stat, chart, unit: '%', timestamps, values: wave(j) }));
        const w = globalThis as unknown as { posted: { type: string; ms?: number }[] };
        w.posted.length = 0;
        (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage({ type: 'data', title: 'bench', range: '7d', start: end - 7 * 86_400_000, end, series, deployments: [{ at: (end - 86_400_000) / 1000, label: 'web:7' }], notes: [] }, '*');
        for (let k = 0; k < 500 && !w.posted.some((m) => m.type === 'rendered'); k++) await new Promise((r) => setTimeout(r, 10));
        return w.posted.find((m) => m.type === 'rendered')?.ms ?? Number.NaN;
      });
      samples.push(ms);
    }
    report({ name: 'metrics: draw 4 series × 10,080 points in the webview (Chromium, median of 7)', value: median(samples), unit: 'ms', budget: 100 });
  } finally {
    await browser.close();
  }
}

export async function run(report: Report, skip: Skip): Promise<void> {
  await charts(report, skip);
  await follow(report);
}
