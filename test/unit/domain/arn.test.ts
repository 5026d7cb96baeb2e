import * as assert from 'node:assert/strict';
import { accountOfArn, parseArn, parseRevision, resourceName, revisionLabel, sameRevision } from '../../../src/domain/arn';

describe('domain/arn', () => {
  it('splits an ARN into its six parts; a resource may contain ":" and "/"', () => {
    assert.deepEqual(parseArn('arn:aws:ecs:us-east-1:123456789012:task-definition/web:5'), {
      partition: 'aws', service: 'ecs', region: 'us-east-1', account: '123456789012', resource: 'task-definition/web:5',
    });
    assert.equal(parseArn('arn:aws-cn:ecr:cn-north-1:123456789012:repository/team/web')?.partition, 'aws-cn');
    assert.equal(parseArn('web:5'), undefined);
    assert.equal(parseArn('arn:aws:ecs'), undefined);
    assert.equal(parseArn(undefined), undefined);
  });

  it('the account only when it is 12 digits', () => {
    assert.equal(accountOfArn('arn:aws:ecr:us-east-1:123456789012:repository/web'), '123456789012');
    assert.equal(accountOfArn('arn:aws:ecr:us-east-1:1234:repository/web'), undefined);
    assert.equal(accountOfArn('123456789012.dkr.ecr.us-east-1.amazonaws.com/web'), undefined);
  });

  it('the name an ARN ends with (old- and new-style ECS ARNs), names unchanged', () => {
    assert.equal(resourceName('arn:aws:ecs:us-east-1:123456789012:task/demo/abc123'), 'abc123');
    assert.equal(resourceName('arn:aws:ecs:us-east-1:123456789012:task/abc123'), 'abc123');
    assert.equal(resourceName('arn:aws:ecs:us-east-1:123456789012:service/prod/web'), 'web');
    assert.equal(resourceName('arn:aws:ecs:us-east-1:123456789012:cluster/production'), 'production');
    assert.equal(resourceName('arn:aws:ecs:us-east-1:123456789012:task-definition/web:5'), 'web:5');
    assert.equal(resourceName('arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/Xyz'), 'Xyz');
    assert.equal(resourceName('production'), 'production');
    assert.equal(resourceName('web:5'), 'web:5', 'a name is not cut at its ":"');
    assert.equal(resourceName(undefined), '');
  });

  it('parses ARNs and family:revision, only of task definitions', () => {
    const arn = (f: string, n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${f}:${n}`;
    assert.deepEqual(parseRevision(arn('web', 12)), { family: 'web', revision: 12 });
    assert.deepEqual(parseRevision('arn:aws:ecs:us-east-1:1:task-definition/web-api:12'), { family: 'web-api', revision: 12 });
    assert.deepEqual(parseRevision('web:3'), { family: 'web', revision: 3 });
    assert.deepEqual(parseRevision(`${'a'.repeat(255)}:1`), { family: 'a'.repeat(255), revision: 1 });
    for (const bad of ['web', 'web:', ':3', 'web:x', 'we b:3', `${'a'.repeat(256)}:1`, 'arn:aws:ecs:us-east-1:1:service/prod/web:3', undefined]) {
      assert.equal(parseRevision(bad), undefined, String(bad));
    }
    assert.equal(revisionLabel(arn('web', 12)), 'web:12');
    assert.equal(revisionLabel('web'), 'web');
    assert.equal(revisionLabel(undefined), '?');
    assert.ok(sameRevision(arn('web', 3), 'web:3'));
    assert.ok(!sameRevision(arn('web', 3), 'web:4'));
    assert.ok(!sameRevision(undefined, 'web:4'));
  });
});
