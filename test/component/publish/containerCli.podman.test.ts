// The driver against the real thing: Debian podman building FROM-scratch images and pushing them to
// Debian docker-registry with htpasswd on a free loopback port. CI installs both (scripts/install-test-host.sh).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProgram } from '../../../src/publish/childProcess';
import { ContainerCli, detectContainerCli, type RegistryLogin } from '../../../src/publish/containerCli';
import { isPublishError } from '../../../src/publish/errors';
import type { PushProgress } from '../../../src/publish/pushProgress';
import { isRunning } from './support/processes';
import { registryDigest, startLocalRegistry, writeScratchContext, type LocalRegistry } from './support/localRegistry';

/** podman processes whose command line mentions `needle`. */
async function podmanProcessesMentioning(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry) || !isRunning(Number(entry))) continue;
    const cmdline = await fs.readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle) && cmdline.includes('podman')) found.push(`${entry}: ${cmdline.replace(/\0/g, ' ')}`);
  }
  return found;
}

describe('publish/containerCli with real podman and docker-registry', function () {
  this.timeout(120_000);
  let registry: LocalRegistry;
  let work: string;
  const id = Math.random().toString(36).slice(2, 8);
  const repository = `unit-${id}/app`;
  const created: string[] = [];
  let login: RegistryLogin;

  before(async () => {
    registry = await startLocalRegistry();
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'publish-podman-'));
    login = { endpoint: registry.url, host: registry.host, username: registry.username, password: registry.password };
  });

  after(async () => {
    if (created.length > 0) await runProgram('podman', ['rmi', '--force', '--', ...created]);
    await registry?.close();
    if (work) await fs.rm(work, { recursive: true, force: true });
  });

  it('finds podman as the engine that answers', async () => {
    const found = await detectContainerCli('podman');
    assert.equal(found.cli, 'podman');
    assert.match(found.architecture ?? '', /^(amd64|arm64)$/);
  });

  it('builds a FROM-scratch image, logs in and pushes it with per-layer progress and the registry digest', async () => {
    const context = await writeScratchContext(path.join(work, 'ctx'), 2, 200_000);
    const reference = `${registry.host}/${repository}:1.0.3`;
    created.push(reference);
    const cli = new ContainerCli('podman');
    await cli.build({ context, dockerfile: path.join(context, 'Dockerfile'), tags: [reference], platform: 'linux/amd64' });
    const info = await cli.inspectImage(reference);
    assert.equal(info?.layers, 2);
    assert.equal(info?.architecture, 'amd64');

    assert.equal(await cli.login(login), undefined);
    const events: PushProgress[] = [];
    const { digest } = await cli.push({ reference, login, layersTotalHint: info?.layers, onProgress: (p) => events.push(p) });
    await cli.dispose();

    assert.match(digest ?? '', /^sha256:[a-f0-9]{64}$/);
    assert.equal(digest, await registryDigest(registry, repository, '1.0.3'));
    assert.deepEqual(events.at(-1), { layersDone: 2, layersTotal: 2, phase: 'done' });
    assert.ok(events.some((e) => e.phase === 'uploading' && e.layersDone === 0), 'saw the upload start');
    // podman itself, looking at every place it keeps logins, knows of none for this registry.
    const stored = await runProgram('podman', ['login', '--get-login', registry.host]);
    assert.notEqual(stored.code, 0, `podman kept a login: ${stored.stdout}`);
    assert.match(stored.stderr, /not logged in/i);
  });

  it('reports a wrong password as a failed login', async () => {
    const cli = new ContainerCli('podman');
    await assert.rejects(cli.login({ ...login, password: 'wrong' }), (e: unknown) => {
      assert.ok(isPublishError(e, 'login-failed'), String(e));
      assert.match(e.message, /rejected the credentials/);
      return true;
    });
    await cli.dispose();
  });

  it('reports a push without a valid login as denied', async () => {
    const reference = `${registry.host}/${repository}:1.0.3`;
    const cli = new ContainerCli('podman');
    await assert.rejects(cli.push({ reference, login }), (e: unknown) => isPublishError(e, 'push-denied'));
    await cli.dispose();
  });

  it('cancelling during the push leaves no process behind', async () => {
    const context = await writeScratchContext(path.join(work, 'big'), 3, 20_000_000);
    const reference = `${registry.host}/${repository}:cancel-${id}`;
    created.push(reference);
    const cli = new ContainerCli('podman');
    await cli.build({ context, dockerfile: path.join(context, 'Dockerfile'), tags: [reference], platform: 'linux/amd64' });
    await cli.login(login);
    const controller = new AbortController();
    let sawUpload = false;
    const push = cli.push({
      reference,
      login,
      layersTotalHint: 3,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'uploading' && !sawUpload) {
          sawUpload = true;
          controller.abort();
        }
      },
    });
    await assert.rejects(push, (e: unknown) => isPublishError(e, 'cancelled'));
    await cli.dispose();
    assert.ok(sawUpload);
    assert.deepEqual(await podmanProcessesMentioning(`cancel-${id}`), []);
    assert.equal(await registryDigest(registry, repository, `cancel-${id}`), null, 'the tag was not written');
  });
});
