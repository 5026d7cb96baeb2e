import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { loadSdk } from './sdk-loader';

/** Where AWS calls go: the profile (undefined = default chain) and region. */
export interface AwsTarget {
  readonly profile?: string;
  readonly region: string;
  /**
   * Endpoints a picked profile configures (`endpoint_url`), which the SDK applies only for
   * AWS_PROFILE; undefined leaves endpoints to the SDK (AWS_ENDPOINT_URL*, default endpoints).
   */
  readonly endpoints?: { readonly ecs?: string; readonly ecr?: string };
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
}

/** A client cache keyed by profile and region; clients are created on first use. */
export class SdkClients implements AwsClients {
  private readonly cache = new Map<string, ECSClient | ECRClient>();

  constructor(private readonly target: () => AwsTarget) {}

  current(): AwsTarget {
    return this.target();
  }

  ecs(region?: string): ECSClient {
    return this.client('ecs', region, (config) => new (loadSdk().ecs.ECSClient)(config)) as ECSClient;
  }

  ecr(region?: string): ECRClient {
    return this.client('ecr', region, (config) => new (loadSdk().ecr.ECRClient)(config)) as ECRClient;
  }

  private client(
    service: string,
    region: string | undefined,
    create: (config: {
      region: string;
      profile?: string;
      credentials?: AwsCredentialIdentityProvider;
      retryMode: string;
      endpoint?: string;
    }) => ECSClient | ECRClient,
  ): ECSClient | ECRClient {
    const target = this.target();
    const effectiveRegion = region ?? target.region;
    const endpoint = target.endpoints?.[service as 'ecs' | 'ecr'];
    const key = `${service}|${target.profile ?? ''}|${effectiveRegion}|${endpoint ?? ''}`;
    let client = this.cache.get(key);
    if (!client) {
      const credentials = target.profile
        ? loadSdk().credentials.fromNodeProviderChain({ profile: target.profile })
        : undefined;
      // `profile` makes the SDK read that profile's other settings; its endpoint_url the SDK reads
      // only for AWS_PROFILE, so the connection resolves it into `target.endpoints`.
      client = create({
        region: effectiveRegion,
        profile: target.profile,
        credentials,
        retryMode: 'adaptive',
        ...(endpoint ? { endpoint } : {}),
      });
      this.cache.set(key, client);
    }
    return client;
  }

  dispose(): void {
    for (const client of this.cache.values()) client.destroy();
    this.cache.clear();
  }
}
