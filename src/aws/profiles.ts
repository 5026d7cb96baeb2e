// Profiles from the shared AWS config and credentials files, read lazily (only when a picker opens
// or a region has to be resolved), never at activation. Pure (Node fs only).
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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

export type IniSections = Map<string, Record<string, string>>;

/**
 * A small parser for the AWS ini dialect: `[section]` headers, `key = value` lines, `#`/`;`
 * comment lines; indented sub-properties of an empty-valued key (`ecs =` then `  endpoint_url = …`)
 * are stored as `ecs.endpoint_url`, as the SDK does.
 */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Record<string, string> | undefined;
  let parent: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(rawLine)) continue;
    const header = /^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/.exec(rawLine);
    if (header) {
      const name = header[1].trim().replace(/\s+/g, ' ');
      current = sections.get(name) ?? {};
      sections.set(name, current);
      parent = undefined;
      continue;
    }
    const kv = /^\s*([^=]+?)\s*=\s*(.*)$/.exec(rawLine);
    if (!kv || !current) continue;
    const key = kv[1].trim().toLowerCase();
    const value = kv[2].trim();
    if (/^\s/.test(rawLine)) {
      if (parent) current[`${parent}.${key}`] = value; // sub-property of a nested block
      continue;
    }
    current[key] = value;
    parent = value === '' ? key : undefined;
  }
  return sections;
}

function kindOf(values: Record<string, string>): ProfileKind {
  if (values.sso_session || values.sso_start_url) return 'sso';
  if (values.credential_process) return 'process';
  if (values.role_arn && values.web_identity_token_file) return 'webIdentity';
  if (values.role_arn) return 'assumeRole';
  if (values.aws_access_key_id) return 'static';
  return 'other';
}

/** Profiles from the text of the config file and the credentials file, sorted with `default` first. */
export function profilesFromFiles(configText: string, credentialsText: string): ProfileInfo[] {
  const merged = new Map<string, { values: Record<string, string>; sources: Set<'config' | 'credentials'> }>();
  const add = (name: string, values: Record<string, string>, source: 'config' | 'credentials'): void => {
    const entry = merged.get(name) ?? { values: {}, sources: new Set() };
    // The credentials file wins for keys defined in both (as in the SDK).
    entry.values = source === 'credentials' ? { ...entry.values, ...values } : { ...values, ...entry.values };
    entry.sources.add(source);
    merged.set(name, entry);
  };
  for (const [section, values] of parseIni(configText)) {
    if (section === 'default') add('default', values, 'config');
    else {
      const m = /^profile\s+(.+)$/.exec(section);
      if (m) add(m[1].trim(), values, 'config');
    }
  }
  for (const [section, values] of parseIni(credentialsText)) {
    if (!/^(profile|sso-session|services)\s/.test(section)) add(section, values, 'credentials');
  }
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

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/** Reads both files (missing files are empty) and lists their profiles. */
export async function readProfiles(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): Promise<ProfileInfo[]> {
  const files = sharedFilePaths(env, home);
  const [config, credentials] = await Promise.all([readOrEmpty(files.config), readOrEmpty(files.credentials)]);
  return profilesFromFiles(config, credentials);
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
export function endpointsFromFiles(
  configText: string,
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
  services: readonly (keyof ServiceEndpoints)[] = ['ecs', 'ecr'],
): ServiceEndpoints | undefined {
  if (truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)) return undefined;
  const sections = parseIni(configText);
  const values = sections.get(profile === 'default' ? 'default' : `profile ${profile}`) ?? (profile === 'default' ? undefined : sections.get(profile));
  if (!values || truthy(values.ignore_configured_endpoint_urls)) return undefined;
  const section = values.services ? sections.get(`services ${values.services}`) : undefined;
  const pick = (service: keyof ServiceEndpoints): string | undefined => {
    const id = CONFIG_IDS[service];
    if (env[`AWS_ENDPOINT_URL_${id.toUpperCase()}`] || env.AWS_ENDPOINT_URL) return undefined;
    return section?.[`${id}.endpoint_url`] || values.endpoint_url || undefined;
  };
  const out = Object.fromEntries(services.map((s) => [s, pick(s)])) as ServiceEndpoints;
  return Object.values(out).some(Boolean) ? out : undefined;
}

/**
 * Read synchronously at client creation (first use, never activation): the SDK client config is
 * built synchronously, and a picked profile's endpoint must be known before its first call.
 */
export function profileEndpointsSync(profile: string, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): ServiceEndpoints | undefined {
  let text: string;
  try {
    text = readFileSync(sharedFilePaths(env, home).config, 'utf8');
  } catch {
    return undefined;
  }
  return endpointsFromFiles(text, profile, env, ['ecs', 'ecr', 'logs', 'cloudwatch']);
}
