// The explorer's connection: which profile and region AWS calls go to, and the cancellation of
// everything loaded for the previous choice when it changes. Pure (no vscode).
import * as l10n from '@vscode/l10n';
import type { AwsTarget } from './clients';

export interface ConnectionChoice {
  /** undefined = the default credential chain (AWS_PROFILE, env keys, [default], ...). */
  readonly profile?: string;
  /** undefined = resolve lazily: the profile's configured region, else us-east-1. */
  readonly region?: string;
}

export const FALLBACK_REGION = 'us-east-1';

/**
 * The one name of a profile choice, wherever it is shown (status bar, its tooltip, the pickers, the
 * walkthrough): a profile by its name, no profile as "Default credential chain". Never "default",
 * which is also the name of a profile in most config files (issue 17: the status bar said "default"
 * where the picker said "Default credential chain").
 */
export function profileLabel(profile: string | undefined): string {
  return profile ?? l10n.t('Default credential chain');
}

type Listener = (target: AwsTarget) => void;

export class Connection {
  private choice: ConnectionChoice;
  private resolvedRegion: string | undefined;
  private controller = new AbortController();
  private gen = 0;
  private readonly listeners = new Set<Listener>();
  private resolving: Promise<AwsTarget> | undefined;

  constructor(
    initial: ConnectionChoice,
    /** Reads the profile's region from the config file; called lazily, at most once per choice. */
    private readonly regionOfProfile: (profile: string | undefined) => Promise<string | undefined>,
    /**
     * Resolves when the shared config files have been read once (ProfileStore.whenLoaded): a picked
     * profile's endpoints come from them, so nothing is loaded for a target before they are known.
     */
    private readonly configLoaded: () => Promise<void> = async () => undefined,
  ) {
    this.choice = initial;
    this.resolvedRegion = initial.region;
  }

  /** The current target; before `resolve()` the region may be the fallback. */
  get target(): AwsTarget {
    return { profile: this.choice.profile, region: this.resolvedRegion ?? FALLBACK_REGION };
  }

  get choiceMade(): ConnectionChoice {
    return this.choice;
  }

  /** Increments on every switch; results of an older generation are discarded. */
  get generation(): number {
    return this.gen;
  }

  /** Aborts when the connection switches: pass it (combined with others) to every SDK call. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Resolves the region (reading the profile's region from the config file if none is chosen), once
   * the config files have been read.
   */
  async resolve(): Promise<AwsTarget> {
    const [target] = await Promise.all([this.resolveRegion(), this.configLoaded()]);
    return target;
  }

  private async resolveRegion(): Promise<AwsTarget> {
    if (this.resolvedRegion) return this.target;
    const gen = this.gen;
    const profile = this.choice.profile;
    this.resolving ??= (async () => {
      const region = await this.regionOfProfile(profile).catch(() => undefined);
      if (gen === this.gen && !this.resolvedRegion) this.resolvedRegion = region ?? FALLBACK_REGION;
      return this.target;
    })();
    const target = await this.resolving;
    return gen === this.gen ? target : this.resolveRegion();
  }

  /** Switches profile and/or region: cancels loads in flight and notifies listeners. */
  switchTo(change: { profile?: string | null; region?: string | null }): void {
    const profile = change.profile === undefined ? this.choice.profile : (change.profile ?? undefined);
    const region = change.region === undefined ? (profile === this.choice.profile ? this.choice.region : undefined) : (change.region ?? undefined);
    this.choice = { profile, region };
    this.resolvedRegion = region;
    this.resolving = undefined;
    this.gen++;
    this.controller.abort(Object.assign(new Error('AWS connection switched'), { name: 'AbortError' }));
    this.controller = new AbortController();
    for (const l of [...this.listeners]) l(this.target);
  }

  /** Status-bar text: `profile · region` (the profile named by profileLabel). */
  label(): string {
    return `${profileLabel(this.choice.profile)} · ${this.resolvedRegion ?? this.choice.region ?? 'region…'}`;
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.controller.abort(Object.assign(new Error('disposed'), { name: 'AbortError' }));
    this.listeners.clear();
  }
}
