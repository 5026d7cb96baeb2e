import * as assert from 'node:assert/strict';
import { chunk, describeInBatches, mapWithConcurrency, DESCRIBE_LIMITS } from '../../../src/aws/batching';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('aws/batching', () => {
  it('chunks by size and rejects a bad size', () => {
    assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(chunk([], 10), []);
    assert.throws(() => chunk([1], 0), RangeError);
  });

  it('describeInBatches cuts ids at the API limit and flattens in input order', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `s${i}`);
    const calls: string[][] = [];
    const out = await describeInBatches(
      ids,
      { batchSize: DESCRIBE_LIMITS.describeServices, concurrency: 3, keyOf: (r: { id: string }) => r.id },
      async (batch) => {
        calls.push(batch);
        await delay(batch.length === 5 ? 1 : 10); // the last batch finishes first
        return [...batch].reverse().map((id) => ({ id })); // APIs do not promise an order
      },
    );
    assert.deepEqual(calls.map((c) => c.length), [10, 10, 5]);
    assert.deepEqual(out.map((r) => r.id), ids);
  });

  it('never has more than `concurrency` calls in flight, and uses all of it', async () => {
    let inFlight = 0;
    let peak = 0;
    await describeInBatches(Array.from({ length: 1000 }, (_, i) => i), { batchSize: 10, concurrency: 4 }, async (batch) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await delay(2);
      inFlight--;
      return batch;
    });
    assert.equal(peak, 4);
  });

  it('returns [] without calling for no ids', async () => {
    let called = false;
    assert.deepEqual(await describeInBatches([], { batchSize: 10 }, async () => ((called = true), [])), []);
    assert.equal(called, false);
  });

  it('stops starting batches once the signal aborts and rejects with the reason', async () => {
    const controller = new AbortController();
    let started = 0;
    const p = describeInBatches(Array.from({ length: 100 }, (_, i) => i), { batchSize: 10, concurrency: 2, signal: controller.signal }, async (batch) => {
      started++;
      if (started === 2) controller.abort(Object.assign(new Error('switched'), { name: 'AbortError' }));
      await delay(5);
      return batch;
    });
    await assert.rejects(p, /switched/);
    assert.ok(started <= 3, `started ${started}`);
  });

  it('a failing batch rejects the whole describe and no new batches start', async () => {
    let started = 0;
    await assert.rejects(
      mapWithConcurrency([1, 2, 3, 4, 5, 6], async (n) => {
        started++;
        if (n === 2) throw new Error('boom');
        return n;
      }, { limit: 1 }),
      /boom/,
    );
    assert.equal(started, 2);
  });
});
