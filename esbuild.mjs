// Bundles the extension, the command-line linter, and the AWS SDK, loaded on first use (dist/sdk.js, via
// src/aws/sdk-loader.ts), so activation never pays for parsing it. The linter's schema validator is
// compiled ahead of time into schemas/task-definition.validator.js (`npm run generate-schema`).
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';
import { NOTICES_FILE, noticesFor } from './scripts/lib/notices.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  external: ['vscode', './sdk.js'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'info',
  metafile: true,
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { sdk: 'src/aws/sdk.ts' }, outdir: 'dist' },
  // The metrics webview: uPlot and the chart script for the browser, and their styles (no remote content).
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    external: [],
    entryPoints: { metrics: 'src/observe/webview/metrics.ts', 'metrics-style': 'src/observe/webview/metrics.css' },
    outdir: 'dist/webview',
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  // The VSIX ships the bundles, not node_modules: their licences go with them.
  const inputs = results.flatMap((r) => Object.keys(r.metafile.inputs));
  fs.writeFileSync(`dist/${NOTICES_FILE}`, noticesFor(inputs, process.cwd()));
}
