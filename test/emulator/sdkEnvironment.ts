// Points the real AWS SDK of this process at an emulator through the standard variables
// (AWS_ENDPOINT_URL, static test keys, no profile, no config files of the developer's), and gives a
// function that puts the environment back as it was. Shared by the plain-Node fixtures.
const KEYS = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const;

export function pointSdkAtEmulator(url: string, region = 'us-east-1'): () => void {
  const saved = new Map<string, string | undefined>(KEYS.map((k) => [k, process.env[k]]));
  process.env.AWS_ENDPOINT_URL = url;
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.AWS_REGION = region;
  delete process.env.AWS_PROFILE;
  process.env.AWS_CONFIG_FILE = '/nonexistent/ecs-workbench-test-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/ecs-workbench-test-credentials';
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
