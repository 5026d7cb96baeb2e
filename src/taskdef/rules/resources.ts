// TD040–TD043: container memory and cpu against the task's. Pure.
import * as l10n from '@vscode/l10n';
import { parseCpu, parseMemory } from './fargate';
import { type RuleContext, has, num, type Rule } from './context';

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
    // ECS accepts memory equal to memoryReservation (the API reference said "greater than" until corrected).
    if (memory !== undefined && reservation !== undefined && memory < reservation) {
      ctx.report('TD041', 'error', l10n.t`${ctx.label(c)}: memory (${memory} MiB, the hard limit) must be at least memoryReservation (${reservation} MiB).`, [...c.path, 'memory']);
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

export const RESOURCES_RULES: Rule[] = [
  {
    id: 'TD040',
    severity: 'error',
    title: 'container memory when the task has none',
    docs: 'without task `memory`, each container sets `memory` or `memoryReservation`',
    check: td040,
  },
  {
    id: 'TD041',
    severity: 'error',
    levels: ['error', 'warning'],
    title: 'container memory at least memoryReservation and at least 6 MiB',
    docs: 'container `memory` ≥ `memoryReservation` (error); below 6 MiB (warning)',
    check: td041,
  },
  {
    id: 'TD042',
    severity: 'error',
    title: 'container memory fits in task memory',
    docs: 'container memory fits in task `memory`',
    check: td042,
  },
  {
    id: 'TD043',
    severity: 'error',
    title: 'container cpu fits in task cpu',
    docs: 'container `cpu` sum fits in task `cpu`',
    check: td043,
  },
];
