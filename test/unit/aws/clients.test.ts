import * as assert from 'node:assert/strict';
import { SdkClients, type AwsTarget } from '../../../src/aws/clients';

describe('aws/clients', () => {
  it('applies a picked profile\'s endpoint (read once per profile) and leaves the default chain to the SDK', async () => {
    let target: AwsTarget = { profile: 'local', region: 'us-east-1' };
    const reads: string[] = [];
    const clients = new SdkClients(
      () => target,
      (profile) => (reads.push(profile), profile === 'local' ? { ecs: 'http://127.0.0.1:4566', ecr: 'http://127.0.0.1:4567' } : undefined),
    );
    try {
      const ecs = clients.ecs();
      assert.equal(clients.ecs(), ecs, 'cached per profile and region');
      const endpoint = (await ecs.config.endpoint!()) as { hostname: string; port?: number };
      assert.equal(endpoint.hostname, '127.0.0.1');
      assert.equal(endpoint.port, 4566);
      const ecrEndpoint = (await clients.ecr('eu-west-1').config.endpoint!()) as { port?: number };
      assert.equal(ecrEndpoint.port, 4567);
      assert.deepEqual(reads, ['local']);

      target = { region: 'us-east-1' };
      const ecsDefault = clients.ecs();
      assert.notEqual(ecsDefault, ecs);
      assert.equal(ecsDefault.config.endpoint, undefined, 'the SDK resolves endpoints for the default chain');
      assert.deepEqual(reads, ['local']);
    } finally {
      clients.dispose();
    }
  });

  it('asks for a profile\'s endpoints again once the config files changed; a new endpoint is a new client', () => {
    let configured = 'http://127.0.0.1:4566';
    const reads: string[] = [];
    const clients = new SdkClients(() => ({ profile: 'local', region: 'us-east-1' }), (profile) => (reads.push(profile), { ecs: configured }));
    try {
      const before = clients.ecs();
      configured = 'http://127.0.0.1:4570';
      assert.equal(clients.ecs(), before, 'until told, the endpoints asked for are kept');
      clients.forgetProfileEndpoints();
      const after = clients.ecs();
      assert.notEqual(after, before);
      assert.deepEqual(reads, ['local', 'local']);
    } finally {
      clients.dispose();
    }
  });

  it('without a way to read profiles, a picked profile is an error, not a silent default endpoint', () => {
    const clients = new SdkClients(() => ({ profile: 'local', region: 'us-east-1' }));
    assert.throws(() => clients.ecs(), /without a way to read profile "local"/);
    clients.dispose();
  });
});
