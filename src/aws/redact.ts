// Removes secrets from text before it reaches the log channel. Pure.
// Covers AWS access keys, secret keys and session tokens (as ini lines, JSON fields, query
// parameters, headers), SigV4 signatures, ECR authorization tokens and HTTP auth headers.

const SECRET_KEY_NAMES =
  '(?:aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|security_?token|x-amz-security-token|' +
  'authorization_?token|authorization|password|passwd|secret|signature|x-amz-signature|access_?token|refresh_?token|' +
  'client_?secret|credential_?process|sso_?access_?token)';

// A key name may be the end of a longer one (AWS_SECURITY_TOKEN, DB_PASSWORD, X_AWS_SESSION_TOKEN):
// `\b` does not separate `_` from a letter, so the boundary is "no letter or digit" on either side.
const NAME_START = '(?<![A-Za-z0-9:])'; // not after `:` either: `…:secret:name` in an ARN is a name
const NAME_END = '(?![A-Za-z0-9])';

/** Command-line flags whose next argument is a secret (`aws configure set`, `podman login`, ...). */
const SECRET_FLAGS = /(--(?:session-token|secret-access-key|password|token)(?:=|\s+))(?!["'])(\S+)/gi;

const REPLACEMENT = '***';

/** An access key id keeps its first four characters (AKIA/ASIA tells permanent from temporary). */
function maskAccessKeyId(id: string): string {
  return `${id.slice(0, 4)}${REPLACEMENT}`;
}

export function redactSecrets(text: string): string {
  let out = text;
  // "key": "value" (JSON, any quoting of the key) and KEY="value" / KEY='value' (shell, env files)
  out = out.replace(
    new RegExp(`(["']?${NAME_START}${SECRET_KEY_NAMES}${NAME_END}["']?\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"|'[^']*')`, 'gi'),
    (_m, prefix: string, value: string) => `${prefix}${value[0]}${REPLACEMENT}${value[0]}`,
  );
  // key = value (ini, env, query strings, header-ish "Key: value" lines)
  out = out.replace(
    new RegExp(`(${NAME_START}${SECRET_KEY_NAMES}${NAME_END}\\s*[=:]\\s*)(?!["'\\s])([^\\s&,;"']+(?: [^\\s&,;"'=:]+)?)`, 'gi'),
    (_m, prefix: string, value: string) => {
      // "Authorization: AWS4-HMAC-SHA256 Credential=..." keeps the scheme name, drops the rest.
      const scheme = /^(Basic|Bearer|AWS4-HMAC-SHA256)\b/i.exec(value);
      return `${prefix}${scheme ? `${scheme[1]} ` : ''}${REPLACEMENT}`;
    },
  );
  out = out.replace(SECRET_FLAGS, `$1${REPLACEMENT}`);
  // Authorization header values that survived (e.g. "Bearer abc" inside a longer line)
  out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REPLACEMENT}`);
  // SigV4 Credential=AKIA.../date/region/service/aws4_request and Signature=hex
  out = out.replace(/\b(Signature=)[0-9a-f]{16,}/gi, `$1${REPLACEMENT}`);
  // Access key ids anywhere
  out = out.replace(/\b((?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,})\b/g, (m) => maskAccessKeyId(m));
  // Long base64 blobs that look like tokens (session tokens, ECR tokens), e.g. FwoGZXIvYXdz...
  out = out.replace(/\b[A-Za-z0-9+/]{100,}={0,2}/g, REPLACEMENT);
  return out;
}

/**
 * Describes an error (or anything thrown) for the log: name, message, AWS metadata, the call and
 * the cause chain, with secrets redacted.
 */
export function describeErrorForLog(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error || (typeof current === 'object' && 'message' in (current as object))) {
      const e = current as Error & {
        $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
        code?: string;
        awsCall?: string;
        Code?: string;
      };
      const meta = e.$metadata
        ? ` (HTTP ${e.$metadata.httpStatusCode ?? '?'}, request id ${e.$metadata.requestId ?? '?'}, attempts ${e.$metadata.attempts ?? '?'})`
        : '';
      const call = e.awsCall ? ` in ${e.awsCall}` : '';
      const code = e.code ? ` [${e.code}]` : '';
      lines.push(`${depth ? 'caused by ' : ''}${e.name ?? 'Error'}${code}${call}: ${e.message}${meta}`);
      if (depth === 0 && e.stack) {
        const frames = e.stack.split('\n').slice(1, 8).join('\n');
        if (frames) lines.push(frames);
      }
      current = (e as { cause?: unknown }).cause;
    } else {
      lines.push(`${depth ? 'caused by ' : ''}${String(current)}`);
      break;
    }
  }
  return redactSecrets(lines.join('\n'));
}
