// TD010–TD013: what Fargate requires and does not support. Pure.
import * as l10n from '@vscode/l10n';
import type { JsonPath, Part } from '../document';
import * as fixes from '../fixes';
import type { FixSpec } from '../fixes';
import { type RuleContext, arr, has, isObj, nonEmpty, str, type Rule } from './context';

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

/** "256", 256, "0.25 vCPU", ".25 vcpu", "1 vcpu" → CPU units; undefined when it is not a number (a placeholder). */
export function parseCpu(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(vcpu)?\s*$/i.exec(v) : null;
  if (!m) return undefined;
  return m[2] ? Math.round(Number(m[1]) * 1024) : Number(m[1]);
}

/** "512", 512, "2 GB", "0.5 GB", "2GB", "512 MiB" → MiB; undefined when it is not a number. */
export function parseMemory(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(gb|gib|mb|mib)?\s*$/i.exec(v) : null;
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

/**
 * The nearest valid size first, then the other directions when they differ: keep cpu and take the
 * nearest memory it allows, or keep memory and take the smallest cpu that allows it.
 */
function sizeFixes(ctx: RuleContext, cpu: number, memory: number, [nc, nm]: [number, number]): FixSpec[] {
  const out = [fixes.setValues([[ctx.p('cpu'), String(nc)], [ctx.p('memory'), String(nm)]], l10n.t`Use the nearest valid Fargate size: cpu ${nc}, memory ${nm}`)];
  const usable = FARGATE_TABLE.filter(([c]) => !ctx.windows || c >= 1024);
  const row = usable.find(([c]) => c === cpu);
  if (row) {
    const m = row[1].reduce((best, x) => (Math.abs(x - memory) <= Math.abs(best - memory) ? x : best));
    if (m !== nm || cpu !== nc) out.push(fixes.setValues([[ctx.p('memory'), String(m)]], l10n.t`Keep cpu ${cpu}, set memory ${m}`));
  }
  const c = usable.find(([, mems]) => mems.includes(memory))?.[0];
  if (c !== undefined && (c !== nc || memory !== nm)) out.push(fixes.setValues([[ctx.p('cpu'), String(c)]], l10n.t`Keep memory ${memory}, set cpu ${c}`));
  return out;
}

function td010(ctx: RuleContext): void {
  if (!ctx.fargate) return;
  const cpu = parseCpu(ctx.td.cpu);
  const memory = parseMemory(ctx.td.memory);
  if (cpu === undefined || memory === undefined) return;
  if (validFargatePair(cpu, memory, ctx.windows)) return;
  const [nc, nm] = nearestFargatePair(cpu, memory, ctx.windows);
  const fix = sizeFixes(ctx, cpu, memory, [nc, nm]);
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
  // RegisterTaskDefinition: "Fargate requires task definition to have execution role ARN to support log driver awslogs".
  if (!has(ctx.td, 'executionRoleArn')) {
    const c = ctx.containers.find((x) => isObj(x.def.logConfiguration) && x.def.logConfiguration.logDriver === 'awslogs');
    if (c) {
      ctx.report('TD011', 'error', l10n.t`${ctx.label(c)} logs with awslogs, and on Fargate that needs the task execution role: set "executionRoleArn" (RegisterTaskDefinition rejects the task otherwise).`,
        [...c.path, 'logConfiguration', 'logDriver'], 'value');
    }
  }
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
      // An empty list ("devices": []) asks for nothing: not a use of the parameter.
      for (const key of ['devices', 'sharedMemorySize', 'tmpfs', 'maxSwap', 'swappiness']) {
        if (has(lp, key) && !(Array.isArray(lp[key]) && !lp[key].length)) unsupported([...c.path, 'linuxParameters', key], l10n.t`linuxParameters "${key}"`);
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

export const FARGATE_RULES: Rule[] = [
  {
    id: 'TD010',
    severity: 'error',
    title: 'Fargate cpu/memory is a valid pair',
    docs: 'Fargate `cpu`/`memory` is a valid pair ("1 vCPU"/"2 GB" accepted; Windows needs cpu ≥ 1024)',
    fix: 'sets the nearest valid Fargate size; also offers to keep cpu and change memory, or keep memory and change cpu',
    check: td010,
  },
  {
    id: 'TD011',
    severity: 'error',
    title: 'Fargate needs task cpu, memory, networkMode awsvpc, and an execution role for awslogs',
    docs: 'Fargate needs task `cpu`, `memory` and `networkMode: awsvpc`; `awslogs` on Fargate needs `executionRoleArn`',
    check: td011,
  },
  {
    id: 'TD012',
    severity: 'error',
    title: 'parameters Fargate does not support',
    docs: 'parameters Fargate does not support (privileged, links, devices, docker volumes, host paths, capabilities other than `SYS_PTRACE`, …); an empty list such as `"devices": []` is not a use',
    check: td012,
  },
  {
    id: 'TD013',
    severity: 'error',
    title: 'Fargate log driver is awslogs, splunk or awsfirelens',
    docs: 'Fargate log driver is `awslogs`, `splunk` or `awsfirelens`',
    check: td013,
  },
];
