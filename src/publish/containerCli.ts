// The container CLI driver: docker, podman, finch or nerdctl, spawned with argument arrays.
// Every user-provided value is validated before it gets here (see names.ts) and, where the CLI
// accepts it, placed after `--` so that it can never be read as an option.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ProgramNotFoundError, WorkingFolderMissingError, runProgram, type RunOptions, type RunResult } from './childProcess';
import { createAuthDir } from './authFiles';
import {
  PublishError,
  cancelled,
  classifyBuildFailure,
  classifyLoginFailure,
  classifyPushFailure,
  engineNotRunning,
  errorLine,
  type ContainerCliKind,
} from './errors';
import { assertValid, checkLocalImage, checkPlatform, checkRegistryHost, isLoopbackHttpEndpoint } from './names';
import { PushProgressParser, type PushOutputFormat, type PushProgress } from './pushProgress';

export const CONTAINER_CLIS: readonly ContainerCliKind[] = ['docker', 'podman', 'finch', 'nerdctl'];

export type Runner = (program: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

export interface RegistryLogin {
  /** `https://123456789012.dkr.ecr.us-east-1.amazonaws.com` (or `http://127.0.0.1:5000` locally). */
  readonly endpoint: string;
  /** Host with port, as used in image references. */
  readonly host: string;
  readonly username: string;
  readonly password: string;
}

export interface LocalImageInfo {
  readonly id: string;
  readonly os?: string;
  /** Normalised: amd64, arm64, ... */
  readonly architecture?: string;
  readonly layers: number;
}

export interface BuildRequest {
  /** Absolute path of the build context. */
  readonly context: string;
  /** Absolute path of the Dockerfile. */
  readonly dockerfile: string;
  /** Full references to tag the result with. */
  readonly tags: readonly string[];
  readonly platform: string;
  readonly signal?: AbortSignal;
  readonly onLine?: (line: string) => void;
}

export interface PushRequest {
  readonly reference: string;
  readonly login: RegistryLogin;
  readonly layersTotalHint?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PushProgress) => void;
  readonly onLine?: (line: string) => void;
}

export interface EngineProbe {
  readonly cli: ContainerCliKind;
  readonly ok: boolean;
  /** The engine's architecture (amd64, arm64) when it answered. */
  readonly architecture?: string;
  /** Why it did not answer. */
  readonly reason?: string;
}

/** x86_64/aarch64/amd64/arm64/x64 → amd64/arm64; others unchanged. */
export function normalizeArchitecture(arch: string): string {
  const a = arch.trim().toLowerCase();
  if (a === 'x86_64' || a === 'x64' || a === 'amd64') return 'amd64';
  if (a === 'aarch64' || a === 'arm64' || a === 'arm64/v8') return 'arm64';
  return a;
}

/** The argv that asks the engine (not just the client) for its architecture. */
function probeArgs(cli: ContainerCliKind): string[] {
  return cli === 'podman' ? ['info', '--format', '{{.Host.Arch}}'] : ['info', '--format', '{{.Architecture}}'];
}

/** Asks one CLI whether its engine answers. Never throws. */
export async function probeEngine(cli: ContainerCliKind, options: { command?: string; runner?: Runner; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<EngineProbe> {
  const run = options.runner ?? runProgram;
  try {
    const result = await run(options.command ?? cli, probeArgs(cli), { timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal });
    const out = result.stdout.trim();
    if (result.code === 0 && out !== '' && !/<no value>/.test(out)) {
      return { cli, ok: true, architecture: normalizeArchitecture(out.split(/\s+/)[0]) };
    }
    if (result.timedOut) return { cli, ok: false, reason: l10n.t`${cli} info did not answer within ${Math.round((options.timeoutMs ?? 10_000) / 1000)} s` };
    return { cli, ok: false, reason: errorLine(result.stderr + '\n' + result.stdout) || l10n.t`exit code ${result.code ?? '?'}` };
  } catch (error) {
    return { cli, ok: false, reason: error instanceof ProgramNotFoundError ? l10n.t`${cli} is not installed (or not on PATH)` : String(error) };
  }
}

/**
 * The CLI to use: the configured one (which must answer), else the first of docker, podman, finch,
 * nerdctl whose engine answers. A docker CLI without a running engine is common, hence the probing.
 */
export async function detectContainerCli(
  configured: ContainerCliKind | undefined,
  options: { runner?: Runner; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<{ cli: ContainerCliKind; architecture?: string; probes: EngineProbe[] }> {
  const candidates = configured ? [configured] : CONTAINER_CLIS;
  const probes: EngineProbe[] = [];
  for (const cli of candidates) {
    if (options.signal?.aborted) throw cancelled(l10n.t('Looking for a container engine'));
    const probe = await probeEngine(cli, options);
    probes.push(probe);
    if (probe.ok) return { cli, architecture: probe.architecture, probes };
  }
  if (configured) {
    const reason = probes[0]?.reason ?? '';
    if (/not installed/.test(reason)) {
      throw new PublishError('cli-not-found', l10n.t`${configured} is not installed (setting ecsWorkbench.containerCli).`, l10n.t('Install it, or clear the setting to use the first container engine that answers.'));
    }
    throw engineNotRunning(configured, reason);
  }
  const summary = probes.map((p) => `${p.cli}: ${p.reason}`).join('; ');
  const installed = probes.filter((p) => !/not installed/.test(p.reason ?? ''));
  if (installed.length === 0) {
    throw new PublishError('cli-not-found', l10n.t('No container CLI found (docker, podman, finch or nerdctl).'), l10n.t('Install one of them, for example Docker Desktop or podman.'), summary);
  }
  const first = installed[0].cli;
  const error = engineNotRunning(first, installed[0].reason ?? '');
  throw new PublishError('engine-not-running', l10n.t`No container engine answers (${summary}).`, error.hint, summary);
}

/** Where a CLI keeps the credential of `login` when we cannot keep it out of the user's config. */
export function credentialNote(cli: ContainerCliKind, host: string): string | undefined {
  switch (cli) {
    case 'podman':
      return undefined; // we log in with a temporary --authfile that is deleted afterwards
    case 'docker':
      return l10n.t`docker stored the ECR login for ${host} (valid 12 hours) in its credential store or ~/.docker/config.json; \`docker logout ${host}\` removes it.`;
    case 'nerdctl':
      return l10n.t`nerdctl stored the ECR login for ${host} (valid 12 hours) in ~/.docker/config.json; \`nerdctl logout ${host}\` removes it.`;
    case 'finch':
      return l10n.t`finch stored the ECR login for ${host} (valid 12 hours) in ~/.finch/config.json; \`finch logout ${host}\` removes it.`;
  }
}

export class ContainerCli {
  readonly command: string;
  private authDir: string | undefined;
  private readonly authRoot: string | undefined;
  private readonly run: Runner;
  private readonly log: (line: string) => void;

  constructor(
    readonly kind: ContainerCliKind,
    options: { command?: string; runner?: Runner; log?: (line: string) => void; authRoot?: string } = {},
  ) {
    this.authRoot = options.authRoot;
    this.command = options.command ?? kind;
    this.run = options.runner ?? runProgram;
    this.log = options.log ?? (() => undefined);
  }

  private get pushFormat(): PushOutputFormat {
    return this.kind === 'podman' ? 'podman' : this.kind === 'docker' ? 'docker' : 'nerdctl';
  }

  private async exec(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    // Arguments never hold secrets (passwords go through stdin), so the command line can be logged.
    this.log(`$ ${this.command} ${args.join(' ')}`);
    try {
      return await this.run(this.command, args, options);
    } catch (error) {
      if (error instanceof WorkingFolderMissingError) {
        throw new PublishError('context-missing', l10n.t`The build context ${error.folder} does not exist.`, l10n.t('Choose an existing folder as the build context.'));
      }
      if (error instanceof ProgramNotFoundError) {
        throw new PublishError('cli-not-found', l10n.t`${this.command} is not installed (or not on PATH).`, l10n.t('Install it or choose another CLI in the setting ecsWorkbench.containerCli.'));
      }
      throw error;
    }
  }

  /** Options that let a loopback plain-HTTP registry work (tests, local mirrors); nothing for remote ones. */
  private insecureOptions(login: RegistryLogin): string[] {
    if (!isLoopbackHttpEndpoint(login.endpoint)) return [];
    if (this.kind === 'podman') return ['--tls-verify=false'];
    if (this.kind === 'nerdctl' || this.kind === 'finch') return ['--insecure-registry'];
    return []; // docker treats 127.0.0.0/8 as an insecure registry by default
  }

  private async authFile(): Promise<string> {
    if (!this.authDir) {
      const dir = await createAuthDir(this.authRoot);
      // Owner-only (mkdtemp's default); an empty file so that a push before login fails as "unauthorized".
      await fs.writeFile(path.join(dir, 'auth.json'), '{"auths":{}}\n', { mode: 0o600 });
      this.authDir = dir;
    }
    return path.join(this.authDir, 'auth.json');
  }

  /** Builds an image from a Dockerfile for an explicit platform, tagged with every reference in `tags`. */
  async build(request: BuildRequest): Promise<void> {
    assertValid(checkPlatform(request.platform));
    for (const ref of request.tags) assertValid(checkLocalImage(ref));
    if (!path.isAbsolute(request.context) || !path.isAbsolute(request.dockerfile)) {
      throw new PublishError('invalid-input', l10n.t('The build context and Dockerfile must be absolute paths.'));
    }
    const args = ['build', '--platform', request.platform, '--file', request.dockerfile];
    for (const ref of request.tags) args.push('--tag', ref);
    args.push('--', request.context);
    const result = await this.exec(args, { cwd: request.context, signal: request.signal, onStdoutLine: request.onLine, onStderrLine: request.onLine });
    if (result.cancelled) throw cancelled(l10n.t('The build'));
    if (result.code !== 0) throw classifyBuildFailure(this.kind, result.stderr + '\n' + result.stdout);
  }

  /** `tag source target` (both validated references). */
  async tag(source: string, target: string, signal?: AbortSignal): Promise<void> {
    assertValid(checkLocalImage(source));
    assertValid(checkLocalImage(target));
    const result = await this.exec(['tag', '--', source, target], { signal, timeoutMs: 60_000 });
    if (result.cancelled) throw cancelled('Tagging');
    if (result.code !== 0) {
      const output = result.stderr + '\n' + result.stdout;
      const error = classifyBuildFailure(this.kind, output);
      if (error.kind === 'engine-not-running') throw error;
      throw new PublishError('local-image-missing', l10n.t`Tagging ${source} as ${target} failed: ${errorLine(output)}`, l10n.t`Check that the local image exists (\`${this.kind} images\`).`);
    }
  }

  /** Id, platform and layer count of a local image; undefined when it does not exist. */
  async inspectImage(reference: string, signal?: AbortSignal): Promise<LocalImageInfo | undefined> {
    assertValid(checkLocalImage(reference));
    const result = await this.exec(['image', 'inspect', '--', reference], { signal, timeoutMs: 60_000 });
    if (result.cancelled) throw cancelled(l10n.t('Inspecting the image'));
    if (result.code !== 0) {
      const output = result.stderr + '\n' + result.stdout;
      if (classifyBuildFailure(this.kind, output).kind === 'engine-not-running') throw engineNotRunning(this.kind, output);
      return undefined;
    }
    try {
      const parsed = JSON.parse(result.stdout) as unknown;
      const info = (Array.isArray(parsed) ? parsed[0] : parsed) as {
        Id?: string;
        Os?: string;
        Architecture?: string;
        RootFS?: { Layers?: unknown[] };
      };
      if (!info) return undefined;
      return {
        id: info.Id ?? '',
        os: info.Os,
        architecture: info.Architecture ? normalizeArchitecture(info.Architecture) : undefined,
        layers: info.RootFS?.Layers?.length ?? 0,
      };
    } catch {
      return undefined;
    }
  }

  /**
   * Logs in with the password on standard input. podman gets a temporary --authfile (deleted by
   * dispose()), so nothing lands in the user's configuration; the other CLIs store the credential:
   * the returned note says where, for the user.
   */
  async login(login: RegistryLogin, signal?: AbortSignal): Promise<string | undefined> {
    assertValid(checkRegistryHost(login.host));
    const args = ['login', '--username', login.username, '--password-stdin'];
    if (this.kind === 'podman') args.push('--authfile', await this.authFile());
    args.push(...this.insecureOptions(login), '--', login.host);
    const result = await this.exec(args, { stdin: login.password, signal, timeoutMs: 120_000 });
    if (result.cancelled) throw cancelled(l10n.t('The registry login'));
    if (result.code !== 0) throw classifyLoginFailure(this.kind, scrub(result.stderr + '\n' + result.stdout, login.password), login.host);
    return credentialNote(this.kind, login.host);
  }

  /** Pushes one reference; resolves with the manifest digest the CLI reported (if it did). */
  async push(request: PushRequest): Promise<{ digest?: string }> {
    assertValid(checkLocalImage(request.reference));
    const parser = new PushProgressParser(this.pushFormat, request.layersTotalHint);
    const args = ['push'];
    let digestFile: string | undefined;
    if (this.kind === 'podman') {
      const authFile = await this.authFile();
      digestFile = path.join(path.dirname(authFile), `digest-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      args.push('--authfile', authFile, '--digestfile', digestFile);
    }
    args.push(...this.insecureOptions(request.login), '--', request.reference);
    const onLine = (line: string): void => {
      request.onLine?.(line);
      const progress = parser.feed(line);
      if (progress) request.onProgress?.(progress);
    };
    const result = await this.exec(args, { signal: request.signal, onStdoutLine: onLine, onStderrLine: onLine });
    if (result.cancelled) throw cancelled(l10n.t`Pushing ${request.reference}`);
    if (result.code !== 0) throw classifyPushFailure(this.kind, result.stderr + '\n' + result.stdout, request.reference);
    request.onProgress?.(parser.finish());
    let digest = parser.digest;
    if (digestFile) {
      try {
        const text = (await fs.readFile(digestFile, 'utf8')).trim();
        if (/^sha256:[a-f0-9]{64}$/.test(text)) digest = text;
        await fs.rm(digestFile, { force: true });
      } catch {
        // older podman without --digestfile output: DescribeImages still confirms the digest
      }
    }
    return { digest };
  }

  /** Removes the temporary auth file (podman). */
  async dispose(): Promise<void> {
    const dir = this.authDir;
    this.authDir = undefined;
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Removes a secret from text before it is shown or logged. */
export function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}
