// Linter fidelity (issue 16) and the TD010 quick fixes in both directions (issue 17): each item found on
// real task-definition files, one test each.
import * as assert from 'node:assert/strict';
import { applyFix, ec2, fargate, fires, lint, of, silent, text } from './helpers';

// Issue 16, "Linter fidelity": each item measured on real files, one test each.
describe('taskdef/rules fidelity (issue 16)', () => {
  it('memory equal to memoryReservation is accepted (ECS: greater than or equal)', () => {
    silent(ec2({}, { memory: 512, memoryReservation: 512 }), 'TD041');
    fires(ec2({}, { memory: 511, memoryReservation: 512 }), 'TD041', [['511', 'error']]);
  });

  it('an empty list of a parameter Fargate does not support is not a use of it', () => {
    silent(fargate({}, { linuxParameters: { devices: [], tmpfs: [], capabilities: { add: [] } }, dnsServers: [] }), 'TD012');
    fires(fargate({}, { linuxParameters: { devices: [{ hostPath: '/dev/fuse' }] } }), 'TD012', [['"devices"', 'error']]);
  });

  it('awslogs on Fargate without executionRoleArn is an error (registration rejects it)', () => {
    const f = fires(fargate({ executionRoleArn: undefined }), 'TD011', [['"awslogs"', 'error']]);
    assert.match(f[0].message, /executionRoleArn/);
    silent(fargate(), 'TD011');
    silent(ec2({}, { logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-region': 'us-east-1' } } }), 'TD011');
  });

  it('a container without image is an error, like "image": ""', () => {
    fires(fargate({}, { image: undefined }), 'TD080', [['"web"', 'error']]);
    const f = fires(fargate({}, { image: '' }), 'TD080', [['""', 'error']]);
    assert.match(f[0].message, /empty "image"/);
  });

  it('an empty required member is an error (repositoryCredentials.credentialsParameter: "")', () => {
    const f = fires(fargate({}, { repositoryCredentials: { credentialsParameter: '' } }), 'TD001', [['""', 'error']]);
    assert.match(f[0].message, /"credentialsParameter" is required and cannot be empty/);
    silent(fargate({}, { repositoryCredentials: { credentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:r' } }), 'TD001');
  });

  it('fractional Fargate sizes (".25 vcpu", "0.5 GB") are checked like the others', () => {
    silent(fargate({ cpu: '.25 vcpu', memory: '0.5 GB' }), 'TD010');
    fires(fargate({ cpu: '.25 vcpu', memory: '4 GB' }), 'TD010', [['"4 GB"', 'error']]);
    fires(fargate({ cpu: '0.3 vCPU', memory: '0.5 GB' }), 'TD010', [['"0.3 vCPU"', 'error']]);
  });

  it('messages keep the user\'s casing of names (TD076 lowercased them)', () => {
    const f = fires(ec2({}, { name: 'WebApp', healthCheck: undefined }), 'TD076', [['"WebApp"', 'info']]);
    assert.equal(f[0].message, 'Essential container "WebApp" has no healthCheck: ECS cannot tell when it stops working.');
  });

  it('a health check "CMD" whose one argument is a shell line suggests "CMD-SHELL", with a fix', () => {
    const src = text(fargate({}, { healthCheck: { command: ['CMD', 'curl -f http://localhost/ || exit 1'] } }));
    const f = fires(src, 'TD051', [['"CMD"', 'warning']]);
    assert.match(f[0].message, /Did you mean "CMD-SHELL"/);
    assert.deepEqual(JSON.parse(applyFix(src, f[0])).containerDefinitions[0].healthCheck.command, ['CMD-SHELL', 'curl -f http://localhost/ || exit 1']);
    silent(fargate({}, { healthCheck: { command: ['CMD', 'curl', '-f', 'http://localhost/'] } }), 'TD051');
    silent(fargate({}, { healthCheck: { command: ['CMD', '/healthcheck'] } }), 'TD051');
  });

  it('"value" where a secret needs "valueFrom" gets "did you mean"', () => {
    const f = fires(fargate({}, { secrets: [{ name: 'DB_PASSWORD', value: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' }] }), 'TD001', [
      ['{', 'error'],
      ['"value"', 'error'],
    ]);
    assert.match(f[1].message, /Did you mean "valueFrom"\?/);
  });

  it('after a syntax error, the semantic rules still check what the tolerant parser reads', () => {
    const src = text(fargate({ memory: '4096' })).replace('"family": "web",', '"family": "web",,');
    assert.equal(of(lint(src), 'TD000').length, 1);
    assert.equal(of(lint(src), 'TD010').length, 1, 'the invalid Fargate size is still reported');
    assert.deepEqual(of(lint(src), 'TD001'), [], 'no shape findings that only echo the syntax error');
  });

  it('placeholders $VAR, %VAR% and YOUR_… are recognised like ${VAR} and <IMAGE>', () => {
    for (const image of ['123456789012.dkr.ecr.us-east-1.amazonaws.com/app:$TAG', '%REGISTRY%/app:%TAG%', 'YOUR_ACCOUNT_ID.dkr.ecr.us-east-1.amazonaws.com/app:1', '$IMAGE']) {
      fires(fargate({}, { image }), 'TD080', [[JSON.stringify(image), 'info']]);
    }
  });

  it('the move-to-secrets quick fix leaves a valueFrom placeholder that is flagged until filled in', () => {
    const src = text(fargate({}, { environment: [{ name: 'API_TOKEN', value: 'x' }] }));
    const moved = applyFix(src, of(lint(src), 'TD072')[0]);
    const f = fires(moved, 'TD072', [['"arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:API_TOKEN"', 'warning']]);
    assert.match(f[0].message, /unfilled placeholder/);
    silent(fargate({}, { secrets: [{ name: 'API_TOKEN', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:API_TOKEN' }] }), 'TD072');
  });

  it('a trailing comma is reported at the comma', () => {
    const src = '{\n  "family": "a",\n  "containerDefinitions": [{"name": "a", "image": "nginx:1", "memory": 512},]\n}\n';
    const f = fires(src, 'TD000', [[',', 'error']]);
    assert.equal(f[0].range.start.character, src.split('\n')[2].lastIndexOf(','));
  });
});

describe('taskdef/rules TD010 quick fixes in both directions (issue 17)', () => {
  it('offers the nearest size, keeping cpu (lower memory) and keeping memory (more cpu)', () => {
    const src = text(fargate({ cpu: '256', memory: '4096' }));
    const [f] = fires(src, 'TD010', [['"4096"', 'error']]);
    assert.deepEqual(f.fixes?.map((x) => x.title), [
      'Use the nearest valid Fargate size: cpu 512, memory 4096',
      'Keep cpu 256, set memory 2048',
    ]);
    assert.equal(f.fix, f.fixes?.[0], 'the preferred fix is the first');
    const keepCpu = JSON.parse(applyFix(src, { ...f, fix: f.fixes![1] }));
    assert.deepEqual([keepCpu.cpu, keepCpu.memory], ['256', '2048']);
    assert.deepEqual(of(lint(applyFix(src, { ...f, fix: f.fixes![1] })), 'TD010'), []);
  });

  it('keeps memory with the smallest cpu that allows it when the nearest pair changes both', () => {
    const [f] = fires(fargate({ cpu: '1024', memory: '16384' }), 'TD010', [['"16384"', 'error']]);
    const titles = f.fixes!.map((x) => x.title);
    assert.ok(titles.includes('Keep cpu 1024, set memory 8192'), titles.join(' | '));
    assert.ok(titles.includes('Keep memory 16384, set cpu 2048') || titles[0] === 'Use the nearest valid Fargate size: cpu 2048, memory 16384', titles.join(' | '));
  });
});

