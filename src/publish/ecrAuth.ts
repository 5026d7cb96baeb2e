// ECR login material from GetAuthorizationToken. The token is base64 of `AWS:<password>`; the password
// only ever travels to the container CLI's standard input.
import * as l10n from '@vscode/l10n';
import type { AwsCallOptions } from '../aws/call';
import { getAuthorizationData } from '../aws/ecr';
import type { RegistryLogin } from './containerCli';
import { registryHostOf } from './names';

export interface EcrLogin extends RegistryLogin {
  readonly expiresAt?: Date;
}

/** Decodes one authorizationData entry. */
export function decodeAuthorizationData(data: { authorizationToken?: string; proxyEndpoint?: string; expiresAt?: Date }): EcrLogin {
  if (!data.authorizationToken || !data.proxyEndpoint) throw new Error(l10n.t('GetAuthorizationToken returned no token or endpoint.'));
  const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new Error(l10n.t('GetAuthorizationToken returned a token that is not "user:password".'));
  return {
    endpoint: data.proxyEndpoint,
    host: registryHostOf(data.proxyEndpoint),
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
    expiresAt: data.expiresAt,
  };
}

/** Calls GetAuthorizationToken for the account and region of `options`. */
export async function getEcrLogin(options: AwsCallOptions): Promise<EcrLogin> {
  return decodeAuthorizationData(await getAuthorizationData(options));
}
