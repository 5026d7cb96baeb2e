// The unit layer's rule (no process, no socket) is enforced by scripts/lib/isolation.mjs, which
// scripts/run-unit.mjs installs before it loads the tests. These tests prove the guard is on in this
// layer and that it refuses each way out, also when the code under test swallows the error.
import * as assert from 'node:assert/strict';
import * as childProcess from 'node:child_process';
import * as dgram from 'node:dgram';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Guard {
  violations: Error[];
  take(): Error[];
  restore(): void;
}
interface IsolationModule {
  forbidProcessesAndSockets(): Guard;
  isGuarded(): boolean;
  IsolationError: new (what: string) => Error;
}
interface FakeSuite {
  tests: { fn: (this: unknown, done?: (err?: unknown) => void) => unknown }[];
  suites: FakeSuite[];
}
interface LayerModule {
  failTestsThatBreakIsolation(suite: FakeSuite, guard: Guard): void;
}

// scripts/ holds ES modules; this file compiles to CommonJS under out/test/unit/infra/.
const scripts = path.resolve(__dirname, '..', '..', '..', '..', 'scripts', 'lib');
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(scripts, file)).href)) as T;

describe('unit layer isolation', () => {
  let iso: IsolationModule;
  let guard: Guard | undefined;
  before(async () => {
    iso = await load<IsolationModule>('isolation.mjs');
  });
  afterEach(() => {
    guard?.restore();
    guard = undefined;
  });

  it('is on while the unit layer runs (scripts/run-unit.mjs installs it)', () => {
    assert.ok(iso.isGuarded(), 'run the unit layer with `npm run test:unit`, which refuses processes and sockets');
  });

  it('refuses child processes, sockets, servers and UDP, naming test/component', () => {
    const before = childProcess.spawn;
    guard = iso.forbidProcessesAndSockets();
    const attempts: [string, () => unknown][] = [
      ['spawn', () => childProcess.spawn(process.execPath, ['-e', '0'])],
      ['execFileSync', () => childProcess.execFileSync('git', ['--version'])],
      ['exec', () => childProcess.exec('true')],
      ['net.connect', () => net.connect(9, '127.0.0.1')],
      ['http.get', () => http.get('http://127.0.0.1:9/')],
      ['listen', () => http.createServer().listen(0)],
      ['udp', () => dgram.createSocket('udp4').bind(0)],
    ];
    for (const [name, attempt] of attempts) {
      assert.throws(attempt, (e: Error) => e instanceof iso.IsolationError && /test\/component/.test(e.message), name);
    }
    assert.equal(guard.take().length, attempts.length);
    guard.restore();
    guard = undefined;
    assert.equal(childProcess.spawn, before, 'restore() puts back what was there');
  });

  it('fails a test whose code under test catches the refusal and carries on', async () => {
    guard = iso.forbidProcessesAndSockets();
    const { failTestsThatBreakIsolation } = await load<LayerModule>('mochaLayer.mjs');
    const swallowing = async (): Promise<string> => {
      try {
        childProcess.execFileSync('podman', ['--version']);
        return 'installed';
      } catch {
        return 'not installed';
      }
    };
    const suite: FakeSuite = {
      tests: [{ fn: async () => assert.equal(await swallowing(), 'not installed') }],
      suites: [{ tests: [{ fn: (done) => void swallowing().then(() => done?.()) }], suites: [] }],
    };
    failTestsThatBreakIsolation(suite, guard);
    await assert.rejects(Promise.resolve(suite.tests[0].fn.call(undefined)), iso.IsolationError);
    const callbackError = await new Promise((resolve) => suite.suites[0].tests[0].fn.call(undefined, resolve));
    assert.ok(callbackError instanceof iso.IsolationError);
    // A test that keeps to pure code passes through the wrapper unchanged.
    const pure: FakeSuite = { tests: [{ fn: async () => 42 }], suites: [] };
    failTestsThatBreakIsolation(pure, guard);
    assert.equal(await pure.tests[0].fn.call(undefined), 42);
  });
});
