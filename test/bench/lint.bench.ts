// Task-definition lint time: our linter (parse, ajv shape check, all rules) against VS Code's JSON
// language service (vscode-json-languageservice: parse + validation with the same generated schema),
// on a realistic 10-container file and a ~1 MB generated file, measured in the same run.
// Targets (issue 5): ours at most the JSON language service's time, and under 5 ms for 10 containers.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { lintTaskDefinition } from '../../src/taskdef/lint';
import { median, medianTimes, medianTimesSync, type Report, type Times } from './harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function container(i: number, envCount: number): Record<string, unknown> {
  const name = i === 0 ? 'app' : `sidecar-${i}`;
  return {
    name,
    image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/team/${name}:1.${i}.0`,
    essential: i < 2,
    cpu: 128,
    memoryReservation: 256,
    user: '1000',
    readonlyRootFilesystem: true,
    portMappings: [{ name: `http-${i}`, containerPort: 8080 + i, protocol: 'tcp', appProtocol: 'http' }],
    environment: Array.from({ length: envCount }, (_, k) => ({ name: `SETTING_${i}_${String(k).padStart(5, '0')}`, value: `value-${k}-${'x'.repeat(k % 40)}` })),
    secrets: [{ name: 'DB_PASSWORD', valueFrom: `arn:aws:secretsmanager:us-east-1:123456789012:secret:db-${i}` }],
    mountPoints: [{ sourceVolume: 'scratch', containerPath: `/tmp/${name}`, readOnly: false }],
    dependsOn: i === 0 ? [{ containerName: 'sidecar-1', condition: 'HEALTHY' }] : [],
    healthCheck: { command: ['CMD-SHELL', `curl -f http://localhost:${8080 + i}/health || exit 1`], interval: 30, timeout: 5, retries: 3, startPeriod: 10 },
    ulimits: [{ name: 'nofile', softLimit: 65536, hardLimit: 65536 }],
    dockerLabels: { team: 'platform', service: name },
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': `/ecs/${name}`, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' },
    },
  };
}

export function taskDefinition(envPerContainer: number): string {
  return (
    JSON.stringify(
      {
        family: 'bench-service',
        taskRoleArn: 'arn:aws:iam::123456789012:role/app',
        executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '2048',
        memory: '4096',
        runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' },
        volumes: [{ name: 'scratch' }],
        containerDefinitions: Array.from({ length: 10 }, (_, i) => container(i, envPerContainer)),
        tags: [{ key: 'team', value: 'platform' }],
      },
      null,
      2,
    ) + '\n'
  );
}

/** A file of about `bytes` bytes: 10 containers with long environment lists. */
function fileOfSize(bytes: number): string {
  const small = taskDefinition(0).length;
  const perVar = taskDefinition(10).length / 100 - small / 100;
  return taskDefinition(Math.max(1, Math.round((bytes - small) / (perVar * 10))));
}

interface FirstLint {
  /** Wall time: on a loaded machine it includes the time other processes had the cores. */
  readonly wall: number;
  /** CPU time of the process (user + system): the work the first lint costs, however busy the machine is. */
  readonly cpu: number;
}

/**
 * Medians over fresh processes of the first lint (test/bench/host/firstLint.ts), ours and the run-time
 * ajv compile, run alternately so that both see the same load.
 */
function firstLintTimes(text: string, runs: number): { standalone: FirstLint; runtime: FirstLint } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-workbench-lint-bench-'));
  try {
    const file = path.join(dir, 'task-definition.json');
    fs.writeFileSync(file, text);
    const samples: Record<'standalone' | 'runtime', { ms: number; cpuMs: number }[]> = { standalone: [], runtime: [] };
    for (let i = 0; i < runs; i++) {
      for (const mode of ['standalone', 'runtime'] as const) {
        const r = spawnSync(process.execPath, [path.join(__dirname, 'host', 'firstLint.js'), mode, file], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`firstLint ${mode} failed: ${r.stderr}`);
        samples[mode].push(JSON.parse(r.stdout) as { ms: number; cpuMs: number });
      }
    }
    const medians = (mode: 'standalone' | 'runtime'): FirstLint => ({ wall: median(samples[mode].map((s) => s.ms)), cpu: median(samples[mode].map((s) => s.cpuMs)) });
    return { standalone: medians('standalone'), runtime: medians('runtime') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Fresh processes per first-lint figure (each also runs the run-time compile once, its baseline). */
const FIRST_LINT_RUNS = 9;

export async function run(report: Report): Promise<void> {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'task-definition.schema.json'), 'utf8'));
  const service = getLanguageService({});
  service.configure({ validate: true, allowComments: false, schemas: [{ uri: 'file:///task-definition.schema.json', fileMatch: ['*.json'], schema }] });
  let version = 0;
  const jsonService = async (text: string) => {
    const doc = TextDocument.create('file:///bench/task-definition.json', 'json', ++version, text);
    return service.doValidation(doc, service.parseJSONDocument(doc), { comments: 'error', trailingCommas: 'error' });
  };

  const realistic = taskDefinition(12);
  const large = fileOfSize(1024 * 1024);

  // First lint in a fresh process: loads the validator ajv compiled at build time
  // (schemas/task-definition.validator.js). Baseline: compiling it at run time, as the linter did before.
  // The budget (issue 19: at most 30 ms including loading the validator) is on CPU time: what the lint
  // costs the extension host's thread, which other work on a busy machine does not inflate the way it
  // inflates wall time (on a quiet machine the two are the same; both are shown).
  const first = firstLintTimes(realistic, FIRST_LINT_RUNS);
  report({
    name: `taskdef first lint in a fresh process (load build-time validator + lint), CPU time, median of ${FIRST_LINT_RUNS}`,
    value: first.standalone.cpu,
    unit: 'ms',
    baseline: { name: 'run-time ajv compile + first validate, CPU time', value: first.runtime.cpu },
    budget: 30,
  });
  report({
    name: `taskdef first lint in a fresh process, wall time, median of ${FIRST_LINT_RUNS}`,
    value: first.standalone.wall,
    unit: 'ms',
    baseline: { name: 'run-time ajv compile + first validate, wall time', value: first.runtime.wall },
  });
  report({ name: `run-time ajv load + schema compile + first validate (before), CPU time, median of ${FIRST_LINT_RUNS}`, value: first.runtime.cpu, unit: 'ms' });
  report({ name: `run-time ajv load + schema compile + first validate (before), wall time, median of ${FIRST_LINT_RUNS}`, value: first.runtime.wall, unit: 'ms' });
  lintTaskDefinition(realistic);

  // Warm both up (the JSON service resolves and caches its schema on first use).
  for (let i = 0; i < 5; i++) {
    lintTaskDefinition(realistic);
    await jsonService(realistic);
  }
  const problems = (await jsonService(realistic)).length;
  if (problems) throw new Error(`the bench file is not valid for the JSON service (${problems} problems)`);

  // Per-lint budgets are on CPU time, like the first lint's: on a busy machine a 1 ms call is
  // preempted often and its wall time says more about the machine than about the lint (5.5 ms wall at
  // load 20 for a lint of 1.2 ms). Wall times are shown beside them.
  const figures = (name: string, ours: Times, theirs: Times, budget: (theirsCpu: number) => number, theirsName: string): void => {
    report({ name: `${name}, CPU time, median`, value: ours.cpu, unit: 'ms', baseline: { name: 'vscode-json-languageservice', value: theirs.cpu }, budget: budget(theirs.cpu) });
    report({ name: `${name}, wall time, median`, value: ours.wall, unit: 'ms', baseline: { name: 'vscode-json-languageservice', value: theirs.wall } });
    report({ name: `${theirsName}, CPU time, median`, value: theirs.cpu, unit: 'ms' });
    report({ name: `${theirsName}, wall time, median`, value: theirs.wall, unit: 'ms' });
  };

  const theirsSmall = await medianTimes(() => jsonService(realistic), 200);
  const oursSmall = medianTimesSync(() => lintTaskDefinition(realistic), 200);
  figures(`taskdef lint, 10 containers (${(realistic.length / 1024).toFixed(0)} KB)`, oursSmall, theirsSmall, () => 5, 'vscode-json-languageservice validate, 10 containers');

  // The same file with findings on every container (latest tags, no user, writable root filesystem,
  // a hostPort under awsvpc, a secret-like variable): ranges are then computed from a position tree.
  const withFindings = realistic
    .replace(/:1\.(\d)\.0"/g, ':latest"')
    .replace(/"user": "1000",\n/g, '')
    .replace(/"readonlyRootFilesystem": true/g, '"readonlyRootFilesystem": false')
    .replace(/"containerPort": (\d+),/g, '"containerPort": $1, "hostPort": 80,')
    .replace(/SETTING_(\d+)_00001/g, 'API_TOKEN_$1');
  const findings = lintTaskDefinition(withFindings).length;
  const theirsFindings = await medianTimes(() => jsonService(withFindings), 200);
  const oursFindings = medianTimesSync(() => lintTaskDefinition(withFindings), 200);
  figures(`taskdef lint, 10 containers with ${findings} findings`, oursFindings, theirsFindings, () => 5, 'vscode-json-languageservice validate, 10 containers with findings');

  lintTaskDefinition(large);
  await jsonService(large);
  const theirsLarge = await medianTimes(() => jsonService(large), 9);
  const oursLarge = medianTimesSync(() => lintTaskDefinition(large), 9);
  const mb = (large.length / 1024 / 1024).toFixed(2);
  figures(`taskdef lint, ${mb} MB file`, oursLarge, theirsLarge, (theirsCpu) => theirsCpu, `vscode-json-languageservice validate, ${mb} MB file`);

  // The editor skips files above ecsWorkbench.lint.maxFileSizeMB (2 MB) while typing; this is why.
  const huge = fileOfSize(10 * 1024 * 1024);
  const t1 = performance.now();
  lintTaskDefinition(huge);
  report({ name: `taskdef lint, ${(huge.length / 1024 / 1024).toFixed(1)} MB file (once; skipped while typing)`, value: performance.now() - t1, unit: 'ms' });
}
