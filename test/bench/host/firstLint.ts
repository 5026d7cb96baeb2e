// Child process of lint.bench.ts: the cost of the first lint in a fresh process, printed as JSON
// `{ ms, cpuMs }`: wall time, and the CPU time this process spent on it (process.cpuUsage, user +
// system), which other processes competing for the cores do not inflate.
//   node firstLint.js standalone   first lintTaskDefinition(), which loads the build-time validator
//   node firstLint.js runtime      what the first lint paid before: ajv loaded, the schema read and
//                                  compiled at run time, and the first validation (lint rules not included)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { lintTaskDefinition } from '../../../src/taskdef/lint';
import { SCHEMA_FILE, schemaDirectory } from '../../../src/taskdef/schemaFile';
import { stripDocs } from '../../../scripts/schema/validatorGenerator';

const [mode, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
if (mode === 'standalone') {
  lintTaskDefinition(text);
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const ajv = new Ajv({ strict: true, allErrors: true, unicodeRegExp: true });
  ajv.addVocabulary(['markdownDescription', 'defaultSnippets', 'deprecationMessage']);
  const validate = ajv.compile(stripDocs(JSON.parse(fs.readFileSync(path.join(schemaDirectory(), SCHEMA_FILE), 'utf8'))) as object);
  validate(JSON.parse(text));
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }) + '\n');
