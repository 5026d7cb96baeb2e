// The semantic rules TD002…TD080 of docs/taskdef-rules.md (TD000 and TD001 live in lint.ts and
// schemaCheck.ts). Each rule reads the task definition as a plain value and reports a path and which
// part of it (key or value) is at fault; lint.ts turns paths into ranges. Pure.
import * as l10n from '@vscode/l10n';
import type { JsonPath, Part } from './document';
import type { Severity } from './types';
import * as fixes from './fixes';
import { DESCRIBE_FIELDS } from './registrable';

export type FixSpec = fixes.FixSpec;

export interface RawFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: JsonPath;
  part: Part;
  fix?: FixSpec;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function has(o: Obj, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key) && o[key] !== undefined;
}
function nonEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  return v !== undefined && v !== false && v !== '';
}
function quoted(list: (string | number)[]): string {
  return list.map((x) => `"${x}"`).join(', ');
}

/**
 * A value a template engine fills in later: `<IMAGE>`, `${IMAGE}`, `$IMAGE`, `{{image}}`, `$$$X$$$`,
 * `#{Image}`, `__IMAGE__`, `%IMAGE%`, `X_PLACEHOLDER`, or a bare upper-case token such as `IMAGE`.
 */
export function isPlaceholder(value: string): boolean {
  return (
    /<[^<>]*>|\$\{[^}]*\}|#\{[^}]*\}|\{\{[\s\S]*?\}\}|\$\$\$|PLACEHOLDER|__[A-Za-z0-9_]+__|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_]+%$/.test(value) ||
    /^[A-Z][A-Z0-9_]*$/.test(value)
  );
}

const WINDOWS_IMAGE = /^(mcr\.microsoft\.com\/(windows|dotnet\/framework|powershell:.*(nanoserver|windowsservercore))|microsoft\/(iis|windowsservercore|nanoserver|dotnet-framework|mssql-server-windows))/i;
const WINDOWS_SHELL = /^(powershell(\.exe)?|pwsh(\.exe)?|cmd(\.exe)?|[A-Za-z]:\\)/i;

/** Without runtimePlatform (EC2), a Windows container shows in its image or its shell. */
function looksWindows(c: Container): boolean {
  const image = str(c.def.image);
  if (image && WINDOWS_IMAGE.test(image)) return true;
  const first = (v: unknown) => (Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);
  const shell = first(c.def.entryPoint) ?? first(c.def.command);
  return shell !== undefined && WINDOWS_SHELL.test(shell);
}

export interface Container {
  index: number;
  path: JsonPath;
  def: Obj;
  name: string | undefined;
}

export class RuleContext {
  readonly out: RawFinding[] = [];
  readonly containers: Container[];
  readonly fargate: boolean;
  readonly networkMode: string;
  readonly windows: boolean;

  constructor(
    readonly td: Obj,
    readonly base: JsonPath,
  ) {
    this.containers = arr(td.containerDefinitions).flatMap((def, index) =>
      isObj(def) ? [{ index, path: [...base, 'containerDefinitions', index], def, name: str(def.name) }] : [],
    );
    this.fargate = arr(td.requiresCompatibilities).includes('FARGATE');
    this.networkMode = str(td.networkMode) ?? (this.fargate ? 'awsvpc' : 'bridge');
    const platform = isObj(td.runtimePlatform) ? str(td.runtimePlatform.operatingSystemFamily) : undefined;
    this.windows = platform !== undefined ? platform.startsWith('WINDOWS') : this.containers.some(looksWindows);
  }

  report(ruleId: string, severity: Severity, message: string, path: JsonPath, part: Part = 'value', fix?: FixSpec): void {
    this.out.push({ ruleId, severity, message, path, part, fix });
  }

  /** Path relative to the task definition → path in the file. */
  p(...segments: (string | number)[]): JsonPath {
    return [...this.base, ...segments];
  }

  /** Where to point for a container as a whole: its name, else its opening brace. */
  at(c: Container): [JsonPath, Part] {
    return c.name !== undefined ? [[...c.path, 'name'], 'value'] : [c.path, 'open'];
  }

  label(c: Container): string {
    return c.name !== undefined ? l10n.t`Container "${c.name}"` : l10n.t`Container #${c.index + 1}`;
  }

  containerNamed(name: string): Container | undefined {
    return this.containers.find((c) => c.name === name);
  }
}

// ---------------------------------------------------------------------------------------------------
// TD002 describe output

function td002(ctx: RuleContext, wrapped: boolean): void {
  if (wrapped) {
    ctx.report('TD002', 'warning',
      l10n.t('The task definition is wrapped in {"taskDefinition": …} (describe-task-definition output); register-task-definition takes the inner object. Quick fix: unwrap it.'),
      ['taskDefinition'], 'key', fixes.unwrap());
  }
  const present = DESCRIBE_FIELDS.filter((f) => has(ctx.td, f));
  for (const field of present) {
    ctx.report('TD002', 'warning',
      l10n.t`"${field}" only appears in describe output; RegisterTaskDefinition rejects it. Quick fix: remove the describe-output fields.`,
      ctx.p(field), 'key', fixes.removeMembers(present.map((f) => ctx.p(f)), l10n.t('Remove describe-output fields')));
  }
}

// ---------------------------------------------------------------------------------------------------
// TD010/TD011/TD012/TD013 Fargate

const FARGATE_TABLE: [number, number[]][] = [
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
];

function range(from: number, to: number, step: number): number[] {
  const out = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** "256", 256, "0.25 vCPU", "1 vcpu" → CPU units; undefined when it is not a number (a placeholder). */
export function parseCpu(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i.exec(v) : null;
  if (!m) return undefined;
  return m[2] ? Math.round(Number(m[1]) * 1024) : Number(m[1]);
}

/** "512", 512, "2 GB", "2GB", "512 MiB" → MiB; undefined when it is not a number. */
export function parseMemory(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(gb|gib|mb|mib)?\s*$/i.exec(v) : null;
  if (!m) return undefined;
  return /^g/i.test(m[2] ?? '') ? Math.round(Number(m[1]) * 1024) : Number(m[1]);
}

export function validFargatePair(cpu: number, memory: number, windows: boolean): boolean {
  if (windows && cpu < 1024) return false;
  const row = FARGATE_TABLE.find(([c]) => c === cpu);
  return !!row && row[1].includes(memory);
}

/** The valid pair closest to (cpu, memory), relative distance on both axes; ties go to the larger. */
export function nearestFargatePair(cpu: number, memory: number, windows: boolean): [number, number] {
  let best: [number, number] = [1024, 2048];
  let bestScore = Infinity;
  for (const [c, mems] of FARGATE_TABLE) {
    if (windows && c < 1024) continue;
    for (const m of mems) {
      const score = Math.abs(Math.log(c / Math.max(cpu, 1))) + Math.abs(Math.log(m / Math.max(memory, 1)));
      if (score < bestScore - 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && m >= best[1])) {
        best = [c, m];
        bestScore = score;
      }
    }
  }
  return best;
}

function formatMem(mems: number[]): string {
  if (mems.length <= 4) return mems.join(', ');
  return l10n.t`${mems[0]}..${mems[mems.length - 1]} in steps of ${mems[1] - mems[0]}`;
}

function td010(ctx: RuleContext): void {
  if (!ctx.fargate) return;
  const cpu = parseCpu(ctx.td.cpu);
  const memory = parseMemory(ctx.td.memory);
  if (cpu === undefined || memory === undefined) return;
  if (validFargatePair(cpu, memory, ctx.windows)) return;
  const [nc, nm] = nearestFargatePair(cpu, memory, ctx.windows);
  const fix = fixes.setValues([[ctx.p('cpu'), String(nc)], [ctx.p('memory'), String(nm)]], l10n.t`Use the nearest valid Fargate size: cpu ${nc}, memory ${nm}`);
  const row = FARGATE_TABLE.find(([c]) => c === cpu);
  if (ctx.windows && cpu < 1024) {
    ctx.report('TD010', 'error', l10n.t`Windows tasks on Fargate need cpu of at least 1024 (1 vCPU), not ${cpu}. Nearest valid pair: cpu ${nc}, memory ${nm}.`, ctx.p('cpu'), 'value', fix);
  } else if (!row) {
    ctx.report('TD010', 'error',
      l10n.t`Fargate cpu must be one of ${FARGATE_TABLE.map(([c]) => c).join(', ')} (CPU units), not ${cpu}. Nearest valid pair: cpu ${nc}, memory ${nm}.`,
      ctx.p('cpu'), 'value', fix);
  } else {
    ctx.report('TD010', 'error',
      l10n.t`Fargate does not offer memory ${memory} MiB with cpu ${cpu}: with cpu ${cpu}, memory must be ${formatMem(row[1])} (MiB). Nearest valid pair: cpu ${nc}, memory ${nm}.`,
      ctx.p('memory'), 'value', fix);
  }
}

function td011(ctx: RuleContext): void {
  if (!ctx.fargate) return;
  const anchor = ctx.p('requiresCompatibilities');
  if (!has(ctx.td, 'cpu')) ctx.report('TD011', 'error', l10n.t('Fargate tasks need a task-level "cpu" (for example "256").'), anchor, 'key');
  if (!has(ctx.td, 'memory')) ctx.report('TD011', 'error', l10n.t('Fargate tasks need a task-level "memory" (for example "512").'), anchor, 'key');
  const mode = str(ctx.td.networkMode);
  if (mode === undefined) ctx.report('TD011', 'error', l10n.t('Fargate tasks need "networkMode": "awsvpc".'), anchor, 'key');
  else if (mode !== 'awsvpc') ctx.report('TD011', 'error', l10n.t`Fargate tasks need networkMode "awsvpc", not "${mode}".`, ctx.p('networkMode'), 'value');
}

function td012(ctx: RuleContext): void {
  if (!ctx.fargate) return;
  const unsupported = (path: JsonPath, what: string, part: Part = 'key') =>
    ctx.report('TD012', 'error', l10n.t`Fargate does not support ${what}.`, path, part);
  for (const key of ['ipcMode']) if (has(ctx.td, key)) unsupported(ctx.p(key), `"${key}"`);
  if (nonEmpty(ctx.td.placementConstraints)) unsupported(ctx.p('placementConstraints'), l10n.t('task placement constraints'));
  const pid = str(ctx.td.pidMode);
  if (pid !== undefined && pid !== 'task') unsupported(ctx.p('pidMode'), l10n.t`pidMode "${pid}" (only "task")`, 'value');
  arr(ctx.td.volumes).forEach((v, i) => {
    if (!isObj(v)) return;
    if (has(v, 'dockerVolumeConfiguration')) unsupported(ctx.p('volumes', i, 'dockerVolumeConfiguration'), l10n.t('Docker volumes (dockerVolumeConfiguration); use EFS or a bind mount without sourcePath'));
    if (isObj(v.host) && has(v.host, 'sourcePath')) unsupported(ctx.p('volumes', i, 'host', 'sourcePath'), l10n.t('host paths (host.sourcePath); leave sourcePath out for a task-scoped bind mount'));
  });
  const awsvpcCovers = ctx.networkMode === 'awsvpc'; // TD023 reports links/extraHosts under awsvpc
  for (const c of ctx.containers) {
    const d = c.def;
    for (const key of ['dnsSearchDomains', 'dnsServers', 'dockerSecurityOptions', ...(awsvpcCovers ? [] : ['extraHosts', 'links'])]) {
      if (nonEmpty(d[key])) unsupported([...c.path, key], `"${key}"`);
    }
    if (d.disableNetworking === true) unsupported([...c.path, 'disableNetworking'], '"disableNetworking"');
    if (d.privileged === true) unsupported([...c.path, 'privileged'], l10n.t('privileged containers'));
    arr(d.resourceRequirements).forEach((r, i) => {
      if (isObj(r) && r.type === 'GPU') unsupported([...c.path, 'resourceRequirements', i, 'type'], l10n.t('GPU resource requirements'), 'value');
    });
    const lp = d.linuxParameters;
    if (isObj(lp)) {
      for (const key of ['devices', 'sharedMemorySize', 'tmpfs', 'maxSwap', 'swappiness']) {
        if (has(lp, key)) unsupported([...c.path, 'linuxParameters', key], l10n.t`linuxParameters "${key}"`);
      }
      if (isObj(lp.capabilities)) {
        arr(lp.capabilities.add).forEach((cap, i) => {
          if (cap !== 'SYS_PTRACE') unsupported([...c.path, 'linuxParameters', 'capabilities', 'add', i], l10n.t`adding capability ${JSON.stringify(cap)} (only "SYS_PTRACE" can be added)`, 'value');
        });
      }
    }
  }
}

function td013(ctx: RuleContext): void {
  if (!ctx.fargate) return;
  for (const c of ctx.containers) {
    const lc = c.def.logConfiguration;
    const driver = isObj(lc) ? str(lc.logDriver) : undefined;
    if (driver !== undefined && !['awslogs', 'splunk', 'awsfirelens'].includes(driver)) {
      ctx.report('TD013', 'error', l10n.t`Fargate supports the log drivers "awslogs", "splunk" and "awsfirelens", not "${driver}". For others, route logs through FireLens.`, [...c.path, 'logConfiguration', 'logDriver']);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// TD020 awslogs

const AWSLOGS_OPTIONS = new Set([
  'awslogs-group', 'awslogs-region', 'awslogs-stream-prefix', 'awslogs-create-group', 'awslogs-datetime-format',
  'awslogs-multiline-pattern', 'mode', 'max-buffer-size', 'awslogs-endpoint', 'awslogs-credentials-endpoint',
  'awslogs-stream', 'awslogs-create-stream', 'awslogs-force-flush-interval-seconds', 'awslogs-max-buffered-events',
  'awslogs-format', 'tag',
]);

function td020(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    const lc = c.def.logConfiguration;
    if (!isObj(lc) || lc.logDriver !== 'awslogs') continue;
    const lp = [...c.path, 'logConfiguration'];
    const options = isObj(lc.options) ? lc.options : undefined;
    const anchor: [JsonPath, Part] = options ? [[...lp, 'options'], 'key'] : [[...lp, 'logDriver'], 'value'];
    for (const required of ['awslogs-group', 'awslogs-region']) {
      if (!options || !has(options, required)) {
        ctx.report('TD020', 'error', l10n.t`${ctx.label(c)}: the awslogs driver needs the option "${required}".`, ...anchor);
      }
    }
    if (ctx.fargate && (!options || !has(options, 'awslogs-stream-prefix'))) {
      ctx.report('TD020', 'warning', l10n.t`${ctx.label(c)}: on Fargate, set "awslogs-stream-prefix" so that log streams are named after the container and task.`, ...anchor);
    }
    if (options) {
      for (const key of Object.keys(options)) {
        if (!AWSLOGS_OPTIONS.has(key)) {
          const suggestion = [...AWSLOGS_OPTIONS].find((o) => o.replace(/[-_]/g, '').toLowerCase() === key.replace(/[-_]/g, '').toLowerCase());
          ctx.report('TD020', 'warning', suggestion ? l10n.t`Unknown awslogs option "${key}". Did you mean "${suggestion}"?` : l10n.t`Unknown awslogs option "${key}".`, [...lp, 'options', key], 'key');
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// TD021–TD024 networking

function td021(ctx: RuleContext): void {
  if (ctx.networkMode !== 'awsvpc' && ctx.networkMode !== 'host') return;
  for (const c of ctx.containers) {
    arr(c.def.portMappings).forEach((pm, i) => {
      if (!isObj(pm)) return;
      const host = num(pm.hostPort);
      const container = num(pm.containerPort);
      if (host === undefined || container === undefined || host === container) return;
      ctx.report('TD021', 'error',
        l10n.t`With networkMode "${ctx.networkMode}", hostPort must be left out or equal containerPort (${container}), not ${host}.`,
        [...c.path, 'portMappings', i, 'hostPort'], 'value',
        fixes.setValues([[[...c.path, 'portMappings', i, 'hostPort'], container]], l10n.t`Set hostPort to ${container}`));
    });
  }
}

function td022(ctx: RuleContext): void {
  if (ctx.networkMode !== 'none') return;
  for (const c of ctx.containers) {
    if (nonEmpty(c.def.portMappings)) {
      ctx.report('TD022', 'error', l10n.t`${ctx.label(c)}: networkMode "none" allows no port mappings.`, [...c.path, 'portMappings'], 'key');
    }
  }
}

function td023(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    if (nonEmpty(c.def.links) && ctx.networkMode !== 'bridge') {
      ctx.report('TD023', 'error', l10n.t`"links" only work with networkMode "bridge", not "${ctx.networkMode}".`, [...c.path, 'links'], 'key');
    }
    if (ctx.networkMode === 'awsvpc') {
      if (has(c.def, 'hostname')) ctx.report('TD023', 'error', l10n.t('"hostname" is not supported with networkMode "awsvpc".'), [...c.path, 'hostname'], 'key');
      if (nonEmpty(c.def.extraHosts)) ctx.report('TD023', 'error', l10n.t('"extraHosts" is not supported with networkMode "awsvpc".'), [...c.path, 'extraHosts'], 'key');
    }
  }
}

function td024(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    const seen = new Map<string, number>();
    const ranges: { first: number; last: number; i: number }[] = [];
    arr(c.def.portMappings).forEach((pm, i) => {
      if (!isObj(pm)) return;
      const pmPath = [...c.path, 'portMappings', i];
      const protocol = str(pm.protocol) ?? 'tcp';
      const port = num(pm.containerPort);
      if (port !== undefined) {
        const key = `${port}/${protocol}`;
        if (seen.has(key)) {
          ctx.report('TD024', 'error', l10n.t`${ctx.label(c)} maps containerPort ${port}/${protocol} twice.`, [...pmPath, 'containerPort']);
        } else seen.set(key, i);
        if (port < 1 || port > 65535) ctx.report('TD024', 'error', l10n.t`containerPort must be within 1-65535, not ${port}.`, [...pmPath, 'containerPort']);
      }
      const pr = str(pm.containerPortRange);
      if (pr !== undefined) {
        const m = /^(\d+)-(\d+)$/.exec(pr);
        if (!m) {
          ctx.report('TD024', 'error', l10n.t`containerPortRange must look like "8000-8010", not "${pr}".`, [...pmPath, 'containerPortRange']);
        } else {
          const first = Number(m[1]);
          const last = Number(m[2]);
          if (first < 1 || last > 65535 || first >= last) {
            ctx.report('TD024', 'error', l10n.t`containerPortRange "${pr}" must be within 1-65535 with the first port lower than the last.`, [...pmPath, 'containerPortRange']);
          } else {
            const overlap = ranges.find((r) => first <= r.last && r.first <= last);
            if (overlap) ctx.report('TD024', 'error', l10n.t`containerPortRange "${pr}" overlaps another range of ${ctx.label(c).toLowerCase()}.`, [...pmPath, 'containerPortRange']);
            ranges.push({ first, last, i });
            if (ranges.length === 101) ctx.report('TD024', 'error', l10n.t`${ctx.label(c)} has more than 100 port ranges.`, [...pmPath, 'containerPortRange']);
          }
        }
        if (has(pm, 'hostPort')) ctx.report('TD024', 'error', l10n.t('A port mapping with containerPortRange cannot set hostPort: the host ports are assigned automatically.'), [...pmPath, 'hostPort'], 'key');
        if (ctx.networkMode !== 'bridge' && ctx.networkMode !== 'awsvpc') {
          ctx.report('TD024', 'error', l10n.t`containerPortRange only works with networkMode "bridge" or "awsvpc", not "${ctx.networkMode}".`, [...pmPath, 'containerPortRange'], 'key');
        }
      }
      const name = str(pm.name);
      if (name !== undefined && !isPlaceholder(name) && !/^[a-z0-9_][a-z0-9_-]{0,63}$/.test(name)) {
        ctx.report('TD024', 'error', l10n.t`Port mapping name "${name}" must be at most 64 characters of lowercase letters, digits, "_" and "-", and not start with "-".`, [...pmPath, 'name']);
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// TD030–TD034 containers

function essential(c: Container): boolean {
  return c.def.essential !== false;
}

function td030(ctx: RuleContext): void {
  if (!ctx.containers.length || ctx.containers.some(essential)) return;
  const first = ctx.containers[0];
  ctx.report('TD030', 'error', l10n.t('At least one container must be essential (an omitted "essential" counts as true).'),
    ctx.p('containerDefinitions'), 'key',
    fixes.setValues([[[...first.path, 'essential'], true]], l10n.t`Mark ${ctx.label(first).toLowerCase()} as essential`));
}

function td031(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    arr(c.def.dependsOn).forEach((dep, i) => {
      if (!isObj(dep)) return;
      const dp = [...c.path, 'dependsOn', i];
      const target = str(dep.containerName);
      if (target === undefined) return;
      const other = ctx.containerNamed(target);
      if (!other) {
        const names = ctx.containers.map((x) => x.name).filter((n): n is string => !!n);
        ctx.report('TD031', 'error', l10n.t`dependsOn names container "${target}", which this task does not define (containers: ${quoted(names) || l10n.t('none')}).`, [...dp, 'containerName']);
        return;
      }
      const condition = str(dep.condition);
      if ((condition === 'COMPLETE' || condition === 'SUCCESS') && essential(other)) {
        ctx.report('TD031', 'error', l10n.t`Condition ${condition} needs a container that exits, but "${target}" is essential: mark it "essential": false.`, [...dp, 'condition']);
      }
      if (condition === 'HEALTHY' && !isObj(other.def.healthCheck)) {
        ctx.report('TD031', 'error', l10n.t`Condition HEALTHY needs a healthCheck on "${target}", which has none.`, [...dp, 'condition']);
      }
    });
  }
}

function td032(ctx: RuleContext): void {
  const edges = new Map<string, { to: string; path: JsonPath }[]>();
  for (const c of ctx.containers) {
    if (c.name === undefined) continue;
    const list = arr(c.def.dependsOn).flatMap((dep, i) =>
      isObj(dep) && typeof dep.containerName === 'string' && ctx.containerNamed(dep.containerName)
        ? [{ to: dep.containerName, path: [...c.path, 'dependsOn', i, 'containerName'] }]
        : [],
    );
    edges.set(c.name, list);
  }
  const state = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 1);
    stack.push(n);
    for (const e of edges.get(n) ?? []) {
      const s = state.get(e.to);
      if (s === 1) {
        const cycle = [...stack.slice(stack.indexOf(e.to)), e.to];
        const key = [...cycle].slice(0, -1).sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          ctx.report('TD032', 'warning', l10n.t`dependsOn forms a cycle: ${cycle.join(' → ')}. The task would never start.`, e.path);
        }
      } else if (s === undefined) visit(e.to);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of edges.keys()) if (!state.has(n)) visit(n);
}

const NAME_RE = /^[A-Za-z0-9_-]{1,255}$/;

function td033(ctx: RuleContext): void {
  const family = str(ctx.td.family);
  if (family !== undefined && !NAME_RE.test(family) && !isPlaceholder(family)) {
    ctx.report('TD033', 'error', l10n.t`family "${family}" must be 1-255 letters, digits, "_" or "-".`, ctx.p('family'));
  }
  const seen = new Set<string>();
  for (const c of ctx.containers) {
    if (c.name === undefined) continue;
    if (!NAME_RE.test(c.name) && !isPlaceholder(c.name)) ctx.report('TD033', 'error', l10n.t`Container name "${c.name}" must be 1-255 letters, digits, "_" or "-".`, [...c.path, 'name']);
    if (seen.has(c.name)) ctx.report('TD033', 'error', l10n.t`Container name "${c.name}" is used twice; names must be unique within a task definition.`, [...c.path, 'name']);
    seen.add(c.name);
  }
}

function td034(ctx: RuleContext): void {
  const n = arr(ctx.td.containerDefinitions).length;
  if (n > 10) ctx.report('TD034', 'error', l10n.t`A task definition can have at most 10 containers, not ${n}.`, ctx.p('containerDefinitions'), 'key');
}

// ---------------------------------------------------------------------------------------------------
// TD040–TD043 memory and cpu

function td040(ctx: RuleContext): void {
  if (has(ctx.td, 'memory') || ctx.fargate) return; // Fargate without memory: TD011
  for (const c of ctx.containers) {
    if (!has(c.def, 'memory') && !has(c.def, 'memoryReservation')) {
      ctx.report('TD040', 'error', l10n.t`${ctx.label(c)} needs "memory" or "memoryReservation" because the task sets no "memory".`, ...ctx.at(c));
    }
  }
}

function td041(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    const memory = num(c.def.memory);
    const reservation = num(c.def.memoryReservation);
    if (memory !== undefined && reservation !== undefined && memory <= reservation) {
      ctx.report('TD041', 'error', l10n.t`${ctx.label(c)}: memory (${memory} MiB, the hard limit) must be greater than memoryReservation (${reservation} MiB).`, [...c.path, 'memory']);
    }
    if (memory !== undefined && memory < 6) ctx.report('TD041', 'warning', l10n.t`${ctx.label(c)}: memory below 6 MiB is too little for any container (Docker's minimum is 6 MiB).`, [...c.path, 'memory']);
    if (reservation !== undefined && reservation < 6) ctx.report('TD041', 'warning', l10n.t`${ctx.label(c)}: memoryReservation below 6 MiB is too little for any container.`, [...c.path, 'memoryReservation']);
  }
}

function td042(ctx: RuleContext): void {
  const taskMemory = parseMemory(ctx.td.memory);
  if (taskMemory === undefined) return;
  let sum = 0;
  const parts: string[] = [];
  for (const c of ctx.containers) {
    const memory = num(c.def.memory);
    const reservation = num(c.def.memoryReservation);
    if (memory !== undefined && memory > taskMemory) {
      ctx.report('TD042', 'error', l10n.t`${ctx.label(c)}: memory ${memory} MiB exceeds the task's memory ${taskMemory} MiB.`, [...c.path, 'memory']);
    }
    const amount = reservation ?? memory;
    if (amount !== undefined) {
      sum += amount;
      parts.push(`${c.name ?? '#' + (c.index + 1)}: ${amount}`);
    }
  }
  if (sum > taskMemory) {
    ctx.report('TD042', 'error', l10n.t`The containers reserve ${sum} MiB in total (${parts.join(', ')}), more than the task's memory ${taskMemory} MiB.`, ctx.p('memory'));
  }
}

function td043(ctx: RuleContext): void {
  const taskCpu = parseCpu(ctx.td.cpu);
  if (taskCpu === undefined) return;
  let sum = 0;
  const parts: string[] = [];
  for (const c of ctx.containers) {
    const cpu = num(c.def.cpu);
    if (cpu !== undefined && cpu > 0) {
      sum += cpu;
      parts.push(`${c.name ?? '#' + (c.index + 1)}: ${cpu}`);
    }
  }
  if (sum > taskCpu) {
    ctx.report('TD043', 'error', l10n.t`The containers ask for ${sum} CPU units in total (${parts.join(', ')}), more than the task's cpu ${taskCpu}.`, ctx.p('cpu'));
  }
}

// ---------------------------------------------------------------------------------------------------
// TD050 references

function td050(ctx: RuleContext): void {
  const volumes = arr(ctx.td.volumes).filter(isObj);
  const volumeNames = volumes.map((v) => str(v.name)).filter((n): n is string => n !== undefined);
  const accelerators = arr(ctx.td.inferenceAccelerators).flatMap((a) => (isObj(a) && typeof a.deviceName === 'string' ? [a.deviceName] : []));
  for (const c of ctx.containers) {
    arr(c.def.mountPoints).forEach((mp, i) => {
      const source = isObj(mp) ? str(mp.sourceVolume) : undefined;
      if (source !== undefined && !volumeNames.includes(source)) {
        ctx.report('TD050', 'error', l10n.t`mountPoints names volume "${source}", which "volumes" does not define (volumes: ${quoted(volumeNames) || l10n.t('none')}).`, [...c.path, 'mountPoints', i, 'sourceVolume']);
      }
    });
    arr(c.def.volumesFrom).forEach((vf, i) => {
      const source = isObj(vf) ? str(vf.sourceContainer) : undefined;
      if (source !== undefined && !ctx.containerNamed(source)) {
        ctx.report('TD050', 'error', l10n.t`volumesFrom names container "${source}", which this task does not define.`, [...c.path, 'volumesFrom', i, 'sourceContainer']);
      }
    });
    arr(c.def.resourceRequirements).forEach((r, i) => {
      if (isObj(r) && r.type === 'InferenceAccelerator' && typeof r.value === 'string' && !accelerators.includes(r.value)) {
        ctx.report('TD050', 'error', l10n.t`Inference accelerator "${r.value}" is not among the task's inferenceAccelerators deviceName values.`, [...c.path, 'resourceRequirements', i, 'value']);
      }
    });
  }
  if (isObj(ctx.td.proxyConfiguration)) {
    const name = str(ctx.td.proxyConfiguration.containerName);
    if (name !== undefined && !ctx.containerNamed(name)) {
      ctx.report('TD050', 'error', l10n.t`proxyConfiguration names container "${name}", which this task does not define.`, ctx.p('proxyConfiguration', 'containerName'));
    }
  }
  let launchVolumes = 0;
  volumes.forEach((v) => {
    if (v.configuredAtLaunch === true && ++launchVolumes === 2) {
      const i = arr(ctx.td.volumes).indexOf(v);
      ctx.report('TD050', 'error', l10n.t('At most one volume can be configuredAtLaunch.'), ctx.p('volumes', i, 'configuredAtLaunch'));
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// TD051 ranges

function checkRange(ctx: RuleContext, path: JsonPath, value: unknown, min: number, max: number, what: string): void {
  const n = num(value);
  if (n !== undefined && (n < min || n > max)) ctx.report('TD051', 'error', l10n.t`${what} must be within ${min}-${max}, not ${n}.`, path);
}

function td051(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    const hc = c.def.healthCheck;
    if (isObj(hc)) {
      const hp = [...c.path, 'healthCheck'];
      const command = arr(hc.command);
      const first = command[0];
      if (Array.isArray(hc.command) && command.length === 0) {
        ctx.report('TD051', 'error', l10n.t('healthCheck.command is empty: start it with "CMD" or "CMD-SHELL".'), [...hp, 'command'], 'key');
      } else if (typeof first === 'string' && !['CMD', 'CMD-SHELL', 'NONE'].includes(first)) {
        // Docker ignores a health check whose first element is neither: the container is never healthy.
        ctx.report('TD051', 'warning', l10n.t`healthCheck.command should start with "CMD" or "CMD-SHELL" (Docker ignores the check otherwise), for example ["CMD", ${JSON.stringify(first)}, …] or ["CMD-SHELL", "…"].`, [...hp, 'command', 0]);
      }
      checkRange(ctx, [...hp, 'interval'], hc.interval, 5, 300, l10n.t('healthCheck.interval (seconds)'));
      checkRange(ctx, [...hp, 'timeout'], hc.timeout, 2, 60, l10n.t('healthCheck.timeout (seconds)'));
      checkRange(ctx, [...hp, 'retries'], hc.retries, 1, 10, 'healthCheck.retries');
      checkRange(ctx, [...hp, 'startPeriod'], hc.startPeriod, 0, 300, l10n.t('healthCheck.startPeriod (seconds)'));
    }
    if (ctx.fargate) {
      checkRange(ctx, [...c.path, 'startTimeout'], c.def.startTimeout, 2, 120, l10n.t('On Fargate, startTimeout (seconds)'));
      checkRange(ctx, [...c.path, 'stopTimeout'], c.def.stopTimeout, 2, 120, l10n.t('On Fargate, stopTimeout (seconds)'));
    }
    const rp = c.def.restartPolicy;
    if (isObj(rp)) {
      checkRange(ctx, [...c.path, 'restartPolicy', 'restartAttemptPeriod'], rp.restartAttemptPeriod, 60, 1800, l10n.t('restartPolicy.restartAttemptPeriod (seconds)'));
      const codes = arr(rp.ignoredExitCodes);
      if (codes.length > 50) ctx.report('TD051', 'error', l10n.t`restartPolicy.ignoredExitCodes can list at most 50 codes, not ${codes.length}.`, [...c.path, 'restartPolicy', 'ignoredExitCodes'], 'key');
    }
    if (isObj(c.def.linuxParameters)) {
      checkRange(ctx, [...c.path, 'linuxParameters', 'swappiness'], c.def.linuxParameters.swappiness, 0, 100, 'linuxParameters.swappiness');
    }
  }
  if (isObj(ctx.td.ephemeralStorage)) {
    checkRange(ctx, ctx.p('ephemeralStorage', 'sizeInGiB'), ctx.td.ephemeralStorage.sizeInGiB, 21, 200, 'ephemeralStorage.sizeInGiB');
  }
}

// ---------------------------------------------------------------------------------------------------
// TD052 counts and formats

function td052(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    const files = arr(c.def.environmentFiles);
    if (files.length > 10) ctx.report('TD052', 'error', l10n.t`${ctx.label(c)} has ${files.length} environment files; at most 10 are allowed.`, [...c.path, 'environmentFiles'], 'key');
    files.forEach((f, i) => {
      if (!isObj(f)) return;
      const value = str(f.value);
      if (value !== undefined && !isPlaceholder(value) && !value.endsWith('.env')) {
        ctx.report('TD052', 'error', l10n.t`Environment file "${value}" must be an S3 object whose name ends in ".env".`, [...c.path, 'environmentFiles', i, 'value']);
      }
    });
    const specs = arr(c.def.credentialSpecs);
    if (specs.length > 1) ctx.report('TD052', 'error', l10n.t`${ctx.label(c)} can have at most one credential spec, not ${specs.length}.`, [...c.path, 'credentialSpecs'], 'key');
    const names = new Set<string>();
    arr(c.def.environment).forEach((e, i) => {
      const name = isObj(e) ? str(e.name) : undefined;
      if (name === undefined) return;
      if (names.has(name)) ctx.report('TD052', 'warning', l10n.t`Environment variable "${name}" is set twice; only one value takes effect.`, [...c.path, 'environment', i, 'name']);
      names.add(name);
    });
  }
  const constraints = arr(ctx.td.placementConstraints);
  if (constraints.length > 10) ctx.report('TD052', 'error', l10n.t`At most 10 placement constraints are allowed, not ${constraints.length}.`, ctx.p('placementConstraints'), 'key');
  const tags = arr(ctx.td.tags);
  if (tags.length > 50) ctx.report('TD052', 'error', l10n.t`At most 50 tags are allowed, not ${tags.length}.`, ctx.p('tags'), 'key');
  tags.forEach((t, i) => {
    if (!isObj(t)) return;
    const key = str(t.key);
    if (key !== undefined) {
      if (key.length < 1 || key.length > 128) ctx.report('TD052', 'error', l10n.t`Tag key must be 1-128 characters long (it has ${key.length}).`, ctx.p('tags', i, 'key'));
      else if (/^aws:/i.test(key)) ctx.report('TD052', 'error', l10n.t`Tag keys starting with "aws:" are reserved for AWS.`, ctx.p('tags', i, 'key'));
    }
    const value = str(t.value);
    if (value !== undefined && value.length > 256) ctx.report('TD052', 'error', l10n.t`Tag value must be at most 256 characters long (it has ${value.length}).`, ctx.p('tags', i, 'value'));
  });
}

// ---------------------------------------------------------------------------------------------------
// TD053 EFS

function td053(ctx: RuleContext): void {
  arr(ctx.td.volumes).forEach((v, i) => {
    if (!isObj(v) || !isObj(v.efsVolumeConfiguration)) return;
    const efs = v.efsVolumeConfiguration;
    const ep = ctx.p('volumes', i, 'efsVolumeConfiguration');
    const transit = str(efs.transitEncryption);
    const auth = isObj(efs.authorizationConfig) ? efs.authorizationConfig : undefined;
    let errored = false;
    if (auth?.iam === 'ENABLED' && transit !== 'ENABLED') {
      ctx.report('TD053', 'error', l10n.t('EFS IAM authorization needs "transitEncryption": "ENABLED".'), [...ep, 'authorizationConfig', 'iam']);
      errored = true;
    }
    const root = str(efs.rootDirectory);
    if (auth && has(auth, 'accessPointId') && root !== undefined && root !== '/') {
      ctx.report('TD053', 'error', l10n.t('With an EFS access point, rootDirectory must be left out or "/": the access point sets the directory.'), [...ep, 'rootDirectory']);
    }
    if (!errored && transit !== 'ENABLED') {
      ctx.report('TD053', 'warning', l10n.t('EFS transit encryption is off: set "transitEncryption": "ENABLED" so that file data is encrypted on the network.'),
        ...(transit !== undefined ? [[...ep, 'transitEncryption'], 'value'] as [JsonPath, Part] : [ep, 'key'] as [JsonPath, Part]));
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// TD060/TD061

function isEcrImage(image: string): boolean {
  return /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//.test(image);
}

function td060(ctx: RuleContext): void {
  if (has(ctx.td, 'executionRoleArn')) return;
  const reasons: [string, JsonPath, Part][] = [];
  for (const c of ctx.containers) {
    if (nonEmpty(c.def.secrets)) reasons.push(['secrets', [...c.path, 'secrets'], 'key']);
    if (isObj(c.def.repositoryCredentials)) reasons.push([l10n.t('private registry credentials'), [...c.path, 'repositoryCredentials'], 'key']);
    const lc = c.def.logConfiguration;
    if (isObj(lc) && nonEmpty(lc.secretOptions)) reasons.push([l10n.t('log secretOptions'), [...c.path, 'logConfiguration', 'secretOptions'], 'key']);
    if (ctx.fargate && isObj(lc) && lc.logDriver === 'awslogs') reasons.push([l10n.t('awslogs on Fargate'), [...c.path, 'logConfiguration', 'logDriver'], 'value']);
    const image = str(c.def.image);
    // On EC2 the container instance role pulls images; on Fargate the execution role does.
    if (ctx.fargate && image && isEcrImage(image)) reasons.push([l10n.t('an ECR image on Fargate'), [...c.path, 'image'], 'value']);
  }
  if (!reasons.length) return;
  const what = [...new Set(reasons.map((r) => r[0]))].join(', ');
  // One sentence per grammatical number ("secrets need", "an ECR image needs"), not an English suffix.
  const message = reasons.length === 1 && !what.endsWith('s')
    ? l10n.t`"executionRoleArn" is missing, but ${what} needs the task execution role.`
    : l10n.t`"executionRoleArn" is missing, but ${what} need the task execution role.`;
  ctx.report('TD060', 'warning', message, reasons[0][1], reasons[0][2]);
}

function td061(ctx: RuleContext): void {
  if (!ctx.windows) return;
  for (const key of ['pidMode', 'ipcMode']) {
    if (has(ctx.td, key)) ctx.report('TD061', 'warning', l10n.t`Windows tasks do not support "${key}".`, ctx.p(key), 'key');
  }
  for (const c of ctx.containers) {
    for (const key of ['privileged', 'user', 'readonlyRootFilesystem', 'links', 'ulimits', 'dnsServers', 'disableNetworking', 'extraHosts']) {
      if (nonEmpty(c.def[key])) ctx.report('TD061', 'warning', l10n.t`Windows containers ignore or reject "${key}".`, [...c.path, key], 'key');
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// TD070–TD077 security and hygiene

function td070(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    if (c.def.privileged === true) ctx.report('TD070', 'warning', l10n.t`${ctx.label(c)} runs privileged, with full access to the host (Security Hub ECS.4).`, [...c.path, 'privileged']);
  }
}

function td071(ctx: RuleContext): void {
  for (const key of ['pidMode', 'ipcMode']) {
    if (ctx.td[key] === 'host') ctx.report('TD071', 'warning', key === 'pidMode'
      ? l10n.t`${key} "host" shares the host's process namespace with the containers (Security Hub ECS.3).`
      : l10n.t`${key} "host" shares the host's IPC namespace with the containers (Security Hub ECS.3).`, ctx.p(key));
  }
}

const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CLIENT_?SECRET|CREDENTIALS?)/i;
const NOT_A_SECRET = /(_ARN|_FILE|_PATH|_URL|_URI|_NAME|_ENDPOINT|_REGION|_TTL|_EXPIRY|_EXPIRATION|_LENGTH|_HEADER|_ENABLED|_TYPE|_DIR|_PARAM|_PARAMETER)$/i;

export function isSecretLike(name: string, value: unknown): boolean {
  if (typeof value === 'string' && /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(value)) return true;
  return SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
}

function td072(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    arr(c.def.environment).forEach((e, i) => {
      if (!isObj(e)) return;
      const name = str(e.name);
      if (name === undefined || !isSecretLike(name, e.value)) return;
      ctx.report('TD072', 'warning',
        l10n.t`Environment variable "${name}" looks like a secret: plain environment values are visible to anyone who can describe the task definition (Security Hub ECS.8). Move it to "secrets" (Secrets Manager or SSM Parameter Store).`,
        [...c.path, 'environment', i, 'name'], 'value', fixes.moveToSecrets(c.path, i, name, c.def));
    });
  }
}

function td073(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    if (!isObj(c.def.logConfiguration)) ctx.report('TD073', 'warning', l10n.t`${ctx.label(c)} has no logConfiguration: its output is lost (Security Hub ECS.9).`, ...ctx.at(c));
  }
}

function td074(ctx: RuleContext): void {
  if (ctx.windows) return;
  for (const c of ctx.containers) {
    if (c.def.readonlyRootFilesystem === true) continue;
    const target: [JsonPath, Part] = has(c.def, 'readonlyRootFilesystem') ? [[...c.path, 'readonlyRootFilesystem'], 'value'] : ctx.at(c);
    ctx.report('TD074', 'info', l10n.t`${ctx.label(c)} can write to its root filesystem; set "readonlyRootFilesystem": true and mount volumes where it must write (Security Hub ECS.5).`, ...target);
  }
}

function td075(ctx: RuleContext): void {
  if (ctx.windows) return;
  for (const c of ctx.containers) {
    const user = str(c.def.user);
    if (user === undefined) {
      ctx.report('TD075', 'info', l10n.t`${ctx.label(c)} sets no "user", so it runs as the image's user (often root). Set a non-root user.`, ...ctx.at(c));
    } else if (/^(root|0)(:(root|0))?$/.test(user)) {
      ctx.report('TD075', 'info', l10n.t`${ctx.label(c)} runs as root; use a non-root user.`, [...c.path, 'user']);
    }
  }
}

function td076(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    if (essential(c) && !isObj(c.def.healthCheck)) {
      ctx.report('TD076', 'info', l10n.t`Essential ${ctx.label(c).toLowerCase()} has no healthCheck: ECS cannot tell when it stops working.`, ...ctx.at(c));
    }
  }
}

function td077(ctx: RuleContext): void {
  const task = str(ctx.td.taskRoleArn);
  if (task !== undefined && task === str(ctx.td.executionRoleArn)) {
    ctx.report('TD077', 'info', l10n.t('taskRoleArn equals executionRoleArn: the application gets the permissions meant for ECS (pulling images, reading secrets). Use a separate task role.'), ctx.p('taskRoleArn'));
  }
}

// ---------------------------------------------------------------------------------------------------
// TD080 image references (OCI/distribution reference grammar)

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`,
);

export function parseImageReference(image: string): { name: string; tag?: string; digest?: string } | undefined {
  const m = REFERENCE.exec(image);
  if (!m || image.length > 255 + 72) return undefined;
  return { name: (m[1] ? m[1] + '/' : '') + m[2], tag: m[3], digest: m[4] };
}

function td080(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    const image = str(c.def.image);
    if (image === undefined) continue;
    const path = [...c.path, 'image'];
    if (isPlaceholder(image)) {
      ctx.report('TD080', 'info', l10n.t`Image "${image}" is a placeholder; a render step must fill it in before registering.`, path);
      continue;
    }
    const ref = parseImageReference(image);
    if (!ref) {
      ctx.report('TD080', 'error', l10n.t`"${image}" is not a valid image reference ([registry/]repository[:tag][@sha256:digest], lowercase repository).`, path);
    } else if (!ref.digest && (ref.tag === undefined || ref.tag === 'latest')) {
      ctx.report('TD080', 'warning', ref.tag
        ? l10n.t`Image "${image}" uses the "latest" tag: pin a version tag or a digest so that a rollback gets the same image.`
        : l10n.t`Image "${image}" has no tag (so it means "latest"): pin a version tag or a digest so that a rollback gets the same image.`, path);
    }
  }
}

export const SEMANTIC_RULES: ((ctx: RuleContext) => void)[] = [
  td010, td011, td012, td013, td020, td021, td022, td023, td024, td030, td031, td032, td033, td034,
  td040, td041, td042, td043, td050, td051, td052, td053, td060, td061, td070, td071, td072, td073,
  td074, td075, td076, td077, td080,
];

export function runRules(td: Obj, base: JsonPath, wrapped: boolean): RawFinding[] {
  const ctx = new RuleContext(td, base);
  td002(ctx, wrapped);
  for (const rule of SEMANTIC_RULES) rule(ctx);
  return ctx.out;
}
