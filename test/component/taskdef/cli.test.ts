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
  const r = spawnSync(process.execPath, [cliPath(), ...args], { cwd, encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
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

describe('taskdef/cli lint: bad input ends with one line and a documented exit code', function () {
  // Generous: the 130,000-finding case takes seconds on a loaded machine.
  this.timeout(180_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdef-cli-bad-'));
    fs.writeFileSync(path.join(dir, 'good.json'), text(fargate()));
    fs.writeFileSync(path.join(dir, 'bad.json'), text(fargate({ memory: '4096' })));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The lines of stderr: each problem is one line. */
  function lines(stderr: string): string[] {
    return stderr.split('\n').filter(Boolean);
  }

  it('100,000 nesting levels: a TD000 error at the bracket that goes too deep, exit 1, SARIF written for every file', () => {
    fs.writeFileSync(path.join(dir, 'deep.json'), '{"family": "a", "x": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}');
    const r = run(['lint', '--format', 'sarif', 'deep.json', 'bad.json'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startColumn: number } } }[] }[];
    const deep = results.filter((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'deep.json');
    assert.deepEqual(deep.map((x) => x.ruleId), ['TD000']);
    assert.match(deep[0].message.text, /^Nested more than 100 levels deep/);
    assert.equal(deep[0].locations[0].physicalLocation.region.startColumn, 21 + 100, 'at the bracket that opens level 101 (the root object is level 1)');
    assert.ok(results.some((x) => x.ruleId === 'TD010'), 'the other file is linted');
  });

  it('about 130,000 findings: exit 1, one warning line, the first 10,000 reported', () => {
    const environment = Array.from({ length: 130_000 }, (_, i) => ({ name: `V${i % 7}`, value: 'x' }));
    fs.writeFileSync(path.join(dir, 'many.json'), text(fargate({ memory: '4096' }, { environment })));
    const r = run(['lint', '--format', 'json', 'many.json'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(lines(r.stderr).map((l) => l.replace(/\d{6,}/, 'N')), ['warning: many.json: N findings, only the first 10000 are reported']);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 10_000);
  });

  it('invalid UTF-8 is an error that says where (exit 2), not replaced; the other files are still reported', () => {
    // "wéb" saved as Latin-1: é is the single byte 0xE9, which UTF-8 does not allow there.
    const bytes = Buffer.concat([Buffer.from('{\n  "family": "w'), Buffer.from([0xe9]), Buffer.from('b",\n  "containerDefinitions": []\n}\n')]);
    fs.writeFileSync(path.join(dir, 'latin1.json'), bytes);
    const r = run(['lint', '--format', 'sarif', 'latin1.json', 'bad.json'], dir);
    assert.equal(r.code, 2);
    assert.deepEqual(lines(r.stderr), [`error: cannot read latin1.json: not valid UTF-8 text (line 2, byte offset ${bytes.indexOf(0xe9)}); save it as UTF-8`]);
    const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string }[];
    assert.deepEqual(results.map((x) => x.ruleId), ['TD010']);
  });

  (fs.existsSync('/dev/zero') ? it : it.skip)('/dev/zero and a file over 32 MiB end with one line and exit 2, without reading them whole', () => {
    const huge = path.join(dir, 'huge.json');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 40 * 1024 * 1024); // sparse: cheap to make
    const r = run(['lint', '/dev/zero', 'huge.json', 'good.json'], dir);
    assert.equal(r.code, 2);
    assert.deepEqual(lines(r.stderr), [
      'error: cannot read /dev/zero: larger than 32 MiB, the most the linter reads',
      'error: cannot read huge.json: larger than 32 MiB, the most the linter reads',
    ]);
    assert.match(r.stdout, /0 errors, 0 warnings, 0 infos in 1 file/);
  });
});
