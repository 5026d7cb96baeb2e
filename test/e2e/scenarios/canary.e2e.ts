// A canary deployment in the sandbox, as a user sees it: region us-west-2 (the demo seed's storefront
// cluster), Deploy Service from the palette for `web` (CANARY: 10 % for 5 min, then a 5 min bake), the
// status bar naming the stage while ECS shifts and bakes (`web → web:3 · canary 10 % · bake …`), the
// service's Deployments node listing the deployment with its strategy and stage, and the end
// (`deployed`, the row SUCCESSFUL); the running deployment's context menu (Stop, Show Details, Copy ARN)
// and its readable document. The emulator's clock is moved forward; region and seed are
// restored in a finally.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { EmulatorControl } from '../../emulator/control';
import { UI_MS, acceptQuickPickRow, setPaneExpanded, treeRow, type E2EContext } from '../harness';

export const name = 'canary';

/** Accepts the quick-pick row showing `label` once the list shows it (the harness's way, never a bare Enter). */
const pick = (page: Page, label: string | RegExp): Promise<void> => acceptQuickPickRow(page, label);

async function selectRegion(ctx: E2EContext, region: string): Promise<void> {
  await ctx.runCommand('ECS Workbench: Select AWS Region');
  await pick(ctx.page, region);
  await ctx.page.locator('.part.statusbar', { hasText: region }).first().waitFor({ state: 'visible', timeout: UI_MS });
}

/** Waits until the status bar matches, moving the emulator's clock `stepMs` between looks. */
async function waitForStatus(ctx: E2EContext, pattern: RegExp, control: EmulatorControl, stepMs: number, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await ctx.statusBarText();
    if (pattern.test(text)) return text;
    if (stepMs) await control.advance(stepMs);
    await ctx.page.waitForTimeout(300);
  }
  throw new Error(`status bar never matched ${pattern}: ${text}`);
}

/**
 * Expands a tree row, looking it up again on each try: while a service deploys, the explorer redraws
 * its rows as they refresh, and a row element clicked just before a redraw is gone.
 */
async function expand(pane: Locator, label: RegExp): Promise<void> {
  const deadline = Date.now() + UI_MS;
  for (;;) {
    const row = treeRow(pane, label);
    await row.waitFor({ state: 'visible', timeout: UI_MS });
    if ((await row.getAttribute('aria-expanded').catch(() => null)) === 'true') return;
    if (Date.now() > deadline) throw new Error(`the row ${label} did not expand`);
    await row.click().catch(() => undefined);
    await pane
      .locator('.monaco-list-row[aria-expanded="true"]')
      .filter({ has: pane.page().locator('.label-name', { hasText: label }) })
      .first()
      .waitFor({ state: 'visible', timeout: 3_000 })
      .catch(() => undefined);
  }
}

/** Right-clicks a row (looked up again on each try: rows redraw while a service deploys) until its menu shows `item`. */
async function openRowMenu(page: Page, row: () => Locator, item: string): Promise<Locator> {
  const entry = page.locator('.context-view .action-label', { hasText: item }).first();
  const deadline = Date.now() + UI_MS;
  while (!(await entry.isVisible())) {
    if (Date.now() > deadline) throw new Error(`the row's menu never showed ${item}`);
    await row().click({ button: 'right', timeout: UI_MS }).catch(() => undefined);
    await entry.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined);
  }
  return entry;
}

/** Clicks a menu item until `then` shows (the menu may ignore a click right after it opened). */
async function clickUntil(item: Locator, then: Locator): Promise<void> {
  const deadline = Date.now() + UI_MS;
  while (!(await then.isVisible())) {
    if (Date.now() > deadline) throw new Error('the menu item did nothing');
    if (await item.isVisible()) await item.click({ timeout: UI_MS }).catch(() => undefined);
    await then.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined);
  }
}

/** Drags the side bar's right edge by `dx` pixels; returns how far it moved (0 when there is no side bar). */
async function resizeSideBar(page: Page, dx: number): Promise<number> {
  const before = await page.locator('.part.sidebar').first().boundingBox();
  if (!before) return 0;
  const x = before.x + before.width;
  const y = before.y + before.height / 2;
  await page.mouse.move(x + 1, y);
  await page.mouse.down();
  await page.mouse.move(x + 1 + dx, y, { steps: 8 });
  await page.mouse.up();
  const after = await page.locator('.part.sidebar').first().boundingBox();
  return after ? after.width - before.width : 0;
}

async function scenario(ctx: E2EContext, control: EmulatorControl): Promise<void> {
  const page = ctx.page;
  // The side bar first: it activates the extension, whose region picker the palette then offers.
  await ctx.openView();
  await selectRegion(ctx, 'us-west-2');

  await ctx.runCommand('ECS Workbench: Deploy Service');
  await pick(page, 'storefront');
  await pick(page, /^web/);
  await pick(page, 'web:3');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: UI_MS });
  assert.match(await dialog.innerText(), /Revision: web:2 → web:3/);
  await dialog.locator('.monaco-button', { hasText: /^Deploy$/ }).click();

  // The canary step: 10 % of production traffic on web:3 while ECS bakes it.
  const canary = await waitForStatus(ctx, /web → web:3 · canary 10 %/, control, 20_000);
  assert.doesNotMatch(canary, /deployed|rolled back|failed/);
  await ctx.moveMouseAway();
  await ctx.screenshot('status-bar');

  // The service's Deployments node: what runs now, then the service deployments with strategy and stage.
  await setPaneExpanded(ctx, 'Task Definitions', false);
  await setPaneExpanded(ctx, 'ECR Repositories', false);
  await setPaneExpanded(ctx, 'Clusters', true);
  const clusters = ctx.viewPane('Clusters');
  await expand(clusters, /^storefront$/);
  await expand(clusters, /^Services$/);
  await expand(clusters, /^web$/);
  await expand(clusters, /^Deployments$/);
  const row = treeRow(clusters, /^web:3 · IN_PROGRESS \((PRODUCTION_TRAFFIC_SHIFT|BAKE_TIME)\)$/);
  await row.waitFor({ state: 'visible', timeout: UI_MS });
  assert.match(await row.innerText(), /CANARY · started /);
  // A wider side bar for the picture, so that the rows are not cut; put back right after.
  const widened = await resizeSideBar(page, 420);
  try {
    await ctx.moveMouseAway();
    await ctx.screenshot('deployments');
    // The running deployment's menu offers what applies to it: Stop, Show Details, Copy ARN; not
    // Continue (no hook waits) nor Roll Back (only on the service's current deployment).
    const details = await openRowMenu(page, () => treeRow(clusters, /^web:3 · IN_PROGRESS/), 'Show Deployment Details');
    const menu = page.locator('.context-view');
    await menu.locator('.action-label', { hasText: 'Stop Deployment…' }).first().waitFor({ state: 'visible', timeout: UI_MS });
    await menu.locator('.action-label', { hasText: 'Copy ARN' }).first().waitFor({ state: 'visible', timeout: UI_MS });
    assert.equal(await menu.locator('.action-label', { hasText: /Continue Deployment|Roll Back Service/ }).count(), 0);
    await ctx.screenshot('deployment-menu');
    // Show Details: the followed canary's readable document, with its stage.
    await clickUntil(details, page.locator('.tabs-container .tab.active', { hasText: 'web-deployment.md' }));
    await page.locator('.editor-instance .view-lines', { hasText: '| Strategy | CANARY |' }).first().waitFor({ state: 'visible', timeout: UI_MS });
    await ctx.moveMouseAway();
    await ctx.screenshot('deployment-document');
  } finally {
    if (widened) await resizeSideBar(page, -widened);
  }

  // Let it finish: after the canary bake, all traffic shifts, then the final bake.
  const done = await waitForStatus(ctx, /web → web:3 · deployed/, control, 60_000);
  assert.doesNotMatch(done, /rolled back|failed/);
  await ctx.runCommand('ECS Workbench: Refresh Explorer');
  await treeRow(clusters, /^web:3 · SUCCESSFUL$/).waitFor({ state: 'visible', timeout: UI_MS });
}

export async function run(ctx: E2EContext): Promise<void> {
  assert.ok(ctx.emulatorUrl, 'the canary scenario needs the emulator (its demo seed)');
  const control = new EmulatorControl(ctx.emulatorUrl);
  try {
    await scenario(ctx, control);
  } finally {
    await control.reset('demo');
    await selectRegion(ctx, 'us-east-1').catch(() => undefined);
  }
}
