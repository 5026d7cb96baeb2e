// Turns SDK and credential errors into something a person understands, with the action that fixes
// it. Pure. The explorer shows these as error nodes; the full error goes to the log (redacted).
import * as l10n from '@vscode/l10n';
import { withoutFinalPeriod } from '../ui/sentence';

export type AwsErrorKind =
  | 'cancelled'
  | 'expiredSso'
  | 'expiredCredentials'
  | 'noCredentials'
  | 'accessDenied'
  | 'network'
  | 'throttled'
  | 'notFound'
  | 'invalidRequest'
  | 'unknown';

export type AwsErrorAction =
  | { readonly kind: 'signIn'; readonly profile?: string }
  | { readonly kind: 'selectProfile' }
  | { readonly kind: 'retry' }
  | { readonly kind: 'showLog' };

export interface UserFacingError {
  readonly kind: AwsErrorKind;
  /** One short line for the node label. */
  readonly title: string;
  /** The longer explanation (node tooltip / description). */
  readonly detail: string;
  readonly action: AwsErrorAction;
  /** The API call that failed, as an IAM action, e.g. `ecs:ListClusters`. */
  readonly call?: string;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  awsCall?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

function asErrorLike(e: unknown): ErrorLike {
  return typeof e === 'object' && e !== null ? (e as ErrorLike) : { message: String(e) };
}

/** Runs one AWS call and tags a failure with the IAM action it needs, e.g. `ecs:DescribeServices`. */
export async function awsCall<T>(call: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (typeof e === 'object' && e !== null && !(e as ErrorLike).awsCall) {
      try {
        (e as ErrorLike).awsCall = call;
      } catch {
        /* frozen error object: keep it as it is */
      }
    }
    throw e;
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

function networkCode(e: ErrorLike): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const c = asErrorLike(cur);
    if (c.code && NETWORK_CODES.has(c.code)) return c.code;
    cur = c.cause;
  }
  return undefined;
}

export function isCancellation(error: unknown): boolean {
  const e = asErrorLike(error);
  return e.name === 'AbortError' || e.code === 'ABORT_ERR' || /request aborted|operation was aborted/i.test(e.message ?? '');
}

/** `User: arn:... is not authorized to perform: ecs:ListClusters on resource: ...` → `ecs:ListClusters`. */
export function permissionFromMessage(message: string | undefined): string | undefined {
  const m = /not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z0-9*]+)/i.exec(message ?? '');
  return m?.[1];
}

/** "The call ecs:ListServices was denied for profile "dev". Grant the IAM permission …". */
function deniedDetail(call: string | undefined, profileText: string, permission: string | undefined): string {
  if (call && permission) return l10n.t`The call ${call} was denied for ${profileText}. Grant the IAM permission "${permission}" to use this part of the explorer.`;
  if (call) return l10n.t`The call ${call} was denied for ${profileText}.`;
  if (permission) return l10n.t`The call was denied for ${profileText}. Grant the IAM permission "${permission}" to use this part of the explorer.`;
  return l10n.t`The call was denied for ${profileText}.`;
}

/**
 * Errors that retrying cannot fix: the credentials or the permissions must change first. A loop that
 * polls (a followed deployment, a run task) ends at once on these with their action; network errors,
 * throttling and server errors are transient and keep being retried.
 */
export function isPermanentAwsError(error: unknown): boolean {
  const kind = classifyAwsError(error).kind;
  return kind === 'accessDenied' || kind === 'expiredCredentials' || kind === 'expiredSso' || kind === 'noCredentials';
}

export function classifyAwsError(error: unknown, context: { profile?: string; call?: string } = {}): UserFacingError {
  const e = asErrorLike(error);
  const name = e.name ?? e.Code ?? '';
  const message = e.message ?? '';
  const call = e.awsCall ?? context.call;
  const status = e.$metadata?.httpStatusCode;
  const profileText = context.profile ? l10n.t`profile "${context.profile}"` : l10n.t('the default profile');

  if (isCancellation(error)) {
    return { kind: 'cancelled', title: l10n.t('Cancelled'), detail: l10n.t('The load was cancelled.'), action: { kind: 'retry' }, call };
  }
  // SSO: the token cache has no valid token for the session (expired, or never signed in).
  if (/sso/i.test(name + message) && /(expired|invalid|refresh|login|token)/i.test(message)) {
    return {
      kind: 'expiredSso',
      title: l10n.t('AWS SSO session expired: sign in'),
      detail: l10n.t`The SSO session of ${profileText} has expired or was never started. Sign in with "${context.profile ? `aws sso login --profile ${context.profile}` : 'aws sso login'}", then refresh.`,
      action: { kind: 'signIn', profile: context.profile },
      call,
    };
  }
  if (
    /^(ExpiredToken|ExpiredTokenException|RequestExpired|TokenRefreshRequired)$/.test(name) ||
    /security token included in the request is expired|token has expired/i.test(message)
  ) {
    return {
      kind: 'expiredCredentials',
      title: l10n.t('AWS credentials expired'),
      detail: l10n.t`The credentials of ${profileText} have expired. Refresh them (sign in again, or renew the session token), then retry.`,
      action: context.profile ? { kind: 'signIn', profile: context.profile } : { kind: 'retry' },
      call,
    };
  }
  if (
    name === 'CredentialsProviderError' ||
    /could not load credentials|unable to load credentials|credential is missing|no credentials/i.test(message)
  ) {
    return {
      kind: 'noCredentials',
      title: l10n.t('No AWS credentials found'),
      detail: l10n.t`No credentials were found for ${profileText}. Configure a profile (aws configure or aws configure sso) and select it.`,
      action: { kind: 'selectProfile' },
      call,
    };
  }
  if (
    /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnrecognizedClientException|InvalidClientTokenId|InvalidSignatureException|SignatureDoesNotMatch)$/.test(
      name,
    ) ||
    status === 403
  ) {
    const permission = permissionFromMessage(message) ?? call;
    const invalidKeys = /UnrecognizedClient|InvalidClientTokenId|InvalidSignature|SignatureDoesNotMatch/.test(name);
    return {
      kind: 'accessDenied',
      title: invalidKeys ? l10n.t('AWS rejected the credentials') : permission ? l10n.t`Access denied: ${permission}` : l10n.t('Access denied'),
      detail: invalidKeys
        ? l10n.t`The access key of ${profileText} is not valid (${name}). Check the keys or select another profile.`
        : deniedDetail(call, profileText, permission),
      // Once the permission is granted, the same node loads again.
      action: invalidKeys ? { kind: 'selectProfile' } : { kind: 'retry' },
      call,
    };
  }
  const net = networkCode(e);
  if (net || name === 'TimeoutError' || /socket hang up|network|getaddrinfo|connect ECONN/i.test(message)) {
    return {
      kind: 'network',
      title: l10n.t('Cannot reach AWS: retry'),
      detail: call
        ? l10n.t`The request ${call} did not reach AWS (${net ?? (name || l10n.t('network error'))}). Check the network, VPN or proxy, then retry.`
        : l10n.t`The request did not reach AWS (${net ?? (name || l10n.t('network error'))}). Check the network, VPN or proxy, then retry.`,
      action: { kind: 'retry' },
      call,
    };
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(name) || status === 429) {
    return {
      kind: 'throttled',
      title: l10n.t('AWS is throttling requests: retry'),
      detail: call ? l10n.t`${call} was throttled even after retries. Wait a moment and retry.` : l10n.t('The call was throttled even after retries. Wait a moment and retry.'),
      action: { kind: 'retry' },
      call,
    };
  }
  if (/NotFound/i.test(name) || status === 404) {
    return {
      kind: 'notFound',
      title: l10n.t('Not found'),
      detail: message ? l10n.t`${message} Refresh the parent.` : l10n.t('The resource no longer exists. Refresh the parent.'),
      action: { kind: 'retry' },
      call,
    };
  }
  if (/InvalidParameter|Validation|ClientException/i.test(name) || status === 400) {
    return {
      kind: 'invalidRequest',
      title: call ? l10n.t`Request rejected (${call})` : l10n.t('Request rejected'),
      detail: message || name,
      action: { kind: 'showLog' },
      call,
    };
  }
  // "Failed to load" describes a read; a failed change (UpdateService, CreateRepository, ...) is not one.
  const reading = !call || /^[a-z0-9-]+:(List|Describe|Get|BatchGet)/.test(call);
  return {
    kind: 'unknown',
    title: !call ? l10n.t('Failed to load') : reading ? l10n.t`Failed to load (${call})` : l10n.t`AWS error (${call})`,
    detail: name
      ? l10n.t`${name}: ${withoutFinalPeriod(message) || l10n.t('unknown error')}. Details are in the ECS Workbench log.`
      : l10n.t`${withoutFinalPeriod(message) || l10n.t('unknown error')}. Details are in the ECS Workbench log.`,
    action: { kind: 'retry' },
    call,
  };
}

/**
 * What to tell the user about a failure: a failed AWS call in words with what to do about it, any
 * other error (a service that is gone, a lint gate, a publish step) by its own message and hint.
 */
export function failureText(error: unknown, profile?: string): string {
  const e = error as { $metadata?: unknown; awsCall?: string; message?: string; hint?: unknown } | undefined;
  if (e?.$metadata !== undefined || e?.awsCall) {
    const info = classifyAwsError(error, { profile });
    return `${info.title}. ${info.detail}`;
  }
  const message = e?.message ?? String(error);
  return typeof e?.hint === 'string' && e.hint ? `${message} ${e.hint}` : message;
}
