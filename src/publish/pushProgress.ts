import * as l10n from '@vscode/l10n';
// Turns the line output of `docker push`, `podman push` and `nerdctl push` (finch uses nerdctl's) into
// per-layer progress events. Only the non-terminal formats matter here: the CLIs run on pipes.
//
// docker (classic and containerd image store):
//   The push refers to repository [host/my-app]
//   5f70bf18a086: Preparing | Waiting | Pushing [==>  ] 1MB/2MB | Pushed | Layer already exists | Mounted from x
//   1.0.3: digest: sha256:<64 hex> size: 1234
// podman (containers/image; on a pipe it prints a line when a blob STARTS, none when it ends, except
// newer versions that print "done"/"skipped"; the config is copied only after every blob is done):
//   Getting image source signatures
//   Copying blob sha256:<hex>            | Copying blob <hex12> done | ... skipped: already exists
//   Copying config sha256:<hex>
//   Writing manifest to image destination
// nerdctl/finch:
//   INFO[0000] pushing as a reduced-platform image (application/vnd.oci.image.index.v1+json, sha256:<hex>)
//   layer-sha256:<hex>:  done | uploading | waiting  |+++++|

export type PushOutputFormat = 'docker' | 'podman' | 'nerdctl';

export type PushPhase = 'preparing' | 'uploading' | 'manifest' | 'done';

export interface PushProgress {
  readonly layersDone: number;
  readonly layersTotal: number;
  readonly phase: PushPhase;
}

const DOCKER_LAYER = /^([a-f0-9]{12,64}): (Preparing|Waiting|Pushing|Pushed|Layer already exists|Mounted from|Retrying in|Already exists)\b/;
const DOCKER_DIGEST = /^(\S+): digest: (sha256:[a-f0-9]{64}) size: \d+/;
const DOCKER_DONE = new Set(['Pushed', 'Layer already exists', 'Mounted from', 'Already exists']);

const PODMAN_BLOB = /^Copying blob (?:sha256:)?([a-f0-9]{12,64})(.*)$/;
const PODMAN_BLOB_DONE = /\b(done|skipped|already exists)\b/i;
const PODMAN_CONFIG = /^Copying config /;
const PODMAN_MANIFEST = /^Writing manifest/;

const NERDCTL_LAYER = /^layer-sha256:([a-f0-9]{12,64}):\s+(\w+)/;
const NERDCTL_CONFIG = /^config-sha256:[a-f0-9]+:\s+(\w+)/;
const NERDCTL_DIGEST = /pushing as a [\w-]+ image \([^,]+, (sha256:[a-f0-9]{64})\)/;
const NERDCTL_MANIFEST = /^(?:manifest|index)-sha256:[a-f0-9]+:\s+(\w+)/;

/**
 * Feed it the output lines of one push (stdout and stderr, in arrival order). `feed` returns a new
 * event whenever the visible progress changed, undefined otherwise.
 * `layersTotalHint` is the number of layers of the local image (from `image inspect`), which podman's
 * output does not announce up front.
 */
export class PushProgressParser {
  private readonly layers = new Map<string, boolean>();
  private phase: PushPhase = 'preparing';
  private allBlobsDone = false;
  private last: PushProgress | undefined;
  /** Digest of the pushed manifest when the CLI printed it. */
  digest: string | undefined;

  constructor(
    private readonly format: PushOutputFormat,
    private readonly layersTotalHint?: number,
  ) {}

  feed(line: string): PushProgress | undefined {
    const text = line.trim();
    switch (this.format) {
      case 'docker':
        this.feedDocker(text);
        break;
      case 'podman':
        this.feedPodman(text);
        break;
      case 'nerdctl':
        this.feedNerdctl(text);
        break;
    }
    const current = this.progress();
    if (
      this.last &&
      this.last.layersDone === current.layersDone &&
      this.last.layersTotal === current.layersTotal &&
      this.last.phase === current.phase
    ) {
      return undefined;
    }
    this.last = current;
    return current;
  }

  /** Call when the push exited successfully: everything was uploaded. */
  finish(): PushProgress {
    this.phase = 'done';
    this.allBlobsDone = true;
    this.last = this.progress();
    return this.last;
  }

  progress(): PushProgress {
    const total = Math.max(this.layers.size, this.layersTotalHint ?? 0);
    let done = 0;
    for (const isDone of this.layers.values()) if (isDone) done++;
    if (this.allBlobsDone) done = total;
    return { layersDone: Math.min(done, total), layersTotal: total, phase: this.phase };
  }

  private mark(id: string, done: boolean): void {
    const key = id.slice(0, 12);
    if (this.layers.get(key) === true) return;
    this.layers.set(key, done);
  }

  private feedDocker(text: string): void {
    const digest = DOCKER_DIGEST.exec(text);
    if (digest) {
      this.digest = digest[2];
      this.allBlobsDone = true;
      this.phase = 'done';
      return;
    }
    const layer = DOCKER_LAYER.exec(text);
    if (!layer) return;
    const status = layer[2];
    if (status === 'Pushing' || DOCKER_DONE.has(status)) this.phase = 'uploading';
    this.mark(layer[1], DOCKER_DONE.has(status));
  }

  private feedPodman(text: string): void {
    const blob = PODMAN_BLOB.exec(text);
    if (blob) {
      this.phase = 'uploading';
      this.mark(blob[1], PODMAN_BLOB_DONE.test(blob[2]));
      return;
    }
    if (PODMAN_CONFIG.test(text)) {
      // containers/image copies the config only after all layers are uploaded.
      this.allBlobsDone = true;
      return;
    }
    if (PODMAN_MANIFEST.test(text)) {
      this.allBlobsDone = true;
      this.phase = 'manifest';
    }
  }

  private feedNerdctl(text: string): void {
    const digest = NERDCTL_DIGEST.exec(text);
    if (digest) {
      this.digest = digest[1];
      return;
    }
    const layer = NERDCTL_LAYER.exec(text);
    if (layer) {
      if (layer[2] !== 'waiting') this.phase = 'uploading';
      this.mark(layer[1], layer[2] === 'done' || layer[2] === 'exists');
      return;
    }
    const manifest = NERDCTL_MANIFEST.exec(text);
    if (manifest && manifest[1] !== 'waiting') {
      this.allBlobsDone = true;
      this.phase = 'manifest';
      return;
    }
    if (NERDCTL_CONFIG.test(text)) this.phase = 'uploading';
  }
}

/** `Pushing my-app:1.0.3 · 3/5 layers`. */
export function formatPushStatus(label: string, progress: PushProgress): string {
  if (progress.phase === 'manifest') return l10n.t`Pushing ${label} · writing manifest`;
  if (progress.layersTotal === 0) return l10n.t`Pushing ${label}`;
  return l10n.t`Pushing ${label} · ${progress.layersDone}/${progress.layersTotal} layers`;
}
