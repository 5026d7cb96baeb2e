// The shared AWS config and credentials files, parsed by the SDK's loader and kept in memory: loaded
// at activation, again when either file changes (polled) or a profile picker opens, so that client
// creation, which the SDK makes synchronous, reads a picked profile's endpoints from here without
// touching the disk. Pure (Node fs only). Holds the parsed files, credentials included: nothing here
// logs them, and only profile names, kinds, regions and endpoints leave it.
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import * as os from 'node:os';
import { endpointsOf, loadSharedConfig, profilesOf, sharedFilePaths, type ProfileInfo, type ServiceEndpoints, type SharedConfigFiles } from './profiles';

/** How often the files are checked for changes (a stat of each, no read unless one changed). */
export const WATCH_INTERVAL_MS = 2_000;

type Loader = (env: NodeJS.ProcessEnv, home: string) => Promise<SharedConfigFiles>;

export class ProfileStore {
  private files: SharedConfigFiles | undefined;
  private fingerprint = '';
  /** Reads started and the newest one applied: an older read that ends last does not win. */
  private started = 0;
  private applied = 0;
  private first: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly home: string = os.homedir(),
    private readonly load: Loader = loadSharedConfig,
  ) {}

  /** Whether a load has completed: before it, profiles() is empty and endpoints() undefined. */
  get loaded(): boolean {
    return this.files !== undefined;
  }

  /** Reads both files again; listeners hear of it when what they hold changed (and after the first load). */
  reload(): Promise<void> {
    const read = ++this.started;
    const done = this.load(this.env, this.home).then((files) => this.apply(read, files));
    this.first ??= done;
    return done;
  }

  private apply(read: number, files: SharedConfigFiles): void {
    if (read < this.applied) return;
    this.applied = read;
    const fingerprint = JSON.stringify(files);
    const changed = this.files === undefined || fingerprint !== this.fingerprint;
    this.files = files;
    this.fingerprint = fingerprint;
    if (changed) for (const listener of [...this.listeners]) listener();
  }

  /** Resolves once the first load is done (starting it if none has started). */
  whenLoaded(): Promise<void> {
    if (!this.first) void this.reload().catch(() => undefined);
    return this.first!.catch(() => undefined);
  }

  /** The profiles as last loaded, `default` first. */
  profiles(): ProfileInfo[] {
    return this.files ? profilesOf(this.files) : [];
  }

  /** The region `profile` configures as last loaded. */
  region(profile: string): string | undefined {
    return this.profiles().find((p) => p.name === profile)?.region;
  }

  /** The endpoints `profile` configures for the four services the clients make, as last loaded. */
  endpoints(profile: string): ServiceEndpoints | undefined {
    return this.files ? endpointsOf(this.files, profile, this.env, ['ecs', 'ecr', 'logs', 'cloudwatch']) : undefined;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Loads the files and starts watching them after the current task (`setTimeout` 0): activation
   * does not pay for the read or the watchers (about 3 ms of CPU together, most of it Node loading its
   * file-watching code). Anything that needs the files meanwhile waits in whenLoaded().
   */
  start(intervalMs = WATCH_INTERVAL_MS): { dispose(): void } {
    let watching: { dispose(): void } | undefined;
    const timer = setTimeout(() => {
      void this.reload().catch(() => undefined);
      watching = this.watch(intervalMs);
    }, 0);
    return {
      dispose: () => {
        clearTimeout(timer);
        watching?.dispose();
      },
    };
  }

  /**
   * Reloads when either file is created, changed, replaced or deleted. Polls with stat (fs.watchFile):
   * it sees a file that does not exist yet, and editors that save by renaming; it keeps no process alive.
   */
  watch(intervalMs = WATCH_INTERVAL_MS): { dispose(): void } {
    const paths = [...new Set(Object.values(sharedFilePaths(this.env, this.home)))];
    const onStat = (now: Stats, before: Stats): void => {
      if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) void this.reload().catch(() => undefined);
    };
    for (const file of paths) watchFile(file, { interval: intervalMs, persistent: false }, onStat);
    return { dispose: () => paths.forEach((file) => unwatchFile(file, onStat)) };
  }
}
