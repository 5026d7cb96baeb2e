// Where a container's logs are, read from the task definition the task ran: the awslogs driver
// (group, region, stream `prefix/container/taskId`), FireLens routed to CloudWatch (the `cloudwatch`
// and `cloudwatch_logs` outputs, stream `prefix + container-firelens-taskId`), or somewhere this
// extension cannot read (Splunk, Datadog, S3, …), which is said in a sentence. Pure: no vscode, no SDK.

export interface LogConfigurationLike {
  readonly logDriver?: string;
  readonly options?: Readonly<Record<string, string>>;
}

export interface ContainerDefinitionLike {
  readonly name?: string;
  readonly logConfiguration?: LogConfigurationLike;
}

export type LogSource =
  | {
      readonly kind: 'cloudwatch';
      readonly container: string;
      readonly logGroup: string;
      /** The region of the log group; undefined means the task's region. */
      readonly region?: string;
      readonly logStream: string;
      readonly via: 'awslogs' | 'firelens';
    }
  | { readonly kind: 'unavailable'; readonly container: string; readonly message: string };

/** The awslogs stream name AWS uses for a container of a task: `prefix/container/taskId`. */
export function awslogsStreamName(prefix: string, container: string, taskId: string): string {
  return `${prefix}/${container}/${taskId}`;
}

/** The stream the FireLens CloudWatch outputs write to: the prefix plus the tag `container-firelens-taskId`. */
export function firelensStreamName(prefix: string, container: string, taskId: string): string {
  return `${prefix}${container}-firelens-${taskId}`;
}

/** FireLens output plugin names and the destination they write to, for the "cannot be shown" sentence. */
const FIRELENS_DESTINATIONS: Record<string, string> = {
  datadog: 'Datadog',
  splunk: 'Splunk',
  es: 'OpenSearch/Elasticsearch',
  opensearch: 'OpenSearch',
  firehose: 'Kinesis Data Firehose',
  kinesis_firehose: 'Kinesis Data Firehose',
  kinesis_streams: 'Kinesis Data Streams',
  kinesis: 'Kinesis Data Streams',
  s3: 'Amazon S3',
  http: 'an HTTP endpoint',
  newrelic: 'New Relic',
  nrlogs: 'New Relic',
  loki: 'Grafana Loki',
  forward: 'a Fluentd/Fluent Bit forwarder',
};

/** Docker log drivers other than awslogs, and where they send the output. */
const DRIVER_DESTINATIONS: Record<string, (o: Readonly<Record<string, string>>) => string> = {
  splunk: (o) => `Splunk${o['splunk-url'] ? ` (${o['splunk-url']})` : ''}`,
  fluentd: (o) => `Fluentd${o['fluentd-address'] ? ` (${o['fluentd-address']})` : ''}`,
  gelf: (o) => `a GELF endpoint${o['gelf-address'] ? ` (${o['gelf-address']})` : ''}`,
  syslog: (o) => `syslog${o['syslog-address'] ? ` (${o['syslog-address']})` : ''}`,
  journald: () => 'the journald of the container instance',
  'json-file': () => 'JSON files on the container instance',
  logentries: () => 'Logentries',
};

/**
 * Resolves where the logs of one container of a task are. `taskId` is the last part of the task ARN.
 * The message of an unavailable source says where the logs go and why they cannot be shown.
 */
export function logSourceOf(container: ContainerDefinitionLike, taskId: string): LogSource {
  const name = container.name ?? '(unnamed)';
  const config = container.logConfiguration;
  const options = config?.options ?? {};
  const unavailable = (message: string): LogSource => ({ kind: 'unavailable', container: name, message });
  if (!config?.logDriver) {
    return unavailable(`Container ${name} has no log configuration: ECS keeps no copy of its output. Add an awslogs logConfiguration to its task definition to read its logs here.`);
  }
  if (config.logDriver === 'awslogs') {
    const group = options['awslogs-group'];
    if (!group) return unavailable(`Container ${name} uses awslogs without awslogs-group: there is no log group to read.`);
    const prefix = options['awslogs-stream-prefix'];
    if (!prefix) {
      return unavailable(
        `Container ${name} logs to ${group} without awslogs-stream-prefix: its stream is named after the Docker container ID, which ECS does not report, so there is no stream to find. Add awslogs-stream-prefix to the task definition.`,
      );
    }
    return { kind: 'cloudwatch', container: name, logGroup: group, region: options['awslogs-region'], logStream: awslogsStreamName(prefix, name, taskId), via: 'awslogs' };
  }
  if (config.logDriver === 'awsfirelens') {
    const output = options.Name ?? options.name;
    if (!output) {
      return unavailable(`Container ${name} is routed by FireLens with the log router's own configuration file: where its logs go is not in the task definition, so they cannot be shown here.`);
    }
    if (output === 'cloudwatch' || output === 'cloudwatch_logs') {
      const group = options.log_group_name;
      if (!group) return unavailable(`Container ${name} is routed by FireLens to CloudWatch without log_group_name: there is no log group to read.`);
      const stream = options.log_stream_name ?? firelensStreamName(options.log_stream_prefix ?? '', name, taskId);
      return { kind: 'cloudwatch', container: name, logGroup: group, region: options.region, logStream: stream, via: 'firelens' };
    }
    const where = FIRELENS_DESTINATIONS[output.toLowerCase()] ?? `the FireLens output "${output}"`;
    return unavailable(`Container ${name} sends its logs through FireLens to ${where}; they cannot be shown here. Read them in ${where}.`);
  }
  const where = DRIVER_DESTINATIONS[config.logDriver]?.(options) ?? `the ${config.logDriver} log driver's destination`;
  return unavailable(`Container ${name} logs with the ${config.logDriver} driver to ${where}; they cannot be shown here. Read them there.`);
}

/** The log sources of the given containers of a task definition (all of them when `only` is omitted). */
export function logSourcesOf(containers: readonly ContainerDefinitionLike[], taskId: string, only?: string): LogSource[] {
  return containers.filter((c) => only === undefined || c.name === only).map((c) => logSourceOf(c, taskId));
}
