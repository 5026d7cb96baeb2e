import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PushProgressParser, formatPushStatus, type PushOutputFormat, type PushProgress } from '../../../src/publish/pushProgress';

const FIXTURES = path.resolve(__dirname, '../../../../test/unit/publish/fixtures');

function replay(file: string, format: PushOutputFormat, hint?: number): { events: PushProgress[]; parser: PushProgressParser } {
  const parser = new PushProgressParser(format, hint);
  const events: PushProgress[] = [];
  for (const line of fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n')) {
    const event = parser.feed(line);
    if (event) events.push(event);
  }
  return { events, parser };
}

describe('publish/pushProgress', () => {
  it('counts docker layers as they are pushed or found, and reads the digest', () => {
    const { events, parser } = replay('docker-push-fresh.txt', 'docker');
    const done = events.map((e) => `${e.layersDone}/${e.layersTotal} ${e.phase}`);
    assert.deepEqual(done, [
      '0/0 preparing',
      '0/1 preparing',
      '0/2 preparing',
      '0/3 preparing',
      '0/4 preparing',
      '0/5 preparing',
      '1/5 uploading',
      '2/5 uploading',
      '3/5 uploading',
      '4/5 uploading',
      '5/5 uploading',
      '5/5 done',
    ]);
    assert.equal(events.at(-1)?.phase, 'done');
    assert.equal(parser.digest, 'sha256:8d1b7a3f0c5e4b6a9d2c1e0f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b');
  });

  it('treats "Mounted from" and "Layer already exists" as done', () => {
    const { events, parser } = replay('docker-push-mounted.txt', 'docker');
    assert.deepEqual(events.at(-1), { layersDone: 2, layersTotal: 2, phase: 'done' });
    assert.match(parser.digest ?? '', /^sha256:0e5f/);
  });

  it('does not count a failed docker push as done', () => {
    const { events } = replay('docker-push-immutable.txt', 'docker');
    assert.deepEqual(events.at(-1), { layersDone: 2, layersTotal: 2, phase: 'uploading' });
    const missing = replay('docker-push-name-unknown.txt', 'docker');
    assert.deepEqual(missing.events.at(-1), { layersDone: 0, layersTotal: 1, phase: 'preparing' });
  });

  it('uses the layer count hint for podman, which announces blobs only when it starts them', () => {
    const { events, parser } = replay('podman-push-3-layers.txt', 'podman', 3);
    assert.deepEqual(
      events.map((e) => [e.layersDone, e.layersTotal, e.phase]),
      [
        [0, 3, 'preparing'],
        [0, 3, 'uploading'],
        [3, 3, 'uploading'],
        [3, 3, 'manifest'],
      ],
    );
    assert.equal(parser.digest, undefined, 'podman prints no digest; the driver reads --digestfile');
    assert.deepEqual(parser.finish(), { layersDone: 3, layersTotal: 3, phase: 'done' });
  });

  it('counts podman blobs without a hint, and stops short when the push fails', () => {
    const { events } = replay('podman-push-unauthorized.txt', 'podman');
    assert.deepEqual(events.at(-1), { layersDone: 0, layersTotal: 3, phase: 'uploading' });
  });

  it('understands podman blob lines that say done or skipped', () => {
    const parser = new PushProgressParser('podman', 2);
    parser.feed('Copying blob sha256:24c02bb9891d8d90cceaf736153573077340bd7e224511204cb41e1a01f33073');
    parser.feed('Copying blob bf84f1834f13 skipped: already exists');
    assert.deepEqual(parser.progress(), { layersDone: 1, layersTotal: 2, phase: 'uploading' });
    parser.feed('Copying blob 24c02bb9891d done   |');
    assert.deepEqual(parser.progress(), { layersDone: 2, layersTotal: 2, phase: 'uploading' });
  });

  it('parses nerdctl/finch layer states and the digest', () => {
    const { events, parser } = replay('nerdctl-push.txt', 'nerdctl');
    assert.deepEqual(events.at(-1), { layersDone: 2, layersTotal: 2, phase: 'manifest' });
    assert.ok(events.some((e) => e.layersDone === 1 && e.layersTotal === 2));
    assert.match(parser.digest ?? '', /^sha256:4b2c5a9e/);
  });

  it('formats the status bar text', () => {
    assert.equal(formatPushStatus('my-app:1.0.3', { layersDone: 3, layersTotal: 5, phase: 'uploading' }), 'Pushing my-app:1.0.3 · 3/5 layers');
    assert.equal(formatPushStatus('my-app:1.0.3', { layersDone: 0, layersTotal: 0, phase: 'preparing' }), 'Pushing my-app:1.0.3');
    assert.equal(formatPushStatus('my-app:1.0.3', { layersDone: 5, layersTotal: 5, phase: 'manifest' }), 'Pushing my-app:1.0.3 · writing manifest');
  });
});
