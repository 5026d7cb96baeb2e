// The command-line linter, run as a child process (dist/cli.js when built, else out/src/cli.js).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fargate, repoRoot, text } from '../../unit/taskdef/helpers';

function cliPath(): string {
  const dist = path.join(repoRoot(), 'dist', 'cli.js');
  return fs.existsSync(dist) ? dist : path.join(repoRoot(), 'out', 'src', 'cli.js');
}

function run(args: string[], cwd: string, input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath(), ...args], { cwd, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('taskdef/cli lint (child process)', function () {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdef-cli-'));
    fs.writeFileSync(path.join(dir, 'good.json'), text(fargate()));
    fs.writeFileSync(path.join(dir, 'bad.json'), text(fargate({ memory: '4096' })));
    fs.writeFileSync(path.join(dir, 'warn.json'), text(fargate({}, { image: 'nginx:latest' })));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 without error-level findings and 1 with one', () => {
    assert.equal(run(['lint', 'good.json'], dir).code, 0);
    assert.equal(run(['lint', 'warn.json'], dir).code, 0);
    const bad = run(['lint', 'good.json', 'bad.json'], dir);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^bad\.json:8:13: error TD010 /m);
  });

  it('exits 2 for usage errors and unreadable files', () => {
    assert.equal(run([], dir).code, 2);
    assert.equal(run(['lint'], dir).code, 2);
    assert.equal(run(['lint', '--format', 'xml', 'good.json'], dir).code, 2);
    assert.equal(run(['lint', '--severity', 'TD999=off', 'good.json'], dir).code, 2);
    assert.equal(run(['lint', '--severity', 'TD010=loud', 'good.json'], dir).code, 2);
    assert.equal(run(['lint', '--bogus', 'good.json'], dir).code, 2);
    const missing = run(['lint', 'good.json', 'missing.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read missing\.json: no such file$/m);
    const folder = run(['lint', '.'], dir);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /cannot read \.: it is a directory/);
  });

  it('--severity changes or turns off a rule by id', () => {
    assert.equal(run(['lint', '--severity', 'TD010=warning', 'bad.json'], dir).code, 0);
    assert.equal(run(['lint', '--severity=TD010=off', 'bad.json'], dir).stdout.includes('TD010'), false);
    assert.equal(run(['lint', '--severity', 'TD080=error', 'warn.json'], dir).code, 1);
  });

  it('--format json prints one array with 1-based positions', () => {
    const r = run(['lint', '--format', 'json', 'bad.json', 'good.json'], dir);
    assert.equal(r.code, 1);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.deepEqual(rows, [
      {
        file: 'bad.json',
        ruleId: 'TD010',
        severity: 'error',
        message: rows[0].message,
        line: 8,
        column: 13,
        endLine: 8,
        endColumn: 19,
      },
    ]);
    assert.deepEqual(Object.keys(rows[0]), ['file', 'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
  });

  it('reads standard input for the file name "-"', () => {
    const r = run(['lint', '--format', 'json', '-'], dir, text({ taskDefinition: { ...fargate(), revision: 3 } }));
    assert.equal(r.code, 0);
    const rows = JSON.parse(r.stdout) as { file: string; ruleId: string }[];
    assert.deepEqual(rows.map((x) => `${x.file} ${x.ruleId}`), ['- TD002', '- TD002']);
  });

  it('--format sarif prints a SARIF 2.1.0 log', () => {
    const r = run(['lint', '--format', 'sarif', 'bad.json', 'warn.json'], dir);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'ecs-workbench');
    assert.ok(run0.tool.driver.rules.some((rule: { id: string }) => rule.id === 'TD080'));
    const levels = run0.results.map((x: { ruleId: string; level: string }) => `${x.ruleId}:${x.level}`);
    assert.deepEqual(levels, ['TD010:error', 'TD080:warning']);
    const loc = run0.results[0].locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'bad.json', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(loc.region, { startLine: 8, startColumn: 13, endLine: 8, endColumn: 19 });
    assert.equal(run0.tool.driver.rules[run0.results[0].ruleIndex].id, 'TD010');
  });
});
