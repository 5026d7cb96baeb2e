import * as assert from 'node:assert/strict';
import { REGISTER_PREVIEW_SCHEME, isLintedScheme, looksLikeTaskDefinition } from '../../../src/taskdef/detect';

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
  it('answers the same for strict JSON (native parser) and for text with comments (tolerant visitor)', () => {
    const cases: [string, boolean][] = [
      ['{"family": "a", "containerDefinitions": []}', true],
      ['{"taskDefinition": {"containerDefinitions": [], "family": "a"}, "tags": []}', true],
      ['{"family": "a", "taskDefinition": {"containerDefinitions": []}}', true],
      ['{"taskDefinition": "x", "family": "a", "y": {"containerDefinitions": []}}', false],
      ['{"x": {"family": "a", "containerDefinitions": []}}', false],
      ['[{"family": "a", "containerDefinitions": []}]', false],
      ['{"list": [{"family": "a"}], "containerDefinitions": []}', false],
    ];
    for (const [text, expected] of cases) {
      assert.equal(looksLikeTaskDefinition(text), expected, text);
      assert.equal(looksLikeTaskDefinition(`// note\n${text}`), expected, `with a comment: ${text}`);
    }
  });
});

describe('taskdef/detect isLintedScheme', () => {
  it('lints files, untitled, remote and virtual documents and opened revisions', () => {
    for (const scheme of ['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'ecs-workbench-taskdef']) assert.equal(isLintedScheme(scheme), true, scheme);
  });
  it('skips the read-only copies shown in diffs, whose findings would repeat the file\'s', () => {
    assert.equal(isLintedScheme(REGISTER_PREVIEW_SCHEME), false);
    assert.equal(isLintedScheme('git'), false);
  });
});
