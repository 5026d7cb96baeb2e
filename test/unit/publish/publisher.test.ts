// publishImage's decisions with a scripted CLI and a scripted ECR (the real-parts runs are in
// publisher.podman.test.ts): what is refused before building, and what the verification catches.
import * as assert from 'node:assert/strict';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { AwsScope } from '../../../src/aws/call';
import type { RunOptions, RunResult } from '../../../src/publish/childProcess';
import { ContainerCli } from '../../../src/publish/containerCli';
import { isPublishError } from '../../../src/publish/errors';
import { buildPaths, isTagImmutable, publishImage } from '../../../src/publish/publisher';

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const D1 = 'sha256:' + '1'.repeat(64);
const D2 = 'sha256:' + '2'.repeat(64);

interface Ecr {
  repository?: { imageTagMutability?: string; imageTagMutabilityExclusionFilters?: { filterType: string; filter: string }[] };
  tags: Record<string, string>;
  calls: string[];
}

function fakeEcr(state: Ecr): AwsScope {
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      state.calls.push(name);
      switch (name) {
        case 'DescribeRepositories':
          if (!state.repository) throw Object.assign(new Error('not found'), { name: 'RepositoryNotFoundException' });
          return { repositories: [{ repositoryName: 'app', repositoryUri: `${HOST}/app`, ...state.repository }] };
        case 'DescribeImages': {
          const tag = (command.input.imageIds as { imageTag: string }[])[0].imageTag;
          if (!state.tags[tag]) throw Object.assign(new Error('no image'), { name: 'ImageNotFoundException' });
          return { imageDetails: [{ imageDigest: state.tags[tag], imageTags: [tag] }] };
        }
        case 'GetAuthorizationToken':
          return { authorizationData: [{ authorizationToken: Buffer.from('AWS:pw').toString('base64'), proxyEndpoint: `https://${HOST}` }] };
        default:
          throw new Error(`unexpected ${name}`);
      }
    },
  } as unknown as ECRClient;
  return { clients: { current: () => ({ region: 'us-east-1' }), ecr: () => client, ecs: () => { throw new Error('no ECS here'); }, logs: () => { throw new Error('no Logs here'); }, cloudwatch: () => { throw new Error('no CloudWatch here'); } }, region: undefined };
}

function fakeDocker(options: { inspect?: boolean; pushDigest?: string; onPush?: (ref: string) => void }): { cli: ContainerCli; argv: string[][] } {
  const argv: string[][] = [];
  const runner = async (_program: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> => {
    argv.push([...args]);
    const ok = (stdout = ''): RunResult => ({ code: 0, signal: null, stdout, stderr: '', cancelled: false, timedOut: false });
    if (args[0] === 'image') return options.inspect === false ? { ...ok(), code: 1, stderr: 'Error: No such image' } : ok(JSON.stringify([{ Id: 'x', Architecture: 'amd64', Os: 'linux', RootFS: { Layers: ['a', 'b'] } }]));
    if (args[0] === 'push') {
      const ref = args[args.length - 1];
      options.onPush?.(ref);
      const line = `${ref.split(':').pop()}: digest: ${options.pushDigest ?? D1} size: 1234`;
      opts.onStdoutLine?.(line);
      return ok(line);
    }
    return ok();
  };
  return { cli: new ContainerCli('docker', { runner }), argv };
}

describe('publish/publisher', () => {
  it('refuses an existing tag of an immutable repository before running anything', async () => {
    const ecr: Ecr = { repository: { imageTagMutability: 'IMMUTABLE' }, tags: { '1.0': D1 }, calls: [] };
    const { cli, argv } = fakeDocker({});
    await assert.rejects(publishImage({ context: '/w', repository: 'app', tags: ['1.1', '1.0'] }, { ecr: fakeEcr(ecr), cli }), (e: unknown) => isPublishError(e, 'immutable-tag'));
    assert.deepEqual(argv, []);
    assert.ok(!ecr.calls.includes('GetAuthorizationToken'));
  });

  it('honours exclusion filters of IMMUTABLE_WITH_EXCLUSION and MUTABLE_WITH_EXCLUSION', () => {
    const filters = [{ filter: 'latest' }, { filter: 'dev-*' }];
    assert.equal(isTagImmutable('IMMUTABLE_WITH_EXCLUSION', filters, 'latest'), false);
    assert.equal(isTagImmutable('IMMUTABLE_WITH_EXCLUSION', filters, 'dev-42'), false);
    assert.equal(isTagImmutable('IMMUTABLE_WITH_EXCLUSION', filters, '1.0'), true);
    assert.equal(isTagImmutable('MUTABLE_WITH_EXCLUSION', [{ filter: 'v*' }], 'v1'), true);
    assert.equal(isTagImmutable('MUTABLE_WITH_EXCLUSION', [{ filter: 'v*' }], 'latest'), false);
    assert.equal(isTagImmutable('MUTABLE', undefined, 'v1'), false);
  });

  it('builds with --platform from the task definition, pushes each tag and confirms the digest', async () => {
    const ecr: Ecr = { repository: {}, tags: {}, calls: [] };
    const { cli, argv } = fakeDocker({ onPush: (ref) => (ecr.tags[ref.split(':').pop()!] = D1) });
    const result = await publishImage(
      { context: 'app', repository: 'app', tags: ['1.0', 'latest'], runtimePlatform: { cpuArchitecture: 'ARM64' }, baseDir: '/w' },
      { ecr: fakeEcr(ecr), cli, engineArchitecture: 'arm64' },
    );
    assert.deepEqual(result, { imageUri: `${HOST}/app:1.0`, digest: D1, repositoryUri: `${HOST}/app`, tags: ['1.0', 'latest'], platform: 'linux/arm64', movedTags: [], credentialNote: result.credentialNote });
    assert.match(result.credentialNote ?? '', /docker logout/);
    assert.deepEqual(argv[0], ['build', '--platform', 'linux/arm64', '--file', '/w/app/Dockerfile', '--tag', `${HOST}/app:1.0`, '--tag', `${HOST}/app:latest`, '--', '/w/app']);
    assert.deepEqual(argv.filter((a) => a[0] === 'push').map((a) => a.at(-1)), [`${HOST}/app:1.0`, `${HOST}/app:latest`]);
    assert.deepEqual(argv.find((a) => a[0] === 'login'), ['login', '--username', 'AWS', '--password-stdin', '--', HOST]);
  });

  it('fails verification when ECR lists another digest than the CLI pushed', async () => {
    const ecr: Ecr = { repository: {}, tags: {}, calls: [] };
    const { cli } = fakeDocker({ pushDigest: D1, onPush: (ref) => (ecr.tags[ref.split(':').pop()!] = D2) });
    await assert.rejects(publishImage({ context: '/w', repository: 'app', tags: ['1.0'] }, { ecr: fakeEcr(ecr), cli }), (e: unknown) => isPublishError(e, 'verify-failed') && e.message.includes(D2));
  });

  it('fails verification when the tag is not listed after the push', async () => {
    const ecr: Ecr = { repository: {}, tags: {}, calls: [] };
    const { cli } = fakeDocker({});
    await assert.rejects(publishImage({ context: '/w', repository: 'app', tags: ['1.0'] }, { ecr: fakeEcr(ecr), cli }), (e: unknown) => isPublishError(e, 'verify-failed') && /does not list tag 1\.0/.test(e.message));
  });

  it('says so when a build leaves no image in the local store (buildx docker-container driver)', async () => {
    const ecr: Ecr = { repository: {}, tags: {}, calls: [] };
    const { cli, argv } = fakeDocker({ inspect: false });
    await assert.rejects(publishImage({ context: '/w', repository: 'app', tags: ['1.0'] }, { ecr: fakeEcr(ecr), cli }), (e: unknown) => {
      assert.ok(isPublishError(e, 'build-failed'));
      assert.match(e.hint ?? '', /docker buildx use default/);
      return true;
    });
    assert.ok(!argv.some((a) => a[0] === 'push' || a[0] === 'login'));
  });

  it('validates the request before anything runs', async () => {
    const ecr: Ecr = { repository: {}, tags: {}, calls: [] };
    const { cli } = fakeDocker({});
    await assert.rejects(publishImage({ context: '/w', repository: 'App', tags: ['1'] }, { ecr: fakeEcr(ecr), cli }), /not a valid ECR repository name/);
    await assert.rejects(publishImage({ context: '/w', repository: 'app', tags: [] }, { ecr: fakeEcr(ecr), cli }), /At least one tag/);
    await assert.rejects(publishImage({ context: '/w', localImage: 'x:1', repository: 'app', tags: ['1'] }, { ecr: fakeEcr(ecr), cli }), /not both/);
    await assert.rejects(publishImage({ repository: 'app', tags: ['1'] }, { ecr: fakeEcr(ecr), cli }), /Dockerfile or build context/);
    await assert.rejects(publishImage({ context: '/w', repository: 'app', tags: ['1'], platform: '--load' }, { ecr: fakeEcr(ecr), cli }), /platform/);
    assert.deepEqual(ecr.calls, []);
  });

  it('resolves build paths against the workspace folder', () => {
    assert.deepEqual(buildPaths({ dockerfile: 'svc/Dockerfile.prod', baseDir: '/w' }), { context: '/w/svc', dockerfile: '/w/svc/Dockerfile.prod' });
    assert.deepEqual(buildPaths({ context: '.', dockerfile: 'docker/Dockerfile', baseDir: '/w' }), { context: '/w', dockerfile: '/w/docker/Dockerfile' });
    assert.deepEqual(buildPaths({ context: '-rf', baseDir: '/w' }), { context: '/w/-rf', dockerfile: '/w/-rf/Dockerfile' });
  });
});
