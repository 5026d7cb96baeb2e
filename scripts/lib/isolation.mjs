// The unit layer's rule, enforced: a unit test runs pure modules, so it never starts a process and
// never opens a socket (no emulator, registry, podman, git or HTTP). scripts/run-unit.mjs installs this
// guard before it loads the tests; a test that breaks the rule fails with a message that says where the
// test belongs (test/component), even when the code under test catches the error.
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const FORBIDDEN = Symbol.for('ecsWorkbench.forbiddenInUnitLayer');

export class IsolationError extends Error {
  constructor(what) {
    super(
      `${what} in the unit layer: unit tests run pure modules, without processes or sockets. ` +
        'A test that needs the emulator, a registry, podman or another program belongs in test/component.',
    );
    this.name = 'IsolationError';
  }
}

const PROCESS_FUNCTIONS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'];

/**
 * Replaces every way to start a process or open a socket with a function that records the attempt
 * and throws an IsolationError. Returns the attempts (`violations`, `take()` empties them) and
 * `restore()`. Guards nest: an inner guard records its own attempts and restores the outer one.
 */
export function forbidProcessesAndSockets() {
  const violations = [];
  const restorers = [];
  const forbid = (target, name, what) => {
    const original = target[name];
    const forbidden = function () {
      const error = new IsolationError(`${what} (${name})`);
      violations.push(error);
      throw error;
    };
    forbidden[FORBIDDEN] = true;
    target[name] = forbidden;
    restorers.push(() => {
      target[name] = original;
    });
  };
  for (const name of PROCESS_FUNCTIONS) forbid(childProcess, name, 'a child process');
  // http, https, tls, fetch (undici) and net.connect all end in Socket#connect; http.Server is a net.Server.
  forbid(net.Socket.prototype, 'connect', 'a socket connection');
  forbid(net.Server.prototype, 'listen', 'a listening socket');
  forbid(dgram.Socket.prototype, 'bind', 'a UDP socket');
  forbid(dgram.Socket.prototype, 'send', 'a UDP socket');
  // `import { spawn } from 'node:child_process'` in ES modules sees the replacements too.
  syncBuiltinESMExports();
  return {
    violations,
    /** The attempts recorded so far; empties the list. */
    take() {
      return violations.splice(0, violations.length);
    },
    restore() {
      for (const undo of restorers.reverse()) undo();
      syncBuiltinESMExports();
    },
  };
}

/** True while a guard is installed (the unit layer checks that its runner installed one). */
export function isGuarded() {
  return Boolean(childProcess.spawn[FORBIDDEN] && net.Socket.prototype.connect[FORBIDDEN]);
}
