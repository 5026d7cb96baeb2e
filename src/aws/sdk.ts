// The AWS SDK surface the extension uses, bundled on its own into dist/sdk.js.
// Never import this module for values: go through loadSdk() so that activation stays cheap.
export * as ecs from '@aws-sdk/client-ecs';
export * as ecr from '@aws-sdk/client-ecr';
export * as logs from '@aws-sdk/client-cloudwatch-logs';
export * as cloudwatch from '@aws-sdk/client-cloudwatch';
export * as credentials from '@aws-sdk/credential-providers';
import { partition } from '@aws-sdk/core/client';

/** A region's name ("US East (N. Virginia)" for us-east-1) from the SDK's partition data; undefined when it has none. */
export function regionName(region: string): string | undefined {
  return (partition(region) as { description?: string }).description;
}
