// TD030–TD034: the container list: essential, dependsOn, names, count. Pure.
import * as l10n from '@vscode/l10n';
import type { JsonPath } from '../document';
import * as fixes from '../fixes';
import { type RuleContext, arr, essential, isObj, isPlaceholder, quoted, str, type Rule } from './context';

// TD030–TD034 containers

/** On each container's `"essential": false` (where Ctrl+. is pressed), each with its own fix. */
function td030(ctx: RuleContext): void {
  if (!ctx.containers.length || ctx.containers.some(essential)) return;
  for (const c of ctx.containers) {
    ctx.report('TD030', 'error',
      l10n.t`No container is essential, but at least one must be (an omitted "essential" counts as true): make ${ctx.noun(c)} essential, or another one.`,
      [...c.path, 'essential'], 'value',
      fixes.setValues([[[...c.path, 'essential'], true]], l10n.t`Mark ${ctx.noun(c)} as essential`));
  }
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

export const CONTAINERS_RULES: Rule[] = [
  {
    id: 'TD030',
    severity: 'error',
    title: 'at least one essential container',
    docs: 'at least one essential container (reported on each `"essential": false`)',
    fix: 'marks the container essential (offered on each `"essential": false`)',
    check: td030,
  },
  {
    id: 'TD031',
    severity: 'error',
    title: 'dependsOn targets and conditions',
    docs: '`dependsOn` targets exist; `COMPLETE`/`SUCCESS` not on essential containers; `HEALTHY` needs a `healthCheck`',
    check: td031,
  },
  {
    id: 'TD032',
    severity: 'warning',
    title: 'dependsOn has no cycle',
    docs: '`dependsOn` has no cycle',
    check: td032,
  },
  {
    id: 'TD033',
    severity: 'error',
    title: 'family and container names: pattern and uniqueness',
    docs: '`family` and container names match `^[A-Za-z0-9_-]{1,255}$`; names unique',
    check: td033,
  },
  {
    id: 'TD034',
    severity: 'error',
    title: 'at most 10 containers',
    docs: 'at most 10 containers',
    check: td034,
  },
];
