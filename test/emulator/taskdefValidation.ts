// RegisterTaskDefinition input validation, returning the ClientException messages the real API
// returns where they are known from users' reports (e.g. "Container.image should not be null or empty.").
import { clientException } from './errors';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** A task-level size: a plain number of units, or `<n> <unit>` scaled by 1024; NaN when malformed. */
function parseSize(value: unknown, unit: RegExp): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value).trim();
  const scaled = unit.exec(text);
  if (scaled) return Math.round(Number(scaled[1]) * 1024);
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** Parses task-level cpu ("256", "1 vCPU", "0.25 vcpu") into CPU units. */
export function parseCpu(value: unknown): number | undefined {
  return parseSize(value, /^([\d.]+)\s*vcpu$/i);
}

/** Parses task-level memory ("512", "2 GB", "2GB") into MiB. */
export function parseMemory(value: unknown): number | undefined {
  return parseSize(value, /^([\d.]+)\s*gb$/i);
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

export const FARGATE_MEMORY: Record<number, number[]> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

export function isValidFargatePair(cpu: number, memory: number): boolean {
  return FARGATE_MEMORY[cpu]?.includes(memory) ?? false;
}

export function validateRegisterTaskDefinition(input: Record<string, any>): void {
  const family = input.family;
  if (typeof family !== 'string' || family === '') throw clientException('Family should not be null or empty.');
  if (!NAME.test(family)) {
    throw clientException('Family name can have up to 255 characters, including uppercase and lowercase letters, numbers, hyphens, and underscores.');
  }
  const containers = input.containerDefinitions;
  if (!Array.isArray(containers) || containers.length === 0) throw clientException('Container list cannot be empty.');
  if (containers.length > 10) throw clientException('Too many containers. A task definition can have at most 10 containers.');
  const names = new Set<string>();
  for (const c of containers) {
    if (typeof c?.name !== 'string' || c.name === '') throw clientException('Container.name should not be null or empty.');
    if (!NAME.test(c.name)) {
      throw clientException(`Container name '${c.name}' is invalid. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`);
    }
    if (names.has(c.name)) throw clientException(`Duplicate container name '${c.name}'. Container names must be unique within a task definition.`);
    names.add(c.name);
    if (typeof c.image !== 'string' || c.image === '') throw clientException('Container.image should not be null or empty.');
  }
  if (!containers.some((c: any) => c.essential !== false)) throw clientException('At least one essential container is required.');

  const fargate = Array.isArray(input.requiresCompatibilities) && input.requiresCompatibilities.includes('FARGATE');
  const cpu = parseCpu(input.cpu);
  const memory = parseMemory(input.memory);
  if (cpu !== undefined && Number.isNaN(cpu)) throw clientException(`Invalid 'cpu' setting for task.`);
  if (memory !== undefined && Number.isNaN(memory)) throw clientException(`Invalid 'memory' setting for task.`);
  const networkMode = input.networkMode ?? (fargate ? undefined : 'bridge');
  if (fargate) {
    if (networkMode !== 'awsvpc') throw clientException('Fargate only supports network mode \u2018awsvpc\u2019.');
    if (cpu === undefined) throw clientException("Fargate requires that 'cpu' be defined at the task level.");
    if (memory === undefined) throw clientException("Fargate requires that 'memory' be defined at the task level.");
    if (!isValidFargatePair(cpu, memory)) {
      throw clientException(`No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`);
    }
  }
  for (const c of containers) {
    if (memory === undefined && c.memory === undefined && c.memoryReservation === undefined) {
      throw clientException(`Invalid setting for container '${c.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`);
    }
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memoryReservation > c.memory) {
      throw clientException(`Invalid 'memory' setting for container '${c.name}'. The memory reservation must be less than or equal to the memory limit.`);
    }
    for (const p of c.portMappings ?? []) {
      if ((networkMode === 'awsvpc' || networkMode === 'host') && p.hostPort !== undefined && p.containerPort !== undefined && p.hostPort !== p.containerPort) {
        throw clientException(`When networkMode=${networkMode}, the host ports and container ports in port mappings must match.`);
      }
      if (networkMode === 'none') throw clientException("Port mappings are not supported when networkMode is 'none'.");
    }
  }
  if (memory !== undefined) {
    const total = containers.reduce((sum: number, c: any) => sum + (c.memoryReservation ?? c.memory ?? 0), 0);
    if (total > memory) throw clientException(`Invalid 'memory' setting for container. The total amount of memory reserved for all containers (${total}) exceeds the task memory (${memory}).`);
  }
  if (cpu !== undefined) {
    const total = containers.reduce((sum: number, c: any) => sum + (c.cpu ?? 0), 0);
    if (total > cpu) throw clientException(`Invalid 'cpu' setting for task. The total amount of CPU reserved for all containers (${total}) exceeds the task CPU (${cpu}).`);
  }
}
