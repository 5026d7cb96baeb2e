// `npm run emulator -- --port <p> [--seed demo|empty] [--speed <factor>] [--registry <url>|local]`
// `--registry local` starts Debian's docker-registry itself (temp config, generated htpasswd password).
import { LocalRegistry, startLocalRegistry } from './localRegistry';
import { startEmulator } from './server';

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [key, inline] = arg.slice(2).split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${key} needs a value`);
    out[key] = value;
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const known = new Set(['port', 'seed', 'speed', 'registry', 'access-key-id', 'secret-access-key']);
  for (const key of Object.keys(args)) if (!known.has(key)) throw new Error(`unknown option --${key}`);
  const seed = args.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'empty') throw new Error('--seed must be demo or empty');
  const speed = args.speed !== undefined ? Number(args.speed) : 1;
  if (!Number.isFinite(speed) || speed < 0) throw new Error('--speed must be a non-negative number');
  const port = args.port !== undefined ? Number(args.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
  let local: LocalRegistry | undefined;
  if (args.registry === 'local') {
    local = await startLocalRegistry();
    process.stdout.write(`registry listening on ${local.url} (user ${local.username})\n`);
  }
  const emulator = await startEmulator({
    port,
    seed,
    speed,
    registry: local ? local.urlWithCredentials : args.registry,
    accessKeyId: args['access-key-id'],
    secretAccessKey: args['secret-access-key'],
  });
  process.stdout.write(`emulator listening on ${emulator.url}\n`);
  const stop = (): void => {
    void emulator
      .close()
      .then(() => local?.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`emulator: ${err.message}\n`);
  process.exit(1);
});
