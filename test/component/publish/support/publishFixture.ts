// The real parts for publish tests in plain Node: Debian docker-registry with htpasswd on a free
// loopback port, the emulator started with `registry` (GetAuthorizationToken answers with that
// registry; DescribeImages reflects real pushes), and the real SDK pointed at the emulator through
// AWS_ENDPOINT_URL. The environment is restored by close().
import { SdkClients } from '../../../../src/aws/clients';
import { EmulatorControl } from '../../../emulator/control';
import { startEmulator } from '../../../emulator/server';
import { pointSdkAtEmulator } from '../../../emulator/sdkEnvironment';
import { startLocalRegistry, type LocalRegistry } from './localRegistry';

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
  const restoreEnvironment = pointSdkAtEmulator(emulator.url);
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
      restoreEnvironment();
    },
  };
}
