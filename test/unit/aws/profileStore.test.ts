import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProfileStore } from '../../../src/aws/profileStore';
import { NO_SHARED_CONFIG, type SharedConfigFiles } from '../../../src/aws/profiles';

const local = (url: string): SharedConfigFiles => ({ configFile: { local: { endpoint_url: url, region: 'eu-west-1' } }, credentialsFile: {} });

/** A loader whose reads end when the test says so. */
function manualLoader(): { load: () => Promise<SharedConfigFiles>; finish: (i: number, files: SharedConfigFiles) => void; count: () => number } {
  const pending: ((files: SharedConfigFiles) => void)[] = [];
  return {
    load: () => new Promise((resolve) => pending.push(resolve)),
    finish: (i, files) => pending[i](files),
    count: () => pending.length,
  };
}

describe('aws/profileStore', () => {
  it('is empty until the first load, then answers from memory; whenLoaded waits for that load', async () => {
    const loader = manualLoader();
    const store = new ProfileStore({}, '/home/u', loader.load);
    assert.equal(store.loaded, false);
    assert.deepEqual(store.profiles(), []);
    assert.equal(store.endpoints('local'), undefined);
    let ready = false;
    const waiting = store.whenLoaded().then(() => (ready = true));
    assert.equal(loader.count(), 1, 'whenLoaded starts the first load when none has started');
    await Promise.resolve();
    assert.equal(ready, false);
    loader.finish(0, local('http://127.0.0.1:4566'));
    await waiting;
    assert.equal(store.loaded, true);
    assert.deepEqual(store.endpoints('local'), { ecs: 'http://127.0.0.1:4566', ecr: 'http://127.0.0.1:4566', logs: 'http://127.0.0.1:4566', cloudwatch: 'http://127.0.0.1:4566' });
    assert.equal(store.region('local'), 'eu-west-1');
    assert.equal(loader.count(), 1, 'answers come from memory');
  });

  it('the newest read wins even when an older one ends last; listeners hear of changes only', async () => {
    const loader = manualLoader();
    const store = new ProfileStore({}, '/home/u', loader.load);
    let changes = 0;
    store.onDidChange(() => changes++);
    const first = store.reload();
    const second = store.reload();
    loader.finish(1, local('http://new:1'));
    await second;
    loader.finish(0, local('http://old:1'));
    await first;
    assert.equal(store.endpoints('local')?.ecs, 'http://new:1');
    assert.equal(changes, 1);
    const third = store.reload();
    loader.finish(2, local('http://new:1'));
    await third;
    assert.equal(changes, 1, 'the same contents again: no change');
    const fourth = store.reload();
    loader.finish(3, NO_SHARED_CONFIG);
    await fourth;
    assert.equal(changes, 2);
    assert.equal(store.endpoints('local'), undefined);
  });

  it('reads the files of AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE through the SDK loader, afresh on reload', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsw-store-'));
    try {
      const env = { AWS_CONFIG_FILE: path.join(dir, 'my-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'my-credentials') };
      const store = new ProfileStore(env, dir);
      await store.reload();
      assert.deepEqual(store.profiles(), [], 'missing files are empty');
      await fs.writeFile(env.AWS_CONFIG_FILE, '[profile dev]\nregion = ap-south-1\nendpoint_url = http://127.0.0.1:9\n');
      await fs.writeFile(env.AWS_SHARED_CREDENTIALS_FILE, '[dev]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n');
      await store.reload();
      assert.deepEqual(store.profiles().map((p) => [p.name, p.kind, p.region, p.sources]), [['dev', 'static', 'ap-south-1', ['config', 'credentials']]]);
      assert.equal(store.endpoints('dev')?.ecs, 'http://127.0.0.1:9');
      assert.equal(JSON.stringify(store.profiles()).includes('secret'), false, 'no key leaves the store');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('aws/profileStore start', () => {
  it('loads after the current task, not during the call; dispose before then loads nothing', async () => {
    let loads = 0;
    const load = async (): Promise<SharedConfigFiles> => (loads++, local('http://127.0.0.1:4566'));
    const store = new ProfileStore({ AWS_CONFIG_FILE: '/nonexistent/ecsw-config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/ecsw-credentials' }, '/nonexistent', load);
    const started = store.start(60_000);
    assert.equal(loads, 0, 'nothing read while activate() runs');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await store.whenLoaded();
    assert.equal(loads, 1);
    assert.equal(store.endpoints('local')?.ecs, 'http://127.0.0.1:4566');
    started.dispose();

    const other = new ProfileStore({}, '/nonexistent', load);
    other.start(60_000).dispose();
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(loads, 1, 'disposed before it ran: no read');
    assert.equal(other.loaded, false);
  });
});
