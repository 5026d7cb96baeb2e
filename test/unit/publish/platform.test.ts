import * as assert from 'node:assert/strict';
import { choosePlatform, localImagePlatformWarning, platformOfRuntime } from '../../../src/publish/platform';

describe('publish/platform', () => {
  it('maps runtimePlatform to a platform', () => {
    assert.equal(platformOfRuntime({ cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' }), 'linux/arm64');
    assert.equal(platformOfRuntime({ cpuArchitecture: 'X86_64' }), 'linux/amd64');
    assert.equal(platformOfRuntime({ operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }), 'windows/amd64');
    assert.equal(platformOfRuntime(undefined), undefined);
  });

  it('prefers explicit, then the task definition, then linux/amd64', () => {
    assert.deepEqual(choosePlatform({ explicit: 'linux/arm64', runtimePlatform: { cpuArchitecture: 'X86_64' }, machineArchitecture: 'arm64' }), {
      platform: 'linux/arm64',
      source: 'explicit',
      warning: undefined,
    });
    const fromTask = choosePlatform({ runtimePlatform: { cpuArchitecture: 'ARM64' }, machineArchitecture: 'x86_64' });
    assert.equal(fromTask.platform, 'linux/arm64');
    assert.equal(fromTask.source, 'task-definition');
    assert.match(fromTask.warning ?? '', /emulation/);
    assert.deepEqual(choosePlatform({ machineArchitecture: 'amd64' }), { platform: 'linux/amd64', source: 'default', warning: undefined });
  });

  it('warns on an ARM machine when nothing says which platform to use', () => {
    const choice = choosePlatform({ machineArchitecture: 'aarch64' });
    assert.equal(choice.platform, 'linux/amd64');
    assert.match(choice.warning ?? '', /no platform was given.*runtimePlatform/);
  });

  it('warns when a local image will hit "exec format error"', () => {
    assert.match(localImagePlatformWarning({ os: 'linux', architecture: 'arm64' }, 'linux/amd64') ?? '', /exec format error/);
    assert.equal(localImagePlatformWarning({ os: 'linux', architecture: 'amd64' }, 'linux/amd64'), undefined);
  });
});
