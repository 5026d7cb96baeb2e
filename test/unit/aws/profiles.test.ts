import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { endpointsOf, isValidRegionName, profileRegion, profilesOf, readProfiles, sharedFilePaths, type SharedConfigFiles } from '../../../src/aws/profiles';
import { sharedConfigOf } from './sharedConfigFiles';

const CONFIG = `
# comment
[default]
region = eu-west-1

[profile sso-dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Dev
region = us-west-2

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile proc]
credential_process = /usr/bin/get-creds --json
[profile assume]
role_arn = arn:aws:iam::123456789012:role/x
source_profile = default
s3 =
  max_concurrent_requests = 20
[profile local]
endpoint_url = http://127.0.0.1:4566
[services ignored]
ecs =
  endpoint_url = http://x
`;
const CREDENTIALS = `[default]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = secret
[static-only]
aws_access_key_id = AKIA2
aws_secret_access_key = s2
`;

describe('aws/profiles', () => {
  let files: SharedConfigFiles;
  before(async () => {
    files = await sharedConfigOf(CONFIG, CREDENTIALS);
  });

  it('parses sections, skips comments and nested blocks', () => {
    // The SDK's loader: `[profile x]` is `x`, `[default]` is `default`.
    const s = files.configFile;
    assert.equal(s.default?.region, 'eu-west-1');
    assert.equal(s.assume?.role_arn, 'arn:aws:iam::123456789012:role/x');
    assert.equal(s.assume?.max_concurrent_requests, undefined);
  });

  it('lists profiles of both files with kind, region and endpoint, default first', () => {
    const profiles = profilesOf(files);
    assert.deepEqual(profiles.map((p) => p.name), ['default', 'assume', 'local', 'proc', 'sso-dev', 'static-only']);
    const byName = new Map(profiles.map((p) => [p.name, p]));
    assert.equal(byName.get('default')?.kind, 'static');
    assert.deepEqual(byName.get('default')?.sources, ['config', 'credentials']);
    assert.equal(byName.get('sso-dev')?.kind, 'sso');
    assert.equal(byName.get('sso-dev')?.region, 'us-west-2');
    assert.equal(byName.get('proc')?.kind, 'process');
    assert.equal(byName.get('assume')?.kind, 'assumeRole');
    assert.equal(byName.get('local')?.endpointUrl, 'http://127.0.0.1:4566');
    assert.equal(byName.get('static-only')?.kind, 'static');
  });

  it('reads the files named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE; missing files are empty', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsw-profiles-'));
    try {
      await fs.writeFile(path.join(dir, 'config'), CONFIG);
      const env = { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'nope') };
      const profiles = await readProfiles(env, dir);
      assert.equal(profiles.length, 5);
      assert.equal(await profileRegion('sso-dev', env, dir), 'us-west-2');
      assert.equal(await profileRegion('proc', env, dir), undefined);
      assert.deepEqual(sharedFilePaths({}, '/home/u'), { config: '/home/u/.aws/config', credentials: '/home/u/.aws/credentials' });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('parses 5,000 profiles quickly', async () => {
    const big = Array.from({ length: 5000 }, (_, i) => `[profile p${i}]\nregion = us-east-1\nrole_arn = arn:aws:iam::1:role/r${i}\nsource_profile = default\n`).join('');
    // CPU time of this process, not wall time: other processes on a loaded machine do not count.
    const t = process.cpuUsage();
    const profiles = profilesOf(await sharedConfigOf(big, ''));
    const used = process.cpuUsage(t);
    const ms = (used.user + used.system) / 1000;
    assert.equal(profiles.length, 5000);
    assert.ok(ms < 500, `${ms} ms`);
  });

  it('validates region names', () => {
    assert.ok(isValidRegionName('eu-central-1'));
    assert.ok(isValidRegionName('us-gov-west-1'));
    assert.ok(!isValidRegionName('Europe'));
    assert.ok(!isValidRegionName('us-east'));
  });
});


describe('aws/profiles endpoints', () => {
  let files: SharedConfigFiles;
  const config = `
[profile local]
endpoint_url = http://127.0.0.1:4566
[profile split]
services = split-services
endpoint_url = http://global:1
[services split-services]
ecs =
  endpoint_url = http://ecs-only:2
s3 =
  endpoint_url = http://s3:3
[profile ignored]
endpoint_url = http://x:4
ignore_configured_endpoint_urls = true
[profile plain]
region = us-east-1
`;
  before(async () => {
    files = await sharedConfigOf(config, '');
  });

  it('CloudWatch Logs and CloudWatch follow the same rules under their config ids (cloudwatch_logs, cloudwatch)', () => {
    assert.deepEqual(endpointsOf(files, 'split', {}, ['logs', 'cloudwatch']), { logs: 'http://global:1', cloudwatch: 'http://global:1' });
    assert.deepEqual(endpointsOf(files, 'split', { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://env' }, ['logs', 'cloudwatch']), { logs: undefined, cloudwatch: 'http://global:1' });
  });

  it('uses a profile endpoint_url for both services', () => {
    assert.deepEqual(endpointsOf(files, 'local', {}), { ecs: 'http://127.0.0.1:4566', ecr: 'http://127.0.0.1:4566' });
  });

  it('a services section wins for its service, endpoint_url covers the rest', () => {
    assert.deepEqual(endpointsOf(files, 'split', {}), { ecs: 'http://ecs-only:2', ecr: 'http://global:1' });
  });

  it('environment variables win (left to the SDK) and the ignore switches turn it off', () => {
    assert.deepEqual(endpointsOf(files, 'split', { AWS_ENDPOINT_URL_ECS: 'http://env' }), { ecs: undefined, ecr: 'http://global:1' });
    assert.equal(endpointsOf(files, 'local', { AWS_ENDPOINT_URL: 'http://env' }), undefined);
    assert.equal(endpointsOf(files, 'local', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), undefined);
    assert.equal(endpointsOf(files, 'ignored', {}), undefined);
    assert.equal(endpointsOf(files, 'plain', {}), undefined);
    assert.equal(endpointsOf(files, 'missing', {}), undefined);
  });
});

describe('aws/profiles read as the SDK reads them (its loader, not a parser of our own)', () => {
  it('an sso-session section is no profile; the profile names it and the section keeps its settings', async () => {
    const files = await sharedConfigOf(CONFIG, '');
    assert.equal(files.configFile['sso-session.corp']?.sso_start_url, 'https://corp.awsapps.com/start');
    const profiles = profilesOf(files);
    assert.ok(!profiles.some((p) => p.name.includes('corp') || p.name.startsWith('sso-session')), JSON.stringify(profiles.map((p) => p.name)));
    assert.equal(profiles.find((p) => p.name === 'sso-dev')?.ssoSession, 'corp');
    assert.ok(!profiles.some((p) => p.name.startsWith('services')), 'a services section is no profile');
  });

  it('credentials-file profiles need no prefix; a [profile x] there is none, as for the SDK', async () => {
    const profiles = profilesOf(await sharedConfigOf('', '[plain]\naws_access_key_id = AKIA1\n[profile prefixed]\naws_access_key_id = AKIA2\n'));
    assert.deepEqual(profiles.map((p) => [p.name, p.kind, p.sources]), [['plain', 'static', ['credentials']]]);
  });

  it('inline comments end a value; sections the SDK cannot name (a bare [name] in config, extra blanks in a header) are skipped', async () => {
    const profiles = profilesOf(await sharedConfigOf('[profile ok] # mine\nregion = eu-west-1 ; trailing\n[loose]\nregion = x\n[profile  spaced ]\nregion = y\n', ''));
    // The SDK's credential chain could not find `loose` or `spaced` either: the picker does not offer them.
    assert.deepEqual(profiles.map((p) => [p.name, p.region]), [['ok', 'eu-west-1']]);
  });

  it('a profile named __proto__ makes the SDK reject the file: no profiles from it, nothing inherited', async () => {
    const files = await sharedConfigOf('[profile __proto__]\nregion = x\n[profile ok]\nregion = y\n', '[default]\naws_access_key_id = AKIA1\n');
    assert.deepEqual(profilesOf(files).map((p) => p.name), ['default']);
    assert.equal(endpointsOf(files, '__proto__', {}), undefined);
    assert.equal(endpointsOf(files, 'toString', {}), undefined);
  });
});
