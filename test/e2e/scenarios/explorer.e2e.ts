// The explorer on the demo seed, as a user sees it: the production cluster expanded down to a
// task's containers, and the ECR repository's images; in the dark and the light theme.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { EmulatorControl } from '../../emulator/control';
import { UI_MS, acceptQuickPickRow, countStepFocus, thenStepFocused, type E2EContext } from '../harness';

export const name = 'explorer';

function row(pane: Locator, label: string | RegExp, nth = 0): Locator {
  return pane
    .locator('.monaco-list-row')
    .filter({ has: pane.page().locator('.label-name', { hasText: label }) })
    .nth(nth);
}

async function expand(pane: Locator, label: string | RegExp, nth = 0): Promise<Locator> {
  const r = row(pane, label, nth);
  await r.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
  await pane.page().waitForFunction(
    (el) => el?.getAttribute('aria-expanded') === 'true',
    await r.elementHandle(),
    { timeout: UI_MS },
  );
  return r;
}

async function setPaneExpanded(ctx: E2EContext, title: string, expanded: boolean): Promise<void> {
  const header = ctx.viewPane(title).locator('.pane-header').first();
  await header.waitFor({ state: 'visible', timeout: UI_MS });
  if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded) await header.click();
}

async function isDark(ctx: E2EContext): Promise<boolean> {
  const cls = (await ctx.page.locator('.monaco-workbench').first().getAttribute('class')) ?? '';
  return /\bvs-dark\b|\bhc-black\b/.test(cls);
}

async function ensureTheme(ctx: E2EContext, dark: boolean): Promise<void> {
  if ((await isDark(ctx)) === dark) return;
  await ctx.runCommand('Preferences: Toggle between Light/Dark Themes');
  await ctx.page.waitForFunction(
    `/\\bvs-dark\\b/.test(document.querySelector('.monaco-workbench')?.className ?? '') === ${dark}`,
    undefined,
    { timeout: UI_MS },
  );
  await ctx.page.waitForTimeout(300);
}

/** Drags the sash right of the side bar to make it wider. */
async function widenSideBar(ctx: E2EContext, sidebar: Locator, by: number): Promise<void> {
  const box = await sidebar.boundingBox();
  if (!box) return;
  const edge = box.x + box.width;
  const sashes = await ctx.page.locator('.monaco-sash.vertical').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width, h: r.height };
    }),
  );
  const sash = sashes.filter((s) => s.h > 100).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
  if (!sash || Math.abs(sash.x - edge) > 10) return;
  await ctx.page.mouse.move(sash.x, box.y + box.height / 2);
  await ctx.page.mouse.down();
  await ctx.page.mouse.move(sash.x + by, box.y + box.height / 2, { steps: 10 });
  await ctx.page.mouse.up();
}

export async function run(ctx: E2EContext): Promise<void> {
  // The theme is a user setting shared with the scenarios that run after this one: put it back.
  const startedDark = await isDark(ctx);
  try {
    await browse(ctx);
  } finally {
    await ensureTheme(ctx, startedDark).catch(() => undefined);
  }
}

async function browse(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  const sidebar = await ctx.openView();
  await ensureTheme(ctx, true);
  // A wider side bar, as people use it for a tree with summaries.
  await widenSideBar(ctx, sidebar, 380);
  const box = await sidebar.boundingBox();

  // The status bar names the connection.
  const status = page.locator('.part.statusbar .statusbar-item', { hasText: '·' }).filter({ hasText: /us-east-1/ });
  await status.first().waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await status.first().innerText(), /Default credential chain · us-east-1/);

  await setPaneExpanded(ctx, 'Task Definitions', false);
  await setPaneExpanded(ctx, 'ECR Repositories', false);
  const clusters = ctx.viewPane('Clusters');
  const production = await expand(clusters, 'production');
  assert.match(await production.innerText(), /1 service · 2 running/);
  await expand(clusters, 'Services');
  await expand(clusters, 'web');
  // Deployments stays closed: with the service's history under it, staging would scroll out of view
  // (a tree draws only the rows in view). The deployments have scenarios of their own.
  await expand(clusters, 'Tasks');
  // The first running task, down to its containers.
  const task = clusters.locator('.monaco-list-row', { hasText: /RUNNING · / }).first();
  await task.waitFor({ state: 'visible', timeout: 30_000 });
  await task.click();
  await clusters.locator('.monaco-list-row', { hasText: /my-app:v1\.5\.2 · RUNNING/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
  // staging is rolling to web:3: its service shows the deployment in progress.
  await expand(clusters, /^staging$/);
  await expand(clusters, /^Services$/, 1);
  await clusters.locator('.monaco-list-row', { hasText: /web:3/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.mouse.move(box ? box.x + box.width + 600 : 900, 700);
  await ctx.screenshot('clusters-dark');

  await setPaneExpanded(ctx, 'Clusters', false);
  await setPaneExpanded(ctx, 'ECR Repositories', true);
  const repos = ctx.viewPane('ECR Repositories');
  await expand(repos, 'my-app');
  await expand(repos, 'Untagged images');
  await repos.locator('.monaco-list-row', { hasText: 'v1.5.2, latest' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  const text = await repos.innerText();
  assert.ok(text.indexOf('v1.5.2, latest') < text.indexOf('v1.5.1'), 'newest first');
  await page.mouse.move(box ? box.x + box.width + 600 : 900, 700);
  await ctx.screenshot('ecr-dark');

  await ensureTheme(ctx, false);
  await ctx.screenshot('ecr-light');
  await setPaneExpanded(ctx, 'ECR Repositories', false);
  await setPaneExpanded(ctx, 'Clusters', true);
  await clusters.locator('.monaco-list-row', { hasText: /my-app:v1\.5\.2 · RUNNING/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.mouse.move(box ? box.x + box.width + 600 : 900, 700);
  await ctx.screenshot('clusters-light');

  // The status-bar item opens the connection menu; the profile picker lists the AWS config's profiles.
  await status.first().click();
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.locator('.monaco-list-row', { hasText: 'Change profile' }).first().click();
  await quickInput.locator('.monaco-list-row', { hasText: 'Default credential chain' }).first().waitFor({ state: 'visible', timeout: UI_MS });
  const rows = await quickInput.locator('.monaco-list-row').allInnerTexts();
  assert.ok(rows.some((r) => r.trim().startsWith('default')), rows.join(' | '));
  await ctx.screenshot('profile-picker');
  await page.keyboard.press('Escape');

  // An error is a node that says what failed and what to do, not a notification.
  if (ctx.emulatorUrl) {
    const control = new EmulatorControl(ctx.emulatorUrl);
    await control.injectFault({ operation: 'ListTaskDefinitionFamilies', kind: 'accessDenied', count: 100 });
    try {
      await setPaneExpanded(ctx, 'Clusters', false);
      await setPaneExpanded(ctx, 'Task Definitions', true);
      const taskDefs = ctx.viewPane('Task Definitions');
      // The view's own refresh button (the list was loaded earlier and is cached until refresh).
      await taskDefs.locator('.pane-header').first().hover();
      await taskDefs.locator('.pane-header .action-label[aria-label^="Refresh Explorer"]').first().click();
      const error = taskDefs.locator('.monaco-list-row', { hasText: 'Access denied: ecs:ListTaskDefinitionFamilies' }).first();
      await error.waitFor({ state: 'visible', timeout: 30_000 });
      await error.hover();
      await page.locator('.monaco-hover, .custom-hover, .workbench-hover', { hasText: 'Grant the IAM permission' }).first().waitFor({ state: 'visible', timeout: UI_MS }).catch(() => undefined);
      assert.deepEqual(await ctx.notifications(), [], 'no toast for a failed load');
      await ctx.screenshot('error-node');
    } finally {
      await control.clearFaults();
    }
  }

  await emptyRegion(ctx);
}

/** Picks a region in the region picker; with `name`, its row must also show the region's name. */
async function selectRegion(ctx: E2EContext, region: string, name?: string): Promise<void> {
  await ctx.runCommand('ECS Workbench: Select AWS Region');
  const input = ctx.page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: UI_MS });
  await input.fill(region);
  const row = ctx.page.locator('.quick-input-widget .monaco-list-row', { hasText: region }).first();
  await row.waitFor({ state: 'visible', timeout: UI_MS });
  if (name) {
    await ctx.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: UI_MS });
    await ctx.screenshot('region-picker-names');
  }
  await acceptQuickPickRow(ctx.page, region);
  await ctx.page.locator('.part.statusbar', { hasText: region }).waitFor({ state: 'visible', timeout: UI_MS });
}

/** A region with nothing in it: each view's welcome content says so and offers the way on. */
async function emptyRegion(ctx: E2EContext): Promise<void> {
  await selectRegion(ctx, 'eu-north-1', 'Europe (Stockholm)');
  try {
    await setPaneExpanded(ctx, 'Task Definitions', false);
    await setPaneExpanded(ctx, 'ECR Repositories', false);
    await setPaneExpanded(ctx, 'Clusters', true);
    const clusters = ctx.viewPane('Clusters').locator('.welcome-view-content', { hasText: 'There are no ECS clusters in the selected region' });
    await clusters.waitFor({ state: 'visible', timeout: 30_000 });
    // The welcome text is static; the view's title names the region.
    await ctx.viewPane('Clusters').locator('.pane-header', { hasText: 'none in eu-north-1' }).waitFor({ state: 'visible', timeout: UI_MS });
    await ctx.moveMouseAway();
    await ctx.screenshot('empty-region-welcome');
    await setPaneExpanded(ctx, 'ECR Repositories', true);
    const repos = ctx.viewPane('ECR Repositories').locator('.welcome-view-content', { hasText: 'There are no ECR repositories in the selected region' });
    await repos.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await repos.locator('.monaco-button', { hasText: 'Create ECR Repository' }).count(), 1);
    await setPaneExpanded(ctx, 'ECR Repositories', false);

    // Its Getting Started button opens the walkthrough.
    // The walkthrough takes the focus once it has rendered (it would close a quick pick opened before):
    // wait for that focus move, not for a time.
    await countStepFocus(ctx.page);
    const walkthrough = ctx.page.locator('.gettingStartedContainer', { hasText: 'Choose a profile and region' }).first();
    await thenStepFocused(ctx.page, async () => {
      await clusters.locator('.monaco-button', { hasText: 'Open Getting Started' }).first().click();
      await walkthrough.waitFor({ state: 'visible', timeout: UI_MS });
    });
    await ctx.runCommand('View: Close All Editors');
    await walkthrough.waitFor({ state: 'hidden', timeout: UI_MS });
  } finally {
    await selectRegion(ctx, 'us-east-1');
  }
}
