// The emulator's HTTP server: AWS JSON 1.1 for ECS and ECR with SigV4 verification, fault
// injection, and control endpoints under /_emulator/ for tests.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_REGION, EmulatorCore } from './core';
import { ecrHandlers } from './ecr';
import { ApiError, invalidParameter } from './errors';
import { checkInputTypes } from './inputShapes';
import { verifySignature } from './sigv4';
import type { Handler } from './context';
import { ecsHandlers } from './ecs';
import { cloudwatchHandlers } from './cloudwatch';
import { logsHandlers } from './logs';
import { syncTaskLogs } from './taskLogs';
import { RegistryMirror } from './registry';
import { addImage, seedBulk, seedDemo, SeedName } from './seed';
import { ACCOUNT, uuid } from './state';

export interface EmulatorOptions {
  /** Port to listen on; 0 or omitted lets the OS pick a free one. */
  port?: number;
  seed?: SeedName;
  /** Simulated time runs at real time × speed; 0 freezes it (tests advance it explicitly). */
  speed?: number;
  /** A Docker Registry v2 URL, optionally with credentials: http://AWS:secret@127.0.0.1:5000 */
  registry?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export type FaultKind = 'throttle' | '5xx' | 'latency' | 'drop' | 'expiredToken' | 'accessDenied' | 'partialFailure';

export interface FaultSpec {
  /** Operation name such as "DescribeServices"; omitted means every operation. */
  operation?: string;
  kind: FaultKind;
  /** How many matching calls the fault affects; omitted means until cleared. */
  count?: number;
  latencyMs?: number;
  /** partialFailure on ECS describe calls: the failure reason of the dropped item (default MISSING). */
  reason?: string;
}

interface ActiveFault extends FaultSpec {
  id: string;
  remaining: number;
}

const JSON_TYPE = 'application/x-amz-json-1.1';

type ServiceName = 'ecs' | 'ecr' | 'logs' | 'cloudwatch';

/** The services served at this endpoint, by X-Amz-Target prefix (all AWS JSON protocols). */
const SERVICES: Record<string, { name: ServiceName; handlers: Record<string, Handler>; contentType: string; prepare?: (core: EmulatorCore) => void }> = {
  AmazonEC2ContainerServiceV20141113: { name: 'ecs', handlers: ecsHandlers, contentType: JSON_TYPE },
  AmazonEC2ContainerRegistry_V20150921: { name: 'ecr', handlers: ecrHandlers, contentType: JSON_TYPE },
  // Tasks write their logs lazily: bring every stream up to now before a Logs call reads or writes.
  Logs_20140328: { name: 'logs', handlers: logsHandlers, contentType: JSON_TYPE, prepare: (core) => syncTaskLogs(core, core.now()) },
  GraniteServiceVersion20100801: { name: 'cloudwatch', handlers: cloudwatchHandlers, contentType: 'application/x-amz-json-1.0' },
};

/** Operations that report partial failures, and the member holding the items that succeeded. */
const PARTIAL: Record<string, { items: string; arn?: string; ecr?: boolean }> = {
  DescribeClusters: { items: 'clusters', arn: 'clusterArn' },
  DescribeServices: { items: 'services', arn: 'serviceArn' },
  DescribeTasks: { items: 'tasks', arn: 'taskArn' },
  DescribeContainerInstances: { items: 'containerInstances', arn: 'containerInstanceArn' },
  DescribeServiceDeployments: { items: 'serviceDeployments', arn: 'serviceDeploymentArn' },
  DescribeServiceRevisions: { items: 'serviceRevisions', arn: 'serviceRevisionArn' },
  RunTask: { items: 'tasks', arn: 'taskArn' },
  BatchDeleteImage: { items: 'imageIds', ecr: true },
  BatchGetImage: { items: 'images', ecr: true },
};

/** Operations that may launch tasks: refresh the registry mirror first so image checks see pushes. */
const LAUNCHING = new Set(['CreateService', 'UpdateService', 'RunTask']);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Observes every API response (operation, HTTP status, parsed JSON body): the shape test uses it. */
export type ResponseListener = (event: { service: ServiceName; operation: string; status: number; body: unknown }) => void;

export class Emulator {
  core: EmulatorCore;
  readonly responseListeners: ResponseListener[] = [];
  private faults: ActiveFault[] = [];
  private counts: Record<string, number> = Object.create(null) as Record<string, number>;
  private latencyMs = 0;

  constructor(private readonly options: EmulatorOptions) {
    this.core = this.freshCore(options.seed ?? 'demo');
  }

  private freshCore(seed: SeedName): EmulatorCore {
    const core = new EmulatorCore(this.options.speed ?? 1);
    if (this.options.registry) core.registry = new RegistryMirror(this.options.registry);
    const state = core.region(DEFAULT_REGION);
    if (seed === 'demo') seedDemo(core, state);
    else if (seed !== 'empty') throw invalidParameter(`unknown seed '${String(seed)}' (demo or empty)`);
    return core;
  }

  reset(seed: SeedName): void {
    this.core = this.freshCore(seed);
    this.faults = [];
    this.counts = Object.create(null) as Record<string, number>;
    this.latencyMs = 0;
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/_emulator/')) return this.control(req.method ?? 'GET', path.slice('/_emulator/'.length), body, res);
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix, operation] = target.split('.');
    const service = Object.hasOwn(SERVICES, prefix) ? SERVICES[prefix] : undefined;
    if (req.method !== 'POST' || !service) {
      if (req.method === 'GET' && path === '/') return sendJson(res, 200, { emulator: 'ecs-workbench', account: ACCOUNT });
      return sendError(res, new ApiError('UnknownOperationException', `Unknown target ${target || '(none)'}`, 400));
    }
    const { handlers, contentType } = service;
    this.counts[operation] = (this.counts[operation] ?? 0) + 1;
    try {
      const region = await verifySignature(req, body, this.options);
      const faultsToApply = this.matchFaults(operation);
      let delay = this.latencyMs;
      for (const f of faultsToApply) if (f.kind === 'latency') delay += f.latencyMs ?? 1000;
      if (delay > 0) await sleep(delay);
      const fault = faultsToApply.find((f) => f.kind !== 'latency' && f.kind !== 'partialFailure');
      if (fault) return this.applyFault(fault, operation, service.name, req, res, contentType);
      const handler: Handler | undefined = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
      if (!handler) throw new ApiError('UnknownOperationException', `The emulator does not implement ${operation}.`);
      let input: unknown;
      try {
        input = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        throw new ApiError('SerializationException', 'Start of structure or map found where not expected.');
      }
      if (service.name === 'ecs' || service.name === 'ecr') checkInputTypes(service.name, operation, input);
      this.core.tick();
      service.prepare?.(this.core);
      const state = this.core.region(region);
      if (LAUNCHING.has(operation) && service.name === 'ecs') await this.core.syncRegistry(state);
      const result = (await handler(input ?? {}, { core: this.core, state, now: this.core.now() })) as Record<string, unknown>;
      const partial = faultsToApply.find((f) => f.kind === 'partialFailure');
      if (partial) applyPartialFailure(operation, result, partial.reason);
      this.notify(service.name, operation, 200, result);
      sendJson(res, 200, result, contentType);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError('ServerException', `Emulator error: ${(err as Error).message}`, 500);
      this.notify(service.name, operation, apiError.status, { __type: apiError.code, message: apiError.message });
      sendError(res, apiError, contentType);
    }
  }

  private notify(service: ServiceName, operation: string, status: number, body: unknown): void {
    if (this.responseListeners.length === 0) return;
    const copy = JSON.parse(JSON.stringify(body)) as unknown;
    for (const l of this.responseListeners) l({ service, operation, status, body: copy });
  }

  private matchFaults(operation: string): ActiveFault[] {
    const out: ActiveFault[] = [];
    let errorTaken = false;
    for (const f of this.faults) {
      if (f.remaining <= 0 || (f.operation && f.operation !== operation)) continue;
      if (f.kind === 'partialFailure' && !PARTIAL[operation]) continue;
      const isError = f.kind !== 'latency' && f.kind !== 'partialFailure';
      if (isError && errorTaken) continue;
      if (isError) errorTaken = true;
      f.remaining--;
      out.push(f);
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return out;
  }

  private applyFault(fault: ActiveFault, operation: string, service: string, req: http.IncomingMessage, res: http.ServerResponse, contentType: string): void {
    switch (fault.kind) {
      case 'throttle':
        return sendError(res, new ApiError('ThrottlingException', 'Rate exceeded', 400), contentType);
      case '5xx':
        return sendError(res, new ApiError('ServerException', 'Service Unavailable. Please try again later.', 500), contentType);
      case 'expiredToken':
        return sendError(res, new ApiError('ExpiredTokenException', 'The security token included in the request is expired', 400), contentType);
      case 'accessDenied':
        return sendError(
          res,
          new ApiError(
            'AccessDeniedException',
            `User: arn:aws:iam::${ACCOUNT}:user/test is not authorized to perform: ${service}:${operation} on resource: * because no identity-based policy allows the ${service}:${operation} action`,
            400,
          ),
          contentType,
        );
      case 'drop':
        req.socket.destroy();
        return;
      default:
        return sendError(res, new ApiError('ServerException', `unhandled fault ${fault.kind}`, 500), contentType);
    }
  }

  private control(method: string, route: string, body: Buffer, res: http.ServerResponse): void {
    let input: any;
    try {
      input = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return sendJson(res, 400, { error: 'invalid JSON' });
    }
    try {
      const state = this.core.region(input.region ?? DEFAULT_REGION);
      switch (`${method} ${route}`) {
        case 'GET health':
          return sendJson(res, 200, { ok: true });
        case 'POST reset':
          this.reset(input.seed ?? 'empty');
          return sendJson(res, 200, { ok: true, now: this.core.now() });
        case 'POST advance': {
          const ms = Number(input.ms);
          if (!Number.isFinite(ms) || ms < 0) return sendJson(res, 400, { error: 'ms must be a non-negative number' });
          this.core.tick();
          this.core.clock.advance(ms);
          this.core.tick();
          return sendJson(res, 200, { now: this.core.now() });
        }
        case 'GET time':
          return sendJson(res, 200, { now: this.core.now(), speed: this.core.clock.getSpeed() });
        case 'POST faults': {
          const kinds: FaultKind[] = ['throttle', '5xx', 'latency', 'drop', 'expiredToken', 'accessDenied', 'partialFailure'];
          if (!kinds.includes(input.kind)) return sendJson(res, 400, { error: `kind must be one of ${kinds.join(', ')}` });
          const fault: ActiveFault = { ...input, id: uuid(), remaining: input.count ?? Number.POSITIVE_INFINITY };
          this.faults.push(fault);
          return sendJson(res, 200, { id: fault.id });
        }
        case 'DELETE faults':
          this.faults = [];
          return sendJson(res, 200, { ok: true });
        case 'GET faults':
          return sendJson(res, 200, { faults: this.faults.map((f) => ({ ...f, remaining: Number.isFinite(f.remaining) ? f.remaining : null })) });
        case 'GET calls':
          return sendJson(res, 200, { counts: this.counts });
        case 'DELETE calls':
          this.counts = Object.create(null) as Record<string, number>;
          return sendJson(res, 200, { ok: true });
        case 'POST latency':
          this.latencyMs = Math.max(0, Number(input.ms) || 0);
          return sendJson(res, 200, { ok: true });
        case 'POST seed-bulk':
          this.core.tick();
          return sendJson(res, 200, seedBulk(this.core, state, input));
        case 'POST crash-image':
          if (input.crashing === false) this.core.crashingImages.delete(String(input.image));
          else this.core.crashingImages.add(String(input.image));
          return sendJson(res, 200, { ok: true });
        case 'POST unhealthy-image':
          if (input.unhealthy === false) this.core.unhealthyImages.delete(String(input.image));
          else this.core.unhealthyImages.add(String(input.image));
          return sendJson(res, 200, { ok: true });
        case 'POST alarm': // CloudWatch alarms are not emulated: a test sets one to ALARM (or back to OK) by name.
          if (typeof input.alarmName !== 'string' || !['ALARM', 'OK'].includes(input.state)) return sendJson(res, 400, { error: 'alarmName and state (ALARM or OK) are required' });
          state.alarmsInAlarm[input.state === 'ALARM' ? 'add' : 'delete'](input.alarmName);
          return sendJson(res, 200, { ok: true });
        case 'POST hook-failure': // Lambda lifecycle hooks succeed unless their function is marked failing here.
          if (typeof input.hookTargetArn !== 'string') return sendJson(res, 400, { error: 'hookTargetArn is required' });
          state.failingHooks[input.failing === false ? 'delete' : 'add'](input.hookTargetArn);
          return sendJson(res, 200, { ok: true });
        case 'POST images':
          this.core.tick();
          return sendJson(res, 200, { imageDigest: addImage(state, String(input.repositoryName), input.tags ?? [], this.core.now(), input.sizeInBytes) });
        case 'GET state': {
          this.core.tick();
          return sendJson(res, 200, {
            now: this.core.now(),
            clusters: state.clusters.size,
            services: state.services.filter((s) => s.status !== 'INACTIVE').length,
            tasks: state.tasks.filter((t) => t.lastStatus !== 'STOPPED').length,
            repositories: state.repositories.size,
          });
        }
        default:
          return sendJson(res, 404, { error: `unknown control endpoint ${method} /_emulator/${route}` });
      }
    } catch (err) {
      return sendJson(res, 400, { error: (err as Error).message });
    }
  }
}

function applyPartialFailure(operation: string, result: Record<string, unknown>, reason = 'MISSING'): void {
  const spec = PARTIAL[operation];
  const items = result[spec.items] as any[] | undefined;
  if (!Array.isArray(items) || items.length === 0) return;
  const failed = items.pop();
  const failures = (result.failures as unknown[] | undefined) ?? [];
  if (spec.ecr) {
    const imageId = failed.imageId ?? { imageDigest: failed.imageDigest, imageTag: failed.imageTag };
    failures.push({ imageId, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' });
  } else {
    failures.push({ arn: failed[spec.arn!], reason });
  }
  result.failures = failures;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, contentType = JSON_TYPE): void {
  const text = JSON.stringify(value, (_k, v) => (v === undefined ? undefined : v));
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': uuid() });
  res.end(text);
}

function sendError(res: http.ServerResponse, err: ApiError, contentType = JSON_TYPE): void {
  sendJson(res, err.status, { __type: err.code, message: err.message }, contentType);
}

/** Starts the emulator on 127.0.0.1; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator & { emulator: Emulator }> {
  const emulator = new Emulator(options);
  const server = http.createServer((req, res) => {
    emulator.handle(req, res).catch((err: Error) => {
      if (!res.headersSent) sendError(res, new ApiError('ServerException', `Emulator error: ${err.message}`, 500));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
