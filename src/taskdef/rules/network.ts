// TD021–TD024: network mode and port mappings. Pure.
import * as l10n from '@vscode/l10n';
import * as fixes from '../fixes';
import { type RuleContext, arr, has, isObj, isPlaceholder, nonEmpty, num, str, type Rule } from './context';

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
            if (overlap) ctx.report('TD024', 'error', l10n.t`containerPortRange "${pr}" overlaps another range of ${ctx.noun(c)}.`, [...pmPath, 'containerPortRange']);
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

export const NETWORK_RULES: Rule[] = [
  {
    id: 'TD021',
    severity: 'error',
    title: 'hostPort equals containerPort under awsvpc or host',
    docs: 'under `awsvpc`/`host`, `hostPort` is absent or equals `containerPort`',
    fix: 'sets `hostPort` to `containerPort`',
    check: td021,
  },
  {
    id: 'TD022',
    severity: 'error',
    title: 'no portMappings with networkMode none',
    docs: '`networkMode: none` has no `portMappings`',
    check: td022,
  },
  {
    id: 'TD023',
    severity: 'error',
    title: 'links only with bridge; hostname/extraHosts not with awsvpc',
    docs: '`links` only with `bridge`; `hostname`/`extraHosts` not with `awsvpc`',
    check: td023,
  },
  {
    id: 'TD024',
    severity: 'error',
    title: 'port mappings: duplicates, ranges, names',
    docs: 'port mappings: duplicates, `containerPortRange` rules, mapping names',
    check: td024,
  },
];
