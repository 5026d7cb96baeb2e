// The pure rules of tag suggestions; reading them from a git repository is a component test
// (test/component/publish/tagSuggestions.test.ts).
import * as assert from 'node:assert/strict';
import { defaultReleaseTag, sanitizeTag, timestampTag } from '../../../src/publish/tagSuggestions';

describe('publish/tagSuggestions', () => {
  it('formats timestamps in UTC', () => {
    assert.equal(timestampTag(new Date(Date.UTC(2026, 10, 27, 16, 5, 9))), '20261127-160509');
  });

  it('makes tags out of arbitrary strings', () => {
    assert.equal(sanitizeTag('v1.0/rc+1'), 'v1.0-rc-1');
    assert.equal(sanitizeTag('-x'), 'x');
    assert.equal(sanitizeTag('///'), undefined);
  });

  it('picks the release tag: git tag, else commit, else timestamp, never the package version', () => {
    const version = { tag: '1.0.3', source: 'package.json version' };
    const commit = { tag: 'abc123def456', source: 'git commit' };
    const dirty = { tag: 'abc123def456-dirty', source: 'git commit (uncommitted changes)' };
    const time = { tag: '20261127-160509', source: 'timestamp' };
    assert.equal(defaultReleaseTag([{ tag: 'v1.0.3', source: 'git tag' }, version, commit, time]), 'v1.0.3');
    assert.equal(defaultReleaseTag([version, commit, time]), 'abc123def456');
    assert.equal(defaultReleaseTag([version, dirty, time]), 'abc123def456-dirty');
    assert.equal(defaultReleaseTag([version, time]), '20261127-160509');
    assert.equal(defaultReleaseTag([]), undefined);
  });
});
