// The real corpus (test/fixtures/corpus/task-definitions, see its SOURCES.md): files people register
// successfully must not get error-level findings. Allowed: TD002 on describe output (a warning anyway)
// and TD000 on the two templates whose placeholders break JSON syntax (018, 039).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintTaskDefinition } from '../../../src/taskdef/lint';
import { corpusDir } from './helpers';

const dir = corpusDir();
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('taskdef/corpus of real task definitions', () => {
  it('has the 27 files of SOURCES.md', () => {
    assert.equal(files.length, 27);
  });

  for (const file of files) {
    it(`${file}: no error-level finding except on template placeholders`, () => {
      const findings = lintTaskDefinition(fs.readFileSync(path.join(dir, file), 'utf8'));
      const errors = findings.filter((f) => f.severity === 'error');
      if (file.includes('INVALID-template')) {
        assert.ok(errors.length >= 1 && errors.every((f) => f.ruleId === 'TD000'), JSON.stringify(errors));
      } else {
        assert.deepEqual(errors.map((f) => `${f.ruleId} ${f.range.start.line + 1}: ${f.message}`), []);
      }
    });
  }

  it('flags the describe-output file (033) and the wrapped file (002) with TD002 warnings only', () => {
    for (const prefix of ['033-', '002-']) {
      const file = files.find((f) => f.startsWith(prefix))!;
      const td002 = lintTaskDefinition(fs.readFileSync(path.join(dir, file), 'utf8')).filter((f) => f.ruleId === 'TD002');
      assert.ok(td002.length >= 1);
      assert.ok(td002.every((f) => f.severity === 'warning'));
    }
  });
});
