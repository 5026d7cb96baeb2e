// Profiles from the shared AWS config and credentials files, read by the SDK's own loader
// (`loadSharedConfigFiles` of @smithy/core/config, what the SDK's credential chain and `profile` option
// read), so that the editor sees exactly the profiles, `sso-session` and `services` sections the SDK
// sees. Pure (Node fs through the SDK loader only); ./profileStore.ts caches the parsed files.
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { IniSection, SharedConfigFiles } from '@smithy/types';
import * as os from 'node:os';
import * as path from 'node:path';

export type { SharedConfigFiles } from '@smithy/types';

export type ProfileKind = 'sso' | 'process' | 'assumeRole' | 'webIdentity' | 'static' | 'other';

export interface ProfileInfo {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly region?: string;
  readonly ssoSession?: string;
  readonly endpointUrl?: string;
  /** Which files define it. */
  readonly sources: readonly ('config' | 'credentials')[];
}

/** The files as loaded when neither exists. */
export const NO_SHARED_CONFIG: SharedConfigFiles = { configFile: {}, credentialsFile: {} };

/**
 * Section keys of the loaded data that are not profiles: the loader strips `profile ` from profile
 * sections and keeps the other kinds as `sso-session.<name>` / `services.<name>`. In the credentials
 * file (plain profile names) the SDK reads `[profile x]` as `profile.x`, which is no profile either.
 */
const CONFIG_NON_PROFILES = /^(sso-session|services)\./;
const CREDENTIALS_NON_PROFILES = /^(profile|sso-session|services)\./;

function kindOf(values: IniSection): ProfileKind {
  if (values.sso_session || values.sso_start_url) return 'sso';
  if (values.credential_process) return 'process';
  if (values.role_arn && values.web_identity_token_file) return 'webIdentity';
  if (values.role_arn) return 'assumeRole';
  if (values.aws_access_key_id) return 'static';
  return 'other';
}

/** The profiles of the loaded files, sorted with `default` first. */
export function profilesOf(files: SharedConfigFiles): ProfileInfo[] {
  const merged = new Map<string, { values: IniSection; sources: Set<'config' | 'credentials'> }>();
  const add = (name: string, values: IniSection, source: 'config' | 'credentials'): void => {
    const entry = merged.get(name) ?? { values: {}, sources: new Set() };
    // The credentials file wins for keys defined in both (as in the SDK).
    entry.values = source === 'credentials' ? { ...entry.values, ...values } : { ...values, ...entry.values };
    entry.sources.add(source);
    merged.set(name, entry);
  };
  for (const [name, values] of Object.entries(files.configFile)) if (!CONFIG_NON_PROFILES.test(name)) add(name, values, 'config');
  for (const [name, values] of Object.entries(files.credentialsFile)) if (!CREDENTIALS_NON_PROFILES.test(name)) add(name, values, 'credentials');
  return [...merged.entries()]
    .map(([name, { values, sources }]) => ({
      name,
      kind: kindOf(values),
      region: values.region || undefined,
      ssoSession: values.sso_session || undefined,
      endpointUrl: values.endpoint_url || undefined,
      sources: [...sources].sort(),
    }))
    .sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): { config: string; credentials: string } {
  const expand = (p: string): string => (p.startsWith('~') ? path.join(home, p.slice(1)) : p);
  return {
    config: expand(env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config')),
    credentials: expand(env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials')),
  };
}

/**
 * Reads both files afresh through the SDK's loader (a missing or unreadable file is empty, as for the
 * SDK). The paths are resolved here, so that `env` and `home` can be given (the SDK reads process.env).
 */
export function loadSharedConfig(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): Promise<SharedConfigFiles> {
  const files = sharedFilePaths(env, home);
  return loadSharedConfigFiles({ configFilepath: files.config, filepath: files.credentials, ignoreCache: true });
}

/** Reads both files (missing files are empty) and lists their profiles. */
export async function readProfiles(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): Promise<ProfileInfo[]> {
  return profilesOf(await loadSharedConfig(env, home));
}

/** The region a profile configures, or undefined. */
export async function profileRegion(profile: string, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): Promise<string | undefined> {
  const profiles = await readProfiles(env, home);
  return profiles.find((p) => p.name === profile)?.region;
}

/** Region names for the picker; the user can also type any other region. */
export const KNOWN_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-northeast-1', 'ap-northeast-2',
  'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1', 'me-central-1',
  'sa-east-1', 'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
];

export function isValidRegionName(value: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value);
}

export interface ServiceEndpoints {
  readonly ecs?: string;
  readonly ecr?: string;
  readonly logs?: string;
  readonly cloudwatch?: string;
}

/** The services' ids as the shared config files and AWS_ENDPOINT_URL_<ID> spell them. */
const CONFIG_IDS: Record<keyof ServiceEndpoints, string> = { ecs: 'ecs', ecr: 'ecr', logs: 'cloudwatch_logs', cloudwatch: 'cloudwatch' };

function truthy(value: string | undefined): boolean {
  return /^(true|1|yes)$/i.test((value ?? '').trim());
}

/**
 * The endpoints a profile configures for the given services (ECS and ECR unless told; the clients also
 * ask for CloudWatch Logs and CloudWatch) (a `services` section's `ecs.endpoint_url`,
 * else the profile's `endpoint_url`), following the AWS precedence: environment variables
 * (`AWS_ENDPOINT_URL_ECS`, `AWS_ENDPOINT_URL`) win and are left to the SDK, and
 * `ignore_configured_endpoint_urls` / `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` turn it all off.
 * The SDK applies a profile's endpoint only for `AWS_PROFILE`; this covers a profile picked in the
 * editor.
 */
export function endpointsOf(
  files: SharedConfigFiles,
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
  services: readonly (keyof ServiceEndpoints)[] = ['ecs', 'ecr'],
): ServiceEndpoints | undefined {
  if (truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)) return undefined;
  const values = CONFIG_NON_PROFILES.test(profile) || !Object.hasOwn(files.configFile, profile) ? undefined : files.configFile[profile];
  if (!values || truthy(values.ignore_configured_endpoint_urls)) return undefined;
  const section = values.services ? files.configFile[`services.${values.services}`] : undefined;
  const pick = (service: keyof ServiceEndpoints): string | undefined => {
    const id = CONFIG_IDS[service];
    if (env[`AWS_ENDPOINT_URL_${id.toUpperCase()}`] || env.AWS_ENDPOINT_URL) return undefined;
    return section?.[`${id}.endpoint_url`] || values.endpoint_url || undefined;
  };
  const out = Object.fromEntries(services.map((s) => [s, pick(s)])) as ServiceEndpoints;
  return Object.values(out).some(Boolean) ? out : undefined;
}
