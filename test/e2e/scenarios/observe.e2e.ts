// Logs, a failed rollout's details and a service's charts as a user sees them, on the demo seed, in
// a light and a dark theme: Show Logs from the palette (production / web) opens the interleaved,
// followed log document; Show Metrics draws the charts in their webview; Run Task's summary modal
// (cancelled: nothing runs); a deployment of a crashing revision ends with "Why web failed: …" whose
// Show Details opens the report. The theme and the emulator's seed (the new revision, the crashing
// image) are put back in a finally.
import * as assert from 'node:assert/strict';
import { DescribeTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import type { Page } from 'playwright-core';
import { EmulatorControl } from '../../emulator/control';
import { registerInputFromDescription } from '../../../src/taskdef/registrable';
import { UI_MS, acceptQuickPickRow, focusedQuickInput, type E2EContext } from '../harness';
import { currentThemeLabel, selectTheme } from '../themes';

export const name = 'observe';

/** The metrics webview's inner frame (the one webview this scenario opens). */
function metricsFrame(page: Page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Brings an editor tab to the front and waits until it is the active one. */
async function showTab(page: Page, title: string | RegExp): Promise<void> {
  const tab = page.locator('.tabs-container .tab', { hasText: title }).first();
  await tab.click();
  await page.locator('.tabs-container .tab.active', { hasText: title }).first().waitFor({ state: 'visible', timeout: UI_MS });
}

/** Registers web:2 with a crashing image as the next revision; returns its `web:N`. */
async function crashingRevision(emulatorUrl: string, image: string): Promise<string> {
  const sdk = new ECSClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    const base = await sdk.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:2', include: ['TAGS'] }));
    const input = registerInputFromDescription(base.taskDefinition!, base.tags);
    input.containerDefinitions![0].image = image;
    return `web:${(await sdk.send(new RegisterTaskDefinitionCommand(input))).taskDefinition!.revision}`;
  } finally {
    sdk.destroy();
  }
}

/** Accepts the input box titled `title` as it is (empty: no override) once it has the keyboard. */
async function acceptInputBox(page: Page, title: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: UI_MS });
  await (await focusedQuickInput(page)).press('Enter');
}

/** Run Task on production/web from the palette, up to its summary modal (screenshot), then Cancel: no RunTask is sent. */
async function runTaskSummary(ctx: E2EContext, control: EmulatorControl): Promise<void> {
  const { page } = ctx;
  await control.resetCallCounts();
  await ctx.runCommand('ECS Workbench: Run Task');
  await acceptQuickPickRow(page, 'production');
  await acceptQuickPickRow(page, /^web/);
  await acceptQuickPickRow(page, 'web:3');
  await acceptQuickPickRow(page, 'FARGATE');
  await acceptInputBox(page, 'Run task: command override');
  await acceptInputBox(page, 'Run task: environment overrides');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: UI_MS });
  const text = await dialog.innerText();
  assert.match(text, /Run 1 task of web:3 in production\?/);
  assert.match(text, /Launch type: FARGATE/);
  assert.match(text, /Network: subnets subnet-\w+, subnet-\w+ · security groups sg-\w+ · public IP off \(from service web\)/);
  await ctx.moveMouseAway();
  await ctx.screenshot('run-task-summary');
  await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
  await dialog.waitFor({ state: 'hidden', timeout: UI_MS });
  assert.equal((await control.callCounts()).RunTask ?? 0, 0, 'cancelled: no RunTask was sent');
}

export async function run(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  assert.ok(ctx.emulatorUrl, 'the emulator runs');
  const control = new EmulatorControl(ctx.emulatorUrl);
  const original = await currentThemeLabel(page);
  try {
    await selectTheme(page, 'Light Modern', 'vs');

    // 1. Logs of production/web from the palette: both tasks' streams, interleaved and followed.
    await ctx.runCommand('ECS Workbench: Show Logs');
    await acceptQuickPickRow(page, 'production');
    await acceptQuickPickRow(page, /^web/);
    const editor = page.locator('.editor-instance .view-lines').first();
    await editor.filter({ hasText: /\[web\/[0-9a-f]{8}\]\s\[INFO\]/ }).waitFor({ state: 'visible', timeout: UI_MS });
    // The view follows the end; its head says that it follows (Monaco draws only the lines in view).
    await editor.click();
    await page.keyboard.press('Control+Home');
    await editor.filter({ hasText: /following\s\(new\sevents\sappear\sbelow\)/ }).waitFor({ state: 'visible', timeout: UI_MS });
    await ctx.moveMouseAway();
    await ctx.screenshot('logs-light');

    // 2. The charts of production/web.
    await ctx.runCommand('ECS Workbench: Show Metrics');
    await acceptQuickPickRow(page, 'production');
    await acceptQuickPickRow(page, /^web/);
    const frame = metricsFrame(page);
    await frame.locator('canvas').first().waitFor({ state: 'visible', timeout: UI_MS });
    await frame.locator('h2', { hasText: 'CPU utilization' }).waitFor({ state: 'visible', timeout: UI_MS });
    await ctx.moveMouseAway();
    await ctx.screenshot('metrics-light');

    // 3. Run Task from the palette asks once with the whole run; Cancel starts nothing.
    await runTaskSummary(ctx, control);

    // 4. A crashing revision deployed to production: the rollback says why, Show Details opens the report.
    const revision = await crashingRevision(ctx.emulatorUrl, 'my-app:observe-crash');
    await control.markImageCrashing('my-app:observe-crash');
    await ctx.runCommand('ECS Workbench: Deploy Service');
    await acceptQuickPickRow(page, 'production');
    await acceptQuickPickRow(page, /^web/);
    await acceptQuickPickRow(page, revision);
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Deploy$/ }).click();
    const why = page.locator('.notifications-toasts .notification-toast', { hasText: 'Why web failed' }).first();
    // The emulator's clock moves only when told: advance it until the circuit breaker has rolled back.
    const deadline = Date.now() + 120_000;
    while (!(await why.isVisible()) && Date.now() < deadline) {
      await control.advance(10_000);
      await page.waitForTimeout(300);
    }
    await why.waitFor({ state: 'visible', timeout: UI_MS });
    assert.match(await why.innerText(), /Essential container web exited with code 1/);
    await why.locator('.monaco-button', { hasText: 'Show Details' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'web-failure.md' }).first().waitFor({ state: 'visible', timeout: UI_MS });
    await page.locator('.editor-instance .view-lines', { hasText: 'Likely cause' }).first().waitFor({ state: 'visible', timeout: UI_MS });
    // The rollback's notification has been read; it would cover the report and the charts.
    await ctx.runCommand('Notifications: Clear All Notifications');
    await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden', timeout: UI_MS });
    await ctx.moveMouseAway();
    await ctx.screenshot('failure-details-light');

    // 5. The same three in a dark theme.
    await selectTheme(page, 'Dark Modern', 'vs-dark');
    await ctx.moveMouseAway();
    await ctx.screenshot('failure-details-dark');
    await showTab(page, /^Metrics: web/);
    await frame.locator('canvas').first().waitFor({ state: 'visible', timeout: UI_MS });
    await ctx.moveMouseAway();
    await ctx.screenshot('metrics-dark');
    await showTab(page, /web \(production\)\.log/);
    await editor.filter({ hasText: /\[web\/[0-9a-f]{8}\]\s\[INFO\]/ }).waitFor({ state: 'visible', timeout: UI_MS });
    await ctx.moveMouseAway();
    await ctx.screenshot('logs-dark');
  } catch (e) {
    // The harness's failure screenshot comes after the clean-up below has closed the editors.
    await ctx.screenshot('failure-before-cleanup').catch(() => undefined);
    throw e;
  } finally {
    await ctx.runCommand('View: Close All Editors').catch(() => undefined);
    if (original) await selectTheme(page, original).catch(() => undefined);
    await control.reset('demo').catch(() => undefined);
  }
}
