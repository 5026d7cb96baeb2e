// Register and deploy as a user sees it, on the demo seed: Register Task Definition from the editor
// (lint gate, normalised diff, new revision with actions), Deploy Service from the palette (cluster, service,
// revision, confirmation summary), the status bar while the rollout runs (`web → web:3 · n/2` with a
// spinner), after a window reload (watching resumes) and after it ends (deployed), then a second deployment into a circuit-breaker rollback on
// staging: the status bar has one entry per service, each naming its cluster (both are `web`), and keeps
// the failure until clicked; Show Deployments opens a readable document of both, and clicking the
// entry opens its own document with why it rolled back.
import * as assert from 'node:assert/strict';
import { DescribeTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import type { Page } from 'playwright-core';
import { EmulatorControl } from '../../emulator/control';
import { registerInputFromDescription } from '../../../src/taskdef/registrable';
import { UI_MS, extensionStateStored, quickOpenFile, type E2EContext } from '../harness';

export const name = 'deploy';

async function pick(page: Page, label: string | RegExp): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: UI_MS });
  await row.click();
}

async function waitForStatus(ctx: E2EContext, pattern: RegExp, control: EmulatorControl | undefined, stepMs: number, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await ctx.statusBarText();
    if (pattern.test(text)) return text;
    if (control && stepMs) await control.advance(stepMs);
    await ctx.page.waitForTimeout(400);
  }
  throw new Error(`status bar never matched ${pattern}: ${text}`);
}

async function deployFromPalette(ctx: E2EContext, cluster: string, revision: string): Promise<void> {
  await ctx.runCommand('ECS Workbench: Deploy Service');
  await pick(ctx.page, cluster);
  await pick(ctx.page, /^web/);
  await pick(ctx.page, revision);
  const dialog = ctx.page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: UI_MS });
  const text = await dialog.innerText();
  assert.match(text, new RegExp(`Revision: web:\\d+ → ${revision}`));
  assert.match(text, /Image web:|Other changes: containerDefinitions\[web\]/);
}

function toast(page: Page, text: string | RegExp) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

/** Register from the palette: the lint gate blocks a broken file; a clean one shows its diff first. */
async function registerFromEditor(ctx: E2EContext): Promise<void> {
  const page = ctx.page;
  await quickOpenFile(page, 'broken-task-definition.json');
  await ctx.runCommand('ECS Workbench: Register Task Definition');
  const blocked = toast(page, /cannot be registered/);
  await blocked.waitFor({ state: 'visible', timeout: UI_MS });
  assert.match(await blocked.innerText(), /2 errors/);
  await blocked.locator('.monaco-button', { hasText: 'Open Problems' }).click();
  await page.locator('.part.panel .markers-panel, .part.panel [id="workbench.panel.markers"]').first().waitFor({ state: 'visible', timeout: UI_MS });
  await page.mouse.move(700, 300);
  await ctx.screenshot('0a-register-blocked-by-lint');
  await page.keyboard.press('Escape');

  await quickOpenFile(page, 'web-task-definition.json');
  await ctx.runCommand('ECS Workbench: Register Task Definition');
  const question = toast(page, /Register web:4\? Changes against web:3/);
  await question.waitFor({ state: 'visible', timeout: UI_MS });
  await page.locator('.tabs-container .tab', { hasText: 'web:3 ↔ web-task-definition.json (normalised)' }).first().waitFor({ state: 'visible', timeout: UI_MS });
  await page.mouse.move(700, 300);
  await ctx.screenshot('0b-register-normalised-diff');
  await question.locator('.monaco-button', { hasText: /^Register$/ }).click();
  const done = toast(page, /Registered web:4/);
  await done.waitFor({ state: 'visible', timeout: UI_MS });
  assert.match(await done.innerText(), /Copy ARN/);
  await ctx.screenshot('0c-registered-with-actions');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+W'); // close all editors
}

export async function run(ctx: E2EContext): Promise<void> {
  assert.ok(ctx.emulatorUrl, 'the deploy scenario needs the emulator');
  const control = new EmulatorControl(ctx.emulatorUrl);
  await ctx.activityBarItem().waitFor({ state: 'visible', timeout: 30_000 });
  // Revision numbers below assume the demo seed as it starts; other scenarios share the emulator.
  await control.reset('demo');
  try {
    await scenario(ctx, control);
  } finally {
    await control.reset('demo');
  }
}

/** Polls `check` until it holds or UI_MS pass. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + UI_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}


async function scenario(ctx: E2EContext, control: EmulatorControl): Promise<void> {
  const page = ctx.page;
  await registerFromEditor(ctx);

  // 1. A good deployment: production web:2 → web:3.
  await deployFromPalette(ctx, 'production', 'web:3');
  await ctx.screenshot('1-confirm-summary');
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Deploy$/ }).click();
  await waitForStatus(ctx, /web → web:3 · 0\/2/, undefined, 0, 30_000);
  await page.mouse.move(700, 400);
  await ctx.screenshot('2-status-bar-starting');
  // A window reload resumes watching the deployment still in progress (from workspaceState). The
  // workbench writes workspace storage to IndexedDB after a short delay; reload once it is there.
  await until('the watch is stored in the browser', () => extensionStateStored(page, 'ecsWorkbench.deploy.watches', ['web:3']));
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  // A reload starts a new extension host, which activates the extension before it resumes the watch:
  // at load 30 that took more than 30 s.
  await waitForStatus(ctx, /web → web:3/, undefined, 0, 120_000);
  await page.mouse.move(700, 400);
  await ctx.screenshot('2b-status-bar-resumed-after-reload');
  // On a loaded machine the reloaded host can take so long that the rollout ends before a poll sees
  // it half-way: then there is no in-progress state left to show.
  await waitForStatus(ctx, /web → web:3 · ([12]\/2|deployed)/, control, 4_000);
  await ctx.screenshot('3-status-bar-in-progress');
  const done = await waitForStatus(ctx, /web → web:3 · deployed/, control, 10_000);
  assert.doesNotMatch(done, /rolled back|failed/);
  await ctx.screenshot('4-status-bar-deployed');

  // 2. A revision whose container crashes, deployed to staging: the circuit breaker rolls it back.
  const sdk = new ECSClient({ endpoint: ctx.emulatorUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    const base = await sdk.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:3', include: ['TAGS'] }));
    const input = registerInputFromDescription(base.taskDefinition!, base.tags);
    input.containerDefinitions![0].image = 'my-app:crash';
    await sdk.send(new RegisterTaskDefinitionCommand(input));
  } finally {
    sdk.destroy();
  }
  await control.markImageCrashing('my-app:crash');
  await control.advance(10 * 60_000); // let staging finish the deployment the seed started
  await deployFromPalette(ctx, 'staging', 'web:5');
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Deploy$/ }).click();
  // One entry per followed service: both clusters have `web`, so each entry names its cluster.
  const both = await waitForStatus(ctx, /web \(staging\) → web:5/, undefined, 0, 30_000);
  assert.match(both, /web \(production\) → web:3 · deployed/);
  await page.mouse.move(700, 400);
  await ctx.screenshot('5-status-bar-two-deployments');
  const failed = await waitForStatus(ctx, /web \(staging\): rolled back to web:3/, control, 5_000);
  assert.match(failed, /web \(production\) → web:3 · deployed/);
  assert.doesNotMatch(failed, /web:5 · deployed|2 deployed/);
  await ctx.screenshot('6-status-bar-failure-summary');

  // 3. Show Deployments opens a readable document listing both; clicking the staging entry opens its
  // own, which says why it rolled back.
  await ctx.runCommand('ECS Workbench: Show Deployments');
  const editor = (text: string | RegExp) => page.locator('.editor-instance .view-lines', { hasText: text }).first();
  await page.locator('.tabs-container .tab.active', { hasText: 'deployments.md' }).waitFor({ state: 'visible', timeout: UI_MS });
  // Newest first: staging's rollback, then production's deployment (below, once scrolled).
  await editor('web (staging): rolled back to web:3').waitFor({ state: 'visible', timeout: UI_MS });
  await editor(/Revision\s+\|\sweb:3\s→\sweb:5/).waitFor({ state: 'visible', timeout: UI_MS });
  await editor(/circuit\sbreaker/i).waitFor({ state: 'visible', timeout: UI_MS });
  await page.mouse.move(700, 400);
  await ctx.screenshot('7-deployments-document');
  await page.locator('.part.statusbar .statusbar-item', { hasText: 'web (staging)' }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'web-deployment.md' }).waitFor({ state: 'visible', timeout: UI_MS });
  await editor(/circuit\sbreaker/i).waitFor({ state: 'visible', timeout: UI_MS });
  // Seen once, the failure leaves the status bar; the production deployment stays until clicked.
  await waitForStatus(ctx, /web → web:3 · deployed/, undefined, 0, 10_000);
  assert.doesNotMatch(await ctx.statusBarText(), /web \(staging\)/);
  await page.mouse.move(700, 400);
  await ctx.screenshot('8-failure-details');
}
