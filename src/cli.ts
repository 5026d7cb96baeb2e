// Command-line entry point (dist/cli.js). The linter lands with the task-definition issue.
function main(argv: string[]): number {
  process.stderr.write(`usage: cli lint [options] FILES... (got ${argv.join(' ')})\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
