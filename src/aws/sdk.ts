// The AWS SDK surface the extension uses, bundled on its own into dist/sdk.js.
// Never import this module for values: go through loadSdk() so that activation stays cheap.
export * as ecs from '@aws-sdk/client-ecs';
export * as ecr from '@aws-sdk/client-ecr';
export * as logs from '@aws-sdk/client-cloudwatch-logs';
export * as cloudwatch from '@aws-sdk/client-cloudwatch';
export * as credentials from '@aws-sdk/credential-providers';
