// Starts an emulator for a test file and builds real SDK clients pointed at it.
import * as ecs from '@aws-sdk/client-ecs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { EmulatorControl } from '../../emulator/control';
import { EmulatorOptions, RunningEmulator, startEmulator } from '../../emulator/server';

export interface TestEmulator {
  running: RunningEmulator;
  control: EmulatorControl;
  ecs: ECSClient;
  ecr: ECRClient;
  client(opts?: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string; region?: string }): { ecs: ECSClient; ecr: ECRClient };
  close(): Promise<void>;
}

/** awsvpc network configuration for Fargate services and tasks in tests. */
export const NET = { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } };

/** A Fargate revision of family `web` with a container health check, for deployment tests. */
export function fargateRevision(image: string): ecs.RegisterTaskDefinitionCommandInput {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'web', image, essential: true, portMappings: [{ containerPort: 8080 }], healthCheck: { command: ['CMD-SHELL', 'true'] } }],
  };
}

/**
 * Registers mocha hooks in the enclosing `describe`: one emulator for the whole suite, closed after
 * it, reset to the empty seed before each test when `resetEachTest`. The returned object is filled
 * in by the `before` hook, so use it only inside hooks and tests.
 */
export function useTestEmulator(options: EmulatorOptions = {}, { resetEachTest = false } = {}): TestEmulator {
  const t = {} as TestEmulator;
  before(async () => {
    Object.assign(t, await startTestEmulator(options));
  });
  after(async () => t.close?.());
  if (resetEachTest) beforeEach(async () => t.control.reset('empty'));
  return t;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const running = await startEmulator({ seed: 'empty', speed: 0, ...options });
  const made: { destroy(): void }[] = [];
  const client = (opts: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string; region?: string } = {}): { ecs: ECSClient; ecr: ECRClient } => {
    const config = {
      endpoint: running.url,
      region: opts.region ?? 'us-east-1',
      credentials: { accessKeyId: opts.accessKeyId ?? 'test', secretAccessKey: opts.secretAccessKey ?? 'test', sessionToken: opts.sessionToken },
      maxAttempts: 1,
    };
    const pair = { ecs: new ECSClient(config), ecr: new ECRClient(config) };
    made.push(pair.ecs, pair.ecr);
    return pair;
  };
  const main = client();
  return {
    running,
    control: new EmulatorControl(running.url),
    ecs: main.ecs,
    ecr: main.ecr,
    client,
    async close() {
      for (const c of made) c.destroy();
      await running.close();
    },
  };
}

/** Asserts that a promise rejects with an SDK error of the given name; returns the error. */
export async function rejectsWith(promise: Promise<unknown>, name: string, message?: RegExp): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    if (e.name !== name) throw new Error(`expected ${name}, got ${e.name}: ${e.message}`, { cause: err });
    if (message && !message.test(e.message)) throw new Error(`expected message matching ${message}, got: ${e.message}`, { cause: err });
    return e;
  }
  throw new Error(`expected ${name}, but the call succeeded`);
}
