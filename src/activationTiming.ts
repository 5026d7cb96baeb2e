// When this bundle began and finished running its top level, and when activate() began and returned,
// on the extension host's performance clock. The extension activates on onStartupFinished, before a
// bench or test could time it from outside, so it records these itself; `npm run bench` reads them
// through the extension's API (test/bench/host/activate.ts). extension.ts imports this module first, so
// its top level runs before any other module of the bundle. Between loading the bundle and calling
// activate() the host prepares the extension's context (storage, secrets): that wait is the host's,
// the same for any extension, and not counted. Pure.
import { performance } from 'node:perf_hooks';

const bundleStartMs = performance.now();
let bundleLoadedMs = bundleStartMs;

export interface ActivationTiming {
  /** The bundle's first module began to run (after the host had read and compiled the file). */
  readonly bundleStartMs: number;
  /** The bundle's last module (extension.ts) finished its top level. */
  readonly bundleLoadedMs: number;
  /** activate() was called. */
  readonly activateStartMs: number;
  /** activate() returned. */
  readonly activatedMs: number;
}

/** Called by extension.ts at its top level, which runs after every module it imports. */
export function markBundleLoaded(): void {
  bundleLoadedMs = performance.now();
}

/** The timing of an activation that began at `activateStartMs` and ends now. */
export function activationTiming(activateStartMs: number): ActivationTiming {
  return { bundleStartMs, bundleLoadedMs, activateStartMs, activatedMs: performance.now() };
}
