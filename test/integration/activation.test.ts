// Runs inside the extension host: only the host can say whether the extension activated and which
// commands exist. Also the check-commands idea: every command declared in package.json is registered
// in code, and every registered ecsWorkbench.* command is declared (so none is missing from the
// manifest, its palette rules or its title).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/api';

import { EXTENSION_ID } from './fixtures';

interface Manifest {
  contributes?: {
    commands?: { command: string }[];
    views?: Record<string, { id: string }[]>;
    viewsContainers?: Record<string, { id: string }[]>;
  };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded in this host`);
  return ext;
}

suite('activation', () => {
  suiteSetup(async () => {
    await extension().activate();
  });

  test('the extension under development activates', () => {
    const ext = extension();
    assert.equal(ext.isActive, true);
  });

  test('activate() returns when its bundle began to run and when activate() ran (what the startup bench reads)', async () => {
    const api = (await extension().activate()) as Partial<ExtensionApi>;
    const t = api.startup;
    assert.ok(t, 'the API has no startup timing');
    assert.ok(t.bundleStartMs > 0, `bundleStartMs ${t.bundleStartMs}`);
    assert.ok(t.bundleStartMs <= t.activateStartMs && t.activateStartMs <= t.activatedMs, JSON.stringify(t));
  });

  test('every command declared in package.json is registered', async () => {
    const manifest = extension().packageJSON as Manifest;
    const declared = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(declared.length > 0, 'package.json declares no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], 'declared in package.json but not registered');
  });

  test('every registered ecsWorkbench command is declared in package.json', async () => {
    const manifest = extension().packageJSON as Manifest;
    const declared = new Set((manifest.contributes?.commands ?? []).map((c) => c.command));
    // VS Code itself registers <viewId>.focus, <viewId>.resetViewLocation, ... for each view.
    const viewIds = Object.values(manifest.contributes?.views ?? {})
      .flat()
      .map((v) => v.id);
    const generatedByVsCode = (c: string) => viewIds.some((id) => c.startsWith(`${id}.`));
    const registered = await vscode.commands.getCommands(true);
    const undeclared = registered.filter(
      (c) => c.startsWith('ecsWorkbench.') && !declared.has(c) && !generatedByVsCode(c),
    );
    assert.deepEqual(undeclared, [], 'registered but not declared in package.json');
  });

  test('the ECS Workbench view container opens', async () => {
    const manifest = extension().packageJSON as Manifest;
    const containers = (manifest.contributes?.viewsContainers?.activitybar ?? []).map((c) => c.id);
    assert.ok(containers.includes('ecsWorkbench'));
    // VS Code registers this command only for a view container it has actually created.
    await vscode.commands.executeCommand('workbench.view.extension.ecsWorkbench');
  });

  suiteTeardown(async () => {
    // Leave the window as other suites expect it: our views hidden, so they load nothing on their own.
    await vscode.commands.executeCommand('workbench.view.explorer');
  });
});
