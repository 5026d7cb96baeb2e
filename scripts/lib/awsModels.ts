// Where the AWS API models live: aws-models/<service>/, botocore's data files copied into the
// repository (Apache-2.0, see aws-models/README.md). The schema generator, the emulator's input shapes
// and the shape tests read them through this module only; `npm run update-models -- <version>` refreshes
// them from a botocore release. Nothing here reads outside the repository.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The services whose models the repository keeps, by botocore's folder name. */
export const AWS_MODEL_SERVICES = ['ecs', 'ecr', 'logs', 'cloudwatch'] as const;
export type AwsModelService = (typeof AWS_MODEL_SERVICES)[number];

/** The files kept per service, where botocore has them (logs has no waiters). */
export const AWS_MODEL_FILES = ['service-2.json', 'paginators-1.json', 'waiters-2.json'] as const;
export type AwsModelFile = (typeof AWS_MODEL_FILES)[number];

/** The repository root: the nearest folder at or above `from` with a package.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export function awsModelsDir(root: string = repoRoot()): string {
  return path.join(root, 'aws-models');
}

export function awsModelPath(service: AwsModelService, file: AwsModelFile = 'service-2.json', root?: string): string {
  return path.join(awsModelsDir(root), service, file);
}

/** A service's `service-2.json`, parsed. */
export function loadAwsModel<T = unknown>(service: AwsModelService, root?: string): T {
  const file = awsModelPath(service, 'service-2.json', root);
  if (!fs.existsSync(file)) throw new Error(`API model not found at ${file}: restore aws-models/ from git, or run \`npm run update-models -- <botocore version>\``);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

// ------------------------------------------------------------------ updating from a botocore wheel

/** One file to take from the wheel: `member` (a zip entry name), gzip-compressed or not, written to `target`. */
export interface ModelFileSource {
  member: string;
  gzip: boolean;
  service: AwsModelService;
  file: AwsModelFile;
  apiVersion: string;
}

/** A botocore release version as pip takes it (`1.43.107`); anything else is refused before pip runs. */
export function checkBotocoreVersion(version: string | undefined): string {
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`expected a botocore version like 1.43.107, got ${version === undefined ? 'nothing' : JSON.stringify(version)}`);
  }
  return version;
}

/** `<version> [--wheel FILE]`, the arguments of `npm run update-models`, in either order. */
export function parseUpdateArgs(argv: readonly string[]): { version: string; wheel?: string } {
  const wheelAt = argv.indexOf('--wheel');
  if (wheelAt < 0) {
    if (argv.length > 1) throw new Error(`unexpected arguments: ${argv.slice(1).join(' ')}`);
    return { version: checkBotocoreVersion(argv[0]) };
  }
  const wheel = argv[wheelAt + 1];
  if (!wheel || wheel.startsWith('--')) throw new Error('--wheel needs a path to a botocore .whl file');
  const rest = argv.filter((_, i) => i !== wheelAt && i !== wheelAt + 1);
  if (rest.length > 1) throw new Error(`unexpected arguments: ${rest.slice(1).join(' ')}`);
  return { version: checkBotocoreVersion(rest[0]), wheel };
}

/**
 * Which wheel members make up aws-models/: for each service the newest API version folder
 * (`botocore/data/<service>/<YYYY-MM-DD>/`), and in it each kept file, plain or `.gz`. Throws when a
 * service has no service-2.json, so a renamed or dropped service never leaves a half-updated folder.
 */
export function planModelFiles(members: readonly string[]): ModelFileSource[] {
  const plan: ModelFileSource[] = [];
  for (const service of AWS_MODEL_SERVICES) {
    const prefix = `botocore/data/${service}/`;
    const versions = [...new Set(members.filter((m) => m.startsWith(prefix)).map((m) => m.slice(prefix.length).split('/')[0]))]
      .filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))
      .sort();
    const apiVersion = versions.at(-1);
    if (!apiVersion) throw new Error(`the wheel has no API model for ${service} (no ${prefix}<date>/)`);
    for (const file of AWS_MODEL_FILES) {
      const base = `${prefix}${apiVersion}/${file}`;
      const member = members.includes(base) ? base : members.includes(`${base}.gz`) ? `${base}.gz` : undefined;
      if (member) plan.push({ member, gzip: member.endsWith('.gz'), service, file, apiVersion });
      else if (file === 'service-2.json') throw new Error(`the wheel has no ${base}(.gz)`);
    }
  }
  return plan;
}

/** aws-models/README.md for the files of `plan`, taken from botocore `version`. */
export function modelsReadme(version: string, plan: readonly ModelFileSource[]): string {
  const rows = AWS_MODEL_SERVICES.map((service) => {
    const files = plan.filter((p) => p.service === service);
    return `| \`${service}/\` | ${files[0]?.apiVersion ?? ''} | ${files.map((p) => `\`${p.file}\``).join(', ')} |`;
  });
  return [
    '# AWS API models',
    '',
    `Service models from botocore ${version} (\`botocore/data/<service>/<api version>/\` in the`,
    '`botocore` wheel on PyPI), copied unchanged (the `.gz` files decompressed). Copyright Amazon.com, Inc.',
    'or its affiliates, licensed under the Apache License, Version 2.0: see `LICENSE` and `NOTICE` in this',
    'folder, copied from the same wheel.',
    '',
    '| folder | API version | files |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'What reads them: `npm run generate-schema` (schemas/task-definition*.schema.json from the ECS shape',
    '`RegisterTaskDefinitionRequest`), `npm run generate-input-shapes` (the emulator\'s',
    '`test/emulator/inputShapes.json`), and the unit tests that check the committed files against them and',
    'the emulator\'s responses against the real API shapes. `scripts/lib/awsModels.ts` is the one place that',
    'knows this folder.',
    '',
    'Update (needs Python with pip; downloads one wheel, about 16 MB): `npm run update-models -- <version>`,',
    'or `npm run update-models -- <version> --wheel path/to/botocore-<version>-py3-none-any.whl` offline.',
    'It rewrites this folder and regenerates the schemas and the input shapes; then run `npm test`.',
    '',
  ].join('\n');
}
