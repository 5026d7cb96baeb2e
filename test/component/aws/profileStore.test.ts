// A profile picked in the editor, end to end in plain Node: the shared config files parsed by the SDK's
// loader into the ProfileStore, the real SDK clients built synchronously from it, real calls over HTTP
// to two emulators, and an edit of the config file seen by the store's watch (no reload by hand).
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SdkClients } from '../../../src/aws/clients';
import * as ecs from '../../../src/aws/ecs';
import { ProfileStore } from '../../../src/aws/profileStore';
import { startEmulator } from '../../emulator/server';
import { waitFor } from '../../integration/wait';

const ENV_KEYS = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ECS', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'];

describe('aws/profileStore with the real SDK and two emulators', function () {
  this.timeout(60_000);
  let dir: string;
  const saved = new Map<string, string | undefined>();
  let emulators: { url: string; close(): Promise<void> }[] = [];

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsw-profile-store-'));
    for (const key of ENV_KEYS) saved.set(key, process.env[key]);
    for (const key of ENV_KEYS) delete process.env[key];
    // The SDK's credential chain reads the same files, named the same way.
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    // Both verify the signature with the profile's keys: a call signed with any other keys is refused.
    const keys = { accessKeyId: 'AKIAPICKEDEXAMPLE', secretAccessKey: 'picked-secret' };
    emulators = await Promise.all([startEmulator({ seed: 'demo', speed: 0, ...keys }), startEmulator({ seed: 'empty', speed: 0, ...keys })]);
  });

  after(async () => {
    await Promise.all(emulators.map((e) => e.close()));
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('sends to the endpoint the picked profile names, with its credentials, and follows an edit of the file', async () => {
    const [demo, empty] = emulators;
    const config = (url: string): string => `[profile picked]\nregion = us-east-1\nservices = local\n[services local]\necs =\n  endpoint_url = ${url}\n`;
    await fs.writeFile(process.env.AWS_CONFIG_FILE!, config(demo.url));
    await fs.writeFile(process.env.AWS_SHARED_CREDENTIALS_FILE!, '[picked]\naws_access_key_id = AKIAPICKEDEXAMPLE\naws_secret_access_key = picked-secret\n');

    const store = new ProfileStore();
    const watching = store.watch(100);
    const clients = new SdkClients(() => ({ profile: 'picked', region: 'us-east-1' }), (profile) => store.endpoints(profile));
    const forget = store.onDidChange(() => clients.forgetProfileEndpoints());
    try {
      await store.whenLoaded();
      const options = { clients, region: undefined, signal: new AbortController().signal };
      const demoClusters = await ecs.listAllClusterArns(options);
      assert.ok(demoClusters.some((arn) => arn.endsWith('/production')), JSON.stringify(demoClusters));

      await fs.writeFile(process.env.AWS_CONFIG_FILE!, config(empty.url));
      await waitFor('the store has read the edited config file', () => store.endpoints('picked')?.ecs === empty.url);
      assert.deepEqual(await ecs.listAllClusterArns(options), [], 'the next call goes to the endpoint now configured');
    } finally {
      forget.dispose();
      watching.dispose();
      clients.dispose();
    }
  });
});
