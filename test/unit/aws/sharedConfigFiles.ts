// Test helper: the SDK loader's parse of a config and a credentials text, written to a temporary
// folder and read as the extension reads them (loadSharedConfig), the folder removed afterwards.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSharedConfig, type SharedConfigFiles } from '../../../src/aws/profiles';

export async function sharedConfigOf(config: string, credentials: string): Promise<SharedConfigFiles> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsw-shared-config-'));
  try {
    await fs.writeFile(path.join(dir, 'config'), config);
    await fs.writeFile(path.join(dir, 'credentials'), credentials);
    return await loadSharedConfig({ AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') }, dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
