import * as assert from 'node:assert/strict';
import { checkRepositoryName, checkTag } from '../../../src/domain/names';
import { checkLocalImage, checkPlatform, isLoopbackHttpEndpoint, registryHostOf } from '../../../src/publish/names';

describe('publish/names', () => {
  it('accepts valid tags and refuses the rest', () => {
    for (const ok of ['1.0.3', 'latest', 'v1', '_x', 'a'.repeat(128), 'abc123-dirty', '20261127-161530']) assert.equal(checkTag(ok), undefined, ok);
    for (const bad of ['', '-rm', '.hidden', 'a b', 'a/b', 'a:b', 'a'.repeat(129), '--push', 'x;rm -rf /', 'ä']) assert.notEqual(checkTag(bad), undefined, bad);
  });

  it('accepts ECR repository names and refuses option-like or malformed ones', () => {
    for (const ok of ['my-app', 'team/web', 'a.b_c', 'ab']) assert.equal(checkRepositoryName(ok), undefined, ok);
    for (const bad of ['-app', 'My-App', 'a', '/x', 'x/', 'a//b', 'a b', '--help']) assert.notEqual(checkRepositoryName(bad), undefined, bad);
  });

  it('accepts local image references and ids, never something starting with a dash', () => {
    for (const ok of ['my-app', 'my-app:dev', 'localhost:5000/team/app:1', '127.0.0.1:5000/app:1.0', 'a1b2c3d4e5f6', 'sha256:' + 'a'.repeat(64), 'app@sha256:' + 'b'.repeat(64)]) {
      assert.equal(checkLocalImage(ok), undefined, ok);
    }
    for (const bad of ['-q', '--output=/etc/passwd', 'app:-x', 'a b', '', 'app;id']) assert.notEqual(checkLocalImage(bad), undefined, bad);
  });

  it('checks platforms', () => {
    assert.equal(checkPlatform('linux/amd64'), undefined);
    assert.equal(checkPlatform('linux/arm64/v8'), undefined);
    assert.notEqual(checkPlatform('--load'), undefined);
  });

  it('gets the registry host from a proxy endpoint', () => {
    assert.equal(registryHostOf('https://123456789012.dkr.ecr.us-east-1.amazonaws.com'), '123456789012.dkr.ecr.us-east-1.amazonaws.com');
    assert.equal(registryHostOf('http://127.0.0.1:5000'), '127.0.0.1:5000');
  });

  it('allows plain HTTP only for loopback endpoints', () => {
    assert.equal(isLoopbackHttpEndpoint('http://127.0.0.1:5000'), true);
    assert.equal(isLoopbackHttpEndpoint('http://localhost:5000'), true);
    assert.equal(isLoopbackHttpEndpoint('http://[::1]:5000'), true);
    assert.equal(isLoopbackHttpEndpoint('https://127.0.0.1:5000'), false);
    assert.equal(isLoopbackHttpEndpoint('http://10.0.0.1:5000'), false);
    assert.equal(isLoopbackHttpEndpoint('http://127.0.0.1.evil.com:5000'), false);
    assert.equal(isLoopbackHttpEndpoint('https://123456789012.dkr.ecr.us-east-1.amazonaws.com'), false);
  });
});
