// Does nothing on purpose (see package.json), but records its timing the way ECS Workbench does
// (src/activationTiming.ts), so that the startup bench reads both the same way.
const { performance } = require('node:perf_hooks');
const bundleStartMs = performance.now();
module.exports = {
  activate() {
    const activateStartMs = performance.now();
    return { startup: { bundleStartMs, bundleLoadedMs, activateStartMs, activatedMs: performance.now() } };
  },
  deactivate() {},
};
const bundleLoadedMs = performance.now();
