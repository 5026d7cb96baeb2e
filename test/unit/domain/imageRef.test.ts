import * as assert from 'node:assert/strict';
import { isEcrImage, parseImageReference, shortImageLabel, tryParseImageReference } from '../../../src/domain/imageRef';
import { lintTaskDefinition } from '../../../src/taskdef/lint';

const DIGEST = 'sha256:' + 'ab'.repeat(32);

describe('domain/imageRef', () => {
  it('repository names are lowercase (Docker\'s and ECS\'s answer): Web:1 is not a reference', () => {
    assert.equal(tryParseImageReference('Web:1'), undefined);
    assert.throws(() => parseImageReference('Web:1'), /not a valid image reference/);
    assert.equal(tryParseImageReference('team/Web'), undefined);
    // An uppercase first component is a registry host (Docker's rule), so this one is valid.
    assert.deepEqual(tryParseImageReference('Registry.example/web:1'), { registry: 'Registry.example', repository: 'web', tag: '1', digest: undefined });
  });

  it('registry detection: ".", ":" or localhost; Docker Hub namespaces are not registries', () => {
    assert.equal(tryParseImageReference('localhost/web')?.registry, 'localhost');
    assert.equal(tryParseImageReference('team/web')?.registry, undefined);
    assert.equal(tryParseImageReference('[::1]:5000/web:1')?.registry, '[::1]:5000');
  });

  it('edges: 128-character tags, 255-character names, digests of 32+ hex', () => {
    assert.ok(tryParseImageReference(`web:${'a'.repeat(128)}`));
    assert.equal(tryParseImageReference(`web:${'a'.repeat(129)}`), undefined);
    assert.ok(tryParseImageReference('a'.repeat(255)));
    assert.equal(tryParseImageReference('a'.repeat(256)), undefined);
    assert.equal(tryParseImageReference(`web@sha256:${'a'.repeat(31)}`), undefined);
    assert.equal(tryParseImageReference(`web@${DIGEST}`)?.digest, DIGEST);
    assert.equal(tryParseImageReference('web:-1'), undefined);
    assert.equal(tryParseImageReference(' web'), undefined);
    assert.equal(shortImageLabel('Web:1'), 'Web:1', 'a label of what is not a reference is the text itself');
  });

  it('ECR images by their registry host', () => {
    assert.ok(isEcrImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1'));
    assert.ok(isEcrImage('123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web:1'));
    assert.ok(isEcrImage('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web:1'));
    assert.ok(!isEcrImage('public.ecr.aws/nginx/nginx:1'));
  });

  it('the linter and deploy agree: Web:1 is an error for TD080, web:1 is not', () => {
    const td = (image: string) => JSON.stringify({ family: 'f', containerDefinitions: [{ name: 'app', image, memory: 128, essential: true }] });
    const td080 = (image: string) => lintTaskDefinition(td(image)).filter((f) => f.ruleId === 'TD080' && f.severity === 'error');
    assert.equal(td080('Web:1').length, 1);
    assert.equal(td080('web:1').length, 0);
  });
});
