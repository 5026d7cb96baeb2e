import * as assert from 'node:assert/strict';
import { loadSdk } from '../../../src/aws/sdk-loader';
import { KNOWN_REGIONS } from '../../../src/aws/profiles';

describe('aws/sdk regionName (the region picker\'s names, from the SDK\'s partition data)', () => {
  it('names the regions of every partition, and nothing for one the SDK does not know', () => {
    const { regionName } = loadSdk();
    assert.equal(regionName('us-east-1'), 'US East (N. Virginia)');
    assert.equal(regionName('eu-north-1'), 'Europe (Stockholm)');
    assert.equal(regionName('cn-north-1'), 'China (Beijing)');
    assert.equal(regionName('us-gov-west-1'), 'AWS GovCloud (US-West)');
    assert.equal(regionName('xx-nowhere-9'), undefined);
    assert.deepEqual(KNOWN_REGIONS.filter((r) => !regionName(r)), [], 'every region the picker lists has a name');
  });
});
