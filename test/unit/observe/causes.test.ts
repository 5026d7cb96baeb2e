// The likely-cause rules, each on a real message ECS users meet (from the ECS troubleshooting guide,
// service events and stopped tasks as AWS writes them).
import * as assert from 'node:assert/strict';
import { CAUSE_RULES, likelyCause, listeningPort, type Evidence } from '../../../src/observe/causes';

const ctx = (evidence: Evidence[], ports: Record<string, number[]> = {}) => ({ evidence, ports });
const stopped = (text: string): Evidence => ({ source: 'stoppedReason', text });
const event = (text: string): Evidence => ({ source: 'event', text });
const log = (container: string, text: string): Evidence => ({ source: 'log', container, text });
const container = (name: string, exitCode: number | undefined, text = ''): Evidence => ({ source: 'containerReason', container: name, exitCode, text });

const CASES: { id: string; evidence: Evidence[]; ports?: Record<string, number[]>; cause: RegExp }[] = [
  {
    id: 'pull-not-found',
    evidence: [stopped('CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:v9: 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:v9: not found')],
    cause: /image 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/my-app:v9 does not exist/,
  },
  {
    id: 'pull-permission',
    evidence: [stopped('ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/8f3c is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action')],
    cause: /not allowed to pull the image: set an execution role/,
  },
  {
    id: 'pull-network',
    evidence: [stopped('CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/nginx:latest: failed to do request: Head "https://registry-1.docker.io/v2/library/nginx/manifests/latest": dial tcp 34.226.69.105:443: i/o timeout')],
    cause: /cannot reach the image registry: from a private subnet add a NAT gateway or VPC endpoints/,
  },
  {
    id: 'secrets',
    evidence: [stopped('ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/2a1b is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:db-pass-AbCdEf')],
    cause: /secrets cannot be read: allow the execution role secretsmanager:GetSecretValue/,
  },
  {
    id: 'log-group',
    evidence: [stopped('ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1')],
    cause: /cannot write its logs: create the log group/,
  },
  {
    id: 'exec-format',
    evidence: [stopped('Essential container in task exited'), container('web', 1), log('web', 'exec /usr/local/bin/docker-entrypoint.sh: exec format error')],
    cause: /built for another CPU architecture/,
  },
  {
    id: 'out-of-memory',
    evidence: [stopped('Essential container in task exited'), container('worker', 137, 'OutOfMemoryError: Container killed due to memory usage')],
    cause: /Container worker ran out of memory and was killed \(exit 137\): raise its memory limit/,
  },
  {
    id: 'health-check-port',
    evidence: [stopped('Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067)'), container('web', 0), log('web', 'Server listening on port 3000')],
    ports: { web: [8080] },
    cause: /container web listens on port 3000, not on 8080/,
  },
  {
    id: 'health-check',
    evidence: [stopped('Task failed container health checks'), container('web', 137)],
    cause: /fail their health check/,
  },
  {
    id: 'placement-memory',
    evidence: [event('(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 5e1d0c4b-4f2a-4a8e-9c1f-2b6f7e8d9a0b) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.')],
    cause: /enough free memory/,
  },
  {
    id: 'placement-cpu',
    evidence: [event('(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 5e1d0c4b-4f2a-4a8e-9c1f-2b6f7e8d9a0b) has insufficient CPU units available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.')],
    cause: /enough free CPU units/,
  },
  {
    id: 'placement-port',
    evidence: [event('(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 5e1d0c4b-4f2a-4a8e-9c1f-2b6f7e8d9a0b) is already using a port required by your task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.')],
    cause: /already uses the host port/,
  },
  {
    id: 'placement',
    evidence: [event('(service web) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.')],
    cause: /No container instance meets the task's requirements/,
  },
  {
    id: 'essential-exit',
    evidence: [stopped('Essential container in task exited'), container('web', 1), log('web', '[INFO] Starting web (my-app:1.0.3)'), log('web', 'Error: connect ECONNREFUSED 10.0.3.14:5432'), log('web', '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)')],
    cause: /Essential container web exited with code 1 right after starting/,
  },
];

describe('observe: likely causes', () => {
  for (const c of CASES) {
    it(`${c.id}: recognises a real message`, () => {
      const found = likelyCause(ctx(c.evidence, c.ports));
      assert.equal(found?.id, c.id, JSON.stringify(found));
      assert.match(found!.cause, c.cause);
      assert.ok(found!.evidence.length > 0);
    });
  }

  it('every rule has a case above', () => {
    assert.deepEqual(CAUSE_RULES.map((r) => r.id).sort(), [...new Set(CASES.map((c) => c.id))].sort());
  });

  it('takes the crashed container\'s error line as evidence, not its stack frame', () => {
    const found = likelyCause(ctx(CASES.at(-1)!.evidence));
    assert.equal(found?.evidence, 'Error: connect ECONNREFUSED 10.0.3.14:5432');
  });

  it('names no cause for a task stopped on purpose', () => {
    assert.equal(likelyCause(ctx([stopped('Task stopped by user'), container('web', 0)])), undefined);
    assert.equal(likelyCause(ctx([stopped('Scaling activity initiated by (deployment ecs-svc/1234567890123456789)'), container('web', 143)])), undefined);
  });

  it('reads the port a process says it listens on', () => {
    assert.equal(listeningPort('Server listening on port 3000'), 3000);
    assert.equal(listeningPort('Listening on http://0.0.0.0:8000'), 8000);
    assert.equal(listeningPort('[INFO] Listening on :9090'), 9090);
    assert.equal(listeningPort('GET /health 200'), undefined);
  });
});
