// Publish test support: a local docker-registry (the emulator's, with htpasswd auth on a free loopback
// port; plain HTTP, which the publish code allows only for loopback endpoints), FROM-scratch build
// contexts, and the digest the registry serves for a tag.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { LocalRegistry } from '../../../emulator/localRegistry';

export { startLocalRegistry, type LocalRegistry } from '../../../emulator/localRegistry';

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
