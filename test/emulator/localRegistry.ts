// Starts Debian's docker-registry (distribution v2) with htpasswd auth and deletion enabled on a free
// loopback port (tests, and `npm run emulator -- --registry local`), and pushes images to it over the
// registry HTTP API v2 (no container engine needed).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `127.0.0.1:<port>` */
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** `http://user:password@127.0.0.1:<port>`, the form `--registry` takes. */
  readonly urlWithCredentials: string;
  /** Replaces the password in the htpasswd file (the registry reloads it on change): a rotated credential. */
  setPasswordSync(password: string): void;
  close(): Promise<void>;
}

/** The path of the executable `binary` on the PATH, if there is one. */
export function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = path.join(dir, binary);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a registry; requires the Debian packages docker-registry and apache2-utils (htpasswd). */
export async function startLocalRegistry(options: { username?: string; password?: string } = {}): Promise<LocalRegistry> {
  const binary = which('docker-registry');
  const htpasswd = which('htpasswd');
  if (!binary || !htpasswd) {
    throw new Error('docker-registry and htpasswd are required: install the Debian packages docker-registry and apache2-utils (apt-get install -y docker-registry apache2-utils)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-registry-'));
  const username = options.username ?? 'AWS';
  const htpasswdFile = path.join(dir, 'htpasswd');
  // The password goes through standard input (-i), never the command line.
  const setPasswordSync = (password: string): void => {
    execFileSync(htpasswd, ['-iBc', htpasswdFile, username], { input: password, stdio: ['pipe', 'ignore', 'pipe'] });
  };
  const password = options.password ?? randomBytes(12).toString('hex');
  setPasswordSync(password);
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      'auth:',
      '  htpasswd:',
      '    realm: emulator-test',
      `    path: ${htpasswdFile}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 150; i++) {
    try {
      const res = await fetch(`${url}/v2/`);
      if (res.status === 401) {
        const credentials = `${encodeURIComponent(username)}:${encodeURIComponent(password)}`;
        return { url, host: `127.0.0.1:${port}`, port, username, password, urlWithCredentials: `http://${credentials}@127.0.0.1:${port}`, setPasswordSync, close };
      }
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await close();
  throw new Error(`docker-registry did not start on ${url}: ${log.slice(-2000)}`);
}

const sha = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** Pushes a one-layer image with these tags; returns the manifest digest and the image size (config + layer). */
export async function pushImage(registry: LocalRegistry, repository: string, tags: string[], layerSize = 4096): Promise<{ digest: string; size: number }> {
  const auth = { authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}` };
  const upload = async (blob: Buffer): Promise<string> => {
    const digest = sha(blob);
    const start = await fetch(`${registry.url}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: auth });
    if (start.status !== 202) throw new Error(`blob upload start failed: ${start.status}`);
    const location = new URL(start.headers.get('location')!, registry.url);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: blob });
    if (put.status !== 201) throw new Error(`blob upload failed: ${put.status} ${await put.text()}`);
    return digest;
  };
  const layer = randomBytes(layerSize);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', created: new Date().toISOString(), rootfs: { type: 'layers', diff_ids: [sha(layer)] }, config: {} }));
  const layerDigest = await upload(layer);
  const configDigest = await upload(config);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: layerDigest }],
  });
  for (const tag of tags) {
    const res = await fetch(`${registry.url}/v2/${repository}/manifests/${tag}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' },
      body: manifest,
    });
    if (res.status !== 201) throw new Error(`manifest put failed: ${res.status} ${await res.text()}`);
  }
  return { digest: sha(manifest), size: config.length + layer.length };
}
