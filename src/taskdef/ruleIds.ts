// The rule ids (a public contract: keep them stable) with their default severity and a one-line summary.
// The full table is in README.md, section "Task-definition linter". Pure.
import type { Severity } from './types';

export interface RuleInfo {
  id: string;
  severity: Severity;
  summary: string;
}

export const RULES: RuleInfo[] = [
  { id: 'TD000', severity: 'error', summary: 'the file is valid JSON, without comments' },
  { id: 'TD001', severity: 'error', summary: 'schema shape: types, enums, required keys, patterns, lengths, unknown keys' },
  { id: 'TD002', severity: 'warning', summary: 'describe-output fields or a {"taskDefinition": …} wrapper' },
  { id: 'TD010', severity: 'error', summary: 'Fargate cpu/memory is a valid pair' },
  { id: 'TD011', severity: 'error', summary: 'Fargate needs task cpu, memory and networkMode awsvpc' },
  { id: 'TD012', severity: 'error', summary: 'parameters Fargate does not support' },
  { id: 'TD013', severity: 'error', summary: 'Fargate log driver is awslogs, splunk or awsfirelens' },
  { id: 'TD020', severity: 'error', summary: 'awslogs options' },
  { id: 'TD021', severity: 'error', summary: 'hostPort equals containerPort under awsvpc or host' },
  { id: 'TD022', severity: 'error', summary: 'no portMappings with networkMode none' },
  { id: 'TD023', severity: 'error', summary: 'links only with bridge; hostname/extraHosts not with awsvpc' },
  { id: 'TD024', severity: 'error', summary: 'port mappings: duplicates, ranges, names' },
  { id: 'TD030', severity: 'error', summary: 'at least one essential container' },
  { id: 'TD031', severity: 'error', summary: 'dependsOn targets and conditions' },
  { id: 'TD032', severity: 'warning', summary: 'dependsOn has no cycle' },
  { id: 'TD033', severity: 'error', summary: 'family and container names: pattern and uniqueness' },
  { id: 'TD034', severity: 'error', summary: 'at most 10 containers' },
  { id: 'TD040', severity: 'error', summary: 'container memory when the task has none' },
  { id: 'TD041', severity: 'error', summary: 'container memory above memoryReservation and at least 6 MiB' },
  { id: 'TD042', severity: 'error', summary: 'container memory fits in task memory' },
  { id: 'TD043', severity: 'error', summary: 'container cpu fits in task cpu' },
  { id: 'TD050', severity: 'error', summary: 'references to volumes and containers' },
  { id: 'TD051', severity: 'error', summary: 'numeric ranges (health check, timeouts, restart policy, storage, swappiness)' },
  { id: 'TD052', severity: 'error', summary: 'counts and formats (environment files, credential specs, constraints, tags, duplicate variables)' },
  { id: 'TD053', severity: 'error', summary: 'EFS authorization and transit encryption' },
  { id: 'TD060', severity: 'warning', summary: 'executionRoleArn needed' },
  { id: 'TD061', severity: 'warning', summary: 'fields Windows containers ignore or reject' },
  { id: 'TD070', severity: 'warning', summary: 'privileged container' },
  { id: 'TD071', severity: 'warning', summary: 'pidMode or ipcMode host' },
  { id: 'TD072', severity: 'warning', summary: 'secret-like environment variables' },
  { id: 'TD073', severity: 'warning', summary: 'container without logConfiguration' },
  { id: 'TD074', severity: 'info', summary: 'readonlyRootFilesystem not true' },
  { id: 'TD075', severity: 'info', summary: 'user unset or root' },
  { id: 'TD076', severity: 'info', summary: 'essential container without healthCheck' },
  { id: 'TD077', severity: 'info', summary: 'taskRoleArn equals executionRoleArn' },
  { id: 'TD080', severity: 'error', summary: 'image reference syntax, tag and placeholders' },
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));
