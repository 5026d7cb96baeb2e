#!/usr/bin/env node
// Runs the component layer: every out/test/component/**/*.test.js with mocha in plain Node, against
// real parts started by the tests: the local emulator over HTTP, docker-registry, podman, git, the
// built CLI (dist/cli.js) and vsce. Expects `npx tsc -p .` and `npm run build` to have run, and podman,
// docker-registry and htpasswd from scripts/install-test-host.sh (npm test sees to all three).
//   node scripts/run-component.mjs [--grep PATTERN]
import { runMochaLayer } from './lib/mochaLayer.mjs';

// Generous: the tests wait for conditions (a port listening, a push done), and a loaded machine is slow.
await runMochaLayer({ layer: 'component', timeout: 60_000 });
