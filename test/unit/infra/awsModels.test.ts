// The repository stands alone: the API models live in aws-models/ (with botocore's Apache-2.0 licence
// and notice), the update script takes the right files from a botocore wheel, and no source, test or
// script reads a folder beside the repository.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AWS_MODEL_FILES,
  AWS_MODEL_SERVICES,
  awsModelPath,
  awsModelsDir,
  checkBotocoreVersion,
  loadAwsModel,
  modelsReadme,
  parseUpdateArgs,
  planModelFiles,
  repoRoot,
  type ModelFileSource,
} from '../../../scripts/lib/awsModels';

describe('infra: AWS API models in the repository', () => {
  it('has every service model, parsed, with botocore licence and notice beside them', () => {
    for (const service of AWS_MODEL_SERVICES) {
      const model = loadAwsModel<{ metadata: { apiVersion: string }; shapes: object }>(service);
      assert.match(model.metadata.apiVersion, /^\d{4}-\d{2}-\d{2}$/, service);
      assert.ok(Object.keys(model.shapes).length > 50, `${service} has its shapes`);
    }
    assert.match(fs.readFileSync(path.join(awsModelsDir(), 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);
    assert.match(fs.readFileSync(path.join(awsModelsDir(), 'NOTICE'), 'utf8'), /Amazon\.com, Inc\./);
  });

  it('the ECS model is the 2026-10 one (earlySuccessCriteria, PAUSE hooks, service deployments API)', () => {
    const ecs = loadAwsModel<{ operations: Record<string, unknown>; shapes: Record<string, { members?: object; enum?: string[] }> }>('ecs');
    assert.ok('earlySuccessCriteria' in ecs.shapes.DeploymentConfiguration.members!);
    assert.ok(ecs.shapes.DeploymentLifecycleHookTargetType.enum!.includes('PAUSE'));
    for (const op of ['ListServiceDeployments', 'DescribeServiceDeployments', 'StopServiceDeployment']) assert.ok(ecs.operations[op], op);
  });

  it('aws-models/README.md is what the update script writes for the files present', () => {
    const readme = fs.readFileSync(path.join(awsModelsDir(), 'README.md'), 'utf8');
    const version = /from botocore (\d+\.\d+\.\d+)/.exec(readme)?.[1];
    assert.ok(version, 'README names the botocore version');
    const plan: ModelFileSource[] = [];
    for (const service of AWS_MODEL_SERVICES) {
      const apiVersion = loadAwsModel<{ metadata: { apiVersion: string } }>(service).metadata.apiVersion;
      for (const file of AWS_MODEL_FILES) {
        if (fs.existsSync(awsModelPath(service, file))) plan.push({ member: '', gzip: false, service, file, apiVersion });
      }
    }
    assert.equal(readme, modelsReadme(version, plan));
  });

  it('no source, test or script reads the shared/ folder beside the repository', () => {
    const root = repoRoot();
    const name = 'shared';
    const beside = [`../${name}`, `'..', '${name}'`];
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(ts|mjs|js|sh|json)$/.test(entry.name) && !file.includes(`${path.sep}fixtures${path.sep}`)) {
          const text = fs.readFileSync(file, 'utf8');
          if (beside.some((b) => text.includes(b))) offenders.push(path.relative(root, file));
        }
      }
    };
    for (const dir of ['src', 'test', 'scripts', '.ci']) walk(path.join(root, dir));
    for (const file of ['package.json', 'esbuild.mjs', 'eslint.config.mjs', 'tsconfig.json']) {
      if (beside.some((b) => fs.readFileSync(path.join(root, file), 'utf8').includes(b))) offenders.push(file);
    }
    assert.deepEqual(offenders, []);
  });
});

describe('infra: update-models plan', () => {
  const wheel = (extra: string[] = []): string[] => [
    'botocore/__init__.py',
    'botocore/data/ecs/2014-11-13/service-2.json.gz',
    'botocore/data/ecs/2014-11-13/paginators-1.json',
    'botocore/data/ecs/2014-11-13/waiters-2.json',
    'botocore/data/ecs/2014-11-13/examples-1.json',
    'botocore/data/ecr/2015-09-21/service-2.json.gz',
    'botocore/data/ecr/2015-09-21/waiters-2.json.gz',
    'botocore/data/ecr-public/2020-10-30/service-2.json.gz',
    'botocore/data/logs/2014-03-28/service-2.json.gz',
    'botocore/data/logs/2014-03-28/paginators-1.json',
    'botocore/data/cloudwatch/2010-08-01/service-2.json.gz',
    ...extra,
  ];

  it('takes service-2, paginators and waiters of each service, plain or gzip, and nothing else', () => {
    const plan = planModelFiles(wheel());
    assert.deepEqual(
      plan.map((p) => `${p.service}/${p.file} <- ${p.member} ${p.gzip ? 'gz' : 'plain'}`),
      [
        'ecs/service-2.json <- botocore/data/ecs/2014-11-13/service-2.json.gz gz',
        'ecs/paginators-1.json <- botocore/data/ecs/2014-11-13/paginators-1.json plain',
        'ecs/waiters-2.json <- botocore/data/ecs/2014-11-13/waiters-2.json plain',
        'ecr/service-2.json <- botocore/data/ecr/2015-09-21/service-2.json.gz gz',
        'ecr/waiters-2.json <- botocore/data/ecr/2015-09-21/waiters-2.json.gz gz',
        'logs/service-2.json <- botocore/data/logs/2014-03-28/service-2.json.gz gz',
        'logs/paginators-1.json <- botocore/data/logs/2014-03-28/paginators-1.json plain',
        'cloudwatch/service-2.json <- botocore/data/cloudwatch/2010-08-01/service-2.json.gz gz',
      ],
    );
  });

  it('takes the newest API version folder when botocore keeps two', () => {
    const plan = planModelFiles(wheel(['botocore/data/cloudwatch/2026-01-01/service-2.json.gz', 'botocore/data/cloudwatch/2009-05-15/service-2.json']));
    assert.deepEqual(plan.filter((p) => p.service === 'cloudwatch').map((p) => p.member), ['botocore/data/cloudwatch/2026-01-01/service-2.json.gz']);
  });

  it('refuses a wheel without a service model rather than half-updating', () => {
    assert.throws(() => planModelFiles(wheel().filter((m) => !m.startsWith('botocore/data/logs/'))), /no API model for logs/);
    assert.throws(() => planModelFiles(wheel(['botocore/data/ecs/2099-01-01/paginators-1.json'])), /no botocore\/data\/ecs\/2099-01-01\/service-2\.json/);
  });

  it('reads `<version> [--wheel FILE]` in either order and refuses anything else', () => {
    assert.deepEqual(parseUpdateArgs(['1.43.107']), { version: '1.43.107' });
    assert.deepEqual(parseUpdateArgs(['1.43.107', '--wheel', 'b.whl']), { version: '1.43.107', wheel: 'b.whl' });
    assert.deepEqual(parseUpdateArgs(['--wheel', 'b.whl', '1.43.107']), { version: '1.43.107', wheel: 'b.whl' });
    assert.throws(() => parseUpdateArgs([]), /expected a botocore version/);
    assert.throws(() => parseUpdateArgs(['1.43.107', '--wheel']), /--wheel needs a path/);
    assert.throws(() => parseUpdateArgs(['1.43.107', '1.43.108']), /unexpected arguments: 1\.43\.108/);
  });

  it('accepts only release versions, before pip runs', () => {
    assert.equal(checkBotocoreVersion('1.43.107'), '1.43.107');
    for (const bad of [undefined, '', 'latest', '1.43', '1.43.107; rm -rf /', '>=1.0.0']) assert.throws(() => checkBotocoreVersion(bad), /expected a botocore version/);
  });
});
