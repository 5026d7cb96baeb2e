import * as assert from 'node:assert/strict';
import type { Task } from '@aws-sdk/client-ecs';
import { describeUsers, imageUsedBy, usersOf, type CheckedImage } from '../../../src/explorer/imageUsage';

const URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web';
const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const image: CheckedImage = { repositoryUri: URI, digest: A, tags: ['v1', 'latest'] };

describe('imageUsage', () => {
  it('a container uses an image by the digest ECS reports, its pinned digest, or the tag it pulls', () => {
    assert.equal(imageUsedBy({ image: `${URI}:v0`, imageDigest: A }, [image]), image, 'reported digest (tag moved since)');
    assert.equal(imageUsedBy({ image: `${URI}@${A}` }, [image]), image, 'pinned by digest');
    assert.equal(imageUsedBy({ image: `${URI}:v1` }, [image]), image, 'not pulled yet, by tag');
    assert.equal(imageUsedBy({ image: URI }, [image]), image, 'no tag is latest');
    assert.equal(imageUsedBy({ image: `${URI}:v2`, imageDigest: B }, [image]), undefined);
    assert.equal(imageUsedBy({ image: `${URI}@${B}` }, [image]), undefined, 'pinned to another digest, even with a shared tag name');
  });

  it('another repository with the same tag or digest is not this image', () => {
    assert.equal(imageUsedBy({ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v1' }, [image]), undefined);
    assert.equal(imageUsedBy({ image: 'web:v1' }, [image]), undefined, 'Docker Hub web:v1');
    assert.equal(imageUsedBy({ image: `123456789012.dkr.ecr.us-west-2.amazonaws.com/web@${A}`, imageDigest: A }, [image]), undefined);
  });

  it('groups tasks by image, cluster and service; standalone tasks by cluster', () => {
    const task = (id: string, cluster: string, group: string, img: string): Task => ({
      taskArn: `arn:aws:ecs:us-east-1:123456789012:task/${cluster}/${id}`,
      clusterArn: `arn:aws:ecs:us-east-1:123456789012:cluster/${cluster}`,
      group,
      containers: [{ name: 'sidecar', image: 'envoy:1' }, { name: 'app', image: img }],
    });
    const users = usersOf(
      [task('t1', 'prod', 'service:web', `${URI}:v1`), task('t2', 'prod', 'service:web', `${URI}@${A}`), task('t3', 'dev', 'family:job', `${URI}:latest`), task('t4', 'prod', 'service:api', `${URI}:v9`)],
      [image],
    );
    assert.deepEqual(users, [
      { digest: A, cluster: 'prod', service: 'web', taskIds: ['t1', 't2'] },
      { digest: A, cluster: 'dev', service: undefined, taskIds: ['t3'] },
    ]);
    assert.deepEqual(describeUsers(users), ['service web in prod (2 tasks)', 'task t3 in dev']);
  });
});
