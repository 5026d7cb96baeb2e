import * as assert from 'node:assert/strict';
import { formatImageReference, imageName, parseImageReference, shortImageLabel, withDigest, withTag } from '../../../src/domain/imageRef';
import { changedPaths, imageChanges, normalisedJson, normaliseTaskDefinition, renderImage } from '../../../src/deploy/render';
import { previousRevision, selectRevisionsToDeregister } from '../../../src/deploy/revisions';
import { parseRevision, revisionLabel, sameRevision } from '../../../src/domain/arn';
import { MAX_POLL_INTERVAL_MS, isThrottlingError, nextPollDelay } from '../../../src/deploy/pollSchedule';

const DIGEST = 'sha256:' + 'ab'.repeat(32);

describe('image references', () => {
  it('splits a registry with a port from the tag (the rsplit(":") bug)', () => {
    assert.deepEqual(parseImageReference('localhost:5000/team/web:1.2'), { registry: 'localhost:5000', repository: 'team/web', tag: '1.2', digest: undefined });
    assert.deepEqual(parseImageReference('localhost:5000/web'), { registry: 'localhost:5000', repository: 'web', tag: undefined, digest: undefined });
  });

  it('handles ECR, Docker Hub short names and digests', () => {
    const ecr = parseImageReference('123456789012.dkr.ecr.us-east-1.amazonaws.com/web:abc123');
    assert.equal(ecr.registry, '123456789012.dkr.ecr.us-east-1.amazonaws.com');
    assert.equal(ecr.repository, 'web');
    assert.equal(ecr.tag, 'abc123');
    assert.deepEqual(parseImageReference('nginx'), { registry: undefined, repository: 'nginx', tag: undefined, digest: undefined });
    assert.deepEqual(parseImageReference('library/nginx:1.27'), { registry: undefined, repository: 'library/nginx', tag: '1.27', digest: undefined });
    const pinned = parseImageReference(`web@${DIGEST}`);
    assert.equal(pinned.digest, DIGEST);
    assert.equal(pinned.tag, undefined);
    const both = parseImageReference(`host:443/web:1@${DIGEST}`);
    assert.equal(both.registry, 'host:443');
    assert.equal(both.tag, '1');
    assert.equal(both.digest, DIGEST);
  });

  it('round-trips and rewrites tags and digests', () => {
    for (const ref of ['localhost:5000/team/web:1.2', `web@${DIGEST}`, 'nginx', 'a.b/c/d:e']) {
      assert.equal(formatImageReference(parseImageReference(ref)), ref);
    }
    assert.equal(withTag('localhost:5000/web:1', '2'), 'localhost:5000/web:2');
    assert.equal(withTag(`web@${DIGEST}`, 'v3'), 'web:v3');
    assert.equal(withDigest('localhost:5000/web:1', DIGEST), `localhost:5000/web@${DIGEST}`);
    assert.equal(imageName('localhost:5000/web:1'), 'localhost:5000/web');
    assert.equal(shortImageLabel('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:v2'), 'web:v2');
  });

  it('rejects what is not a reference', () => {
    assert.throws(() => parseImageReference(''));
    assert.throws(() => parseImageReference('web:bad tag'));
    assert.throws(() => parseImageReference('web@sha256:short'));
    assert.throws(() => parseImageReference('web:'));
    assert.throws(() => withTag('web', 'no/slash'));
  });
});

describe('revisions', () => {
  const arn = (f: string, n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${f}:${n}`;

  it('parses ARNs and family:revision', () => {
    assert.deepEqual(parseRevision(arn('web', 12)), { family: 'web', revision: 12 });
    assert.deepEqual(parseRevision('web:3'), { family: 'web', revision: 3 });
    assert.equal(parseRevision('web'), undefined);
    assert.equal(revisionLabel(arn('web', 12)), 'web:12');
    assert.ok(sameRevision(arn('web', 3), 'web:3'));
    assert.ok(!sameRevision(arn('web', 3), 'web:4'));
  });

  it('deregisters all but the newest N and those in use', () => {
    const active = [1, 2, 3, 4, 5, 6, 7].map((n) => arn('web', n)).reverse();
    const plan = selectRevisionsToDeregister(active, ['web:2', arn('web', 6)], 3);
    assert.deepEqual(plan.keptNewest, [arn('web', 7), arn('web', 6), arn('web', 5)]);
    assert.deepEqual(plan.keptInUse, [arn('web', 2)]);
    assert.deepEqual(plan.deregister, [arn('web', 1), arn('web', 3), arn('web', 4)]);
    assert.throws(() => selectRevisionsToDeregister(active, [], 0));
  });

  it('previous revision comes from the deployment history, not revision − 1', () => {
    const history = [
      { taskDefinition: arn('web', 9), createdAt: 400, status: 'SUCCESSFUL' },
      { taskDefinition: arn('web', 8), createdAt: 300, status: 'ROLLBACK_SUCCESSFUL' },
      { taskDefinition: arn('web', 7), createdAt: 250, status: 'STOPPED' },
      { taskDefinition: arn('web', 4), createdAt: 200, status: 'SUCCESSFUL' },
      { taskDefinition: arn('web', 3), createdAt: 100, status: 'SUCCESSFUL' },
    ];
    assert.equal(previousRevision(arn('web', 9), history), arn('web', 4));
    assert.equal(previousRevision(arn('web', 3), [{ taskDefinition: arn('web', 3), createdAt: 1 }]), undefined);
  });
});

describe('rendering and normalised diff', () => {
  const td = {
    family: 'web',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
    revision: 3,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      { name: 'web', image: 'localhost:5000/web:1', portMappings: [{ containerPort: 80 }], environment: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] },
      { name: 'sidecar', image: 'envoy:1', essential: false },
    ],
  };

  it('renders a new image into one container and changes nothing else', () => {
    const { taskDefinition, changes } = renderImage(td, { containerName: 'web', image: 'localhost:5000/web:2' });
    assert.deepEqual(changes, [{ container: 'web', from: 'localhost:5000/web:1', to: 'localhost:5000/web:2' }]);
    assert.equal(td.containerDefinitions[0].image, 'localhost:5000/web:1', 'input untouched');
    assert.deepEqual(changedPaths(td, taskDefinition), ['containerDefinitions[web].image']);
    assert.deepEqual(imageChanges(td, taskDefinition), changes);
  });

  it('needs a container name when there are several, and a valid reference', () => {
    assert.throws(() => renderImage(td, { image: 'web:2' }), /Name the container/);
    assert.throws(() => renderImage(td, { containerName: 'nope', image: 'web:2' }), /No container named "nope"/);
    assert.throws(() => renderImage(td, { containerName: 'web', image: 'bad image' }));
    const single = { family: 'x', containerDefinitions: [{ name: 'only', image: 'a:1' }] };
    assert.equal(renderImage(single, { image: 'a:2' }).taskDefinition.containerDefinitions?.[0].image, 'a:2');
  });

  it('normalises: sorted environment, defaults filled, describe-only and empty fields dropped', () => {
    const n = normaliseTaskDefinition(td) as { containerDefinitions: Array<Record<string, unknown>> } & Record<string, unknown>;
    assert.equal(n.taskDefinitionArn, undefined);
    assert.equal(n.revision, undefined);
    const web = n.containerDefinitions.find((c) => c.name === 'web')!;
    assert.deepEqual(web.environment, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    assert.equal(web.essential, true);
    assert.deepEqual(web.portMappings, [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }]);
    // what a user writes and what describe returns for the same revision compare equal
    const asWritten = {
      family: 'web', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', volumes: [],
      containerDefinitions: [
        { name: 'sidecar', image: 'envoy:1', essential: false, mountPoints: [] },
        { name: 'web', image: 'localhost:5000/web:1', essential: true, portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }], environment: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
      ],
    };
    assert.equal(normalisedJson(asWritten), normalisedJson(td));
    assert.deepEqual(changedPaths(td, asWritten), []);
    assert.deepEqual(changedPaths(td, { ...asWritten, cpu: '512' }), ['cpu']);
    // describe reports cpu 0 for containers without a reservation
    const described = { ...td, containerDefinitions: td.containerDefinitions.map((c) => ({ ...c, cpu: 0, mountPoints: [], volumesFrom: [] })) };
    assert.deepEqual(changedPaths(described, asWritten), []);
  });
});

describe('poll schedule', () => {
  it('is frequent at first, slower later, never slower than 15 s', () => {
    assert.equal(nextPollDelay(0), 2000);
    assert.equal(nextPollDelay(60_000), 5000);
    assert.equal(nextPollDelay(5 * 60_000), 10_000);
    assert.equal(nextPollDelay(59 * 60_000), 15_000);
    for (let t = 0; t < 2 * 3600_000; t += 7_000) {
      for (let throttles = 0; throttles < 12; throttles++) assert.ok(nextPollDelay(t, throttles) <= MAX_POLL_INTERVAL_MS);
    }
    assert.ok(nextPollDelay(0, 1) > nextPollDelay(0, 0), 'backs off when throttled');
  });

  it('recognises throttling errors', () => {
    assert.ok(isThrottlingError({ name: 'ThrottlingException' }));
    assert.ok(isThrottlingError({ name: 'X', $metadata: { httpStatusCode: 429 } }));
    assert.ok(!isThrottlingError({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
  });
});
