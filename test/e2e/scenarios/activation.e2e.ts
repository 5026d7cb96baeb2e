// The packaged extension installs into code-server and shows up as a user sees it: its view
// container is in the activity bar, opens with its three views, and its commands are in the palette.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { UI_MS, acceptQuickPickRow, type E2EContext } from '../harness';

export const name = 'activation';

export async function run(ctx: E2EContext): Promise<void> {
  await ctx.activityBarItem().waitFor({ state: 'visible', timeout: 30_000 });
  // The connection item is in the status bar from startup, before any ECS Workbench view is opened.
  const connection = ctx.page.locator('.part.statusbar .statusbar-item', { hasText: /· us-east-1/ }).first();
  await connection.waitFor({ state: 'visible', timeout: 30_000 });
  await ctx.screenshot('status-bar-at-startup');
  await profileNamedOneWay(ctx, connection);

  const sidebar = await ctx.openView();
  for (const view of ['Clusters', 'Task Definitions', 'ECR Repositories']) {
    await ctx.viewPane(view).waitFor({ state: 'visible', timeout: UI_MS });
  }
  assert.match(await sidebar.locator('.composite.title').innerText(), /ECS Workbench/i);
  // Opening the view activates the installed extension: its tree provider replaces VS Code's
  // "no data provider" message with rows (clusters of the demo seed, or an error node).
  await ctx
    .viewPane('Clusters')
    .locator('.monaco-list-row, .welcome-view-content')
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  await ctx.screenshot('view-container');

  // A palette command of the installed VSIX runs: Show Log opens the extension's output channel.
  await ctx.runCommand('ECS Workbench: Show Log');
  const panel = ctx.page.locator('.part.panel');
  await panel.waitFor({ state: 'visible', timeout: UI_MS });
  await ctx.page
    .locator('.part.panel .monaco-select-box, .part.panel select', { hasText: 'ECS Workbench' })
    .first()
    .waitFor({ state: 'attached', timeout: UI_MS });
  await ctx.moveMouseAway();
  await ctx.screenshot('show-log');
}

/**
 * No profile chosen: the status bar item, its tooltip and the profile picker all say "Default
 * credential chain" (issue 17: the item said "default", which is also a profile's name).
 */
async function profileNamedOneWay(ctx: E2EContext, connection: Locator): Promise<void> {
  const { page } = ctx;
  assert.match(await connection.innerText(), /Default credential chain · us-east-1/);
  await connection.hover();
  const tooltip = page.locator('.monaco-hover:not(.hidden)', { hasText: 'ECS Workbench uses' }).first();
  await tooltip.waitFor({ state: 'visible', timeout: UI_MS });
  assert.match(await tooltip.innerText(), /ECS Workbench uses Default credential chain in us-east-1/);
  await connection.click();
  await acceptQuickPickRow(page, 'Change profile');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Default credential chain' }).first();
  await row.waitFor({ state: 'visible', timeout: UI_MS });
  assert.match(await row.innerText(), /current/);
  await ctx.screenshot('profile-picker');
  // Nothing chosen: Escape leaves the connection as it was.
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_MS });
  assert.match(await connection.innerText(), /Default credential chain · us-east-1/);
}
