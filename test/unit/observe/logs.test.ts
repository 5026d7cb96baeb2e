// Log sources from task definitions, the log buffer (order, duplicates, bounds, rendering), the
// follow delays, the diagnosis report and the metric queries: pure modules in plain Node.
import * as assert from 'node:assert/strict';
import { logSourceOf, logSourcesOf } from '../../../src/observe/logSource';
import { LogBuffer, streamLabel } from '../../../src/observe/logBuffer';
import { FOLLOW, groupTargets, nextPollDelay } from '../../../src/observe/logSession';
import { diagnose, diagnosisReport } from '../../../src/observe/diagnosis';
import { chartSeries, deploymentMarkers, metricQueries } from '../../../src/observe/metrics';

const TASK = '0f1e2d3c4b5a69788a1b2c3d4e5f6071';

describe('observe: log sources', () => {
  it('awslogs: group, region and the stream prefix/container/taskId', () => {
    const s = logSourceOf({ name: 'web', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'ecs' } } }, TASK);
    assert.deepEqual(s, { kind: 'cloudwatch', container: 'web', logGroup: '/ecs/web', region: 'eu-west-1', logStream: `ecs/web/${TASK}`, via: 'awslogs' });
  });

  it('awslogs without a prefix: says there is no stream to find', () => {
    const s = logSourceOf({ name: 'web', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1' } } }, TASK);
    assert.equal(s.kind, 'unavailable');
    assert.match(s.kind === 'unavailable' ? s.message : '', /without awslogs-stream-prefix.*no stream to find/);
  });

  it('FireLens to CloudWatch: log_group_name and log_stream_prefix + container-firelens-taskId', () => {
    for (const Name of ['cloudwatch', 'cloudwatch_logs']) {
      const s = logSourceOf({ name: 'app', logConfiguration: { logDriver: 'awsfirelens', options: { Name, region: 'us-west-2', log_group_name: '/fl/app', log_stream_prefix: 'from-fluent-bit-' } } }, TASK);
      assert.deepEqual(s, { kind: 'cloudwatch', container: 'app', logGroup: '/fl/app', region: 'us-west-2', logStream: `from-fluent-bit-app-firelens-${TASK}`, via: 'firelens' });
    }
  });

  it('other destinations: where the logs go and that they cannot be shown here', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ logDriver: 'awsfirelens', options: { Name: 'datadog', apikey: 'x' } }, /through FireLens to Datadog; they cannot be shown here/],
      [{ logDriver: 'awsfirelens', options: { Name: 's3', bucket: 'b' } }, /to Amazon S3; they cannot be shown here/],
      [{ logDriver: 'awsfirelens', options: {} }, /log router's own configuration file/],
      [{ logDriver: 'splunk', options: { 'splunk-url': 'https://splunk:8088' } }, /splunk driver to Splunk \(https:\/\/splunk:8088\); they cannot be shown here/],
      [{}, /has no log configuration/],
    ];
    for (const [logConfiguration, message] of cases) {
      const s = logSourceOf({ name: 'app', logConfiguration: logConfiguration as never }, TASK);
      assert.equal(s.kind, 'unavailable');
      assert.match(s.kind === 'unavailable' ? s.message : '', message);
    }
  });

  it('one container of several, and sources grouped by region and group', () => {
    const defs = [
      { name: 'a', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-stream-prefix': 'p' } } },
      { name: 'b', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-stream-prefix': 'p' } } },
    ];
    assert.deepEqual(logSourcesOf(defs, TASK, 'b').map((s) => s.container), ['b']);
    assert.deepEqual(groupTargets(logSourcesOf(defs, TASK)), [{ region: undefined, logGroup: 'g', logStreams: [`p/a/${TASK}`, `p/b/${TASK}`] }]);
  });
});

describe('observe: log buffer', () => {
  const buffer = (max = 100) => new LogBuffer({ labelStreams: true, maxEvents: max, formatTime: (ms) => `t${ms}` });

  it('keeps time order across streams, drops duplicates, and labels streams', () => {
    const b = buffer();
    assert.equal(b.add([{ timestamp: 3, message: 'c', logStream: `p/web/${TASK}` }, { timestamp: 1, message: 'a', logStream: `p/web/${TASK}` }]), 2);
    assert.equal(b.add([{ timestamp: 2, message: 'b', logStream: `p/api/${TASK}`, eventId: '1' }, { timestamp: 3, message: 'c', logStream: `p/web/${TASK}`, eventId: '9' }]), 1);
    assert.equal(b.render(), `t1 [web/0f1e2d3c] a\nt2 [api/0f1e2d3c] b\nt3 [web/0f1e2d3c] c\n`);
  });

  it('indents continuation lines of a multi-line event and says when older events were dropped', () => {
    const b = buffer(2);
    b.add([1, 2, 3].map((t) => ({ timestamp: t, message: t === 3 ? 'Error: x\n    at y' : `m${t}`, logStream: 's' })));
    assert.equal(b.dropped, 1);
    assert.equal(b.render(['# head']), '# head\n(1 older events are not shown: the document keeps the newest 2)\nt2 [s] m2\nt3 [s] Error: x\n        at y\n');
  });

  it('labels FireLens streams by prefix and container, and task', () => {
    assert.equal(streamLabel(`fl-app-firelens-${TASK}`), 'fl-app/0f1e2d3c');
  });
});

describe('observe: follow delays', () => {
  it('polls every second while events arrive, backs off while quiet and after errors', () => {
    assert.equal(nextPollDelay(0, 0), FOLLOW.baseMs);
    assert.equal(nextPollDelay(FOLLOW.quietAfter, 0), FOLLOW.quietMs);
    assert.equal(nextPollDelay(FOLLOW.idleAfter, 0), FOLLOW.idleMs);
    assert.equal(nextPollDelay(0, 1), 2000);
    assert.equal(nextPollDelay(0, 3), 8000);
    assert.equal(nextPollDelay(0, 10), FOLLOW.maxErrorMs);
  });
});

describe('observe: diagnosis report', () => {
  it('puts the likely cause, the evidence, each task and container, and the events in one document', () => {
    const d = diagnose({
      tasks: [{ taskArn: `arn:aws:ecs:us-east-1:1:task/c/${TASK}`, stoppedReason: 'Essential container in task exited', containers: [{ name: 'web', exitCode: 1, lastLogLines: ['Error: boom'] }, { name: 'side', exitCode: 137, lastLogLines: [], logsNote: 'not essential: logs not read' }] }],
      events: ['(service web) deployment failed: tasks failed to start.'],
    });
    assert.match(d.cause ?? '', /Essential container web exited with code 1/);
    assert.equal(d.evidence, 'Error: boom');
    const text = diagnosisReport(d, 'web failed', (ms) => String(ms));
    for (const part of ['**Likely cause:**', 'Error: boom', `### Task ${TASK}`, '**web**: exit code 1', '(not essential: logs not read)', '- (service web) deployment failed']) assert.ok(text.includes(part), part);
  });

  it('for a one-off task (Run Task) leaves out the service events section', () => {
    const d = diagnose({ tasks: [{ taskArn: `arn:aws:ecs:us-east-1:1:task/c/${TASK}`, stoppedReason: 'Essential container in task exited', containers: [{ name: 'job', exitCode: 1, lastLogLines: ['Error: boom'] }] }], events: [] });
    const text = diagnosisReport(d, 'migrate:3: why the task failed', (ms) => String(ms), { serviceEvents: false });
    assert.ok(text.includes('**job**: exit code 1'));
    assert.ok(!text.includes('Service events'), text);
    assert.ok(diagnosisReport(d, 'x', String).includes('## Service events (0)'));
  });
});

describe('observe: metric queries', () => {
  it('asks for CPU and memory average and maximum per service, Container Insights metrics when on', () => {
    const q = metricQueries('prod', 'web', '7d', true);
    assert.deepEqual(q.map((x) => `${x.metricName}/${x.stat}`), ['CPUUtilization/Average', 'CPUUtilization/Maximum', 'MemoryUtilization/Average', 'MemoryUtilization/Maximum', 'RunningTaskCount/Average', 'NetworkRxBytes/Sum', 'NetworkTxBytes/Sum']);
    assert.deepEqual(q[0].dimensions, [{ name: 'ClusterName', value: 'prod' }, { name: 'ServiceName', value: 'web' }]);
    assert.equal(q[0].period, 60);
    assert.deepEqual(metricQueries('prod', undefined, '1h', false).map((x) => x.dimensions.length), [1, 1, 1, 1]);
    const series = chartSeries(q.slice(0, 1), [{ id: 'm0', timestamps: [60_000, 120_000], values: [1, Number.NaN] }]);
    assert.deepEqual(series[0].timestamps, [60, 120]);
    assert.deepEqual(series[0].values, [1, null]);
  });

  it('marks deployments within the range with their revision', () => {
    const marks = deploymentMarkers([
      { taskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/web:3', createdAt: 5_000, status: 'PRIMARY' },
      { taskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/web:4', createdAt: 8_000, status: 'ROLLBACK_SUCCESSFUL' },
      { taskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/web:1', createdAt: 1_000 },
    ], 2_000, 10_000);
    assert.deepEqual(marks, [{ at: 5, label: 'web:3' }, { at: 8, label: 'web:4 (rollback successful)' }]);
  });
});
