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
  /** What DescribeContainerInstances reports in versionInfo. */
  agentVersion: string;
  dockerVersion: string;
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
  /** The digest the image reference resolved to in the emulator's ECR when the task started; unset for images from elsewhere. */
  imageDigest?: string;
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
  /** Whether this task's first healthy moment was already seen (resets the circuit breaker's count). */
  healthCounted?: boolean;
  /** Simulated phase durations of this task are multiplied by this (1 / speed; see SimClock). */
  timeScale?: number;
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
  alarms?: { status: 'TRIGGERED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'DISABLED'; alarmNames: string[]; triggeredAlarmNames: string[] };
  deploymentConfiguration: DeploymentConfiguration;
  /** Blue/green, linear and canary deployments: where the stage machine stands (see strategies.ts). */
  progressive?: ProgressiveRun;
  /** StopServiceDeployment ABORT: the service stays where it is. */
  aborted?: boolean;
  /** Set when the rolling deployment met its earlySuccessCriteria before the old tasks were gone. */
  earlySuccess?: boolean;
}

export type LifecycleStage =
  | 'RECONCILE_SERVICE' | 'PRE_SCALE_UP' | 'SCALE_UP' | 'POST_SCALE_UP' | 'TEST_TRAFFIC_SHIFT' | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT' | 'POST_PRODUCTION_TRAFFIC_SHIFT' | 'BAKE_TIME' | 'CLEAN_UP';

export interface HookRunRec {
  hookId: string;
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  targetArn?: string;
  /** The hook stage it runs for (PRE_PRODUCTION_TRAFFIC_SHIFT runs within PRODUCTION_TRAFFIC_SHIFT). */
  hookStage: string;
  status: 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  startedAt: number;
  /** Lambda: when it answers. */
  doneAt?: number;
  expiresAt: number;
  timeoutAction: 'CONTINUE' | 'ROLLBACK';
}

export interface ProgressivePhase {
  stage: LifecycleStage;
  kind: 'hooks' | 'scaleUp' | 'testShift' | 'productionShift' | 'wait' | 'cleanUp';
  /** hooks: the hook stage whose hooks run (PRE_PRODUCTION_TRAFFIC_SHIFT runs within PRODUCTION_TRAFFIC_SHIFT). */
  hookStage?: string;
  /** productionShift: the production traffic weight of the target revision after this shift. */
  weight?: number;
  /** wait: simulated minutes. */
  minutes?: number;
}

export interface ProgressiveRun {
  strategy: 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
  phases: ProgressivePhase[];
  index: number;
  /** When the current phase's fixed duration (stage, traffic shift, bake) ends. */
  until: number;
  /** Hooks of the current phase. */
  hooks: HookRunRec[];
  testWeight: number;
  productionWeight: number;
  /** The deployment ids of the green (target) and blue (source) revisions. */
  greenDeploymentId: string;
  blueDeploymentId?: string;
}

export interface LifecycleHookConfig {
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  hookTargetArn?: string;
  roleArn?: string;
  lifecycleStages: string[];
  hookDetails?: unknown;
  timeoutConfiguration?: { timeoutInMinutes?: number; action?: 'CONTINUE' | 'ROLLBACK' };
}

export interface DeploymentConfiguration {
  maximumPercent: number;
  minimumHealthyPercent: number;
  deploymentCircuitBreaker: {
    enable: boolean;
    rollback: boolean;
    resetOnHealthyTask?: boolean;
    thresholdConfiguration?: { type: 'COUNT' | 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT'; value: number };
  };
  alarms?: { alarmNames: string[]; enable: boolean; rollback: boolean };
  strategy?: 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
  bakeTimeInMinutes?: number;
  lifecycleHooks?: LifecycleHookConfig[];
  linearConfiguration?: { stepPercent?: number; stepBakeTimeInMinutes?: number };
  canaryConfiguration?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number };
  earlySuccessCriteria?: { enable: boolean; healthyPercent?: number; sourceServiceRevisionCleanup?: 'BLOCKING' | 'DEFERRED' };
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
  deploymentController: 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL';
  serviceConnectConfiguration?: unknown;
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
  /** Simulated phase durations are multiplied by this (1 / speed; see SimClock). */
  timeScale = 1;
  /** CloudWatch alarms set to ALARM through the control endpoint (the emulator has no metrics). */
  alarmsInAlarm = new Set<string>();
  /** Lambda hook targets (ARNs) whose invocations fail, set through the control endpoint. */
  failingHooks = new Set<string>();

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
