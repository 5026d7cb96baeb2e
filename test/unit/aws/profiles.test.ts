import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isValidRegionName, parseIni, profileRegion, profilesFromFiles, readProfiles, sharedFilePaths } from '../../../src/aws/profiles';

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
[profile  assume ]
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
  it('parses sections, skips comments and nested blocks', () => {
    const s = parseIni(CONFIG);
    assert.equal(s.get('default')?.region, 'eu-west-1');
    assert.equal(s.get('profile assume')?.role_arn, 'arn:aws:iam::123456789012:role/x');
    assert.equal(s.get('profile assume')?.max_concurrent_requests, undefined);
  });

  it('lists profiles of both files with kind, region and endpoint, default first', () => {
    const profiles = profilesFromFiles(CONFIG, CREDENTIALS);
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

  it('parses 5,000 profiles quickly', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `[profile p${i}]\nregion = us-east-1\nrole_arn = arn:aws:iam::1:role/r${i}\nsource_profile = default\n`).join('');
    // CPU time of this process, not wall time: other processes on a loaded machine do not count.
    const t = process.cpuUsage();
    const profiles = profilesFromFiles(big, '');
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

import { endpointsFromFiles } from '../../../src/aws/profiles';

describe('aws/profiles endpoints', () => {
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

  it('CloudWatch Logs and CloudWatch follow the same rules under their config ids (cloudwatch_logs, cloudwatch)', () => {
    assert.deepEqual(endpointsFromFiles(config, 'split', {}, ['logs', 'cloudwatch']), { logs: 'http://global:1', cloudwatch: 'http://global:1' });
    assert.deepEqual(endpointsFromFiles(config, 'split', { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://env' }, ['logs', 'cloudwatch']), { logs: undefined, cloudwatch: 'http://global:1' });
  });

  it('uses a profile endpoint_url for both services', () => {
    assert.deepEqual(endpointsFromFiles(config, 'local', {}), { ecs: 'http://127.0.0.1:4566', ecr: 'http://127.0.0.1:4566' });
  });

  it('a services section wins for its service, endpoint_url covers the rest', () => {
    assert.deepEqual(endpointsFromFiles(config, 'split', {}), { ecs: 'http://ecs-only:2', ecr: 'http://global:1' });
  });

  it('environment variables win (left to the SDK) and the ignore switches turn it off', () => {
    assert.deepEqual(endpointsFromFiles(config, 'split', { AWS_ENDPOINT_URL_ECS: 'http://env' }), { ecs: undefined, ecr: 'http://global:1' });
    assert.equal(endpointsFromFiles(config, 'local', { AWS_ENDPOINT_URL: 'http://env' }), undefined);
    assert.equal(endpointsFromFiles(config, 'local', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), undefined);
    assert.equal(endpointsFromFiles(config, 'ignored', {}), undefined);
    assert.equal(endpointsFromFiles(config, 'plain', {}), undefined);
    assert.equal(endpointsFromFiles(config, 'missing', {}), undefined);
  });
});
