// Which platform to build for. ECS Fargate runs linux/amd64 unless the task definition says otherwise
// (runtimePlatform); an image built on an ARM laptop without --platform fails there with
// "exec format error", so the build always gets an explicit platform.
import * as l10n from '@vscode/l10n';
import { normalizeArchitecture } from './containerCli';

export interface RuntimePlatform {
  readonly cpuArchitecture?: string;
  readonly operatingSystemFamily?: string;
}

export interface PlatformChoice {
  readonly platform: string;
  /** Where the choice came from, for the log and the user. */
  readonly source: 'explicit' | 'task-definition' | 'default';
  /** Set when the user should know something (cross-architecture build, image of another platform). */
  readonly warning?: string;
}

/** linux/amd64 from `{cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX'}`. */
export function platformOfRuntime(runtime: RuntimePlatform | undefined): string | undefined {
  if (!runtime?.cpuArchitecture && !runtime?.operatingSystemFamily) return undefined;
  const arch = runtime.cpuArchitecture === 'ARM64' ? 'arm64' : 'amd64';
  const osFamily = runtime.operatingSystemFamily && runtime.operatingSystemFamily !== 'LINUX' ? 'windows' : 'linux';
  return `${osFamily}/${arch}`;
}

/** The architecture part of `linux/arm64/v8` → `arm64`. */
export function architectureOfPlatform(platform: string): string {
  return normalizeArchitecture(platform.split('/')[1] ?? '');
}

/**
 * explicit platform > task definition's runtimePlatform > linux/amd64.
 * `machineArchitecture` is the engine's (or this machine's) architecture: when it differs from the
 * target, the build needs emulation (slow, and it fails without qemu/binfmt), which the user is told;
 * and when nothing said which platform to use, the warning says that linux/amd64 was assumed.
 */
export function choosePlatform(options: { explicit?: string; runtimePlatform?: RuntimePlatform; machineArchitecture?: string }): PlatformChoice {
  const machine = options.machineArchitecture ? normalizeArchitecture(options.machineArchitecture) : undefined;
  if (options.explicit) return { platform: options.explicit, source: 'explicit', warning: crossWarning(options.explicit, machine) };
  const fromTask = platformOfRuntime(options.runtimePlatform);
  if (fromTask) return { platform: fromTask, source: 'task-definition', warning: crossWarning(fromTask, machine) };
  const platform = 'linux/amd64';
  let warning: string | undefined;
  if (machine && machine !== 'amd64') {
    warning = l10n.t(
      'This machine builds {0} images, but no platform was given and the task definition has no runtimePlatform: building for linux/amd64 (what Fargate runs by default) through emulation, which is slower. Set runtimePlatform.cpuArchitecture to ARM64 in the task definition to run {0} natively.',
      machine,
    );
  }
  return { platform, source: 'default', warning };
}

function crossWarning(platform: string, machine: string | undefined): string | undefined {
  const target = architectureOfPlatform(platform);
  if (!machine || machine === target) return undefined;
  return l10n.t`Building ${platform} on a ${machine} engine needs emulation (qemu/binfmt): it is slower and fails if emulation is not set up.`;
}

/** A warning when a local image's platform is not the one the task will run (ecspresso's `verify`). */
export function localImagePlatformWarning(image: { os?: string; architecture?: string }, platform: string): string | undefined {
  if (!image.architecture) return undefined;
  const target = architectureOfPlatform(platform);
  if (normalizeArchitecture(image.architecture) === target) return undefined;
  return l10n.t`The local image is ${image.os ?? 'linux'}/${image.architecture} but the task runs ${platform}: it will fail with "exec format error". Rebuild it with --platform ${platform}.`;
}
