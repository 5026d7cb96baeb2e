// Starts the emulator in-process for loader tests and points the real SDK at it through the standard
// AWS_ENDPOINT_URL variable (no special code path), restoring the environment afterwards.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { SdkClients } from '../../../src/aws/clients';
import type { LoadContext } from '../../../src/explorer/loaders';
import type { NodeSpec } from '../../../src/explorer/model';
import { EmulatorControl } from '../../emulator/control';
import { startEmulator } from '../../emulator/server';
import { pointSdkAtEmulator } from '../../emulator/sdkEnvironment';

export interface EmulatorFixture {
  readonly url: string;
  readonly control: EmulatorControl;
  readonly clients: SdkClients;
  ctx(overrides?: Partial<LoadContext>): LoadContext;
  close(): Promise<void>;
}

/**
 * The emulator in a child process (for benchmarks: its CPU work then does not compete with the
 * client's on the same event loop, as AWS's own work would not).
 */
async function startEmulatorProcess(seed: 'demo' | 'empty'): Promise<{ url: string; close(): Promise<void> }> {
  const cli = path.join(__dirname, '..', '..', 'emulator', 'cli.js');
  const child = spawn(process.execPath, [cli, '--port', '0', '--seed', seed, '--speed', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /emulator listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function startEmulatorFixture(seed: 'demo' | 'empty' = 'demo', options: { separateProcess?: boolean } = {}): Promise<EmulatorFixture> {
  const running = options.separateProcess ? await startEmulatorProcess(seed) : await startEmulator({ seed, speed: 0 });
  const restoreEnvironment = pointSdkAtEmulator(running.url);
  const clients = new SdkClients(() => ({ region: 'us-east-1' }));
  return {
    url: running.url,
    control: new EmulatorControl(running.url),
    clients,
    ctx: (overrides = {}) => ({ clients, region: 'us-east-1', signal: new AbortController().signal, pageSize: 100, concurrency: 10, ...overrides }),
    close: async () => {
      clients.dispose();
      await running.close();
      restoreEnvironment();
    },
  };
}

/** Every child of a node spec, through all its pages (arranged as the tree shows them). */
export async function allChildren(spec: NodeSpec, ctx: LoadContext): Promise<NodeSpec[]> {
  const source = spec.children;
  if (!source) return [];
  if (source.kind === 'list') return source.load(ctx);
  const all: NodeSpec[] = [];
  let token: string | undefined;
  do {
    const page = await source.load(ctx, token);
    all.push(...page.items);
    token = page.nextToken;
  } while (token);
  return source.arrange ? source.arrange(all) : all;
}

/**
 * Mocha hooks for a suite against one emulator: started before the suite (handed to `use`), reset to
 * `seed` with no faults before each test, closed after the suite.
 */
export function emulatorSuite(seed: 'demo' | 'empty', use: (fixture: EmulatorFixture) => void): void {
  let fx: EmulatorFixture | undefined;
  before(async () => {
    fx = await startEmulatorFixture(seed);
    use(fx);
  });
  after(async () => {
    await fx?.close();
  });
  beforeEach(async () => {
    await fx?.control.reset(seed);
    await fx?.control.clearFaults();
  });
}
