import * as assert from 'node:assert/strict';
import { checkRepositoryName, checkTag } from '../../../src/domain/names';

describe('domain/names', () => {
  it('repository names follow the ECR API model pattern exactly (my--app is valid)', () => {
    // RepositoryName in the ECR model: [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*, 2-256.
    for (const ok of ['my--app', 'my---app', 'a__b', 'team/web-api', 'a.b_c', 'ab', 'x/y/z', 'a'.repeat(256)]) {
      assert.equal(checkRepositoryName(ok), undefined, ok);
    }
    for (const bad of ['a', 'a'.repeat(257), 'Web', 'web/', '/web', 'a//b', 'a___b', 'a._b', '-app', 'app-', 'a b', 'a:b']) {
      assert.notEqual(checkRepositoryName(bad), undefined, bad);
    }
  });

  it('tags follow the Docker grammar: 128 characters, no leading "." or "-"', () => {
    assert.equal(checkTag('a'.repeat(128)), undefined);
    assert.notEqual(checkTag('a'.repeat(129)), undefined);
    assert.equal(checkTag('_x.1-2'), undefined);
    assert.notEqual(checkTag('.x'), undefined);
  });
});
