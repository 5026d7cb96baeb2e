import * as assert from 'node:assert/strict';
import { planImageDeletion } from '../../../src/explorer/imageDeletion';

describe('explorer/imageDeletion: delete what was shown, or nothing', () => {
  const a = 'sha256:' + 'a'.repeat(64);
  const b = 'sha256:' + 'b'.repeat(64);

  it('deletes by digest, never by tag, when the tags are as shown (order does not matter)', () => {
    const plan = planImageDeletion(
      [{ digest: a, tags: ['v1', 'latest'] }, { digest: b, tags: [] }],
      new Map([[a, ['latest', 'v1']], [b, []]]),
    );
    assert.deepEqual(plan.imageIds, [{ imageDigest: a }, { imageDigest: b }]);
    assert.deepEqual(plan.moved, []);
  });

  it('a tag that moved to another image (a push of latest) stops the whole deletion', () => {
    const plan = planImageDeletion([{ digest: a, tags: ['v1', 'latest'] }, { digest: b, tags: [] }], new Map([[a, ['v1']], [b, []]]));
    assert.deepEqual(plan.imageIds, []);
    assert.deepEqual(plan.moved, [{ digest: a, shown: ['v1', 'latest'], now: ['v1'] }]);
  });

  it('a tag added to a shown image (an untagged one got tagged) stops it too', () => {
    const plan = planImageDeletion([{ digest: b, tags: [] }], new Map([[b, ['hotfix']]]));
    assert.deepEqual(plan.imageIds, []);
    assert.equal(plan.moved.length, 1);
  });

  it('an image deleted meanwhile is left out and named as gone', () => {
    const plan = planImageDeletion([{ digest: a, tags: ['v1'] }, { digest: b, tags: [] }], new Map([[b, []]]));
    assert.deepEqual(plan.imageIds, [{ imageDigest: b }]);
    assert.deepEqual(plan.gone, [a]);
  });
});
