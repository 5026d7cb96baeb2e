// In-memory model of one region's ECS and ECR resources. Times are epoch milliseconds of the
// simulated clock; views convert them to the epoch seconds the JSON protocol uses.
import { randomBytes, randomUUID } from 'node:crypto';
import { invalidParameter } from './errors';

export const ACCOUNT = '123456789012';

export interface Tag {
  key: string;
  value: string;
}

export interface ClusterRec {
  name: string;
  arn: string;
  status: 'ACTIVE' | 'INACTIVE';
  tags: Tag[];
  settings: { name: string; value: string }[];
  capacityProviders: string[];
  createdAt: number;
}

export interface ContainerInstanceRec {
  arn: string;
  clusterName: string;
  ec2InstanceId: string;
  status: 'ACTIVE' | 'DRAINING';
  agentConnected: boolean;
  registeredAt: number;
  cpu: number;
  memory: number;
  availabilityZone: string;
  instanceType: string;
  autoScalingGroup?: string;
  tags: Tag[];
}

export interface TaskDefRec {
  family: string;
  revision: number;
  arn: string;
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  /** The RegisterTaskDefinition input members (without tags). */
  body: Record<string, any>;
  compatibilities: string[];
  registeredAt: number;
  deregisteredAt?: number;
  tags: Tag[];
}

export type TaskFate = 'ok' | 'pullFail' | 'crash' | 'unhealthy';

export interface ContainerRec {
  name: string;
  image: string;
  containerArn: string;
  runtimeId?: string;
  lastStatus: string;
  exitCode?: number;
  reason?: string;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  hasHealthCheck: boolean;
  essential: boolean;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  portMappings: { containerPort?: number; hostPort?: number; protocol?: string }[];
}

export interface TaskRec {
  arn: string;
  id: string;
  clusterName: string;
  taskDefinitionArn: string;
  group: string;
  startedBy?: string;
  serviceName?: string;
  deploymentId?: string;
  lastStatus: string;
  desiredStatus: 'RUNNING' | 'STOPPED';
  launchType: 'FARGATE' | 'EC2' | 'EXTERNAL';
  awsvpc: boolean;
  cpu?: string;
  memory?: string;
  containerInstanceArn?: string;
  availabilityZone: string;
  createdAt: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  connectivityAt?: number;
  stoppingAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  stopCode?: string;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  containers: ContainerRec[];
  fate: TaskFate;
  pullError?: string;
  /** Simulated time of the next lifecycle transition. */
  nextAt: number;
  /** Whether a failure of this task was already counted against its deployment. */
  failureCounted?: boolean;
  version: number;
  tags: Tag[];
  enableExecuteCommand: boolean;
}

export interface DeploymentRec {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinition: string;
  desiredCount: number;
  failedTasks: number;
  createdAt: number;
  updatedAt: number;
  launchType: 'FARGATE' | 'EC2' | 'EXTERNAL';
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
  serviceDeploymentArn: string;
  serviceRevisionArn: string;
  /** Set on the deployment the circuit breaker created to roll back. */
  isRollback?: boolean;
}

export interface ServiceRevisionRec {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  taskDefinition: string;
  launchType: string;
  createdAt: number;
}

export interface ServiceDeploymentRec {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  createdAt: number;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  stoppedAt?: number;
  sourceRevisionArns: string[];
  targetRevisionArn: string;
  status: string;
  statusReason?: string;
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
  circuitBreaker: { status: 'TRIGGERED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'DISABLED'; failureCount: number; threshold: number };
  deploymentConfiguration: DeploymentConfiguration;
}

export interface DeploymentConfiguration {
  maximumPercent: number;
  minimumHealthyPercent: number;
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
  alarms?: { alarmNames: string[]; enable: boolean; rollback: boolean };
}

export interface ServiceEventRec {
  id: string;
  createdAt: number;
  message: string;
}

export interface ServiceRec {
  name: string;
  arn: string;
  clusterName: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  taskDefinition: string;
  launchType: 'FARGATE' | 'EC2' | 'EXTERNAL';
  platformVersion?: string;
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  deploymentConfiguration: DeploymentConfiguration;
  deployments: DeploymentRec[];
  events: ServiceEventRec[];
  createdAt: number;
  tags: Tag[];
  networkConfiguration?: any;
  loadBalancers: any[];
  healthCheckGracePeriodSeconds?: number;
  enableExecuteCommand: boolean;
  enableECSManagedTags: boolean;
  propagateTags?: string;
  /** Whether the "has reached a steady state" event was written since the last change. */
  steady: boolean;
  serviceDeployments: ServiceDeploymentRec[];
  revisions: ServiceRevisionRec[];
}

export interface ImageRec {
  digest: string;
  tags: string[];
  pushedAt: number;
  sizeInBytes: number;
  manifestMediaType: string;
  manifest: string;
  lastPulledAt?: number;
}

export interface RepositoryRec {
  name: string;
  arn: string;
  createdAt: number;
  imageTagMutability: 'MUTABLE' | 'IMMUTABLE';
  scanOnPush: boolean;
  encryptionType: 'AES256' | 'KMS';
  images: ImageRec[];
  tags: Tag[];
}

export class RegionState {
  clusters = new Map<string, ClusterRec>();
  containerInstances: ContainerInstanceRec[] = [];
  taskDefinitions = new Map<string, TaskDefRec[]>();
  services: ServiceRec[] = [];
  tasks: TaskRec[] = [];
  repositories = new Map<string, RepositoryRec>();
  /** Last simulated time the scheduler ran for this region. */
  simulatedUntil: number;

  constructor(
    readonly region: string,
    now: number,
  ) {
    this.simulatedUntil = now;
  }

  arn(service: 'ecs' | 'ecr', resource: string): string {
    return `arn:aws:${service}:${this.region}:${ACCOUNT}:${resource}`;
  }

  clusterArn(name: string): string {
    return this.arn('ecs', `cluster/${name}`);
  }
}

export function hexId(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

export function uuid(): string {
  return randomUUID();
}

export function deploymentId(): string {
  let digits = '';
  while (digits.length < 19) digits += Math.floor(Math.random() * 1e9).toString();
  return `ecs-svc/${digits.slice(0, 19).replace(/^0/, '1')}`;
}

export const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/** The last path segment of an ARN, or the name itself. */
export function nameFromArnOrName(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const resource = value.split(':').slice(5).join(':');
  const parts = resource.split('/');
  return parts[parts.length - 1];
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Pages a list the way AWS does: an opaque nextToken and maxResults within limits. */
export function paginate<T>(items: T[], maxResults: number | undefined, nextToken: string | undefined, def: number, max: number): Page<T> {
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > max)) {
    throw invalidParameter(`maxResults must be between 1 and ${max}.`);
  }
  const size = maxResults ?? def;
  let offset = 0;
  if (nextToken !== undefined && nextToken !== '') {
    try {
      const decoded = JSON.parse(Buffer.from(nextToken, 'base64').toString('utf8')) as { o?: unknown };
      if (typeof decoded.o !== 'number' || decoded.o < 0) throw new Error('bad');
      offset = decoded.o;
    } catch {
      throw invalidParameter('Invalid nextToken.');
    }
  }
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(JSON.stringify({ o: offset + size, r: hexId(4) })).toString('base64') : undefined;
  return { items: slice, nextToken: next };
}
