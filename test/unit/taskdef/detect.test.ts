import * as assert from 'node:assert/strict';
import { looksLikeTaskDefinition } from '../../../src/taskdef/detect';

describe('taskdef/detect looksLikeTaskDefinition', () => {
  it('accepts a top level with family and containerDefinitions, also under "taskDefinition"', () => {
    assert.equal(looksLikeTaskDefinition('{"family": "a", "containerDefinitions": []}'), true);
    assert.equal(looksLikeTaskDefinition('{"taskDefinition": {"containerDefinitions": [], "family": "a"}, "tags": []}'), true);
    assert.equal(looksLikeTaskDefinition('// note\n{"containerDefinitions": [{"name": "x"}], "family": "a",}'), true);
  });
  it('rejects other JSON, and the keys when they are nested deeper', () => {
    assert.equal(looksLikeTaskDefinition('{"name": "pkg", "version": "1.0.0"}'), false);
    assert.equal(looksLikeTaskDefinition('{"family": "a"}'), false);
    assert.equal(looksLikeTaskDefinition('{"x": {"family": "a", "containerDefinitions": []}}'), false);
    assert.equal(looksLikeTaskDefinition('[{"family": "a", "containerDefinitions": []}]'), false);
    assert.equal(looksLikeTaskDefinition('{"list": [{"family": "a"}], "containerDefinitions": []}'), false);
  });
});
