// Every rule: it fires at the exact range (the text the range covers is asserted) with its severity,
// and it does not fire on the valid variant.
import * as assert from 'node:assert/strict';
import { lintTaskDefinition } from '../../../src/taskdef/lint';
import { RULES } from '../../../src/taskdef/rules/index';
import { applyFix, container, covered, ec2, fargate, fires, lint, of, silent, text, withContainers } from './helpers';

describe('taskdef/rules', () => {
  it('the valid variants used below have no findings at all', () => {
    assert.deepEqual(lintTaskDefinition(text(fargate())), []);
    assert.deepEqual(lintTaskDefinition(text(ec2())), []);
  });

  it('every rule id of the rules document is known, once', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, 36);
  });

  it('every registry entry is complete: a check (but for TD000/TD001), docs, a title, its default among its levels', () => {
    for (const r of RULES) {
      assert.match(r.id, /^TD\d{3}$/);
      assert.equal(typeof r.check === 'function', r.id !== 'TD000' && r.id !== 'TD001', `${r.id} check`);
      assert.ok(r.title.trim() && r.docs.trim(), `${r.id} title and docs`);
      assert.ok((r.levels ?? [r.severity]).includes(r.severity), `${r.id}: ${r.severity} not among ${r.levels}`);
    }
    assert.deepEqual(RULES.map((r) => r.id), [...RULES.map((r) => r.id)].sort(), 'in id order');
  });

  describe('TD000 JSON syntax', () => {
    it('reports a comment at the comment and keeps linting the rest', () => {
      const src = '{\n  "family": "a", // the family\n  "containerDefinitions": [{"name": "a", "image": "nginx"}]\n}\n';
      fires(src, 'TD000', [['// the family', 'error']]);
      assert.ok(of(lintTaskDefinition(src), 'TD080').length === 1, 'the rest is still linted');
    });
    it('reports a trailing comma and a broken value, once each', () => {
      // At the comma itself (issue 16: it was reported at the "}" after it).
      const f = fires('{\n  "family": "a",\n}\n', 'TD000', [[',', 'error']]);
      assert.match(f[0].message, /Trailing comma/);
      fires('{\n  "cpu": $$CPU$$\n}', 'TD000', [['$$CPU$$', 'error']]);
      fires('', 'TD000', [['', 'error']]);
    });
    it('is silent on valid JSON', () => silent(fargate(), 'TD000'));
  });

  describe('TD001 schema shape', () => {
    it('wrong types at the value, with a hint', () => {
      const f = fires(fargate({ cpu: 256 }), 'TD001', [['256', 'error']]);
      assert.match(f[0].message, /"cpu" must be a string, not an integer: write "256" in quotes/);
      fires(fargate({}, { portMappings: [{ containerPort: '80' }] }), 'TD001', [['"80"', 'error']]);
    });
    it('enum values with a "did you mean"', () => {
      const f = fires(fargate({ networkMode: 'AWSVPC' }), 'TD001', [['"AWSVPC"', 'error']]);
      assert.match(f[0].message, /Did you mean "awsvpc"\?/);
    });
    it('unknown keys at the key, with a "did you mean"', () => {
      const f = fires(fargate({}, { portMapping: [] }), 'TD001', [['"portMapping"', 'error']]);
      assert.match(f[0].message, /Did you mean "portMappings"\?/);
      const g = fires(fargate({ bogusField: 1 }), 'TD001', [['"bogusField"', 'error']]);
      assert.doesNotMatch(g[0].message, /Did you mean/);
    });
    it('missing required keys at the object that lacks them', () => {
      const { family: _family, ...rest } = fargate();
      fires(rest, 'TD001', [['{', 'error']]);
      fires(fargate({}, { logConfiguration: { options: {} } }), 'TD001', [['"logConfiguration"', 'error']]);
    });
    it('lengths and patterns from the model', () => {
      fires(fargate({ tags: [{ key: 'a'.repeat(129), value: 'v' }] }), 'TD001', [[`"${'a'.repeat(129)}"`, 'error']]);
    });
    it('no cascade under a value of the wrong type', () => {
      fires(fargate({ containerDefinitions: { name: 'x' } }), 'TD001', [['{\n    "name": "x"\n  }', 'error']]);
    });
    it('ignores null members (the SDKs drop them) and accepts current fields', () => {
      silent(fargate({ taskRoleArn: null, enableFaultInjection: true }, { restartPolicy: { enabled: true }, secretOptions: null }), 'TD001');
    });
  });

  describe('TD002 describe output', () => {
    const described = { taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1', ...fargate(), revision: 1, status: 'ACTIVE' };
    it('flags each describe-output field at its key; the fix removes them all', () => {
      const src = text(described);
      const f = fires(src, 'TD002', [['"taskDefinitionArn"', 'warning'], ['"revision"', 'warning'], ['"status"', 'warning']]);
      const fixed = applyFix(src, f[1]);
      assert.deepEqual(JSON.parse(fixed), fargate());
      assert.deepEqual(lintTaskDefinition(fixed), []);
    });
    it('flags the {"taskDefinition": …} wrapper; the fix unwraps it', () => {
      const src = text({ taskDefinition: described, tags: [{ key: 'team', value: 'a' }] });
      const f = of(lintTaskDefinition(src), 'TD002');
      assert.equal(covered(src, f[0]), '"taskDefinition"');
      assert.equal(f.length, 4);
      const fixed = applyFix(src, f[0]);
      assert.deepEqual(JSON.parse(fixed), { ...fargate(), tags: [{ key: 'team', value: 'a' }] });
      assert.deepEqual(lintTaskDefinition(fixed), []);
    });
    it('is silent on a register input', () => silent(fargate(), 'TD002'));
  });

  describe('TD010 Fargate cpu/memory pairs', () => {
    it('flags memory that does not go with cpu; the fix picks the nearest valid pair', () => {
      const src = text(fargate({ memory: '4096' }));
      const f = fires(src, 'TD010', [['"4096"', 'error']]);
      assert.match(f[0].message, /with cpu 256, memory must be 512, 1024, 2048/);
      const fixed = JSON.parse(applyFix(src, f[0]));
      assert.deepEqual([fixed.cpu, fixed.memory], ['512', '4096']);
    });
    it('flags a cpu value Fargate does not offer, and Windows below 1 vCPU', () => {
      fires(fargate({ cpu: '300', memory: '1024' }), 'TD010', [['"300"', 'error']]);
      fires(fargate({ cpu: '512', memory: '1024', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } }), 'TD010', [['"512"', 'error']]);
    });
    it('accepts valid pairs, "1 vCPU"/"2 GB" forms and the large sizes', () => {
      silent(fargate({ cpu: '1 vCPU', memory: '2 GB' }), 'TD010');
      silent(fargate({ cpu: '16384', memory: '122880' }), 'TD010');
      silent(fargate({ cpu: '8192', memory: '20480' }), 'TD010');
      silent(ec2({ cpu: '300', memory: '4096' }), 'TD010');
    });
  });

  describe('TD011 Fargate task-level requirements', () => {
    it('flags missing cpu/memory/networkMode and a non-awsvpc mode', () => {
      const { cpu: _c, memory: _m, ...rest } = fargate();
      fires(rest, 'TD011', [['"requiresCompatibilities"', 'error'], ['"requiresCompatibilities"', 'error']]);
      fires(fargate({ networkMode: 'bridge' }), 'TD011', [['"bridge"', 'error']]);
    });
    it('is silent on a complete Fargate task', () => silent(fargate(), 'TD011'));
  });

  describe('TD012 parameters Fargate does not support', () => {
    it('flags them at their keys', () => {
      fires(fargate({ volumes: [{ name: 'v', host: { sourcePath: '/data' } }] }, { privileged: true, linuxParameters: { sharedMemorySize: 64, capabilities: { add: ['SYS_PTRACE', 'NET_ADMIN'] } } }), 'TD012', [
        ['"privileged"', 'error'],
        ['"sharedMemorySize"', 'error'],
        ['"NET_ADMIN"', 'error'],
        ['"sourcePath"', 'error'],
      ]);
      fires(fargate({ ipcMode: 'task', pidMode: 'host' }), 'TD012', [['"ipcMode"', 'error'], ['"host"', 'error']]);
    });
    it('is silent on EC2 and on what Fargate supports', () => {
      silent(ec2({ volumes: [{ name: 'v', host: { sourcePath: '/data' } }] }, { privileged: true }), 'TD012');
      silent(fargate({ pidMode: 'task', volumes: [{ name: 'scratch' }] }, { linuxParameters: { capabilities: { add: ['SYS_PTRACE'], drop: ['ALL'] } } }), 'TD012');
    });
  });

  describe('TD013 Fargate log drivers', () => {
    it('flags other drivers at the value', () => {
      fires(fargate({}, { logConfiguration: { logDriver: 'json-file' } }), 'TD013', [['"json-file"', 'error']]);
    });
    it('is silent on EC2 and on awsfirelens', () => {
      silent(ec2({}, { logConfiguration: { logDriver: 'json-file' } }), 'TD013');
      silent(fargate({}, { logConfiguration: { logDriver: 'awsfirelens' } }), 'TD013');
    });
  });

  describe('TD020 awslogs options', () => {
    it('errors for a missing group/region, warns for a missing Fargate stream prefix and unknown keys', () => {
      fires(fargate({}, { logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-grop': 'x' } } }), 'TD020', [
        ['"options"', 'error'],
        ['"options"', 'warning'],
        ['"awslogs-grop"', 'warning'],
      ]);
      fires(fargate({}, { logConfiguration: { logDriver: 'awslogs' } }), 'TD020', [['"awslogs"', 'error'], ['"awslogs"', 'error'], ['"awslogs"', 'warning']]);
    });
    it('is silent with group, region and prefix', () => silent(fargate(), 'TD020'));
  });

  describe('TD021 hostPort under awsvpc/host', () => {
    it('flags a different hostPort; the fix sets it to containerPort', () => {
      const src = text(fargate({}, { portMappings: [{ containerPort: 80, hostPort: 8080 }] }));
      const f = fires(src, 'TD021', [['8080', 'error']]);
      const fixed = JSON.parse(applyFix(src, f[0]));
      assert.deepEqual(fixed.containerDefinitions[0].portMappings, [{ containerPort: 80, hostPort: 80 }]);
      fires(ec2({ networkMode: 'host' }, { portMappings: [{ containerPort: 80, hostPort: 81 }] }), 'TD021', [['81', 'error']]);
    });
    it('is silent on bridge and on equal ports', () => {
      silent(ec2({}, { portMappings: [{ containerPort: 80, hostPort: 8080 }] }), 'TD021');
      silent(fargate({}, { portMappings: [{ containerPort: 80, hostPort: 80 }] }), 'TD021');
    });
  });

  describe('TD022 networkMode none', () => {
    it('flags port mappings', () => fires(ec2({ networkMode: 'none' }, { portMappings: [{ containerPort: 80 }] }), 'TD022', [['"portMappings"', 'error']]));
    it('is silent without them', () => silent(ec2({ networkMode: 'none' }), 'TD022'));
  });

  describe('TD023 links, hostname, extraHosts', () => {
    it('flags links outside bridge and hostname/extraHosts under awsvpc', () => {
      fires(fargate({}, { links: ['db'], hostname: 'web', extraHosts: [{ hostname: 'a', ipAddress: '10.0.0.1' }] }), 'TD023', [
        ['"links"', 'error'],
        ['"hostname"', 'error'],
        ['"extraHosts"', 'error'],
      ]);
    });
    it('is silent on bridge', () => silent(ec2({}, { links: ['db'], hostname: 'web' }), 'TD023'));
  });

  describe('TD024 port mappings', () => {
    it('flags a duplicate port, a bad range and a bad name', () => {
      fires(
        ec2({}, { portMappings: [{ containerPort: 80 }, { containerPort: 80, protocol: 'tcp' }, { containerPortRange: '9000-8000' }, { containerPort: 81, name: '-http' }] }),
        'TD024',
        [['80', 'error'], ['"9000-8000"', 'error'], ['"-http"', 'error']],
      );
      fires(ec2({}, { portMappings: [{ containerPortRange: '8000-8010', hostPort: 8000 }] }), 'TD024', [['"hostPort"', 'error']]);
      fires(ec2({ networkMode: 'host' }, { portMappings: [{ containerPortRange: '8000-8010' }] }), 'TD024', [['"containerPortRange"', 'error']]);
    });
    it('is silent on the same port with two protocols and a valid range', () => {
      silent(ec2({}, { portMappings: [{ containerPort: 80, name: 'http_1' }, { containerPort: 80, protocol: 'udp' }, { containerPortRange: '8000-8010' }] }), 'TD024');
    });
  });

  describe('TD030 essential container', () => {
    it('flags a task without one; the fix marks the first container essential', () => {
      const src = text(fargate({}, { essential: false }));
      // On the container's "essential": false (issue 17: it was on the "containerDefinitions" key, where Ctrl+. on false offered nothing).
      const f = fires(src, 'TD030', [['false', 'error']]);
      assert.equal(f[0].fix?.title, 'Mark container "web" as essential');
      const fixed = applyFix(src, f[0]);
      assert.equal(JSON.parse(fixed).containerDefinitions[0].essential, true);
      assert.deepEqual(lintTaskDefinition(fixed), []);
    });
    it('counts an omitted essential as true', () => silent(fargate({}, { essential: undefined }), 'TD030'));
    it('sits on every container\'s "essential": false, each with its own fix, keeping the names\' casing', () => {
      const src = text(withContainers(ec2(), [container({ name: 'Web', memory: 256, essential: false }), container({ name: 'Log-Router', memory: 256, essential: false })]));
      const f = fires(src, 'TD030', [['false', 'error'], ['false', 'error']]);
      assert.deepEqual(f.map((x) => x.fix?.title), ['Mark container "Web" as essential', 'Mark container "Log-Router" as essential']);
      const fixed = JSON.parse(applyFix(src, f[1]));
      assert.deepEqual(fixed.containerDefinitions.map((c: { essential: boolean }) => c.essential), [false, true]);
    });
  });

  describe('TD031 dependsOn', () => {
    const sidecar = container({ name: 'sidecar', essential: false });
    it('flags unknown targets and conditions that cannot hold', () => {
      fires(withContainers(fargate(), [container({ dependsOn: [{ containerName: 'ghost', condition: 'START' }] })]), 'TD031', [['"ghost"', 'error']]);
      fires(withContainers(fargate(), [container({ dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] }), container({ name: 'init' })]), 'TD031', [['"SUCCESS"', 'error']]);
      fires(withContainers(fargate(), [container({ dependsOn: [{ containerName: 'sidecar', condition: 'HEALTHY' }] }), { ...sidecar, healthCheck: undefined }]), 'TD031', [['"HEALTHY"', 'error']]);
    });
    it('is silent on valid dependencies', () => {
      silent(withContainers(fargate(), [container({ dependsOn: [{ containerName: 'sidecar', condition: 'HEALTHY' }, { containerName: 'init', condition: 'SUCCESS' }] }), sidecar, container({ name: 'init', essential: false })]), 'TD031');
    });
  });

  describe('TD032 dependsOn cycles', () => {
    it('warns once per cycle', () => {
      fires(withContainers(fargate(), [container({ name: 'a', dependsOn: [{ containerName: 'b', condition: 'START' }] }), container({ name: 'b', dependsOn: [{ containerName: 'a', condition: 'START' }] })]), 'TD032', [['"a"', 'warning']]);
    });
    it('is silent on a chain', () => {
      silent(withContainers(fargate(), [container({ name: 'a', dependsOn: [{ containerName: 'b', condition: 'START' }] }), container({ name: 'b' })]), 'TD032');
    });
  });

  describe('TD033 names', () => {
    it('flags a bad family, a bad container name and a duplicate name', () => {
      fires(fargate({ family: 'my app' }), 'TD033', [['"my app"', 'error']]);
      fires(withContainers(fargate(), [container({ name: 'web.1' }), container({ name: 'a' }), container({ name: 'a' })]), 'TD033', [['"web.1"', 'error'], ['"a"', 'error']]);
    });
    it('is silent on valid unique names and on template placeholders', () => {
      silent(withContainers(fargate({ family: 'My_app-2' }), [container({ name: 'a' }), container({ name: 'b' })]), 'TD033');
      silent(withContainers(fargate({ family: '${SERVICE}-web' }), [container({ name: '{{ .Name }}' })]), 'TD033');
    });
  });

  describe('TD034 container count', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => container({ name: `c${i}` }));
    it('flags 11 containers', () => fires(withContainers(ec2({ memory: '8192' }), many(11)), 'TD034', [['"containerDefinitions"', 'error']]));
    it('accepts 10', () => silent(withContainers(ec2({ memory: '8192' }), many(10)), 'TD034'));
  });

  describe('TD040 container memory without task memory', () => {
    it('flags the container at its name', () => fires(ec2({}, { memory: undefined }), 'TD040', [['"web"', 'error']]));
    it('accepts memoryReservation or task memory', () => {
      silent(ec2({}, { memory: undefined, memoryReservation: 256 }), 'TD040');
      silent(ec2({ memory: '512' }, { memory: undefined }), 'TD040');
    });
  });

  describe('TD041 memory vs reservation', () => {
    it('errors when memory is not above the reservation, warns below 6 MiB', () => {
      fires(ec2({}, { memory: 256, memoryReservation: 512 }), 'TD041', [['256', 'error']]);
      fires(ec2({}, { memory: 4 }), 'TD041', [['4', 'warning']]);
    });
    it('is silent on memory above the reservation', () => silent(ec2({}, { memory: 512, memoryReservation: 256 }), 'TD041'));
  });

  describe('TD042 container memory vs task memory', () => {
    it('flags a container above the task and a sum above the task', () => {
      fires(fargate({}, { memory: 1024 }), 'TD042', [['"512"', 'error'], ['1024', 'error']]);
      fires(withContainers(fargate(), [container({ memoryReservation: 300 }), container({ name: 'b', memoryReservation: 300 })]), 'TD042', [['"512"', 'error']]);
    });
    it('is silent when they fit', () => silent(withContainers(fargate(), [container({ memoryReservation: 256 }), container({ name: 'b', memory: 256 })]), 'TD042'));
  });

  describe('TD043 container cpu vs task cpu', () => {
    it('flags a sum above the task', () => fires(withContainers(fargate(), [container({ cpu: 256 }), container({ name: 'b', cpu: 256 })]), 'TD043', [['"256"', 'error']]));
    it('is silent when it fits', () => silent(withContainers(fargate(), [container({ cpu: 128 }), container({ name: 'b', cpu: 0 })]), 'TD043'));
  });

  describe('TD050 references', () => {
    it('flags unknown volumes and containers, and two volumes configured at launch', () => {
      fires(
        fargate(
          { volumes: [{ name: 'a', configuredAtLaunch: true }, { name: 'b', configuredAtLaunch: true }], proxyConfiguration: { type: 'APPMESH', containerName: 'envoy' } },
          { mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }], volumesFrom: [{ sourceContainer: 'ghost' }] },
        ),
        'TD050',
        [['"data"', 'error'], ['"ghost"', 'error'], ['true', 'error'], ['"envoy"', 'error']],
      );
    });
    it('is silent when the references resolve', () => {
      silent(fargate({ volumes: [{ name: 'data' }], proxyConfiguration: { type: 'APPMESH', containerName: 'web' } }, { mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] }), 'TD050');
    });
  });

  describe('TD051 ranges', () => {
    it('flags out-of-range values at the value; a command without CMD prefix is a warning', () => {
      fires(fargate({ ephemeralStorage: { sizeInGiB: 20 } }, { healthCheck: { command: ['curl', 'localhost'], interval: 1, timeout: 61, retries: 0, startPeriod: 301 }, stopTimeout: 121 }), 'TD051', [
        ['"curl"', 'warning'],
        ['1', 'error'],
        ['61', 'error'],
        ['0', 'error'],
        ['301', 'error'],
        ['121', 'error'],
        ['20', 'error'],
      ]);
      fires(fargate({}, { restartPolicy: { enabled: true, restartAttemptPeriod: 30 } }), 'TD051', [['30', 'error']]);
    });
    it('is silent on values within range', () => {
      silent(fargate({ ephemeralStorage: { sizeInGiB: 21 } }, { healthCheck: { command: ['CMD-SHELL', 'true'], interval: 5, timeout: 2, retries: 10, startPeriod: 0 }, restartPolicy: { enabled: true, restartAttemptPeriod: 60 } }), 'TD051');
    });
  });

  describe('TD052 counts and formats', () => {
    it('flags a non-.env file, a reserved tag key, and warns on a duplicate variable', () => {
      fires(
        fargate({ tags: [{ key: 'aws:team', value: 'a' }] }, { environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::bucket/app.txt' }], environment: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] }),
        'TD052',
        [['"arn:aws:s3:::bucket/app.txt"', 'error'], ['"A"', 'warning'], ['"aws:team"', 'error']],
      );
    });
    it('is silent on valid ones', () => {
      silent(fargate({ tags: [{ key: 'team', value: 'a' }] }, { environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::bucket/app.env' }], environment: [{ name: 'A', value: '1' }] }), 'TD052');
    });
  });

  describe('TD053 EFS', () => {
    const efs = (config: Record<string, unknown>) => fargate({ volumes: [{ name: 'efs', efsVolumeConfiguration: { fileSystemId: 'fs-1', ...config } }] });
    it('errors for IAM without transit encryption and a rootDirectory with an access point; warns when encryption is off', () => {
      fires(efs({ authorizationConfig: { iam: 'ENABLED' } }), 'TD053', [['"ENABLED"', 'error']]);
      fires(efs({ transitEncryption: 'ENABLED', rootDirectory: '/data', authorizationConfig: { accessPointId: 'fsap-1' } }), 'TD053', [['"/data"', 'error']]);
      fires(efs({}), 'TD053', [['"efsVolumeConfiguration"', 'warning']]);
      fires(efs({ transitEncryption: 'DISABLED' }), 'TD053', [['"DISABLED"', 'warning']]);
    });
    it('is silent with transit encryption', () => silent(efs({ transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED', accessPointId: 'fsap-1' } }), 'TD053'));
  });

  describe('TD060 execution role', () => {
    it('warns when awslogs on Fargate, secrets or an ECR image need it', () => {
      // awslogs on Fargate without the role is rejected at registration: an error of TD011 now (issue 16), not this warning.
      fires(fargate({ executionRoleArn: undefined }), 'TD011', [['"awslogs"', 'error']]);
      silent(fargate({ executionRoleArn: undefined }), 'TD060');
      fires(fargate({ executionRoleArn: undefined }, { secrets: [{ name: 'A', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/a' }] }), 'TD060', [['"secrets"', 'warning']]);
      fires(ec2({}, { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1', secrets: [{ name: 'A', valueFrom: 'arn' }] }), 'TD060', [['"secrets"', 'warning']]);
    });
    it('is silent with the role, or when nothing needs it', () => {
      silent(fargate(), 'TD060');
      silent(ec2(), 'TD060');
    });
  });

  describe('TD061 Windows', () => {
    const windows = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }, cpu: '1024', memory: '2048' };
    it('warns about fields Windows ignores', () => fires(fargate(windows, { user: 'ContainerUser' }), 'TD061', [['"user"', 'warning'], ['"readonlyRootFilesystem"', 'warning']]));
    it('recognises Windows on EC2 without runtimePlatform by its image or shell', () => {
      fires(ec2({}, { image: 'mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022', user: 'ContainerUser', readonlyRootFilesystem: undefined }), 'TD061', [['"user"', 'warning']]);
      fires(ec2({}, { entryPoint: ['powershell', '-Command'], privileged: true }), 'TD061', [['"user"', 'warning'], ['"readonlyRootFilesystem"', 'warning'], ['"privileged"', 'warning']]);
      silent(ec2({}, { image: 'mcr.microsoft.com/windows/servercore:ltsc2022', readonlyRootFilesystem: undefined, user: undefined }), 'TD074');
    });
    it('is silent on Linux', () => {
      silent(fargate(), 'TD061');
      silent(ec2({}, { entryPoint: ['sh', '-c'], image: 'mcr.microsoft.com/dotnet/aspnet:8.0' }), 'TD061');
    });
  });

  describe('TD070–TD077 security and hygiene', () => {
    it('TD070 privileged', () => {
      fires(ec2({}, { privileged: true }), 'TD070', [['true', 'warning']]);
      silent(ec2({}, { privileged: false }), 'TD070');
    });
    it('TD071 host namespaces', () => {
      fires(ec2({ pidMode: 'host', ipcMode: 'host' }), 'TD071', [['"host"', 'warning'], ['"host"', 'warning']]);
      silent(ec2({ pidMode: 'task', ipcMode: 'none' }), 'TD071');
    });
    it('TD072 secret-like variables; the fix moves them to secrets', () => {
      const src = text(fargate({}, { environment: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'X', value: 'AKIAABCDEFGHIJKLMNOP' }] }));
      const f = fires(src, 'TD072', [['"DB_PASSWORD"', 'warning'], ['"X"', 'warning']]);
      const fixed = JSON.parse(applyFix(src, f[0]));
      assert.deepEqual(fixed.containerDefinitions[0].environment, [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'X', value: 'AKIAABCDEFGHIJKLMNOP' }]);
      assert.deepEqual(fixed.containerDefinitions[0].secrets, [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:DB_PASSWORD' }]);
      silent(fargate({}, { environment: [{ name: 'DB_PASSWORD_ARN', value: 'arn:x' }, { name: 'TOKEN_URL', value: 'https://x' }] }), 'TD072');
    });
    it('TD072 fix appends to existing secrets', () => {
      const src = text(fargate({}, { environment: [{ name: 'API_KEY', value: 'k' }], secrets: [{ name: 'A', valueFrom: 'arn:a' }] }));
      const fixed = JSON.parse(applyFix(src, of(lintTaskDefinition(src), 'TD072')[0]));
      assert.deepEqual(fixed.containerDefinitions[0].environment, []);
      assert.deepEqual(fixed.containerDefinitions[0].secrets.map((s: { name: string }) => s.name), ['A', 'API_KEY']);
    });
    it('TD073 no logConfiguration', () => {
      fires(ec2({}, { logConfiguration: undefined }), 'TD073', [['"web"', 'warning']]);
      silent(ec2(), 'TD073');
    });
    it('TD074 writable root filesystem', () => {
      fires(ec2({}, { readonlyRootFilesystem: false }), 'TD074', [['false', 'info']]);
      fires(ec2({}, { readonlyRootFilesystem: undefined }), 'TD074', [['"web"', 'info']]);
      silent(ec2(), 'TD074');
    });
    it('TD075 user unset or root', () => {
      fires(ec2({}, { user: 'root' }), 'TD075', [['"root"', 'info']]);
      fires(ec2({}, { user: undefined }), 'TD075', [['"web"', 'info']]);
      silent(ec2({}, { user: '1000:1000' }), 'TD075');
    });
    it('TD076 essential container without healthCheck', () => {
      fires(ec2({}, { healthCheck: undefined }), 'TD076', [['"web"', 'info']]);
      silent(ec2({}, { healthCheck: undefined, essential: false }), 'TD060');
      silent(withContainers(ec2(), [container({ memory: 256 }), container({ name: 'b', memory: 256, healthCheck: undefined, essential: false })]), 'TD076');
    });
    it('TD077 task role equals execution role', () => {
      fires(fargate({ taskRoleArn: 'arn:aws:iam::123456789012:role/exec' }), 'TD077', [['"arn:aws:iam::123456789012:role/exec"', 'info']]);
      silent(fargate({ taskRoleArn: 'arn:aws:iam::123456789012:role/app' }), 'TD077');
    });
  });

  describe('TD080 image references', () => {
    it('errors on invalid syntax, warns on latest/no tag, notes placeholders', () => {
      fires(ec2({}, { image: 'Nginx:1.27' }), 'TD080', [['"Nginx:1.27"', 'error']]);
      fires(ec2({}, { image: 'nginx' }), 'TD080', [['"nginx"', 'warning']]);
      fires(ec2({}, { image: 'registry.example.com:5000/team/app:latest' }), 'TD080', [['"registry.example.com:5000/team/app:latest"', 'warning']]);
      fires(ec2({}, { image: '<IMAGE1_NAME>' }), 'TD080', [['"<IMAGE1_NAME>"', 'info']]);
      fires(ec2({}, { image: '${IMAGE}' }), 'TD080', [['"${IMAGE}"', 'info']]);
      for (const image of ['#{Octopus.Image}', '__IMAGE__', 'REPO_PLACEHOLDER:TAG', '{{must_env `IMAGE`}}', '$IMAGE', 'IMAGE']) {
        assert.equal(of(lint(ec2({}, { image })), 'TD080')[0]?.severity, 'info', image);
      }
    });
    it('is silent on tags and digests', () => {
      silent(ec2({}, { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:1.4.2' }), 'TD080');
      silent(ec2({}, { image: `nginx@sha256:${'a'.repeat(64)}` }), 'TD080');
    });
  });

  describe('options and positions', () => {
    it('severities override or turn off a rule by id', () => {
      const src = text(fargate({ memory: '4096' }));
      assert.equal(of(lintTaskDefinition(src, { severities: { TD010: 'warning' } }), 'TD010')[0].severity, 'warning');
      assert.deepEqual(of(lintTaskDefinition(src, { severities: { TD010: 'off' } }), 'TD010'), []);
    });
    it('ranges are 0-based lines/characters, also with CRLF, tabs and a BOM', () => {
      const src = '\ufeff{\r\n\t"family": "web",\r\n\t"containerDefinitions": [{"name": "web", "image": "nginx:latest", "memory": 64}]\r\n}\r\n';
      const f = of(lintTaskDefinition(src), 'TD080')[0];
      assert.deepEqual(f.range, { start: { line: 2, character: 51 }, end: { line: 2, character: 65 } });
    });
  });
});

describe('taskdef/rules TD060 on EC2', () => {
  it('an ECR image alone needs no execution role on EC2 (the instance role pulls it), but does on Fargate', () => {
    const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1';
    silent(ec2({}, { image }), 'TD060');
    fires(fargate({ executionRoleArn: undefined }, { image, logConfiguration: { logDriver: 'awsfirelens' } }), 'TD060', [[`"${image}"`, 'warning']]);
  });
});
