import * as assert from 'node:assert/strict';
import { awsCall, classifyAwsError, permissionFromMessage } from '../../../src/aws/errors';

function err(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

describe('aws/errors', () => {
  it('expired SSO session → sign in with the profile', () => {
    const info = classifyAwsError(
      err('CredentialsProviderError', 'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login'),
      { profile: 'dev' },
    );
    assert.equal(info.kind, 'expiredSso');
    assert.deepEqual(info.action, { kind: 'signIn', profile: 'dev' });
    assert.match(info.detail, /aws sso login --profile dev/);
  });

  it('no credentials → select a profile', () => {
    const info = classifyAwsError(err('CredentialsProviderError', 'Could not load credentials from any providers'));
    assert.equal(info.kind, 'noCredentials');
    assert.equal(info.action.kind, 'selectProfile');
  });

  it('expired session token', () => {
    const info = classifyAwsError(err('ExpiredTokenException', 'The security token included in the request is expired'), { profile: 'p' });
    assert.equal(info.kind, 'expiredCredentials');
  });

  it('access denied names the call and the permission', async () => {
    const e = err('AccessDeniedException', 'User: arn:aws:iam::123456789012:user/x is not authorized to perform: ecs:DescribeServices on resource: *', {
      $metadata: { httpStatusCode: 400 },
    });
    const tagged = await awsCall('ecs:DescribeServices', () => Promise.reject(e)).catch((x: unknown) => x);
    const info = classifyAwsError(tagged);
    assert.equal(info.kind, 'accessDenied');
    assert.equal(info.call, 'ecs:DescribeServices');
    assert.match(info.title, /ecs:DescribeServices/);
    assert.match(info.detail, /Grant the IAM permission "ecs:DescribeServices"/);
    assert.equal(permissionFromMessage('is not authorized to perform: ecr:DescribeImages on'), 'ecr:DescribeImages');
  });

  it('access denied without a permission in the message falls back to the call', () => {
    const e = Object.assign(err('AccessDeniedException', 'Access denied'), { awsCall: 'ecr:DescribeRepositories' });
    assert.match(classifyAwsError(e).title, /ecr:DescribeRepositories/);
  });

  it('network failures (also nested causes) → retry', () => {
    const e = Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    const info = classifyAwsError(e);
    assert.equal(info.kind, 'network');
    assert.equal(info.action.kind, 'retry');
    assert.equal(classifyAwsError(err('TimeoutError', 'socket timed out')).kind, 'network');
    // A thrown non-Error (no name, no code) still says what kind of failure it was, not "()".
    assert.match(classifyAwsError({ message: 'socket hang up' }).detail, /did not reach AWS \(network error\)/);
  });

  it('throttling after retries, cancellation, not found, unknown', () => {
    assert.equal(classifyAwsError(err('ThrottlingException', 'Rate exceeded')).kind, 'throttled');
    assert.equal(classifyAwsError(err('AbortError', 'Request aborted')).kind, 'cancelled');
    assert.equal(classifyAwsError(err('ClusterNotFoundException', 'Cluster not found.')).kind, 'notFound');
    const unknown = classifyAwsError(err('ServerException', 'internal'));
    assert.equal(unknown.kind, 'unknown');
    assert.equal(unknown.action.kind, 'retry');
    assert.equal(classifyAwsError('a string').kind, 'unknown');
  });

  it('an unknown failure of a read says "Failed to load", of a change names the call without claiming a load', () => {
    assert.equal(classifyAwsError(err('ServerException', 'internal'), { call: 'ecs:ListClusters' }).title, 'Failed to load (ecs:ListClusters)');
    assert.equal(classifyAwsError(err('ServerException', 'internal'), { call: 'ecr:DescribeImages' }).title, 'Failed to load (ecr:DescribeImages)');
    assert.equal(classifyAwsError(err('ServerException', 'internal'), { call: 'ecs:UpdateService' }).title, 'AWS error (ecs:UpdateService)');
  });
});
