// Adds up the layers of one `npm test` run into the closing line `N passed, N failed[, N skipped]`.
// Pure, so test/unit/infra tests it in plain Node.
//
// Rules (a run must never look green when something did not really pass):
// - a layer's passed/failed/skipped counts are its tests' real counts;
// - a layer that crashed (no counts reported, or a non-zero exit with zero failures) adds 1 failure;
// - a layer that ran no test at all adds 1 failure;
// - a failed step (build, typecheck) adds 1 failure.

/**
 * @param {{name: string, passed?: number, failed?: number, skipped?: number, crashed?: boolean, exitCode?: number}[]} layers
 * @param {{name: string, ok: boolean}[]} [steps]
 */
export function summarize(layers, steps = []) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const problems = [];
  for (const step of steps) {
    if (!step.ok) {
      failed += 1;
      problems.push(`${step.name} failed`);
    }
  }
  for (const layer of layers) {
    const p = layer.passed ?? 0;
    const f = layer.failed ?? 0;
    const s = layer.skipped ?? 0;
    passed += p;
    failed += f;
    skipped += s;
    if (layer.crashed) {
      failed += 1;
      problems.push(`${layer.name} crashed`);
    } else if (f === 0 && layer.exitCode !== undefined && layer.exitCode !== 0 && p > 0) {
      failed += 1;
      problems.push(`${layer.name} exited with ${layer.exitCode} although no test failed`);
    } else if (p + f === 0) {
      failed += 1;
      problems.push(`${layer.name} ran no test`);
    }
    if (f > 0) problems.push(`${layer.name}: ${f} failed`);
  }
  const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  return { passed, failed, skipped, ok: failed === 0 && passed > 0, line, problems };
}

/** One line per layer, e.g. `unit          12 passed, 0 failed, 1 skipped  (3.2 s)`. */
export function layerLine(layer) {
  const counts = layer.crashed
    ? `crashed${layer.error ? `: ${layer.error}` : ''}`
    : `${layer.passed ?? 0} passed, ${layer.failed ?? 0} failed, ${layer.skipped ?? 0} skipped`;
  const time = layer.seconds !== undefined ? `  (${layer.seconds.toFixed(1)} s)` : '';
  return `${layer.name.padEnd(12)} ${counts}${time}`;
}
