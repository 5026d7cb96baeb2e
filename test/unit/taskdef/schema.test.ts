import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SNIPPETS, generateSchema, schemaText, toEditorSchema, type AwsModel } from '../../../scripts/schema/schemaGenerator';
import { lintTaskDefinition } from '../../../src/taskdef/lint';
import { htmlToMarkdown } from '../../../scripts/schema/htmlToMarkdown';
import { validatorSource } from '../../../scripts/schema/validatorGenerator';
import { repoRoot } from './helpers';
import { loadAwsModel } from '../../../scripts/lib/awsModels';

const model = loadAwsModel<AwsModel>('ecs');

describe('taskdef/schema generator', () => {
  const full = generateSchema(model);

  it('the committed schemas are what the generator produces (run `npm run generate-schema`)', () => {
    const committed = fs.readFileSync(path.join(repoRoot(), 'schemas', 'task-definition.schema.json'), 'utf8');
    assert.ok(committed === schemaText(full), 'schemas/task-definition.schema.json is stale: run npm run generate-schema');
    const editor = fs.readFileSync(path.join(repoRoot(), 'schemas', 'task-definition.editor.schema.json'), 'utf8');
    assert.ok(editor === schemaText(toEditorSchema(full)), 'schemas/task-definition.editor.schema.json is stale: run npm run generate-schema');
  });

  it('the committed validator is what ajv compiles from the committed schema (run `npm run generate-schema`)', () => {
    const committed = fs.readFileSync(path.join(repoRoot(), 'schemas', 'task-definition.validator.js'), 'utf8');
    assert.ok(committed === validatorSource(full), 'schemas/task-definition.validator.js is stale: run npm run generate-schema');
    assert.doesNotMatch(committed, /\brequire\(/, 'the validator needs no module at run time (the VSIX has no node_modules)');
  });

  it('covers every member of RegisterTaskDefinitionRequest, recursively, with enums and required lists', () => {
    const props = full.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(props), Object.keys(model.shapes.RegisterTaskDefinitionRequest.members!));
    assert.deepEqual(full.required, ['family', 'containerDefinitions']);
    assert.equal(full.additionalProperties, false);
    assert.deepEqual(props.networkMode.enum, ['bridge', 'host', 'awsvpc', 'none']);
    assert.equal(props.cpu.type, 'string');
    const container = (props.containerDefinitions.items as Record<string, Record<string, Record<string, unknown>>>).properties;
    assert.equal(container.cpu.type, 'integer');
    assert.ok(container.restartPolicy, 'restartPolicy is a current member');
    assert.ok(props.enableFaultInjection, 'enableFaultInjection is a current member');
    const tags = props.tags as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    assert.equal(tags.maxItems, 50);
    assert.equal(tags.items.properties.key.maxLength, 128);
    assert.ok(typeof tags.items.properties.key.pattern === 'string');
    assert.match(String(props.networkMode.markdownDescription), /`awsvpc` network mode is required/);
    assert.match(String(full.$comment), /Apache License, Version 2\.0/);
    assert.equal((full.defaultSnippets as unknown[]).length, 3);
  });

  it('the editor variant reports nothing the linter reports, but keeps hover text and completion values', () => {
    const editor = toEditorSchema(full);
    const textOf = JSON.stringify(editor);
    for (const keyword of ['"required"', '"additionalProperties":false', '"pattern"', '"minLength"', '"maxLength"', '"maxItems"', '"enum"']) {
      assert.ok(!textOf.includes(keyword), `editor schema contains ${keyword}`);
    }
    const networkMode = (editor.properties as Record<string, Record<string, unknown>>).networkMode;
    assert.deepEqual(networkMode.examples, ['bridge', 'host', 'awsvpc', 'none']);
    assert.equal((networkMode.type as string[])[0], 'string');
    assert.equal((networkMode.type as string[]).length, 7);
    assert.ok(networkMode.markdownDescription);
  });

  it('converts the model HTML to Markdown', () => {
    assert.equal(
      htmlToMarkdown('<p>Use <code>awsvpc</code> (see <a href="https://x.test/a">Task Networking</a> in the <i>Guide</i>).</p> <ul> <li> <p>one &lt;two&gt;</p> </li> </ul> <note> <p>Careful.</p> </note>'),
      'Use `awsvpc` (see [Task Networking](https://x.test/a) in the *Guide*).\n\n- one <two>\n\n> **Note:** Careful.',
    );
    assert.equal(htmlToMarkdown('<p><code>&lt;region&gt;.amazonaws.com</code></p>'), '`<region>.amazonaws.com`');
  });
});

describe('taskdef/schema snippets', () => {
  it('each new-file snippet, with its defaults filled in, has no error or warning finding', () => {
    for (const snippet of DEFAULT_SNIPPETS) {
      const body = JSON.stringify(snippet.body, null, 2).replace(/\$\{\d+:([^}]*)\}/g, '$1');
      const findings = lintTaskDefinition(body).filter((f) => f.severity !== 'info');
      assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), [], snippet.label);
    }
  });

  it('labels are short and differ from their first word; the description says what the snippet is (issue 17)', () => {
    // The suggest widget shows only the label, cut at its width (about 50 characters at its default
    // width in code-server, fewer beside the details or in a narrower editor): 30 keep them whole, and
    // the taskdef e2e scenario checks in code-server that none is cut.
    for (const { label, description } of DEFAULT_SNIPPETS) {
      assert.ok(label.length <= 30, `${label}: ${label.length} characters`);
      assert.match(description, /^ECS task definition: /, label);
    }
    const firstWords = DEFAULT_SNIPPETS.map((x) => x.label.split(' ')[0]);
    assert.equal(new Set(firstWords).size, DEFAULT_SNIPPETS.length, firstWords.join(', '));
  });
});
