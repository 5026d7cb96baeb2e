#!/usr/bin/env node
// Runs the unit layer: every out/test/unit/**/*.test.js with mocha in plain Node, on pure modules only.
// No test of this layer may start a process or open a socket (scripts/lib/isolation.mjs fails it and
// says to move it to test/component). Expects `npx tsc -p .` to have run. The whole layer takes a few
// seconds; per-test timeout 10 s.
//   node scripts/run-unit.mjs [--grep PATTERN]
import { runMochaLayer } from './lib/mochaLayer.mjs';

await runMochaLayer({ layer: 'unit', timeout: 10_000, isolated: true });
