import * as assert from 'node:assert/strict';
import { chainPages } from '../../../src/explorer/model';
import { arrangeImages, imageNode } from '../../../src/explorer/registryNodes';
import { serviceNode } from '../../../src/explorer/serviceNodes';
import type { Resource } from '../../../src/explorer/resources';

describe('explorer/model', () => {
  it('chainPages reads all pages of the first source, then the second', async () => {
    const a = async (t?: string) => (t ? { items: ['a2'] } : { items: ['a1'], nextToken: 'x' });
    const b = async (t?: string) => (t ? { items: ['b2'] } : { items: ['b1'], nextToken: 'y' });
    const read = chainPages(a, b);
    const seen: string[] = [];
    let token: string | undefined;
    let calls = 0;
    do {
      const page = await read(token);
      seen.push(...page.items);
      token = page.nextToken;
      calls++;
    } while (token && calls < 10);
    assert.deepEqual(seen, ['a1', 'a2', 'b1', 'b2']);
    assert.equal(calls, 3, 'the end of the first source and the start of the second share a page');
  });

  it('arrangeImages sorts newest first and groups untagged images at the end', () => {
    const repo: Resource = { kind: 'repository', region: 'us-east-1', repositoryName: 'web', repositoryUri: '1.dkr.ecr.us-east-1.amazonaws.com/web' };
    const specs = [
      imageNode(repo, { imageDigest: 'sha256:old', imageTags: ['v1'], imagePushedAt: new Date(1000) }),
      imageNode(repo, { imageDigest: 'sha256:u1', imagePushedAt: new Date(1500) }),
      imageNode(repo, { imageDigest: 'sha256:new', imageTags: ['v2'], imagePushedAt: new Date(3000) }),
      imageNode(repo, { imageDigest: 'sha256:u2', imageTags: [], imagePushedAt: new Date(2500) }),
    ];
    const arranged = arrangeImages(specs);
    assert.deepEqual(arranged.map((s) => s.label), ['v2', 'v1', 'Untagged images']);
    assert.equal(arranged[2].description, '2');
    assert.equal(arranged[0].contextValue, 'ecsWorkbench.image.tagged');
    assert.deepEqual(arranged[0].resource?.imageTags, ['v2']);
  });

  it('a service node carries its resource, state and auto-refresh flag', () => {
    const spec = serviceNode({ region: 'us-east-1' }, 'arn:aws:ecs:us-east-1:1:cluster/demo', 'demo', {
      serviceName: 'web',
      serviceArn: 'arn:aws:ecs:us-east-1:1:service/demo/web',
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 1,
      taskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/web:7',
      deployments: [{ id: 'd1', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', runningCount: 1, desiredCount: 2 }],
    });
    assert.equal(spec.contextValue, 'ecsWorkbench.service.deploying');
    assert.equal(spec.autoRefresh, true);
    assert.equal(spec.resource?.family, 'web');
    assert.equal(spec.resource?.revision, 7);
    assert.equal(spec.description, '1/2 running · web:7 · deploying');
  });
});
