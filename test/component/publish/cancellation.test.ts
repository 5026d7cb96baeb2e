// Cancelling long work reaches what does the work: the SDK call (a stalled DescribeServices in the
// emulator) and the child process (a container CLI whose build hangs). One test per kind; the
// commands get their AbortSignal from withCancellableProgress (src/ui/command.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isCancellation } from '../../../src/aws/errors';
import { planDeregistration } from '../../../src/deploy/deregistration';
import { ContainerCli } from '../../../src/publish/containerCli';
import { isPublishError } from '../../../src/publish/errors';
import { createRepository, publishImage } from '../../../src/publish/publisher';
import { startEmulatorFixture, type EmulatorFixture } from '../explorer/emulatorFixture';
import { isRunning } from './support/processes';

const FAKE_CLI = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'component', 'publish', 'fixtures', 'fake-container-cli.mjs');

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('cancellation reaches the work', function () {
  this.timeout(60_000);
  let fx: EmulatorFixture;
  before(async () => {
    fx = await startEmulatorFixture('demo', { separateProcess: true });
  });
  after(async () => {
    await fx?.control.clearFaults().catch(() => undefined);
    await fx?.close();
  });

  it('an SDK call: the region scan of Deregister Old Revisions ends while DescribeServices is stalled', async () => {
    await fx.control.resetCallCounts();
    await fx.control.injectFault({ operation: 'DescribeServices', kind: 'latency', latencyMs: 30_000 });
    const controller = new AbortController();
    const plan = planDeregistration(fx.clients, 'web', 1, { signal: controller.signal, region: 'us-east-1' });
    const outcome = plan.then(() => 'resolved', (e: unknown) => e);
    // The stalled call is in flight at the emulator: now cancel.
    await until('DescribeServices reached the emulator', async () => ((await fx.control.callCounts()).DescribeServices ?? 0) >= 1);
    const cancelledAt = Date.now();
    controller.abort();
    const error = await outcome;
    const took = Date.now() - cancelledAt;
    assert.ok(isCancellation(error), `expected an AbortError, got ${String(error)}`);
    assert.ok(took < 5_000, `the call ended ${took} ms after the cancel, not when it was cancelled (the stall is 30 s)`);
    assert.equal((await fx.control.callCounts()).DeregisterTaskDefinition ?? 0, 0);
    await fx.control.clearFaults();
  });

  it('a child process: a publish whose build hangs ends, and the container CLI process is gone', async function () {
    if (process.platform !== 'linux') this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cancel-publish-'));
    const pidFile = path.join(dir, 'cli.pid');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    const saved = process.env.FAKE_CLI_PIDFILE;
    process.env.FAKE_CLI_PIDFILE = pidFile;
    try {
      const ecr = { clients: fx.clients, region: 'us-east-1' };
      await createRepository(ecr, 'cancel-me').catch(() => undefined);
      const controller = new AbortController();
      const cli = new ContainerCli('podman', { command: FAKE_CLI });
      const outcome = publishImage({ repository: 'cancel-me', tags: ['1'], context: dir, platform: 'linux/amd64' }, { ecr, cli, signal: controller.signal }).then(
        () => 'resolved',
        (e: unknown) => e,
      );
      await until('the build runs', () => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').length > 0);
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      assert.ok(isRunning(pid), 'the fake CLI runs before the cancel');
      controller.abort();
      const error = await outcome;
      assert.ok(isPublishError(error, 'cancelled'), `expected a cancelled publish, got ${String(error)}`);
      await until('the CLI process is gone', () => !isRunning(pid), 5_000);
    } finally {
      process.env.FAKE_CLI_PIDFILE = saved;
      if (saved === undefined) delete process.env.FAKE_CLI_PIDFILE;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
