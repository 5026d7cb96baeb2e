// The real parts for publish tests in plain Node: Debian docker-registry with htpasswd on a free
// loopback port, the emulator started with `registry` (GetAuthorizationToken answers with that
// registry; DescribeImages reflects real pushes), and the real SDK pointed at the emulator through
// AWS_ENDPOINT_URL. The environment is restored by close().
import { SdkClients } from '../../../../src/aws/clients';
import { EmulatorControl } from '../../../emulator/control';
import { startEmulator } from '../../../emulator/server';
import { startLocalRegistry, type LocalRegistry } from './localRegistry';

const KEYS = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const;

export interface PublishFixture {
  readonly registry: LocalRegistry;
  readonly emulatorUrl: string;
  readonly control: EmulatorControl;
  readonly clients: SdkClients;
  close(): Promise<void>;
}

export async function startPublishFixture(options: { speed?: number; registryPassword?: string } = {}): Promise<PublishFixture> {
  const registry = await startLocalRegistry();
  // A wrong password here makes GetAuthorizationToken hand out credentials the registry rejects.
  const registryUrl = options.registryPassword
    ? `http://${registry.username}:${encodeURIComponent(options.registryPassword)}@${registry.host}`
    : registry.urlWithCredentials;
  let emulator;
  try {
    emulator = await startEmulator({ seed: 'empty', speed: options.speed ?? 0, registry: registryUrl });
  } catch (error) {
    await registry.close();
    throw error;
  }
  const saved = new Map<string, string | undefined>(KEYS.map((k) => [k, process.env[k]]));
  process.env.AWS_ENDPOINT_URL = emulator.url;
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.AWS_REGION = 'us-east-1';
  delete process.env.AWS_PROFILE;
  process.env.AWS_CONFIG_FILE = '/nonexistent/ecs-workbench-test-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/ecs-workbench-test-credentials';
  const clients = new SdkClients(() => ({ region: 'us-east-1' }));
  const running = emulator;
  return {
    registry,
    emulatorUrl: running.url,
    control: new EmulatorControl(running.url),
    clients,
    async close() {
      clients.dispose();
      await running.close();
      await registry.close();
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
