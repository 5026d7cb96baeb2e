import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyBuildFailure, classifyLoginFailure, classifyPushFailure, errorLine } from '../../../src/publish/errors';

const FIXTURES = path.resolve(__dirname, '../../../../test/unit/publish/fixtures');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

describe('publish/errors', () => {
  it('recognises an immutable tag from docker wording', () => {
    const error = classifyPushFailure('docker', fixture('docker-push-immutable.txt'), 'x/app:latest');
    assert.equal(error.kind, 'immutable-tag');
    assert.match(error.hint ?? '', /another tag/);
  });

  it('recognises an immutable tag from the raw registry code and other wordings', () => {
    for (const text of [
      'Error: writing manifest: uploading manifest 1.0 to 1.dkr.ecr.us-east-1.amazonaws.com/app: TAG_INVALID: The image tag \'1.0\' already exists in the \'app\' repository and cannot be overwritten because the tag is immutable.',
      'ERROR: failed to push: tag invalid: image tag already exists',
      'ImageTagAlreadyExistsException: The image tag already exists',
    ]) {
      assert.equal(classifyPushFailure('podman', text, 'app:1.0').kind, 'immutable-tag', text);
    }
  });

  it('recognises a missing repository', () => {
    assert.equal(classifyPushFailure('docker', fixture('docker-push-name-unknown.txt'), 'x').kind, 'repository-missing');
    assert.equal(classifyPushFailure('podman', 'Error: writing blob: initiating layer upload to /v2/nope/blobs/uploads/ in 127.0.0.1:5000: name unknown: repository name not known to registry', 'x').kind, 'repository-missing');
  });

  it('recognises a denied push, including podman without credentials', () => {
    const denied = classifyPushFailure('docker', fixture('docker-push-denied.txt'), 'x');
    assert.equal(denied.kind, 'push-denied');
    assert.match(denied.message, /ecr:InitiateLayerUpload/);
    assert.equal(classifyPushFailure('podman', fixture('podman-push-unauthorized.txt'), 'x').kind, 'push-denied');
  });

  it('recognises an engine that is not running and says how to start it', () => {
    const error = classifyPushFailure('docker', fixture('docker-engine-down.txt'), 'x');
    assert.equal(error.kind, 'engine-not-running');
    assert.match(error.hint ?? '', /systemctl start docker|Docker Desktop/);
    const podman = classifyBuildFailure('podman', 'Cannot connect to Podman. Please verify your connection to the Linux system using `podman system connection list`, or try `podman machine init` and `podman machine start` to manage a new Linux VM');
    assert.equal(podman.kind, 'engine-not-running');
    assert.match(podman.hint ?? '', /podman machine start/);
  });

  it('reports a login with a wrong password as a login failure with rejected credentials', () => {
    const error = classifyLoginFailure('podman', fixture('podman-login-wrong-password.txt'), '127.0.0.1:5000');
    assert.equal(error.kind, 'login-failed');
    assert.match(error.message, /rejected the credentials/);
    assert.match(error.message, /invalid username\/password/);
    assert.equal(classifyLoginFailure('docker', fixture('docker-login-expired.txt'), 'h').kind, 'login-failed');
  });

  it('falls back to a generic push failure with the telling line', () => {
    const error = classifyPushFailure('podman', 'Getting image source signatures\nError: something odd happened\n', 'x');
    assert.equal(error.kind, 'push-failed');
    assert.match(error.message, /something odd happened/);
    assert.equal(errorLine('a\nError: b failed\nc'), 'b failed');
  });
});
