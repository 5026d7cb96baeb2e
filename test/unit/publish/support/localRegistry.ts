// Starts Debian's docker-registry (distribution v2) with htpasswd auth on a free loopback port, for
// tests and benchmarks. Plain HTTP: the publish code treats 127.0.0.1 endpoints as insecure only there.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProgram } from '../../../../src/publish/childProcess';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `127.0.0.1:<port>` */
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** `http://user:password@127.0.0.1:<port>`, the form the emulator's `registry` option takes. */
  readonly urlWithCredentials: string;
  /** Replaces the password in the htpasswd file (the registry reloads it on change): a rotated credential. */
  setPasswordSync(password: string): void;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForRegistry(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/v2/`);
      if (response.status === 401 || response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = await fs.readFile(logFile, 'utf8').catch(() => '');
  throw new Error(`docker-registry did not start on ${url}: ${log.slice(-2000)}`);
}

/** Starts a registry; requires the Debian packages docker-registry and apache2-utils (htpasswd). */
export async function startLocalRegistry(options: { username?: string; password?: string } = {}): Promise<LocalRegistry> {
  const username = options.username ?? 'AWS';
  const password = options.password ?? `pw-${Math.random().toString(36).slice(2)}`;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecs-workbench-registry-'));
  const htpasswd = path.join(dir, 'htpasswd');
  const made = await runProgram('htpasswd', ['-iBc', htpasswd, username], { stdin: password });
  if (made.code !== 0) throw new Error(`htpasswd failed: ${made.stderr}`);
  const port = await freePort();
  const config = [
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
    '    realm: basic-realm',
    `    path: ${htpasswd}`,
    '',
  ].join('\n');
  const configFile = path.join(dir, 'config.yml');
  await fs.writeFile(configFile, config);
  const logFile = path.join(dir, 'registry.log');
  const log = await fs.open(logFile, 'w');
  const child = spawn('docker-registry', ['serve', configFile], { stdio: ['ignore', log.fd, log.fd] });
  const url = `http://127.0.0.1:${port}`;
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve());
    });
    await waitForRegistry(url, child, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    await log.close();
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    host: `127.0.0.1:${port}`,
    port,
    username,
    password,
    urlWithCredentials: `http://${encodeURIComponent(username)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    setPasswordSync(newPassword: string) {
      execFileSync('htpasswd', ['-iBc', htpasswd, username], { input: newPassword, stdio: ['pipe', 'ignore', 'ignore'] });
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await log.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a FROM-scratch build context with `layers` files of `bytesPerLayer` random bytes each. */
export async function writeScratchContext(dir: string, layers: number, bytesPerLayer: number): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const lines = ['FROM scratch'];
  for (let i = 0; i < layers; i++) {
    const name = `layer${i}.bin`;
    // Random bytes do not compress, so the pushed size is the file size.
    await fs.writeFile(path.join(dir, name), randomBytes(bytesPerLayer));
    lines.push(`COPY ${name} /${name}`);
  }
  await fs.writeFile(path.join(dir, 'Dockerfile'), lines.join('\n') + '\n');
  return dir;
}

/** The manifest digest the registry serves for a tag (null when the tag does not exist). */
export async function registryDigest(registry: LocalRegistry, repository: string, tag: string): Promise<string | null> {
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      authorization: 'Basic ' + Buffer.from(`${registry.username}:${registry.password}`).toString('base64'),
      accept: [
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.docker.distribution.manifest.v2+json',
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
      ].join(', '),
    },
  });
  return response.ok ? response.headers.get('docker-content-digest') : null;
}
