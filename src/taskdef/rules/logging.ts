// TD020: the awslogs log driver's options. Pure.
import * as l10n from '@vscode/l10n';
import type { JsonPath, Part } from '../document';
import { type RuleContext, has, isObj, type Rule } from './context';

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

export const LOGGING_RULES: Rule[] = [
  {
    id: 'TD020',
    severity: 'error',
    levels: ['error', 'warning'],
    title: 'awslogs options',
    docs: '`awslogs` needs `awslogs-group` and `awslogs-region` (error); `awslogs-stream-prefix` on Fargate, unknown options (warning)',
    check: td020,
  },
];
