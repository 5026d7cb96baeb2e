// A newcomer opens the Getting Started walkthrough, picks a region (the first step's real action,
// through the palette command's quick pick) and sees that step marked as done: the walkthrough
// steps complete on what the user did, not on a click of "next".
import * as assert from 'node:assert/strict';
import type { E2EContext } from '../harness';

export const name = 'walkthrough';

const TITLE = 'Get Started with ECS Workbench';

export async function run(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  // Activate the installed extension first (its view), so its walkthrough is registered.
  await ctx.openView();
  await ctx.viewPane('Clusters').locator('.monaco-list-row, .welcome-view-content').first().waitFor({ state: 'visible', timeout: 30_000 });

  // Open the walkthrough the way a user does from the palette.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Welcome: Open Walkthrough');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Walkthrough' }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await input.press('Enter');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: TITLE }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(TITLE);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: TITLE }).first().click();

  const editor = page.locator('.gettingStartedContainer');
  await editor.locator('.getting-started-category .category-title, h2', { hasText: TITLE }).first().waitFor({ state: 'visible', timeout: 20_000 });
  const step = (title: string) => editor.locator('.getting-started-step', { hasText: title }).first();
  // VS Code marks a done step with the class `complete` on the step or on its checkbox icon.
  const isDone = (title: string): Promise<boolean> =>
    step(title).evaluate((el) => el.classList.contains('complete') || el.querySelector('.complete') !== null);
  const first = step('Choose a profile and region');
  await first.waitFor({ state: 'visible', timeout: 15_000 });
  for (const t of ['Browse clusters', 'Open a task definition and fix a lint finding', 'Publish an image', 'Deploy and watch']) {
    await step(t).waitFor({ state: 'attached', timeout: 5_000 });
  }
  assert.equal(await isDone('Choose a profile and region'), false, 'the first step is not done before the user acts');
  await ctx.moveMouseAway();
  await ctx.screenshot('opened');

  // The first step's real action: pick a region in the Select AWS Region quick pick.
  await ctx.runCommand('ECS Workbench: Select AWS Region');
  const qp = page.locator('.quick-input-widget input.input');
  await qp.waitFor({ state: 'visible', timeout: 10_000 });
  await qp.fill('us-west-2');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'us-west-2' }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await qp.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });

  // The status bar shows the new region, and the step is marked complete in the walkthrough.
  await page.locator('.part.statusbar', { hasText: 'us-west-2' }).waitFor({ state: 'visible', timeout: 10_000 });
  const deadline = Date.now() + 10_000;
  while (!(await isDone('Choose a profile and region')) && Date.now() < deadline) await page.waitForTimeout(200);
  assert.equal(await isDone('Choose a profile and region'), true, 'picking a region completes the first step');
  assert.equal(await isDone('Publish an image'), false, 'nothing was published, so that step stays open');
  await ctx.moveMouseAway();
  await ctx.screenshot('first-step-done');

  // The Clusters view was already showing, so "Browse clusters" is not done by itself; its button
  // (focus the view) completes it.
  assert.equal(await isDone('Browse clusters'), false, 'browsing is not done before the user acts');
  await step('Browse clusters').click();
  const focus = editor.locator('.getting-started-step', { hasText: 'Browse clusters' }).locator('a, .button-link, .monaco-button', { hasText: 'Open the Clusters View' }).first();
  await focus.waitFor({ state: 'visible', timeout: 10_000 });
  await focus.click();
  const until = Date.now() + 10_000;
  while (!(await isDone('Browse clusters')) && Date.now() < until) await page.waitForTimeout(200);
  assert.equal(await isDone('Browse clusters'), true, 'focusing the Clusters view completes the browse step');
  await ctx.moveMouseAway();
  await ctx.screenshot('browse-step-done');
}
