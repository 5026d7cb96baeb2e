// A followed deployment's timeout holds while an AWS call stalls (issue 16: a 20 s watch ended after
// 90 s): the real SDK against the emulator, with the clients' default request timeout (30 s) and
// DescribeServices answering after a minute.
import * as assert from 'node:assert/strict';
import * as ecs from '../../../src/aws/ecs';
import { followRollout } from '../../../src/deploy/follow';
import { emulatorSuite, type EmulatorFixture } from '../explorer/emulatorFixture';

describe('deploy: a watch ends at its timeout even while a call is stalled', function () {
  this.timeout(60_000);
  let fx: EmulatorFixture;
  emulatorSuite('demo', (f) => (fx = f));

  it('a 2 s watch whose DescribeServices stalls for a minute ends as timed out within seconds', async () => {
    const options = { clients: fx.clients, region: 'us-east-1', signal: new AbortController().signal };
    const web = await ecs.describeService(options, 'staging', 'web');
    assert.ok(web?.taskDefinition, 'the demo seed has staging/web');
    await fx.control.injectFault({ operation: 'DescribeServices', kind: 'latency', latencyMs: 60_000 });
    try {
      const started = Date.now();
      const state = await followRollout(
        fx.clients,
        { cluster: 'staging', service: 'web', region: 'us-east-1' },
        { taskDefinitionArn: web.taskDefinition, startedAt: started, timeoutMs: 2_000 },
      );
      const took = Date.now() - started;
      assert.equal(state?.phase, 'timedOut', JSON.stringify(state));
      assert.match(state?.reason ?? '', /Still not complete after/);
      assert.ok(took < 15_000, `the watch ended after ${took} ms, not near its 2 s timeout`);
    } finally {
      await fx.control.clearFaults();
    }
  });
});
