// SigV4 verification of API requests, as AWS does it: the signature is recomputed with the configured
// secret over the request as received (the payload hash from the body bytes, never a client-sent hash).
import { createHash } from 'node:crypto';
import type * as http from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { ApiError } from './errors';

/** Recomputes the SigV4 signature with the configured secret; returns the signing region. */
export async function verifySignature(req: http.IncomingMessage, body: Buffer, expected: { accessKeyId?: string; secretAccessKey?: string }): Promise<string> {
  const auth = String(req.headers.authorization ?? '');
  if (!auth) throw new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) throw new ApiError('IncompleteSignatureException', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${auth.split(' ')[0]}`, 400);
  const [, accessKeyId, , region, service, signedHeaders, signature] = m;
  const expectedKey = expected.accessKeyId ?? 'test';
  if (accessKeyId !== expectedKey) throw new ApiError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const dm = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!dm) throw new ApiError('IncompleteSignatureException', 'Date must be in ISO-8601 \'basic format\'. Got \'' + amzDate + '\'.', 400);
  const signingDate = new Date(Date.UTC(+dm[1], +dm[2] - 1, +dm[3], +dm[4], +dm[5], +dm[6]));
  // Like AWS, accept signatures within 15 minutes of the server's (real, not simulated) clock.
  const basic = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const nowMs = Date.now();
  if (signingDate.getTime() < nowMs - 15 * 60_000) {
    throw new ApiError('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${basic(nowMs - 15 * 60_000)} (${basic(nowMs)} - 15 min.)`, 400);
  }
  if (signingDate.getTime() > nowMs + 15 * 60_000) {
    throw new ApiError('InvalidSignatureException', `Signature not yet current: ${amzDate} is still later than ${basic(nowMs + 15 * 60_000)} (${basic(nowMs)} + 15 min.)`, 400);
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // The signature covers the payload hash: never trust a client-sent x-amz-content-sha256.
  if (headers['x-amz-content-sha256'] !== undefined && headers['x-amz-content-sha256'] !== 'UNSIGNED-PAYLOAD') {
    headers['x-amz-content-sha256'] = createHash('sha256').update(body).digest('hex');
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: expected.secretAccessKey ?? 'test', sessionToken: headers['x-amz-security-token'] },
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const [hostname, port] = (headers.host ?? '').split(':');
  const signed = await signer.sign(
    { method: req.method ?? 'POST', protocol: 'http:', hostname, port: port ? Number(port) : undefined, path: url.pathname, query, headers, body: body.toString('utf8') },
    { signingDate, signingRegion: region, signingService: service },
  );
  const computed = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? signed.headers.Authorization ?? ''))?.[1];
  if (computed !== signature) {
    throw new ApiError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      400,
    );
  }
  return region;
}
