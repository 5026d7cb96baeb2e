// The emulator's shared core: regions, the simulated clock, the image oracle the scheduler asks
// whether an image can be pulled, and the registry mirror.
import { SimClock } from './clock';
import { ImageOracle, Scheduler, simulate } from './scheduler';
import { createHash } from 'node:crypto';
import { ACCOUNT, ImageRec, RegionState, RepositoryRec, TaskDefRec, nameFromArnOrName } from './state';
import type { RegistryMirror } from './registry';

export const DEFAULT_REGION = 'us-east-1';

export class EmulatorCore implements Scheduler {
  regions = new Map<string, RegionState>();
  clock: SimClock;
  crashingImages = new Set<string>();
  unhealthyImages = new Set<string>();
  registry?: RegistryMirror;
  readonly oracle: ImageOracle;

  constructor(speed: number) {
    this.clock = new SimClock(speed);
    this.oracle = { fate: (region, image) => this.imageFate(region, image) };
  }

  now(): number {
    return this.clock.now();
  }

  region(name: string): RegionState {
    let state = this.regions.get(name);
    if (!state) {
      state = new RegionState(name, this.now());
      state.timeScale = this.clock.durationScale();
      this.regions.set(name, state);
    }
    return state;
  }

  /** Brings every region's simulation up to the current simulated time. */
  tick(): void {
    const now = this.now();
    for (const state of this.regions.values()) simulate(state, now, this);
  }

  taskDef(state: RegionState, ref: string): TaskDefRec | undefined {
    const name = nameFromArnOrName(ref);
    const [family, rev] = name.split(':');
    const revisions = state.taskDefinitions.get(family);
    if (!revisions) return undefined;
    if (rev === undefined) return [...revisions].reverse().find((t) => t.status === 'ACTIVE');
    return revisions.find((t) => t.revision === Number(rev));
  }

  ecrHost(region: string): string {
    return `${ACCOUNT}.dkr.ecr.${region}.amazonaws.com`;
  }

  /** Seeded images of a repository merged with what was really pushed to the registry. */
  imagesOf(repo: RepositoryRec): ImageRec[] {
    const pushed = this.registry?.images(repo.name) ?? [];
    if (pushed.length === 0) return repo.images;
    const pushedTags = new Set(pushed.flatMap((i) => i.tags));
    const merged: ImageRec[] = [];
    for (const image of repo.images) {
      const twin = pushed.find((p) => p.digest === image.digest);
      if (twin) continue;
      merged.push({ ...image, tags: image.tags.filter((t) => !pushedTags.has(t)) });
    }
    for (const p of pushed) {
      const seeded = repo.images.find((i) => i.digest === p.digest);
      merged.push(seeded ? { ...p, tags: [...new Set([...p.tags, ...seeded.tags])] } : p);
    }
    return merged;
  }

  /** Refreshes the registry mirror for the given repositories (all of the region's when omitted). */
  async syncRegistry(state: RegionState, names?: string[]): Promise<void> {
    if (!this.registry) return;
    const repos = names ?? [...state.repositories.keys()];
    for (const name of repos) if (state.repositories.has(name)) await this.registry.refresh(name, this.now());
  }

  /** The digest a container reports for an image: the ECR image's when known, else a stable hash. */
  digestFor(region: string, image: string): string {
    const ref = parseImage(image);
    if (ref.digest) return ref.digest;
    const repo = this.regions.get(region)?.repositories.get(ref.repository);
    const found = repo ? this.imagesOf(repo).find((i) => i.tags.includes(ref.tag ?? 'latest')) : undefined;
    return found?.digest ?? `sha256:${createHash('sha256').update(image).digest('hex')}`;
  }

  /**
   * Whether a task with this image starts, fails to pull, or crashes once running; for an image of the
   * emulator's ECR, the digest its reference resolves to now (a task keeps it when the tag moves later).
   */
  imageFate(region: string, image: string): { fate: 'ok' | 'pullFail' | 'crash' | 'unhealthy'; pullError?: string; digest?: string } {
    const ref = parseImage(image);
    const registryHost = this.registry?.host;
    const isEmulatorEcr = ref.host === this.ecrHost(region) || (registryHost !== undefined && ref.host === registryHost);
    let digest: string | undefined;
    if (isEmulatorEcr) {
      const repo = this.region(region).repositories.get(ref.repository);
      const found = repo && this.imagesOf(repo).find((i) => (ref.digest ? i.digest === ref.digest : i.tags.includes(ref.tag ?? 'latest')));
      digest = found?.digest;
      if (!found) {
        return {
          fate: 'pullFail',
          pullError:
            `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${image}: ` +
            `${image}: not found`,
        };
      }
    }
    const bare = image.split('@')[0];
    if (this.crashingImages.has(image) || this.crashingImages.has(bare)) return { fate: 'crash', digest };
    if (this.unhealthyImages.has(image) || this.unhealthyImages.has(bare)) return { fate: 'unhealthy', digest };
    return { fate: 'ok', digest };
  }
}

export interface ImageRef {
  host?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits `host[:port]/repo[:tag][@digest]` correctly, including registry ports. */
export function parseImage(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let host: string | undefined;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      host = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { host, repository: rest, tag: digest ? tag : (tag ?? 'latest'), digest };
}
