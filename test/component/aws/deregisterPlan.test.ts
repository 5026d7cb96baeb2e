// Deregister Old Revisions fails closed when a DescribeServices answer has failures: against the emulator.
import * as assert from 'node:assert/strict';
import { planDeregistration, UnreadableServicesError } from '../../../src/deploy/deregistration';
import { emulatorSuite, type EmulatorFixture } from '../explorer/emulatorFixture';

describe('deploy planDeregistration against the emulator', function () {
  this.timeout(30_000);
  let fx: EmulatorFixture;
  const signal = new AbortController().signal;

  emulatorSuite('demo', (f) => (fx = f));

  it('keeps what services use; a service that could not be read stops the plan and is named', async () => {
    const plan = await planDeregistration(fx.clients, 'web', 1, { signal, region: 'us-east-1' });
    assert.ok(plan.keptNewest.length === 1);

    await fx.control.injectFault({ operation: 'DescribeServices', kind: 'partialFailure', count: 1, reason: 'ACCESS_DENIED' });
    const error = await planDeregistration(fx.clients, 'web', 1, { signal, region: 'us-east-1' }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof UnreadableServicesError, String(error));
    assert.equal(error.services.length, 1);
    assert.match(error.services[0], /^arn:aws:ecs:us-east-1:\d{12}:service\//);
    assert.match(error.message, /^Nothing was deregistered: the service arn:aws:ecs:.* could not be read, and might use revisions of web\./);
  });

  it('a service ECS confirms MISSING (deleted meanwhile) uses nothing: the plan goes on', async () => {
    await fx.control.injectFault({ operation: 'DescribeServices', kind: 'partialFailure', count: 1 });
    const plan = await planDeregistration(fx.clients, 'web', 1, { signal, region: 'us-east-1' });
    assert.equal(plan.keptNewest.length, 1);
  });
});
