import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ServiceEndpoints } from './profiles';
import { loadSdk } from './sdk-loader';

/** Where AWS calls go: the profile (undefined = default chain) and region. */
export interface AwsTarget {
  readonly profile?: string;
  readonly region: string;
}

/**
 * Hands out SDK clients for the current target. Features receive this by injection; the explorer's
 * connection (profile/region picking) decides what "current" is.
 * Endpoints follow the SDK's own rules (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_ECS/_ECR, profile
 * endpoint_url), so the local emulator needs no special code path.
 */
export interface AwsClients {
  current(): AwsTarget;
  ecs(region?: string): ECSClient;
  ecr(region?: string): ECRClient;
  logs(region?: string): CloudWatchLogsClient;
  cloudwatch(region?: string): CloudWatchClient;
}

/**
 * Timeouts of every SDK client: a stalled connection or response fails (and is retried by the adaptive
 * retry) instead of keeping a tree node loading or a watch running forever.
 */
export interface HttpTimeouts {
  /** Time to establish the TCP/TLS connection. */
  readonly connectionTimeoutMs: number;
  /** Time a request may wait without any data from AWS. */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { connectionTimeoutMs: 10_000, requestTimeoutMs: 30_000 };

function noProfileStore(profile: string): never {
  throw new Error(`SdkClients was created without a way to read profile "${profile}": pass endpointsOfProfile (a ProfileStore's endpoints)`);
}

type AnyClient = ECSClient | ECRClient | CloudWatchLogsClient | CloudWatchClient;

/** A client cache keyed by profile and region; clients are created on first use. */
export class SdkClients implements AwsClients {
  private readonly cache = new Map<string, AnyClient>();
  private readonly profileEndpoints = new Map<string, ServiceEndpoints | undefined>();

  constructor(
    private readonly target: () => AwsTarget,
    /**
     * A picked profile's endpoint_url settings, asked once per profile until forgetProfileEndpoints()
     * (the extension reads them from its ProfileStore, which keeps the parsed config files in memory).
     */
    private readonly endpointsOfProfile: (profile: string) => ServiceEndpoints | undefined = noProfileStore,
    private readonly timeouts: HttpTimeouts = DEFAULT_TIMEOUTS,
  ) {}

  current(): AwsTarget {
    return this.target();
  }

  ecs(region?: string): ECSClient {
    return this.client('ecs', region, (config) => new (loadSdk().ecs.ECSClient)(config)) as ECSClient;
  }

  ecr(region?: string): ECRClient {
    return this.client('ecr', region, (config) => new (loadSdk().ecr.ECRClient)(config)) as ECRClient;
  }

  logs(region?: string): CloudWatchLogsClient {
    return this.client('logs', region, (config) => new (loadSdk().logs.CloudWatchLogsClient)(config)) as CloudWatchLogsClient;
  }

  cloudwatch(region?: string): CloudWatchClient {
    return this.client('cloudwatch', region, (config) => new (loadSdk().cloudwatch.CloudWatchClient)(config)) as CloudWatchClient;
  }

  private client(
    service: keyof ServiceEndpoints,
    region: string | undefined,
    create: (config: {
      region: string;
      profile?: string;
      credentials?: AwsCredentialIdentityProvider;
      retryMode: string;
      requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
      endpoint?: string;
    }) => AnyClient,
  ): AnyClient {
    const target = this.target();
    const effectiveRegion = region ?? target.region;
    // The SDK reads a profile's endpoint_url only for AWS_PROFILE: for a profile picked in the editor
    // it is read here (environment AWS_ENDPOINT_URL* still wins, see endpointsFromFiles).
    const endpoint = target.profile ? this.endpointsFor(target.profile)?.[service] : undefined;
    const key = `${service}|${target.profile ?? ''}|${effectiveRegion}|${endpoint ?? ''}`;
    let client = this.cache.get(key);
    if (!client) {
      const credentials = target.profile
        ? // ignoreCache: the SDK's loader otherwise keeps the files it read first for the life of the
          // process, and a profile added to them since (which the ProfileStore lists) would not be found.
          loadSdk().credentials.fromNodeProviderChain({ profile: target.profile, ignoreCache: true })
        : undefined;
      // `profile` makes the SDK read that profile's other settings (its endpoint_url: see above).
      client = create({
        region: effectiveRegion,
        profile: target.profile,
        credentials,
        retryMode: 'adaptive',
        // The SDK builds its NodeHttpHandler from these options.
        requestHandler: { connectionTimeout: this.timeouts.connectionTimeoutMs, requestTimeout: this.timeouts.requestTimeoutMs, throwOnRequestTimeout: true },
        ...(endpoint ? { endpoint } : {}),
      });
      this.cache.set(key, client);
    }
    return client;
  }

  private endpointsFor(profile: string): ServiceEndpoints | undefined {
    if (!this.profileEndpoints.has(profile)) this.profileEndpoints.set(profile, this.endpointsOfProfile(profile));
    return this.profileEndpoints.get(profile);
  }

  /** The config files changed: a profile's endpoints are asked again (a client for a new endpoint is a new client). */
  forgetProfileEndpoints(): void {
    this.profileEndpoints.clear();
  }

  dispose(): void {
    for (const client of this.cache.values()) client.destroy();
    this.cache.clear();
  }
}
