// Publishing cost: pushing an image of about 20 MB through the extension's container-CLI driver
// (argument arrays, per-layer progress parsing, --digestfile) against plain `podman push` of the same
// image, in the same run, to the same local docker-registry (target ratio ≤ 1.1 for the push step).
// Also the whole publishImage of a prebuilt local image (check → tag → GetAuthorizationToken → login
// → push → DescribeImages), against the same plain push, to show what the surrounding steps cost.
// Each measured push goes to a freshly started registry: pushing to another repository of the same
// registry would mount the blobs instead of uploading them (podman remembers where they went).
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { SdkClients } from '../../src/aws/clients';
import { runProgram } from '../../src/publish/childProcess';
import { ContainerCli } from '../../src/publish/containerCli';
import { createRepository, publishImage } from '../../src/publish/publisher';
import { startEmulator } from '../emulator/server';
import { startLocalRegistry, writeScratchContext, type LocalRegistry } from '../component/publish/support/localRegistry';
import { loadHostLib, median, missingTools, type Report, type Skip } from './harness';

// The machine may be shared (CI runners, parallel jobs), so single timings swing by ±50 %: the two
// sides run in back-to-back pairs (alternating which goes first) and the figure with the budget is
// the median of the per-pair ratios, which such swings barely move.
const PAIRS = 9;
const WHOLE_SAMPLES = 3;
const LAYERS = 2;
const LAYER_BYTES = 10 * 1024 * 1024;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function podman(args: string[], stdin?: string): Promise<void> {
  const result = await runProgram('podman', args, { stdin });
  if (result.code !== 0) throw new Error(`podman ${args.join(' ')} failed: ${result.stderr}`);
}

/** A registry and an emulator that knows it, for one measured push (so no blob can be mounted from an earlier push). */
async function freshTarget(withEmulator = false): Promise<{ registry: LocalRegistry; clients: SdkClients; close(): Promise<void> }> {
  const registry = await startLocalRegistry();
  const emulator = withEmulator ? await startEmulator({ seed: 'empty', speed: 0, registry: registry.urlWithCredentials }) : undefined;
  if (emulator) process.env.AWS_ENDPOINT_URL = emulator.url;
  const clients = new SdkClients(() => ({ region: 'us-east-1' }));
  return {
    registry,
    clients,
    async close() {
      clients.dispose();
      await emulator?.close();
      await registry.close();
    },
  };
}

export async function run(report: Report, skip: Skip): Promise<void> {
  const lib = await loadHostLib();
  const missing = missingTools(lib, lib.CONTAINER_TOOLS);
  if (missing) return skip('publish push figures', missing);
  const savedEnv = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].map((k) => [k, process.env[k]] as const);
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'publish-bench-'));
  const id = Math.random().toString(36).slice(2, 8);
  const source = `localhost/publish-bench-${id}:latest`;
  const tagged: string[] = [source];
  try {
    const context = await writeScratchContext(path.join(work, 'ctx'), LAYERS, LAYER_BYTES);
    await new ContainerCli('podman').build({ context, dockerfile: path.join(context, 'Dockerfile'), tags: [source], platform: 'linux/amd64' });

    const plain: number[] = [];
    const driver: number[] = [];
    const whole: number[] = [];
    const runPlain = async (): Promise<void> => {
      const target = await freshTarget();
      try {
        const ref = `${target.registry.host}/app:1`;
        const authfile = path.join(work, `auth-${plain.length}.json`);
        await podman(['tag', source, ref]);
        tagged.push(ref);
        await podman(['login', '--authfile', authfile, '--tls-verify=false', '--username', target.registry.username, '--password-stdin', '--', target.registry.host], target.registry.password);
        plain.push(await timed(() => podman(['push', '--authfile', authfile, '--tls-verify=false', '--', ref])));
      } finally {
        await target.close();
      }
    };
    const runDriver = async (): Promise<void> => {
      const target = await freshTarget();
      try {
        const ref = `${target.registry.host}/app:1`;
        const login = { endpoint: target.registry.url, host: target.registry.host, username: target.registry.username, password: target.registry.password };
        await podman(['tag', source, ref]);
        tagged.push(ref);
        const cli = new ContainerCli('podman');
        await cli.login(login);
        driver.push(await timed(() => cli.push({ reference: ref, login, layersTotalHint: LAYERS, onProgress: () => undefined })));
        await cli.dispose();
      } finally {
        await target.close();
      }
    };
    const runWhole = async (): Promise<void> => {
      const target = await freshTarget(true);
      try {
        await createRepository({ clients: target.clients, region: undefined }, 'app');
        tagged.push(`${target.registry.host}/app:1`);
        whole.push(await timed(() => publishImage({ localImage: source, repository: 'app', tags: ['1'] }, { ecr: { clients: target.clients, region: undefined }, cli: new ContainerCli('podman') })));
      } finally {
        await target.close();
      }
    };
    for (let i = 0; i < PAIRS; i++) {
      // Alternate the order so that neither side always runs second.
      if (i % 2 === 0) {
        await runPlain();
        await runDriver();
      } else {
        await runDriver();
        await runPlain();
      }
      if (i < WHOLE_SAMPLES) await runWhole();
    }
    const mb = Math.round((LAYERS * LAYER_BYTES) / (1024 * 1024));
    const baseline = { name: 'plain podman push', value: median(plain) };
    const ratios = driver.map((d, i) => d / plain[i]);
    report({ name: `publish: plain podman push of ${mb} MB (median of ${PAIRS})`, value: baseline.value, unit: 'ms' });
    report({ name: `publish: push step via driver, ${mb} MB (median of ${PAIRS})`, value: median(driver), unit: 'ms', baseline });
    report({ name: `publish: push step driver/plain, median of ${PAIRS} paired runs`, value: median(ratios), unit: 'x', budget: 1.1 });
    report({ name: `publish: whole publishImage of a local image, ${mb} MB (median of ${WHOLE_SAMPLES})`, value: median(whole), unit: 'ms', baseline });
  } finally {
    await runProgram('podman', ['rmi', '--force', '--', ...tagged]);
    await fs.rm(work, { recursive: true, force: true });
    for (const [key, value] of savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
