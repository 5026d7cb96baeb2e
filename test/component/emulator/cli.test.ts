// `npm run emulator` builds the CLI on the fly and prints the ready line.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as ecs from '@aws-sdk/client-ecs';
import * as ecr from '@aws-sdk/client-ecr';
import { EmulatorControl } from '../../emulator/control';
import { repoRoot } from './modelShape';

describe('emulator: npm run emulator', function () {
  this.timeout(60_000);

  it('prints "emulator listening on http://127.0.0.1:<port>" and serves the demo seed', async () => {
    const child = spawn('npm', ['run', '--silent', 'emulator', '--', '--port', '0', '--seed', 'demo', '--speed', '5'], { cwd: repoRoot(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/m.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)));
      });
      const client = new ecs.ECSClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      try {
        const clusters = await client.send(new ecs.ListClustersCommand({}));
        assert.deepEqual(clusters.clusterArns!.map((a) => a.split('/')[1]).sort(), ['production', 'staging']);
        const svc = (await client.send(new ecs.DescribeServicesCommand({ cluster: 'production', services: ['web'] }))).services![0];
        assert.equal(svc.desiredCount, 2);
        assert.ok(svc.taskDefinition!.endsWith('web:2'));
      } finally {
        client.destroy();
      }
      const control = new EmulatorControl(url);
      // --speed scales the simulated phases only; the timestamps it returns stay on the wall clock (issue 17).
      const before = Date.now();
      const now = await control.now();
      assert.ok(now >= before - 1_000 && now <= Date.now() + 1_000, `--speed 5 keeps timestamps real: ${now - before} ms off`);
    } finally {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    }
  });

  it('--registry local starts docker-registry and hands it out as the ECR endpoint', async () => {
    const child = spawn(process.execPath, [`${repoRoot()}/out/test/emulator/cli.js`, '--port', '0', '--seed', 'empty', '--registry', 'local'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const [registry, url] = await new Promise<[string, string]>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const r = /^registry listening on (http:\/\/127\.0\.0\.1:\d+) /m.exec(out);
          const m = /^emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
          if (r && m) resolve([r[1], m[1]]);
        });
        child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)));
      });
      const client = new ecr.ECRClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      try {
        const token = (await client.send(new ecr.GetAuthorizationTokenCommand({}))).authorizationData![0];
        assert.equal(token.proxyEndpoint, registry);
        const res = await fetch(`${registry}/v2/`, { headers: { authorization: `Basic ${token.authorizationToken}` } });
        assert.equal(res.status, 200);
      } finally {
        client.destroy();
      }
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('rejects unknown options with a message', async () => {
    const child = spawn(process.execPath, [`${repoRoot()}/out/test/emulator/cli.js`, '--seed', 'bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    assert.equal(code, 1);
    assert.match(stderr, /--seed must be demo or empty/);
  });
});
