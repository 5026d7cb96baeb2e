// Shared helpers for the task-definition unit tests.
import * as path from 'node:path';
import { repoRoot } from '../../../scripts/lib/awsModels';
import * as assert from 'node:assert/strict';
import { lintTaskDefinition, type Finding } from '../../../src/taskdef/lint';

export { repoRoot };

/** The corpus of real task definitions (test/fixtures/corpus/task-definitions, sources in its SOURCES.md). */
export function corpusDir(): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'corpus', 'task-definitions');
}

/** A valid Fargate task definition; tests change one thing in it. */
export function fargate(overrides: Record<string, unknown> = {}, container: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: 'web',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
    containerDefinitions: [
      {
        name: 'web',
        image: 'public.ecr.aws/nginx/nginx:1.27',
        essential: true,
        user: '101',
        readonlyRootFilesystem: true,
        portMappings: [{ containerPort: 80, protocol: 'tcp' }],
        healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] },
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' } },
        ...container,
      },
    ],
    ...overrides,
  };
}

export function text(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function lint(value: unknown | string): Finding[] {
  return lintTaskDefinition(typeof value === 'string' ? value : text(value));
}

export function ids(findings: Finding[]): string[] {
  return findings.map((f) => f.ruleId);
}

/** Findings of one rule. */
export function of(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** The text a finding's range covers. */
export function covered(source: string, f: Finding): string {
  const lines = source.split('\n');
  const { start, end } = f.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

/** Applies a finding's fix and returns the new text. */
export function applyFix(source: string, f: Finding): string {
  assertFix(f);
  const lines = source.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = source;
  for (const e of [...f.fix!.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

function assertFix(f: Finding): void {
  if (!f.fix) throw new Error(`${f.ruleId} has no fix`);
}

// Rule assertions shared by the rule tests.

export type Doc = Record<string, unknown> | string;

export function source(doc: Doc): string {
  return typeof doc === 'string' ? doc : text(doc);
}

/** Asserts that `ruleId` fires exactly at the listed texts (in order) with the listed severities. */
export function fires(doc: Doc, ruleId: string, expected: [string, Finding['severity']][]): Finding[] {
  const src = source(doc);
  const found = of(lintTaskDefinition(src), ruleId);
  assert.deepEqual(
    found.map((f) => [covered(src, f), f.severity]),
    expected,
    `${ruleId} findings: ${JSON.stringify(found.map((f) => f.message))}`,
  );
  return found;
}

export function silent(doc: Doc, ruleId: string): void {
  const found = of(lintTaskDefinition(source(doc)), ruleId);
  assert.deepEqual(found.map((f) => f.message), [], `${ruleId} should not fire`);
}

export function container(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'web',
    image: 'nginx:1.27',
    user: '101',
    readonlyRootFilesystem: true,
    healthCheck: { command: ['CMD', 'true'] },
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'p' } },
    ...extra,
  };
}

export function ec2(overrides: Record<string, unknown> = {}, c: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: 'api',
    requiresCompatibilities: ['EC2'],
    networkMode: 'bridge',
    containerDefinitions: [container({ memory: 512, ...c })],
    ...overrides,
  };
}

export function withContainers(base: Record<string, unknown>, containers: Record<string, unknown>[]): Record<string, unknown> {
  return { ...base, containerDefinitions: containers };
}
