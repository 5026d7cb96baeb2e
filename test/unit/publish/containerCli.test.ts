import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProgramNotFoundError, type RunOptions, type RunResult } from '../../../src/publish/childProcess';
import { ContainerCli, detectContainerCli, type Runner } from '../../../src/publish/containerCli';
import { isPublishError } from '../../../src/publish/errors';
import type { PushProgress } from '../../../src/publish/pushProgress';

interface Call {
  program: string;
  args: readonly string[];
  options: RunOptions;
}

function fakeRunner(respond: (call: Call) => Partial<RunResult> | Error): { runner: Runner; calls: Call[] } {
  const calls: Call[] = [];
  const runner: Runner = async (program, args, options = {}) => {
    const call = { program, args, options };
    calls.push(call);
    const response = respond(call);
    if (response instanceof Error) throw response;
    const result = { code: 0, signal: null, stdout: '', stderr: '', cancelled: false, timedOut: false, ...response };
    for (const line of result.stdout.split('\n')) if (line) options.onStdoutLine?.(line);
    for (const line of result.stderr.split('\n')) if (line) options.onStderrLine?.(line);
    return result;
  };
  return { runner, calls };
}

const LOCAL = { endpoint: 'http://127.0.0.1:5000', host: '127.0.0.1:5000', username: 'AWS', password: 's3cr3t-pass' };
const ECR = { endpoint: 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com', host: '123456789012.dkr.ecr.us-east-1.amazonaws.com', username: 'AWS', password: 's3cr3t-pass' };
const FIXTURES = path.resolve(__dirname, '../../../../test/unit/publish/fixtures');

describe('publish/containerCli', () => {
  it('logs in with the password on stdin only, podman into a temporary authfile', async () => {
    const { runner, calls } = fakeRunner(() => ({ stdout: 'Login Succeeded!' }));
    const logged: string[] = [];
    const cli = new ContainerCli('podman', { runner, log: (l) => logged.push(l) });
    const note = await cli.login(LOCAL);
    assert.equal(note, undefined);
    const call = calls[0];
    assert.equal(call.options.stdin, 's3cr3t-pass');
    assert.ok(!call.args.some((a) => a.includes('s3cr3t')), 'password not in argv');
    assert.ok(!logged.some((l) => l.includes('s3cr3t')), 'password not logged');
    const authfile = call.args[call.args.indexOf('--authfile') + 1];
    assert.match(authfile, /ecs-workbench-auth-[^/]+\/auth\.json$/);
    assert.deepEqual(call.args.slice(-3), ['--tls-verify=false', '--', '127.0.0.1:5000']);
    assert.ok(call.args.includes('--password-stdin'));
    fs.writeFileSync(authfile, '{}');
    await cli.dispose();
    assert.equal(fs.existsSync(path.dirname(authfile)), false, 'temporary auth dir removed');
  });

  it('never turns TLS verification off for a remote registry', async () => {
    const { runner, calls } = fakeRunner(() => ({}));
    for (const kind of ['podman', 'nerdctl', 'docker'] as const) {
      const cli = new ContainerCli(kind, { runner });
      await cli.login(ECR);
      await cli.push({ reference: `${ECR.host}/app:1`, login: ECR });
      await cli.dispose();
    }
    for (const call of calls) {
      assert.ok(!call.args.some((a) => /tls-verify|insecure/.test(a)), call.args.join(' '));
    }
  });

  it('says where docker keeps the login', async () => {
    const { runner, calls } = fakeRunner(() => ({ stdout: 'Login Succeeded' }));
    const note = await new ContainerCli('docker', { runner }).login(ECR);
    assert.match(note ?? '', /docker logout 123456789012\.dkr\.ecr/);
    assert.deepEqual(calls[0].args, ['login', '--username', 'AWS', '--password-stdin', '--', ECR.host]);
  });

  it('reports a rejected login without echoing the password', async () => {
    const { runner } = fakeRunner(() => ({ code: 125, stderr: 'Error: logging into "127.0.0.1:5000": invalid username/password s3cr3t-pass' }));
    await assert.rejects(new ContainerCli('podman', { runner }).login(LOCAL), (error: unknown) => {
      assert.ok(isPublishError(error, 'login-failed'));
      assert.ok(!error.message.includes('s3cr3t') && !(error.detail ?? '').includes('s3cr3t'));
      return true;
    });
  });

  it('builds with an explicit platform, absolute paths and -- before the context', async () => {
    const { runner, calls } = fakeRunner(() => ({}));
    await new ContainerCli('docker', { runner }).build({ context: '/w/app', dockerfile: '/w/app/Dockerfile', tags: ['h/app:2'], platform: 'linux/amd64' });
    assert.deepEqual(calls[0].args, ['build', '--platform', 'linux/amd64', '--file', '/w/app/Dockerfile', '--tag', 'h/app:2', '--', '/w/app']);
    await assert.rejects(new ContainerCli('docker', { runner }).build({ context: 'rel', dockerfile: '/x/Dockerfile', tags: ['a:1'], platform: 'linux/amd64' }), /absolute/);
    await assert.rejects(new ContainerCli('docker', { runner }).build({ context: '/w', dockerfile: '/w/Dockerfile', tags: ['--push'], platform: 'linux/amd64' }), /not a valid/);
  });

  it('refuses option-like references before spawning anything', async () => {
    const { runner, calls } = fakeRunner(() => ({}));
    const cli = new ContainerCli('podman', { runner });
    await assert.rejects(cli.tag('--help', 'h/app:1'));
    await assert.rejects(cli.push({ reference: '-q', login: LOCAL }));
    await assert.rejects(cli.inspectImage('--format={{.}}'));
    assert.equal(calls.length, 0);
  });

  it('pushes with podman: progress from the output, digest from --digestfile', async () => {
    const output = fs.readFileSync(path.join(FIXTURES, 'podman-push-3-layers.txt'), 'utf8');
    const digest = 'sha256:' + '1c'.repeat(32);
    const { runner, calls } = fakeRunner((call) => {
      if (call.args[0] === 'login') return {};
      fs.writeFileSync(call.args[call.args.indexOf('--digestfile') + 1], digest);
      return { stderr: output };
    });
    const cli = new ContainerCli('podman', { runner });
    await cli.login(LOCAL);
    const events: PushProgress[] = [];
    const result = await cli.push({ reference: '127.0.0.1:5000/app:1.0.3', login: LOCAL, layersTotalHint: 3, onProgress: (p) => events.push(p) });
    assert.equal(result.digest, digest);
    assert.deepEqual(events.at(-1), { layersDone: 3, layersTotal: 3, phase: 'done' });
    const push = calls[1].args;
    assert.equal(push[0], 'push');
    assert.equal(push[push.indexOf('--authfile') + 1], calls[0].args[calls[0].args.indexOf('--authfile') + 1], 'same authfile for login and push');
    assert.deepEqual(push.slice(-2), ['--', '127.0.0.1:5000/app:1.0.3']);
    await cli.dispose();
  });

  it('classifies a failed docker push', async () => {
    const output = fs.readFileSync(path.join(FIXTURES, 'docker-push-immutable.txt'), 'utf8');
    const { runner } = fakeRunner(() => ({ code: 1, stdout: output }));
    await assert.rejects(new ContainerCli('docker', { runner }).push({ reference: `${ECR.host}/app_service_image:latest`, login: ECR }), (e: unknown) => isPublishError(e, 'immutable-tag'));
  });

  it('reports cancellation as cancelled', async () => {
    const { runner } = fakeRunner(() => ({ code: null, cancelled: true }));
    await assert.rejects(new ContainerCli('docker', { runner }).push({ reference: 'h/app:1', login: ECR }), (e: unknown) => isPublishError(e, 'cancelled'));
  });

  it('detects the first CLI whose engine answers', async () => {
    const { runner, calls } = fakeRunner((call) => {
      if (call.program === 'docker') return { code: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' };
      if (call.program === 'podman') return { stdout: 'arm64\n' };
      return new ProgramNotFoundError(call.program, new Error('ENOENT'));
    });
    const found = await detectContainerCli(undefined, { runner });
    assert.equal(found.cli, 'podman');
    assert.equal(found.architecture, 'arm64');
    assert.deepEqual(calls.map((c) => c.program), ['docker', 'podman']);
    assert.deepEqual(calls[1].args, ['info', '--format', '{{.Host.Arch}}']);
    assert.equal(found.probes[0].ok, false);
  });

  it('explains when no engine answers, or when the configured CLI is missing', async () => {
    const down = fakeRunner((call) =>
      call.program === 'docker' ? { code: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' } : new ProgramNotFoundError(call.program, new Error('ENOENT')),
    );
    await assert.rejects(detectContainerCli(undefined, { runner: down.runner }), (e: unknown) => {
      assert.ok(isPublishError(e, 'engine-not-running'));
      assert.match(e.hint ?? '', /Docker Desktop/);
      return true;
    });
    const none = fakeRunner((call) => new ProgramNotFoundError(call.program, new Error('ENOENT')));
    await assert.rejects(detectContainerCli(undefined, { runner: none.runner }), (e: unknown) => isPublishError(e, 'cli-not-found'));
    await assert.rejects(detectContainerCli('finch', { runner: none.runner }), (e: unknown) => isPublishError(e, 'cli-not-found') && /finch/.test(e.message));
    await assert.rejects(detectContainerCli('docker', { runner: down.runner }), (e: unknown) => isPublishError(e, 'engine-not-running'));
  });
});
