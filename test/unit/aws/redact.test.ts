import * as assert from 'node:assert/strict';
import { describeErrorForLog, redactSecrets } from '../../../src/aws/redact';

describe('aws/redact', () => {
  it('masks access key ids but keeps their kind', () => {
    const out = redactSecrets('key AKIAIOSFODNN7EXAMPLE and ASIAY34FZKBOKMUTVV7A');
    assert.ok(!out.includes('IOSFODNN7EXAMPLE'));
    assert.ok(!out.includes('Y34FZKBOKMUTVV7A'));
    assert.match(out, /AKIA\*\*\* and ASIA\*\*\*/);
  });

  it('removes secret keys and tokens in ini, env, JSON and query forms', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const samples = [
      `aws_secret_access_key = ${secret}`,
      `AWS_SECRET_ACCESS_KEY=${secret}`,
      `{"secretAccessKey":"${secret}","accessKeyId":"x"}`,
      `{"SecretAccessKey": "${secret}"}`,
      `https://h/?X-Amz-Security-Token=${secret}&X-Amz-Signature=abcdef0123456789abcdef`,
      `aws_session_token=${secret}`,
      `"password": "${secret}"`,
      `authorizationToken: ${secret}`,
    ];
    for (const s of samples) {
      const out = redactSecrets(s);
      assert.ok(!out.includes(secret), `leaked in: ${out}`);
      assert.ok(out.includes('***'), out);
    }
  });

  it('removes a short session token in a KEY=VALUE dump, quoted or not, under any prefix', () => {
    // An STS session token can be well under the 100 characters the blob rule needs.
    const token = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6f8yJq1Xz+vO4TEST';
    const samples = [
      `AWS_SESSION_TOKEN=${token}`,
      `export AWS_SESSION_TOKEN="${token}"`,
      `AWS_SESSION_TOKEN='${token}'`,
      `AWS_SECURITY_TOKEN=${token}`,
      `MY_APP_AWS_SESSION_TOKEN=${token}`,
      `AWS_CONTAINER_AUTHORIZATION_TOKEN=${token}`,
      `DB_PASSWORD=${token}`,
      `aws sts ... --session-token ${token}`,
      `AWS_REGION=us-east-1\nAWS_SESSION_TOKEN=${token}\nAWS_PROFILE=dev`,
    ];
    for (const s of samples) {
      const out = redactSecrets(s);
      assert.ok(!out.includes(token.slice(0, 20)), `leaked in: ${out}`);
    }
    // The rest of the dump stays readable, and names that only contain a key word are left alone.
    assert.equal(redactSecrets('AWS_REGION=us-east-1\nAWS_SESSION_TOKEN=abc\nAWS_PROFILE=dev'), 'AWS_REGION=us-east-1\nAWS_SESSION_TOKEN=***\nAWS_PROFILE=dev');
    assert.equal(redactSecrets('SECRETS_MANAGER_ARN=arn:aws:secretsmanager:us-east-1:1:secret:x'), 'SECRETS_MANAGER_ARN=arn:aws:secretsmanager:us-east-1:1:secret:x');
  });

  it('removes SigV4 signatures and bearer/basic credentials in headers', () => {
    const header =
      'Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
    const out = redactSecrets(header);
    assert.ok(!out.includes('fe5f80f77d5fa3be'), out);
    assert.ok(!out.includes('IOSFODNN7EXAMPLE'), out);
    assert.ok(!redactSecrets('sent Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig').includes('eyJhbGciOiJIUzI1NiJ9'));
    assert.ok(!redactSecrets('header Basic QVdTOnNlY3JldHBhc3N3b3Jk').includes('QVdTOnNlY3JldHBhc3N3b3Jk'));
  });

  it('removes long token blobs and leaves ordinary text alone', () => {
    const token = 'FwoGZXIvYXdzE' + 'A'.repeat(200);
    assert.ok(!redactSecrets(`token ${token}`).includes(token));
    const plain = 'ListServices failed for cluster demo (arn:aws:ecs:us-east-1:123456789012:cluster/demo): 3 services';
    assert.equal(redactSecrets(plain), plain);
  });

  it('describes an SDK error with call, metadata and cause, redacted', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const e = Object.assign(new Error('bad key AKIAIOSFODNN7EXAMPLE'), {
      name: 'UnrecognizedClientException',
      awsCall: 'ecs:ListClusters',
      $metadata: { httpStatusCode: 400, requestId: 'r-1', attempts: 1 },
      cause,
    });
    const text = describeErrorForLog(e);
    assert.match(text, /UnrecognizedClientException in ecs:ListClusters/);
    assert.match(text, /HTTP 400, request id r-1/);
    assert.match(text, /caused by Error \[ECONNREFUSED\]/);
    assert.ok(!text.includes('IOSFODNN7EXAMPLE'));
  });
});
