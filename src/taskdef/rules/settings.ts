// TD050–TD053: references between members, numeric ranges, counts and formats, EFS. Pure.
import * as l10n from '@vscode/l10n';
import * as fixes from '../fixes';
import type { JsonPath, Part } from '../document';
import { type RuleContext, arr, has, isObj, isPlaceholder, num, quoted, str, type Rule } from './context';

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
      } else if (first === 'CMD' && command.length === 2 && typeof command[1] === 'string' && /\s/.test(command[1].trim())) {
        // ["CMD", "curl -f http://localhost/ || exit 1"] runs a program named after the whole line.
        ctx.report('TD051', 'warning',
          l10n.t`With "CMD", ${JSON.stringify(command[1])} is run as one program name, spaces included, and the check always fails. Did you mean "CMD-SHELL", which runs it through a shell?`,
          [...hp, 'command', 0], 'value', fixes.setValues([[[...hp, 'command', 0], 'CMD-SHELL']], l10n.t('Use "CMD-SHELL"')));
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

export const SETTINGS_RULES: Rule[] = [
  {
    id: 'TD050',
    severity: 'error',
    title: 'references to volumes and containers',
    docs: 'references: mount volumes, `volumesFrom`, `proxyConfiguration`, accelerators; one volume `configuredAtLaunch`',
    check: td050,
  },
  {
    id: 'TD051',
    severity: 'error',
    levels: ['error', 'warning'],
    title: 'numeric ranges (health check, timeouts, restart policy, storage, swappiness)',
    docs: 'ranges: health check, Fargate start/stop timeouts, restart policy, ephemeral storage, swappiness; a health check without `CMD`/`CMD-SHELL`, or `CMD` with one shell line, is a warning',
    fix: 'replaces `CMD` by `CMD-SHELL` when its one argument is a shell line',
    check: td051,
  },
  {
    id: 'TD052',
    severity: 'error',
    levels: ['error', 'warning'],
    title: 'counts and formats (environment files, credential specs, constraints, tags, duplicate variables)',
    docs: 'environment files, credential specs, placement constraints, tags; duplicate environment variables (warning)',
    check: td052,
  },
  {
    id: 'TD053',
    severity: 'error',
    levels: ['error', 'warning'],
    title: 'EFS authorization and transit encryption',
    docs: 'EFS: IAM needs transit encryption, access point with `rootDirectory` (error); transit encryption off (warning)',
    check: td053,
  },
];
