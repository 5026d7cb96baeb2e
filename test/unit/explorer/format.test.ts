import * as assert from 'node:assert/strict';
import * as f from '../../../src/explorer/format';

const NOW = Date.parse('2026-01-10T12:00:00Z');

describe('explorer/format', () => {
  it('relative times', () => {
    assert.equal(f.relativeTime(NOW - 10_000, NOW), 'just now');
    assert.equal(f.relativeTime(NOW - 5 * 60_000, NOW), '5 min ago');
    assert.equal(f.relativeTime(NOW - 3 * 3600_000, NOW), '3 hours ago');
    assert.equal(f.relativeTime(NOW - 3 * 86400_000, NOW), '3 days ago');
    assert.equal(f.relativeTime(undefined, NOW), '');
  });

  it('tooltip timestamps are in the user\'s time zone, with the zone named, not raw UTC', () => {
    const at = Date.UTC(2026, 11, 6, 14, 4, 5);
    assert.equal(f.localTime(at, { locale: 'en-US', timeZone: 'Europe/Berlin' }), 'Dec 6, 2026, 3:04:05 PM GMT+1');
    assert.equal(f.localTime(new Date(at).toISOString(), { locale: 'en-US', timeZone: 'America/New_York' }), 'Dec 6, 2026, 9:04:05 AM EST');
    assert.equal(f.localTime(undefined), '');
    assert.equal(f.localTime('not a date'), '');
  });

  it('sizes and digests', () => {
    assert.equal(f.formatBytes(45_234_567), '45.2 MB');
    assert.equal(f.formatBytes(512), '512 B');
    assert.equal(f.shortDigest('sha256:0123456789abcdef0123'), 'sha256:0123456789ab');
  });

  it('cluster summary', () => {
    assert.equal(
      f.clusterSummary({ status: 'ACTIVE', activeServicesCount: 3, runningTasksCount: 5, pendingTasksCount: 1, registeredContainerInstancesCount: 0 }),
      '3 services · 5 running · 1 pending',
    );
    assert.equal(f.clusterSummary({ status: 'INACTIVE', activeServicesCount: 1, runningTasksCount: 0 }), '1 service · 0 running · INACTIVE');
  });

  it('service states from deployments', () => {
    const td = 'arn:aws:ecs:us-east-1:1:task-definition/web:';
    const steady = { status: 'ACTIVE', desiredCount: 2, runningCount: 2, taskDefinition: `${td}5`, deployments: [{ status: 'PRIMARY', rolloutState: 'COMPLETED' as const, runningCount: 2, desiredCount: 2 }] };
    assert.equal(f.serviceState(steady), 'steady');
    assert.equal(f.serviceSummary(steady), '2/2 running · web:5');
    assert.equal(
      f.serviceState({ ...steady, deployments: [{ status: 'PRIMARY', rolloutState: 'IN_PROGRESS' as const }, { status: 'ACTIVE', rolloutState: 'COMPLETED' as const }] }),
      'deploying',
    );
    assert.equal(f.serviceState({ ...steady, deployments: [{ status: 'PRIMARY', rolloutState: 'FAILED' as const }] }), 'failed');
    assert.equal(
      f.serviceState({
        ...steady,
        deployments: [{ status: 'PRIMARY', rolloutState: 'COMPLETED' as const, rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1' }],
      }),
      'rolledback',
    );
    assert.equal(f.serviceState({ ...steady, status: 'DRAINING' }), 'draining');
    // No rolloutState (CODE_DEPLOY / classic LB): fall back to counts
    assert.equal(f.serviceState({ ...steady, deployments: [{ status: 'PRIMARY', runningCount: 1, desiredCount: 2 }] }), 'deploying');
    // Scaled after its rollout completed: the count moves, no deployment does.
    const scaling = { ...steady, desiredCount: 3, deployments: [{ status: 'PRIMARY', rolloutState: 'COMPLETED' as const, runningCount: 2, desiredCount: 3 }] };
    assert.equal(f.serviceState(scaling), 'scaling');
    assert.equal(f.serviceSummary(scaling), '2/3 running · web:5 · scaling');
  });

  it('task and container summaries', () => {
    const t = {
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      healthStatus: 'UNHEALTHY' as const,
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:4',
      launchType: 'FARGATE' as const,
      stoppedReason: 'Essential container in task exited',
      stoppedAt: new Date(NOW - 120_000),
    };
    assert.equal(f.taskState(t), 'stopped');
    assert.equal(f.taskSummary(t, NOW), 'STOPPED · UNHEALTHY · web:4 · Essential container in task exited · stopped 2 min ago · FARGATE');
    assert.equal(f.taskState({ lastStatus: 'RUNNING', desiredStatus: 'STOPPED' }), 'stopping');
    assert.equal(f.taskState({ lastStatus: 'PROVISIONING' }), 'pending');
    assert.equal(f.containerSummary({ image: 'nginx:1', lastStatus: 'STOPPED', exitCode: 137, reason: 'OOM' }), 'nginx:1 · STOPPED · exit 137 · OOM');
  });

  it('images: summary, newest first, untagged apart', () => {
    const images = [
      { imageDigest: 'sha256:aaa', imageTags: ['v1'], imagePushedAt: new Date(NOW - 3 * 86400_000), imageSizeInBytes: 1_500_000 },
      { imageDigest: 'sha256:bbb', imageTags: [], imagePushedAt: new Date(NOW - 86400_000) },
      { imageDigest: 'sha256:ccc', imageTags: ['v2', 'latest'], imagePushedAt: new Date(NOW - 3600_000), imageScanStatus: { status: 'COMPLETE' as const }, imageScanFindingsSummary: { findingSeverityCounts: { HIGH: 2, LOW: 0 } } },
    ];
    const { tagged, untagged } = f.groupImages(images);
    assert.deepEqual(tagged.map((i) => i.imageDigest), ['sha256:ccc', 'sha256:aaa']);
    assert.deepEqual(untagged.map((i) => i.imageDigest), ['sha256:bbb']);
    assert.equal(f.imageLabel(images[2]), 'v2, latest');
    assert.equal(f.imageLabel(images[1]), 'sha256:bbb');
    assert.equal(f.imageSummary(images[2], NOW), 'sha256:ccc · pushed 1 hour ago · scan complete (2 high)');
    assert.equal(f.imageSummary(images[0], NOW), 'sha256:aaa · pushed 3 days ago · 1.5 MB');
  });
  it('container instance details: agent and Docker versions, CPU and memory remaining against registered', () => {
    const res = (cpu: number, mem: number) => [{ name: 'CPU', type: 'INTEGER', integerValue: cpu }, { name: 'MEMORY', type: 'INTEGER', integerValue: mem }, { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22'] }];
    const rows = f.containerInstanceDetails({
      agentConnected: true,
      versionInfo: { agentVersion: '1.86.3', dockerVersion: 'DockerVersion: 20.10.25' },
      registeredResources: res(2048, 7680),
      remainingResources: res(1536, 6656),
    });
    assert.deepEqual(rows.map((r) => `${r.label}: ${r.text}`), [
      'ECS agent: 1.86.3 · connected',
      'Docker: 20.10.25',
      'CPU: 1536 of 2048 units remaining (512 reserved)',
      'Memory: 6656 of 7680 MiB remaining (1024 reserved)',
    ]);
    assert.deepEqual(f.containerInstanceDetails({ agentConnected: false }).map((r) => r.text), ['version not reported · disconnected', 'version not reported', 'not reported', 'not reported']);
  });

  it('revision rows: shortened images (two at most, then how many more) and the registration time in local time', () => {
    const at = Date.UTC(2026, 11, 6, 14, 4, 5);
    const opts = { locale: 'en-US', timeZone: 'Europe/Berlin' };
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3';
    const ecrImage = '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/my-app:v1.5.2';
    assert.equal(f.revisionSummary({ arn, status: 'ACTIVE', images: [ecrImage], registeredAt: at }, opts), 'my-app:v1.5.2 · Dec 6, 2026, 3:04 PM');
    assert.equal(f.revisionSummary({ arn, status: 'INACTIVE', images: [ecrImage], registeredAt: at }, opts), 'INACTIVE · my-app:v1.5.2 · Dec 6, 2026, 3:04 PM');
    assert.equal(f.shortImages([ecrImage, 'public.ecr.aws/envoy:v1.29', 'datadog/agent:7', ecrImage]), 'my-app:v1.5.2, envoy:v1.29 +1');
    // Not described (the describe failed): the bare status, as before.
    assert.equal(f.revisionSummary({ arn, status: 'ACTIVE' }, opts), 'ACTIVE');
    const tooltip = f.revisionTooltip({ arn, status: 'ACTIVE', images: [ecrImage], registeredAt: at }, opts);
    assert.ok(tooltip.includes(`Image: ${ecrImage}`));
    assert.ok(tooltip.includes('Registered Dec 6, 2026, 3:04:05 PM GMT+1'));
  });
});
