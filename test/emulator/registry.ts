// Mirror of a real image registry (Docker Registry HTTP API v2, e.g. Debian's docker-registry) so
// that ECR's DescribeImages/ListImages reflect what was really pushed there.
import type { ImageRec } from './state';

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

export class RegistryMirror {
  /** host[:port] as image references name it. */
  readonly host: string;
  /** Base URL without credentials, e.g. http://127.0.0.1:5000 */
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
  private readonly cache = new Map<string, ImageRec[]>();
  private readonly firstSeen = new Map<string, number>();

  constructor(url: string) {
    const parsed = new URL(url);
    this.username = decodeURIComponent(parsed.username || 'AWS');
    this.password = decodeURIComponent(parsed.password || '');
    this.host = parsed.host;
    this.endpoint = `${parsed.protocol}//${parsed.host}`;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    if (this.password) headers.authorization = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    return headers;
  }

  /** The images last fetched for a repository (empty before the first refresh). */
  images(repository: string): ImageRec[] {
    return this.cache.get(repository) ?? [];
  }

  /** Fetches tags, digests and sizes of a repository from the registry. */
  async refresh(repository: string, now: number): Promise<ImageRec[]> {
    const tagsRes = await fetch(`${this.endpoint}/v2/${repository}/tags/list`, { headers: this.headers() });
    if (tagsRes.status === 404) {
      this.cache.set(repository, []);
      return [];
    }
    if (!tagsRes.ok) throw new Error(`registry ${this.endpoint} answered ${tagsRes.status} for ${repository} tags`);
    const body = (await tagsRes.json()) as { tags?: string[] | null };
    const byDigest = new Map<string, ImageRec>();
    const known = new Map<string, ImageRec>();
    for (const image of this.cache.get(repository) ?? []) known.set(image.digest, image);
    for (const tag of body.tags ?? []) {
      const url = `${this.endpoint}/v2/${repository}/manifests/${encodeURIComponent(tag)}`;
      // HEAD gives the digest; only manifests not seen before are downloaded.
      const head = await fetch(url, { method: 'HEAD', headers: this.headers({ accept: MANIFEST_TYPES }) });
      if (!head.ok) continue;
      const headDigest = head.headers.get('docker-content-digest') ?? '';
      const seen = known.get(headDigest);
      if (seen) {
        const existing = byDigest.get(headDigest);
        if (existing) existing.tags.push(tag);
        else byDigest.set(headDigest, { ...seen, tags: [tag] });
        continue;
      }
      const res = await fetch(url, { headers: this.headers({ accept: MANIFEST_TYPES }) });
      if (!res.ok) continue;
      const text = await res.text();
      const digest = res.headers.get('docker-content-digest') ?? '';
      const mediaType = (res.headers.get('content-type') ?? '').split(';')[0];
      let size = text.length;
      try {
        const manifest = JSON.parse(text) as { config?: { size?: number }; layers?: { size?: number }[] };
        if (manifest.layers) size = (manifest.config?.size ?? 0) + manifest.layers.reduce((s, l) => s + (l.size ?? 0), 0);
      } catch {
        // keep the manifest length as the size
      }
      const existing = byDigest.get(digest);
      if (existing) {
        existing.tags.push(tag);
        continue;
      }
      if (!this.firstSeen.has(digest)) this.firstSeen.set(digest, now);
      byDigest.set(digest, { digest, tags: [tag], pushedAt: this.firstSeen.get(digest)!, sizeInBytes: size, manifestMediaType: mediaType, manifest: text });
    }
    const images = [...byDigest.values()];
    this.cache.set(repository, images);
    return images;
  }

  /** Deletes a manifest (and so every tag pointing at it); the registry needs deletion enabled. */
  async deleteManifest(repository: string, digest: string): Promise<boolean> {
    const res = await fetch(`${this.endpoint}/v2/${repository}/manifests/${digest}`, { method: 'DELETE', headers: this.headers() });
    return res.ok;
  }
}
