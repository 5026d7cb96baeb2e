import type * as Sdk from './sdk';

export type AwsSdk = typeof Sdk;

let loaded: AwsSdk | undefined;

/**
 * Loads the AWS SDK on first use. In the bundle this resolves dist/sdk.js next to dist/extension.js;
 * in tests compiled by tsc it resolves out/src/aws/sdk.js.
 */
export function loadSdk(): AwsSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./sdk.js') as AwsSdk;
  return loaded;
}
