// The command-line linter: `cli lint [--format text|json|sarif] [--severity TDxxx=level]… FILES…`.
// Exit 0 without error-level findings, 1 with one, 2 for usage errors or files that cannot be read (or
// are not UTF-8, or are over the size limit), 3 when linting a file failed (a bug). The output is
// written for every file that could be linted. Pure apart from reading the named files.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeUtf8, InputError, MAX_INPUT_BYTES, readBounded, readFileBounded } from './cliInput';
import { lintTaskDefinition } from './lint';
import { RULES, RULE_IDS } from './rules/index';
import type { Finding, SeveritySetting } from './types';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Reads standard input (the file name `-`). */
  readStdin?: () => string;
}

/** Findings reported per file at most: beyond this a file is noise, and the output stays bounded. */
export const MAX_FINDINGS = 10_000;

export const USAGE = `usage: cli lint [--format text|json|sarif] [--severity TDxxx=off|info|warning|error]... FILES...

Lints Amazon ECS task-definition JSON files (the input of register-task-definition).
  --format text|json|sarif   output format (default text); sarif is SARIF 2.1.0 for code scanning
  --severity TDxxx=LEVEL     change a rule's severity or turn it off (repeatable)
  -                          read a file from standard input (e.g. piped describe-task-definition output)
Exit status: 0 no error-level finding, 1 at least one, 2 usage error or a file that cannot be read
(missing, a directory, not UTF-8, over ${MAX_INPUT_BYTES / 1024 / 1024} MiB), 3 a file whose linting failed (a bug: please report it).
At most ${MAX_FINDINGS} findings are reported per file.
Rules: ${RULES.map((r) => r.id).join(' ')}
`;

interface FileResult {
  file: string;
  findings: Finding[];
}

class UsageError extends Error {}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0];
}

/** Why a file could not be read, in words rather than an errno code. */
function unreadableReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory (name the JSON files in it)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return firstLine((e as Error).message);
  }
}

function parseArgs(argv: string[]): { format: 'text' | 'json' | 'sarif'; severities: Record<string, SeveritySetting>; files: string[] } {
  let format: 'text' | 'json' | 'sarif' = 'text';
  const severities: Record<string, SeveritySetting> = {};
  const files: string[] = [];
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (onlyFiles || !arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = (): string => {
      if (value !== undefined) return value;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--format' || arg === '-f') {
      const f = take();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format "${f}" (text, json or sarif)`);
      format = f;
    } else if (arg === '--severity' || arg === '-s') {
      const spec = take();
      const m = /^(TD\d{3})=(off|info|warning|error)$/i.exec(spec);
      if (!m) throw new UsageError(`--severity takes TDxxx=off|info|warning|error, not "${spec}"`);
      const id = m[1].toUpperCase();
      if (!RULE_IDS.has(id)) throw new UsageError(`unknown rule id ${id}`);
      severities[id] = m[2].toLowerCase() as SeveritySetting;
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (!files.length) throw new UsageError('no files to lint');
  return { format, severities, files };
}

/** Runs the CLI and returns the exit code. */
export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command !== 'lint') {
    io.stderr(`${command === undefined ? 'missing command' : `unknown command "${command}"`}\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  let args;
  try {
    args = parseArgs(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const results: FileResult[] = [];
  let unreadable = false;
  let failed = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = file === '-' && io.readStdin ? io.readStdin() : decodeUtf8(file === '-' ? readBounded(0) : readFileBounded(path.resolve(io.cwd, file)));
    } catch (e) {
      io.stderr(`error: cannot read ${file}: ${e instanceof InputError ? e.message : unreadableReason(e)}\n`);
      unreadable = true;
      continue;
    }
    let findings: Finding[];
    try {
      findings = lintTaskDefinition(text, { severities: args.severities });
    } catch (e) {
      io.stderr(`error: cannot lint ${file}: internal error (${firstLine(String(e))}); please report it\n`);
      failed = true;
      continue;
    }
    if (findings.length > MAX_FINDINGS) {
      io.stderr(`warning: ${file}: ${findings.length} findings, only the first ${MAX_FINDINGS} are reported\n`);
      findings = findings.slice(0, MAX_FINDINGS);
    }
    results.push({ file, findings });
  }
  if (args.format === 'json') io.stdout(JSON.stringify(toJsonRows(results), null, 2) + '\n');
  else if (args.format === 'sarif') io.stdout(JSON.stringify(toSarif(results, io.cwd), null, 2) + '\n');
  else io.stdout(toText(results));
  if (failed) return 3;
  if (unreadable) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

export interface JsonRow {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toJsonRows(results: FileResult[]): JsonRow[] {
  return results.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
    })),
  );
}

function toText(results: FileResult[]): string {
  let out = '';
  const count = { error: 0, warning: 0, info: 0 };
  for (const { file, findings } of results) {
    for (const f of findings) {
      count[f.severity]++;
      out += `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.ruleId} ${f.message}\n`;
    }
  }
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  out += `${n(count.error, 'error')}, ${n(count.warning, 'warning')}, ${n(count.info, 'info')} in ${n(results.length, 'file')}\n`;
  return out;
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0 log with one run; file locations relative to the working directory (%SRCROOT%). */
export function toSarif(results: FileResult[], cwd: string): unknown {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const location = (file: string) => {
    const abs = path.resolve(cwd, file);
    const rel = path.relative(cwd, abs);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
    return { uri: pathToFileURL(abs).href };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ecs-workbench',
            informationUri: 'https://github.com/ecs-workbench/ecs-workbench#task-definition-linter',
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.title },
              defaultConfiguration: { level: LEVEL[r.severity] },
              helpUri: 'https://github.com/ecs-workbench/ecs-workbench#task-definition-linter',
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap(({ file, findings }) =>
          findings.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: location(file),
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
