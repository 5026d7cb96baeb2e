import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection, FALLBACK_REGION, profileLabel } from '../../../src/aws/connection';

describe('aws/connection', () => {
  it('resolves the region lazily from the profile, once', async () => {
    let reads = 0;
    const c = new Connection({ profile: 'dev' }, async (p) => {
      reads++;
      return p === 'dev' ? 'eu-west-3' : undefined;
    });
    assert.equal(reads, 0, 'nothing read at construction');
    assert.equal(c.target.region, FALLBACK_REGION);
    assert.equal(c.label(), 'dev · region…');
    const [a, b] = await Promise.all([c.resolve(), c.resolve()]);
    assert.equal(a.region, 'eu-west-3');
    assert.equal(b.region, 'eu-west-3');
    assert.equal(reads, 1);
    assert.equal(c.label(), 'dev · eu-west-3');
  });

  it('an explicit region needs no read', async () => {
    let reads = 0;
    const c = new Connection({ region: 'ap-south-1' }, async () => (reads++, 'x'));
    assert.deepEqual(await c.resolve(), { profile: undefined, region: 'ap-south-1' });
    assert.equal(reads, 0);
    // No profile chosen: named as the profile picker names it (issue 17: it said "default", the
    // name of a profile too).
    assert.equal(c.label(), 'Default credential chain · ap-south-1');
  });

  it('switching aborts the previous signal, bumps the generation and notifies', () => {
    const c = new Connection({ profile: 'a', region: 'us-east-1' }, async () => undefined);
    const old = c.signal;
    const seen: string[] = [];
    c.onDidChange((t) => seen.push(`${t.profile}/${t.region}`));
    c.switchTo({ region: 'eu-west-1' });
    assert.ok(old.aborted);
    assert.equal((old.reason as Error).name, 'AbortError');
    assert.ok(!c.signal.aborted);
    assert.equal(c.generation, 1);
    assert.deepEqual(c.target, { profile: 'a', region: 'eu-west-1' });
    c.switchTo({ profile: null });
    assert.equal(c.target.profile, undefined);
    assert.deepEqual(seen, ['a/eu-west-1', 'undefined/us-east-1']);
  });

  it('a new profile without a region resolves that profile\'s region', async () => {
    const c = new Connection({ profile: 'a', region: 'us-east-1' }, async (p) => (p === 'b' ? 'sa-east-1' : undefined));
    c.switchTo({ profile: 'b' });
    assert.equal((await c.resolve()).region, 'sa-east-1');
  });

  it('a resolve that finishes after a switch does not leak the old region', async () => {
    let release!: (v: string) => void;
    const c = new Connection({ profile: 'slow' }, (p) => (p === 'slow' ? new Promise((r) => (release = r)) : Promise.resolve('eu-north-1')));
    const pending = c.resolve();
    c.switchTo({ profile: 'fast' });
    release('ap-east-1');
    assert.equal((await pending).region, 'eu-north-1');
    assert.equal(c.target.region, 'eu-north-1');
  });

  it('nothing resolves before the config files are read once (a picked profile\'s endpoints are in them)', async () => {
    let loaded!: () => void;
    const configLoaded = new Promise<void>((r) => (loaded = r));
    const c = new Connection({ profile: 'dev', region: 'eu-west-1' }, async () => undefined, () => configLoaded);
    let resolved = false;
    const pending = c.resolve().then((t) => ((resolved = true), t));
    await new Promise((r) => setImmediate(r));
    assert.equal(resolved, false);
    loaded();
    assert.deepEqual(await pending, { profile: 'dev', region: 'eu-west-1' });
  });

  it('names a profile choice one way: the profile by its name, none as the Default credential chain', () => {
    assert.equal(profileLabel(undefined), 'Default credential chain');
    assert.equal(profileLabel('default'), 'default', 'a profile named default keeps its name');
    assert.equal(profileLabel('dev'), 'dev');
    assert.equal(new Connection({ profile: 'default', region: 'eu-west-1' }, async () => undefined).label(), 'default · eu-west-1');
    // The walkthrough's connect step names it the same way (markdown cannot call the function).
    const root = path.resolve(__dirname, '../../../..');
    const connect = fs.readFileSync(path.join(root, 'media/walkthrough/connect.md'), 'utf8');
    assert.ok(connect.includes(`*${profileLabel(undefined)}*`), connect);
  });
});
