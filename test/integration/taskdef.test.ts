// The task-definition linter inside the real extension host: diagnostics on open and while typing,
// one report per problem (VS Code's JSON service gets a schema that does not duplicate ours), quick
// fixes through the code-action provider, hover and completion from the contributed schema.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi } from './fixtures';
import { WAIT_MS, waitFor } from './wait';

const SOURCE = 'ecs-workbench';

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, 'taskdef', name));
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code);
}


/** Completion labels at `position`, polled until the JSON service has the schema (it offers `awsvpc`) or WAIT_MS pass. */
async function completionLabelsOnceSchemaApplies(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const deadline = Date.now() + WAIT_MS;
  let labels: string[] = [];
  while (Date.now() < deadline) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    if (labels.some((l) => l.includes('awsvpc'))) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return labels;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Quick fixes offered for a diagnostic, asked again until the provider has them (or WAIT_MS pass). */
async function quickFixes(uri: vscode.Uri, range: vscode.Range, title: (t: string) => boolean): Promise<vscode.CodeAction | undefined> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    let actions: vscode.CodeAction[] = [];
    try {
      actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    } catch (e) {
      // A request the editor cancels (the document is still being validated on a cold host): ask again.
      if ((e as Error).name !== 'Canceled' && (e as Error).message !== 'Canceled') throw e;
    }
    const found = actions.find((a) => title(a.title));
    if (found || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(name));
  return vscode.window.showTextDocument(doc);
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found`);
  return doc.positionAt(offset + delta);
}

suite('taskdef: linter in the editor', () => {
  suiteSetup(async () => {
    await extensionApi();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('opening a broken file shows the diagnostics at the exact ranges', async () => {
    const editor = await open('broken.task-definition.json');
    const doc = editor.document;
    const diags = await waitFor('TD010 and TD021', () => {
      const d = ours(doc.uri);
      return d.some((x) => codeOf(x) === 'TD010') && d.some((x) => codeOf(x) === 'TD021') && d;
    });
    const td010 = diags.find((d) => codeOf(d) === 'TD010')!;
    assert.equal(doc.getText(td010.range), '"4096"');
    assert.equal(td010.severity, vscode.DiagnosticSeverity.Error);
    const td021 = diags.find((d) => codeOf(d) === 'TD021')!;
    assert.equal(doc.getText(td021.range), '8080');
  });

  test('a quick fix repairs the file (code-action provider + applying the edit)', async () => {
    const editor = await open('broken.task-definition.json');
    const doc = editor.document;
    const td010 = await waitFor('TD010', () => ours(doc.uri).find((d) => codeOf(d) === 'TD010'));
    const fix = await quickFixes(doc.uri, td010.range, (t) => t.startsWith('Use the nearest valid Fargate size'));
    assert.ok(fix?.edit, 'no TD010 quick fix');
    // The editor runs the fix's command after its edit: that is what completes the walkthrough step.
    assert.equal(fix.command?.command, 'ecsWorkbench.lint.fixApplied');
    assert.ok((await vscode.commands.getCommands(true)).includes('ecsWorkbench.lint.fixApplied'), 'the fix-applied command is registered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.match(doc.getText(), /"cpu": "512",\s*"memory": "4096"/);
    await waitFor('TD010 to go away as the user types', () => !ours(doc.uri).some((d) => codeOf(d) === 'TD010'));

    const td021 = ours(doc.uri).find((d) => codeOf(d) === 'TD021')!;
    const portFix = await quickFixes(doc.uri, td021.range, (t) => t === 'Set hostPort to 80');
    assert.ok(portFix?.edit);
    assert.ok(await vscode.workspace.applyEdit(portFix.edit));
    await waitFor('a clean file', () => ours(doc.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).length === 0);
  });

  test('Ctrl+. on "essential": false offers the TD030 fix for that container', async function () {
    this.timeout(120_000);
    const editor = await open('no-essential.task-definition.json');
    const doc = editor.document;
    const td030 = await waitFor('TD030 on each container', () => {
      const d = ours(doc.uri).filter((x) => codeOf(x) === 'TD030');
      return d.length === 2 && d;
    }, 45_000);
    assert.deepEqual(td030.map((d) => doc.getText(d.range)), ['false', 'false']);
    // The cursor inside the second container's `false`, as when the user presses Ctrl+. there.
    const cursor = td030[1].range.start.translate(0, 2);
    const fix = await quickFixes(doc.uri, new vscode.Range(cursor, cursor), (t) => t === 'Mark container "LogRouter" as essential');
    assert.ok(fix?.edit, 'no TD030 fix at the cursor');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal((JSON.parse(doc.getText()) as { containerDefinitions: { essential: boolean }[] }).containerDefinitions[1].essential, true);
    await waitFor('TD030 to go away', () => !ours(doc.uri).some((d) => codeOf(d) === 'TD030'), 45_000);
  });

  test('the Fargate size fix offers both directions: the nearest size, or keep cpu', async function () {
    this.timeout(120_000);
    const broken = (await open('broken.task-definition.json')).document;
    // Generous: under load the reopened file (an earlier test edited and reverted it) is linted late.
    const td010 = await waitFor('TD010', () => ours(broken.uri).find((d) => codeOf(d) === 'TD010'), 45_000);
    assert.ok(await quickFixes(broken.uri, td010.range, (t) => t.startsWith('Keep cpu')), 'no "Keep cpu" fix');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', broken.uri, td010.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title).filter((t) => /^(Use the nearest valid Fargate size|Keep (cpu|memory))/.test(t));
    assert.deepEqual(titles, ['Use the nearest valid Fargate size: cpu 512, memory 4096', 'Keep cpu 256, set memory 2048']);
    assert.equal(actions.find((a) => a.title === titles[0])?.isPreferred, true);
  });

  test('hover on networkMode shows its documentation from the model', async () => {
    const editor = await open('broken.task-definition.json');
    const position = positionOf(editor.document, '"networkMode"', 3);
    const deadline = Date.now() + WAIT_MS;
    let text = '';
    while (Date.now() < deadline) {
      const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
      text = result
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
        .join('\n');
      if (text.includes('networking mode')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.match(text, /The Docker networking mode to use for the containers in the task/);
    assert.match(text, /`awsvpc` network mode is required/);
  });

  test('completion on the networkMode value offers its enum values', async () => {
    const editor = await open('shape.task-definition.json');
    const position = positionOf(editor.document, '"networkMode": ""', '"networkMode": "'.length);
    const labels = await completionLabelsOnceSchemaApplies(editor.document.uri, position);
    for (const value of ['awsvpc', 'bridge', 'host', 'none']) {
      assert.ok(labels.some((l) => l.replace(/"/g, '') === value), `${value} missing from ${JSON.stringify(labels)}`);
    }
  });

  test('an empty task-definition file offers the new-file snippets', async () => {
    const uri = fixture('new.task-definition.json');
    fs.writeFileSync(uri.fsPath, '');
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const deadline = Date.now() + WAIT_MS;
      let labels: string[] = [];
      while (Date.now() < deadline) {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 0));
        labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        if (labels.some((l) => l.includes('Fargate web service'))) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      for (const snippet of ['Fargate web service', 'EC2 bridge service', 'sidecar (dependsOn)']) {
        assert.ok(labels.some((l) => l.includes(snippet)), `${snippet} missing from ${JSON.stringify(labels)}`);
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(uri.fsPath, { force: true });
    }
  });

  test('each problem is reported once: ours, not also by the JSON language service', async () => {
    const editor = await open('shape.task-definition.json');
    const doc = editor.document;
    const diags = await waitFor('TD001 findings', () => {
      const d = ours(doc.uri).filter((x) => codeOf(x) === 'TD001');
      return d.length >= 3 && d;
    });
    assert.deepEqual(diags.map((d) => doc.getText(d.range)).sort(), ['""', '256', '"portMapping"'].sort());
    // Give the JSON language service time to validate with the contributed schema (hover loads it).
    await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, '"family"', 2));
    await new Promise((r) => setTimeout(r, 1500));
    const others = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source !== SOURCE);
    assert.deepEqual(others.map((d) => `${d.source}: ${d.message}`), []);
  });

  test('a comment in a .json file is reported once (by the JSON service), and the rest is still linted', async () => {
    const editor = await open('comment.task-definition.json');
    const doc = editor.document;
    await waitFor('our findings on the rest of the file', () => ours(doc.uri).some((d) => codeOf(d) === 'TD073'));
    const comments = await waitFor('the JSON service\'s comment error', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => /comment/i.test(x.message));
      return d.length > 0 && d;
    });
    assert.equal(comments.length, 1, JSON.stringify(comments.map((d) => `${d.source}: ${d.message}`)));
    assert.notEqual(comments[0].source, SOURCE);
  });

  test('any JSON whose top level has family and containerDefinitions is linted; other JSON is not', async () => {
    const editor = await open('service.json');
    await waitFor('TD080 on a file found by its content', () => ours(editor.document.uri).some((d) => codeOf(d) === 'TD080'));
    // The linter decides when the document opens: onDidOpenTextDocument runs in the extension host
    // before openTextDocument resolves, and lints (or skips) right there, so nothing is pending now.
    const other = await open('package-like.json');
    assert.deepEqual(ours(other.document.uri), []);
  });

  test('diagnostics follow typing, and severities follow the settings', async () => {
    const editor = await open('service.json');
    const doc = editor.document;
    await waitFor('TD080', () => ours(doc.uri).some((d) => codeOf(d) === 'TD080'));
    await editor.edit((b) => b.replace(new vscode.Range(positionOf(doc, 'nginx:latest'), positionOf(doc, 'nginx:latest', 'nginx:latest'.length)), 'nginx:1.27'));
    await waitFor('TD080 to clear after the edit', () => !ours(doc.uri).some((d) => codeOf(d) === 'TD080'));

    const config = vscode.workspace.getConfiguration('ecsWorkbench.lint');
    try {
      await config.update('rules', { TD073: 'error', TD074: 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor('TD073 as an error, TD074 off', () => {
        const d = ours(doc.uri);
        return d.some((x) => codeOf(x) === 'TD073' && x.severity === vscode.DiagnosticSeverity.Error) && !d.some((x) => codeOf(x) === 'TD074');
      });
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a file above the size cap is not linted while typing, with a note saying so', async function () {
    this.timeout(90_000);
    const uri = fixture('huge.task-definition.json');
    const env = Array.from({ length: 60000 }, (_, i) => ({ name: `VAR_${i}`, value: 'x'.repeat(20) }));
    fs.writeFileSync(uri.fsPath, JSON.stringify({ family: 'huge', containerDefinitions: [{ name: 'a', image: 'nginx:latest', memory: 64, environment: env }] }, null, 2));
    assert.ok(fs.statSync(uri.fsPath).size > 3 * 1024 * 1024);
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      // Opening a 3 MB file is slow on a loaded 2-core machine: allow it time, the check is not about speed.
      const note = await waitFor('the size-limit note', () => ours(editor.document.uri).find((d) => codeOf(d) === 'size-limit'), 60000);
      assert.match(note.message, /lint skipped: this file is \d+\.\d MB, above the ecsWorkbench\.lint\.maxFileSizeMB limit/);
      assert.equal(ours(editor.document.uri).length, 1);
      // Typing does not run the linter on it: after an edit and the debounce, still only the note
      // (linted, the file would show TD080 for nginx:latest and more).
      // The debounced pass after the edit sets the file's diagnostics again: wait for that, not a time.
      let relinted = false;
      const listener = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === editor.document.uri.toString())) relinted = true;
      });
      try {
        await editor.edit((b) => b.insert(new vscode.Position(1, 0), '  "cpu": "256",\n'));
        await waitFor('the linter to look at the edited file again', () => relinted, 60_000);
      } finally {
        listener.dispose();
      }
      assert.deepEqual(ours(editor.document.uri).map((d) => codeOf(d)), ['size-limit']);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(uri.fsPath, { force: true });
    }
  });

  test('extraFilePatterns: more globs get linted, and completion comes from the schema there too', async () => {
    const lint = vscode.workspace.getConfiguration('ecsWorkbench.lint');
    try {
      await lint.update('extraFilePatterns', ['**/custom/*.json'], vscode.ConfigurationTarget.Workspace);
      await waitFor('the json.schemas entry', () =>
        (vscode.workspace.getConfiguration('json').inspect<{ fileMatch: string[]; url: string }[]>('schemas')?.workspaceValue ?? []).some((e) => e.url.endsWith('/schemas/task-definition.editor.schema.json') && e.fileMatch.includes('**/custom/*.json')),
      );
      const editor = await open('custom/app.json');
      await waitFor('TD001 for the missing family', () => ours(editor.document.uri).some((d) => codeOf(d) === 'TD001' && /"family"/.test(d.message)));
      const position = positionOf(editor.document, '"networkMode": ""', '"networkMode": "'.length);
      const labels = await completionLabelsOnceSchemaApplies(editor.document.uri, position);
      assert.ok(labels.some((l) => l.includes('awsvpc')), JSON.stringify(labels));
    } finally {
      await lint.update('extraFilePatterns', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the json.schemas entry to go away', () => !(vscode.workspace.getConfiguration('json').inspect<{ url: string }[]>('schemas')?.workspaceValue ?? []).some((e) => e.url.endsWith('task-definition.editor.schema.json')));
  });
});
