import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
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
    create: (config: { region: string; profile?: string; credentials?: AwsCredentialIdentityProvider; retryMode: string }) => ECSClient | ECRClient,
  ): ECSClient | ECRClient {
    const target = this.target();
    const effectiveRegion = region ?? target.region;
    const key = `${service}|${target.profile ?? ''}|${effectiveRegion}`;
    let client = this.cache.get(key);
    if (!client) {
      const credentials = target.profile
        ? loadSdk().credentials.fromNodeProviderChain({ profile: target.profile })
        : undefined;
      // `profile` also makes the SDK read that profile's endpoint_url and other settings.
      client = create({ region: effectiveRegion, profile: target.profile, credentials, retryMode: 'adaptive' });
      this.cache.set(key, client);
    }
    return client;
  }

  dispose(): void {
    for (const client of this.cache.values()) client.destroy();
    this.cache.clear();
  }
}
