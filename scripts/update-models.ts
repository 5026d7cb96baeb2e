// Refreshes aws-models/ from a botocore release and regenerates what is derived from it:
//   npm run update-models -- 1.43.107                       (pip downloads the wheel, about 16 MB)
//   npm run update-models -- 1.43.107 --wheel path/to.whl   (a wheel already on disk)
// A wheel is a zip; Python (which pip needs anyway) reads it. Which files are taken, and the README
// written beside them, come from scripts/lib/awsModels.ts.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { AWS_MODEL_FILES, AWS_MODEL_SERVICES, awsModelsDir, modelsReadme, parseUpdateArgs, planModelFiles, repoRoot } from './lib/awsModels';

const LIST_MEMBERS = 'import sys, zipfile, json; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))';
const EXTRACT = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nfor m in sys.argv[3:]: z.extract(m, sys.argv[2])';

function fail(message: string): never {
  process.stderr.write(`[update-models] ${message}\n`);
  process.exit(1);
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', shell: process.platform === 'win32', ...options });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')} … exited with ${result.status}${result.stderr ? `: ${String(result.stderr).trim().split('\n').slice(-3).join(' ')}` : ''}`);
  return String(result.stdout ?? '');
}

/** A Python that has pip (`PYTHON` if set), or undefined. */
function findPython(needPip: boolean): string | undefined {
  const candidates = [process.env.PYTHON, 'python3', 'python'].filter((c): c is string => !!c);
  return candidates.find((py) => spawnSync(py, needPip ? ['-m', 'pip', '--version'] : ['--version'], { stdio: 'ignore' }).status === 0);
}

function parseArgs(argv: string[]): { version: string; wheel?: string } {
  try {
    const args = parseUpdateArgs(argv);
    return { version: args.version, wheel: args.wheel && path.resolve(args.wheel) };
  } catch (e) {
    return fail(`${(e as Error).message}\nusage: npm run update-models -- <botocore version> [--wheel path/to/botocore-<version>-py3-none-any.whl]`);
  }
}

function downloadWheel(python: string, version: string, dir: string): string {
  process.stderr.write(`[update-models] downloading botocore ${version} with pip …\n`);
  run(python, ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', `botocore==${version}`, '-d', dir], { stdio: ['ignore', 'inherit', 'pipe'] });
  const wheel = fs.readdirSync(dir).find((f) => f.startsWith(`botocore-${version}-`) && f.endsWith('.whl'));
  if (!wheel) throw new Error(`pip reported success but left no botocore-${version}-*.whl in ${dir}`);
  return path.join(dir, wheel);
}

/** The licence texts in the wheel's .dist-info folder (where setuptools puts them, old layout or new). */
function licenceMembers(members: string[]): { license: string; notice: string } {
  const find = (name: RegExp): string => {
    const hit = members.find((m) => /^botocore-[^/]+\.dist-info\/(licenses\/)?/.test(m) && name.test(path.posix.basename(m)));
    if (!hit) throw new Error(`the wheel has no ${name.source} in its .dist-info: the Apache-2.0 attribution cannot be copied`);
    return hit;
  };
  return { license: find(/^LICENSE(\.txt)?$/), notice: find(/^NOTICE(\.txt)?$/) };
}

function main(): void {
  const { version, wheel: givenWheel } = parseArgs(process.argv.slice(2));
  const python = findPython(!givenWheel);
  if (!python) fail(givenWheel ? 'Python is needed to read the wheel (a zip): set PYTHON or install python3' : 'Python with pip is needed to download the wheel: install python3-pip, or pass --wheel');
  const root = repoRoot();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-workbench-models-'));
  try {
    const wheel = givenWheel ?? downloadWheel(python, version, tmp);
    if (!fs.existsSync(wheel)) throw new Error(`no wheel at ${wheel}`);
    if (!path.basename(wheel).startsWith(`botocore-${version}-`)) throw new Error(`${path.basename(wheel)} is not the botocore ${version} wheel`);
    const members = JSON.parse(run(python, ['-c', LIST_MEMBERS, wheel])) as string[];
    const plan = planModelFiles(members);
    const licences = licenceMembers(members);
    const extracted = path.join(tmp, 'wheel');
    run(python, ['-c', EXTRACT, wheel, extracted, ...plan.map((p) => p.member), licences.license, licences.notice]);

    // Everything is read before anything in aws-models/ is touched: a bad wheel leaves it as it was.
    const files = plan.map((p) => {
      const raw = fs.readFileSync(path.join(extracted, p.member));
      const text = (p.gzip ? zlib.gunzipSync(raw) : raw).toString('utf8');
      JSON.parse(text);
      return { ...p, text };
    });
    const dir = awsModelsDir(root);
    for (const service of AWS_MODEL_SERVICES) {
      fs.mkdirSync(path.join(dir, service), { recursive: true });
      for (const file of AWS_MODEL_FILES) fs.rmSync(path.join(dir, service, file), { force: true });
    }
    for (const f of files) fs.writeFileSync(path.join(dir, f.service, f.file), f.text);
    fs.copyFileSync(path.join(extracted, licences.license), path.join(dir, 'LICENSE'));
    fs.copyFileSync(path.join(extracted, licences.notice), path.join(dir, 'NOTICE'));
    fs.writeFileSync(path.join(dir, 'README.md'), modelsReadme(version, plan));
    process.stderr.write(`[update-models] wrote ${files.length} model files of botocore ${version} to aws-models/\n`);
  } catch (e) {
    fail((e as Error).message);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  for (const script of ['generate-schema', 'generate-input-shapes']) {
    const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (result.status !== 0) fail(`npm run ${script} failed (exit ${result.status}): the models are updated, the derived files are not`);
  }
  const diff = spawnSync('git', ['diff', '--stat', '--', 'aws-models', 'schemas', 'test/emulator/inputShapes.json'], { cwd: root, encoding: 'utf8' });
  process.stdout.write(diff.status === 0 ? (diff.stdout.trim() ? `${diff.stdout}` : 'no change: the repository already had these models\n') : '');
  process.stdout.write('next: npm test (the emulator and schema tests compare against the new models)\n');
}

main();
