// The likely cause of a failed task or rollout, from the failures every ECS user meets. One rule per
// cause, in a table: where to look (stopped reasons, container reasons, service events, log lines),
// what to match, and the one sentence naming the cause and the fix. The first rule that matches wins,
// so the table goes from specific to general. Pure: no vscode, no SDK.

/** What a rule looks at: each line with where it came from. */
export interface Evidence {
  readonly source: 'stoppedReason' | 'containerReason' | 'event' | 'log';
  readonly text: string;
  readonly container?: string;
  readonly exitCode?: number;
}

export interface CauseContext {
  /** Container ports of the task definition, by container name. */
  readonly ports: Readonly<Record<string, readonly number[]>>;
  readonly evidence: readonly Evidence[];
}

export interface CauseRule {
  readonly id: string;
  readonly sources: readonly Evidence['source'][];
  readonly match: RegExp;
  /** Extra condition on the matched line and the whole context. */
  readonly when?: (e: Evidence, ctx: CauseContext) => boolean;
  readonly cause: (e: Evidence, m: RegExpExecArray, ctx: CauseContext) => string | undefined;
  /** The line to show as evidence when it is not the matched one. */
  readonly evidence?: (e: Evidence, ctx: CauseContext) => string;
}

export interface LikelyCause {
  readonly id: string;
  readonly cause: string;
  readonly evidence: string;
}

/** The port a log line says the process listens on ("Listening on port 3000", "listening on :3000", "0.0.0.0:3000"). */
export function listeningPort(line: string): number | undefined {
  const m = /\blisten(?:ing)?\b[^\d]{0,30}?(?:port\s*|:)(\d{2,5})\b/i.exec(line) ?? /\b(?:0\.0\.0\.0|127\.0\.0\.1|\[::\]|localhost):(\d{2,5})\b/.exec(line);
  return m ? Number(m[1]) : undefined;
}

export const CAUSE_RULES: readonly CauseRule[] = [
  {
    id: 'pull-network',
    sources: ['stoppedReason', 'containerReason'],
    match: /(?:CannotPullContainerError|ResourceInitializationError).*(?:i\/o timeout|dial tcp|context deadline exceeded|request canceled while waiting for connection|no such host)/i,
    cause: () =>
      'The task cannot reach the image registry: from a private subnet add a NAT gateway or VPC endpoints for ECR (ecr.api, ecr.dkr) and S3, or give the task a public IP.',
  },
  {
    id: 'pull-permission',
    sources: ['stoppedReason', 'containerReason'],
    match: /(?:CannotPullContainerError|ResourceInitializationError).*(?:ecr:GetAuthorizationToken|ecr:BatchGetImage|ecr:GetDownloadUrlForLayer|403 Forbidden|no basic auth credentials|denied: |not authorized to perform: ecr:)/i,
    cause: () =>
      'The task is not allowed to pull the image: set an execution role with ecr:GetAuthorizationToken, ecr:BatchGetImage and ecr:GetDownloadUrlForLayer (AmazonECSTaskExecutionRolePolicy), or fix the repository policy.',
  },
  {
    id: 'pull-not-found',
    sources: ['stoppedReason', 'containerReason'],
    match: /CannotPullContainerError.*?(?:failed to resolve ref |pull access denied for |manifest for )?([^\s:]+\/[^\s]*?:[^\s:]+)?:? (?:not found|manifest unknown|does not exist)/i,
    cause: (_e, m) =>
      `The image ${m[1] ? `${m[1]} ` : ''}does not exist in the registry: push that tag, or fix the image in the task definition.`,
  },
  {
    id: 'secrets',
    sources: ['stoppedReason', 'containerReason'],
    match: /ResourceInitializationError.*(?:secret|ssm|asm|parameter|kms)/i,
    cause: () =>
      "The task's secrets cannot be read: allow the execution role secretsmanager:GetSecretValue or ssm:GetParameters (and kms:Decrypt for a customer key), and check that the ARNs in the task definition exist.",
  },
  {
    id: 'log-group',
    sources: ['stoppedReason', 'containerReason'],
    match: /ResourceInitializationError.*(?:log group|log stream|logger|CreateLogStream|logs:)/i,
    cause: () =>
      'The container cannot write its logs: create the log group (or set awslogs-create-group with logs:CreateLogGroup) and allow the execution role logs:CreateLogStream and logs:PutLogEvents.',
  },
  {
    id: 'exec-format',
    sources: ['log', 'containerReason', 'stoppedReason'],
    match: /exec format error/i,
    cause: () =>
      'The image was built for another CPU architecture: build it for the platform the task runs on (docker build --platform linux/amd64, or linux/arm64 with runtimePlatform ARM64).',
  },
  {
    id: 'out-of-memory',
    sources: ['containerReason', 'stoppedReason', 'log'],
    match: /OutOfMemory|OOMKilled|Container killed due to memory usage|JavaScript heap out of memory|java\.lang\.OutOfMemoryError/i,
    cause: (e) =>
      `${e.container ? `Container ${e.container}` : 'The container'} ran out of memory and was killed${e.exitCode === 137 ? ' (exit 137)' : ''}: raise its memory limit in the task definition or lower its memory use.`,
  },
  {
    id: 'health-check-port',
    sources: ['log'],
    match: /listen/i,
    when: (e, ctx) => {
      const failedHealth = ctx.evidence.some((x) => /health ?checks?/i.test(x.text) && /fail|unhealthy/i.test(x.text));
      const port = listeningPort(e.text);
      const expected = e.container ? ctx.ports[e.container] : undefined;
      return failedHealth && port !== undefined && expected !== undefined && expected.length > 0 && !expected.includes(port);
    },
    cause: (e, _m, ctx) =>
      `The health check fails because container ${e.container} listens on port ${listeningPort(e.text)}, not on ${ctx.ports[e.container!].join(', ')}: make the app listen on the mapped port, or map and check port ${listeningPort(e.text)}.`,
  },
  {
    id: 'health-check',
    sources: ['stoppedReason', 'event'],
    match: /(?:failed (?:ELB|container) health checks|is unhealthy in target-group)/i,
    cause: () =>
      'The tasks start but fail their health check: check the health check command or target-group path and port, and give the app time to start (startPeriod, healthCheckGracePeriodSeconds).',
  },
  {
    id: 'placement-memory',
    sources: ['event'],
    match: /unable to place a task.*insufficient memory/i,
    cause: () => 'No container instance has enough free memory for the task: add instances (or a capacity provider that scales), or lower the task\'s memory reservation.',
  },
  {
    id: 'placement-cpu',
    sources: ['event'],
    match: /unable to place a task.*insufficient CPU/i,
    cause: () => 'No container instance has enough free CPU units for the task: add instances (or a capacity provider that scales), or lower the task\'s CPU reservation.',
  },
  {
    id: 'placement-port',
    sources: ['event'],
    match: /unable to place a task.*already-used port|unable to place a task.*port required by your task/i,
    cause: () => 'Every container instance already uses the host port the task needs: use dynamic host ports (hostPort 0 with bridge networking) or awsvpc, or add instances.',
  },
  {
    id: 'placement',
    sources: ['event'],
    match: /unable to place a task because no container instance met all of its requirements/i,
    cause: () => 'No container instance meets the task\'s requirements (attributes, placement constraints or capacity): check the cluster\'s instances and the task\'s placement constraints.',
  },
  {
    id: 'essential-exit',
    sources: ['containerReason', 'stoppedReason'],
    match: /Essential container in task exited|exited/i,
    when: (_e, ctx) => failedContainer(ctx) !== undefined,
    cause: (_e, _m, ctx) => {
      const failed = failedContainer(ctx)!;
      return `Essential container ${failed.container} exited with code ${failed.exitCode} right after starting: fix what its last log lines report (configuration, environment, a dependency it cannot reach) and deploy again.`;
    },
    evidence: (e, ctx) => lastWords(ctx, failedContainer(ctx)?.container) ?? e.text,
  },
];

function failedContainer(ctx: CauseContext): Evidence | undefined {
  return ctx.evidence.find((x) => x.exitCode !== undefined && x.exitCode !== 0);
}

/** The last error-looking log line of a container (else its last line). */
function lastWords(ctx: CauseContext, container: string | undefined): string | undefined {
  const lines = ctx.evidence.filter((x) => x.source === 'log' && x.container === container && x.text.trim() && !/^\s+at /.test(x.text));
  return (lines.find((x) => /\b(error|exception|fatal|panic)\b/i.test(x.text)) ?? lines.at(-1))?.text;
}

/** The first rule (in table order) that matches any line, with the line as evidence. */
export function likelyCause(ctx: CauseContext, rules: readonly CauseRule[] = CAUSE_RULES): LikelyCause | undefined {
  for (const rule of rules) {
    for (const e of ctx.evidence) {
      if (!rule.sources.includes(e.source)) continue;
      const m = rule.match.exec(e.text);
      if (!m || (rule.when && !rule.when(e, ctx))) continue;
      const cause = rule.cause(e, m, ctx);
      if (cause) return { id: rule.id, cause, evidence: (rule.evidence?.(e, ctx) ?? e.text).trim() };
    }
  }
  return undefined;
}
