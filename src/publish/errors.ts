import * as l10n from '@vscode/l10n';
// What went wrong while publishing, in terms a user can act on. Container CLIs word their errors
// differently across versions, so the patterns are loose on purpose.

export type ContainerCliKind = 'docker' | 'podman' | 'finch' | 'nerdctl';

export type PublishErrorKind =
  | 'cli-not-found'
  | 'engine-not-running'
  | 'invalid-input'
  | 'context-missing'
  | 'build-failed'
  | 'local-image-missing'
  | 'login-failed'
  | 'immutable-tag'
  | 'repository-missing'
  | 'push-denied'
  | 'push-failed'
  | 'verify-failed'
  | 'cancelled';

export class PublishError extends Error {
  constructor(
    readonly kind: PublishErrorKind,
    message: string,
    /** What the user can do about it. */
    readonly hint?: string,
    /** The tail of the CLI output, for the log. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

export function isPublishError(error: unknown, kind?: PublishErrorKind): error is PublishError {
  return error instanceof PublishError && (kind === undefined || error.kind === kind);
}

const ENGINE_DOWN = [
  /cannot connect to the docker daemon/i,
  /is the docker daemon running/i,
  /failed to connect to the docker api/i,
  /error during connect/i,
  /docker_engine: the system cannot find the file specified/i,
  /cannot connect to podman/i,
  /podman machine (?:init|start)/i,
  /unable to connect to podman socket/i,
  /virtual machine is not running/i,
  /finch vm (?:init|start)/i,
  /containerd\.sock/i,
  /cannot access containerd socket/i,
];
const IMMUTABLE = [/TAG_INVALID/i, /cannot be overwritten/i, /tag invalid/i, /ImageTagAlreadyExists/i, /\bimmutable\b/i];
const REPOSITORY_MISSING = [
  /NAME_UNKNOWN/,
  /name unknown/i,
  /repository with name .* does not exist/i,
  /RepositoryNotFound/i,
  /repository .* not found/i,
];
const DENIED = [
  /\bdenied\b/i,
  /\bunauthorized\b/i,
  /not authorized to perform/i,
  /authentication required/i,
  /no basic auth credentials/i,
  /authorization token has expired/i,
  /403 forbidden/i,
];
const LOGIN_BAD_CREDENTIALS = [
  /invalid username\/password/i,
  /incorrect username or password/i,
  /\bunauthorized\b/i,
  /\b401\b/,
  /authorization token has expired/i,
];
const LOCAL_IMAGE_MISSING = [/image not known/i, /no such image/i, /An image does not exist locally/i, /not found: not found/i];

const any = (patterns: readonly RegExp[], text: string): boolean => patterns.some((p) => p.test(text));

/** How to get the engine behind a CLI running. */
export function engineStartHint(cli: ContainerCliKind): string {
  switch (cli) {
    case 'docker':
      return l10n.t('Start Docker Desktop, or on Linux run `sudo systemctl start docker`.');
    case 'podman':
      return l10n.t('On macOS and Windows run `podman machine start` (once `podman machine init`); on Linux podman needs no daemon: check `podman info`.');
    case 'finch':
      return l10n.t('Run `finch vm start` (once `finch vm init`).');
    case 'nerdctl':
      return l10n.t('Start containerd (`sudo systemctl start containerd`), or use nerdctl through Rancher Desktop or Lima.');
  }
}

/** The last lines of CLI output, for messages and logs. */
export function outputTail(text: string, lines = 8): string {
  return text
    .split(/\r?\n|\r/)
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .slice(-lines)
    .join('\n');
}

/** The most telling line of a failed run: the last one that looks like an error, else the last line. */
export function errorLine(text: string): string {
  const lines = outputTail(text, 40).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/error|denied|unauthorized|invalid|unknown|not found|cannot|failed/i.test(lines[i])) {
      return lines[i].replace(/^(?:Error:\s*|ERROR:\s*|Error response from daemon:\s*)/i, '');
    }
  }
  return lines[lines.length - 1] ?? '';
}

export function engineNotRunning(cli: ContainerCliKind, output: string): PublishError {
  return new PublishError(
    'engine-not-running',
    l10n.t`The ${cli} engine is not running: ${errorLine(output)}`,
    engineStartHint(cli),
    outputTail(output),
  );
}

/** Classifies a failed `push`. */
export function classifyPushFailure(cli: ContainerCliKind, output: string, target: string): PublishError {
  const tail = outputTail(output);
  const line = errorLine(output);
  if (any(ENGINE_DOWN, output)) return engineNotRunning(cli, output);
  if (any(IMMUTABLE, output)) {
    return new PublishError(
      'immutable-tag',
      l10n.t`The tag of ${target} already exists and the repository is immutable: it cannot be overwritten.`,
      l10n.t('Choose another tag (for example the git commit or a timestamp).'),
      tail,
    );
  }
  if (any(REPOSITORY_MISSING, output)) {
    return new PublishError('repository-missing', l10n.t`The repository of ${target} does not exist: ${line}`, l10n.t('Create the repository, then publish again.'), tail);
  }
  if (any(LOCAL_IMAGE_MISSING, output)) {
    return new PublishError('local-image-missing', l10n.t`The local image ${target} was not found: ${line}`, undefined, tail);
  }
  if (any(DENIED, output)) {
    return new PublishError(
      'push-denied',
      l10n.t`The registry refused the push of ${target}: ${line}`,
      l10n.t('Check that your AWS identity may push to this repository (ecr:InitiateLayerUpload, ecr:PutImage, ...).'),
      tail,
    );
  }
  return new PublishError('push-failed', l10n.t`Pushing ${target} failed: ${line}`, undefined, tail);
}

/** Classifies a failed `login`. */
export function classifyLoginFailure(cli: ContainerCliKind, output: string, registry: string): PublishError {
  if (any(ENGINE_DOWN, output)) return engineNotRunning(cli, output);
  const line = errorLine(output);
  const badCredentials = any(LOGIN_BAD_CREDENTIALS, output);
  return new PublishError(
    'login-failed',
    badCredentials
      ? l10n.t`Logging in to ${registry} failed (the registry rejected the credentials): ${line}`
      : l10n.t`Logging in to ${registry} failed: ${line}`,
    l10n.t('The password comes from ECR GetAuthorizationToken for the current profile and region: check that they match the repository.'),
    outputTail(output),
  );
}

/** Classifies a failed `build` (or `tag` of a local image). */
export function classifyBuildFailure(cli: ContainerCliKind, output: string): PublishError {
  if (any(ENGINE_DOWN, output)) return engineNotRunning(cli, output);
  return new PublishError('build-failed', l10n.t`The image build failed: ${errorLine(output)}`, l10n.t('The full build output is in the ECS Workbench log.'), outputTail(output, 20));
}

export function cancelled(what: string): PublishError {
  return new PublishError('cancelled', l10n.t`${what} was cancelled.`);
}
