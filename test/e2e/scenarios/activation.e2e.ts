// The packaged extension installs into code-server and shows up as a user sees it: its view
// container is in the activity bar, opens with its three views, and its commands are in the palette.
import * as assert from 'node:assert/strict';
import { UI_MS, type E2EContext } from '../harness';

export const name = 'activation';

export async function run(ctx: E2EContext): Promise<void> {
  await ctx.activityBarItem().waitFor({ state: 'visible', timeout: 30_000 });
  // The connection item is in the status bar from startup, before any ECS Workbench view is opened.
  await ctx.page.locator('.part.statusbar .statusbar-item', { hasText: /· us-east-1/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await ctx.screenshot('status-bar-at-startup');

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
