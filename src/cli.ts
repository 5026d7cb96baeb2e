// Command-line entry point (dist/cli.js): `node dist/cli.js lint [options] FILES...`.
import { runCli } from './taskdef/cliMain';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
