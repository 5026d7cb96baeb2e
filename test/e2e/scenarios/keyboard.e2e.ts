// Everything from the keyboard (issue 8): only page.keyboard drives the workbench here, no clicks
// and no fill(); the page is read to know where the focus is. The Clusters view is focused from the
// palette, arrows move and expand down to a service, Shift+F10 opens its context menu, Scale Service
// asks in an input box and confirms in a modal whose default button takes Enter, and the tree shows
// the new desired count. Then a palette command that asks with quick picks (Deploy Service: cluster,
// service, revision) is walked through by typing and Enter (the first Enter typed ahead of a slow
// list, which must not end the command), and its confirmation is cancelled with Escape (nothing
// deploys).
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { EmulatorControl } from '../../emulator/control';
import { UI_MS, type E2EContext } from '../harness';

export const name = 'keyboard';

// page.evaluate callbacks run in the browser; the project compiles without the DOM lib.
declare const document: { activeElement: { textContent: string | null; closest(sel: string): unknown } | null };

/** A label to look for: a string matches the whole text (trimmed), a RegExp anywhere. */
type Label = string | RegExp;

function matches(text: string, label: Label): boolean {
  return typeof label === 'string' ? text.trim() === label : label.test(text);
}

async function textOf(locator: Locator): Promise<string> {
  return (await locator.first().innerText({ timeout: 2_000 }).catch(() => '')).trim();
}

/** Polls `read()` until `done(text)` holds or UI_MS pass; returns the last text read. */
async function readUntil(read: () => Promise<string>, done: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + UI_MS;
  let text = await read();
  while (!done(text) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    text = await read();
  }
  return text;
}

/**
 * Presses `key` until `read()` matches `label` (at most `max` times); fails with what it saw. The
 * focus moves a render after the key, later on a loaded machine: after each key it waits for the
 * focused row to change before it reads on, so it never presses past a row it has not seen.
 */
async function pressUntil(page: Page, key: string, read: () => Promise<string>, label: Label, max = 40): Promise<void> {
  const seen: string[] = [];
  let text = await readUntil(read, (t) => t !== '');
  for (let i = 0; i <= max; i++) {
    if (matches(text, label)) return;
    seen.push(text);
    const before = text;
    await page.keyboard.press(key);
    text = await readUntil(read, (t) => t !== '' && t !== before);
    // The focus did not move within UI_MS: the list ended (or the UI is stuck). Pressing on would
    // only repeat that wait, up to `max` times.
    if (text === before) throw new Error(`${key} no longer moves the focus from "${before}", and never reached ${label}; passed: ${seen.join(' | ')}`);
  }
  throw new Error(`${key} never reached ${label}; passed: ${seen.join(' | ')}`);
}

const quickInput = (page: Page) => page.locator('.quick-input-widget');

async function focusedQuickPickRow(page: Page): Promise<string> {
  return textOf(quickInput(page).locator('.monaco-list-row.focused .label-name'));
}

/** Types into the open quick input and accepts the row labelled `label` with arrows and Enter. */
async function pickByKeyboard(page: Page, typed: string, label: Label): Promise<void> {
  await quickInput(page).locator('input.input').waitFor({ state: 'visible', timeout: UI_MS });
  await page.keyboard.type(typed);
  await quickInput(page).locator('.monaco-list-row .label-name', { hasText: label }).first().waitFor({ state: 'visible', timeout: UI_MS });
  await pressUntil(page, 'ArrowDown', () => focusedQuickPickRow(page), label, 15);
  await page.keyboard.press('Enter');
}

/** F1, the command's title, Enter on exactly that command. */
async function paletteByKeyboard(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await pickByKeyboard(page, title, title);
}

async function focusedTreeRow(pane: Locator): Promise<string> {
  return textOf(pane.locator('.monaco-list-row.focused .label-name'));
}

/** Moves the tree's focus down to the row labelled `label`. */
async function arrowTo(page: Page, pane: Locator, label: Label): Promise<Locator> {
  await pressUntil(page, 'ArrowDown', () => focusedTreeRow(pane), label);
  return pane.locator('.monaco-list-row.focused').first();
}

/**
 * Right on the focused row until it is expanded and `child` is drawn under it. The row reads expanded
 * while its children still load (a slow call, a loaded machine); an arrow pressed then would pass them.
 */
async function expandFocused(page: Page, pane: Locator, row: Locator, child: Label): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
  await page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout: UI_MS });
  await pane.locator('.monaco-list-row .label-name').filter({ hasText: child }).first().waitFor({ state: 'visible', timeout: UI_MS });
}

export async function run(ctx: E2EContext): Promise<void> {
  assert.ok(ctx.emulatorUrl, 'the keyboard scenario changes a service of the demo seed');
  const control = new EmulatorControl(ctx.emulatorUrl);
  await ctx.activityBarItem().waitFor({ state: 'visible', timeout: 30_000 });
  await control.reset('demo');
  try {
    await scaleFromTheTree(ctx);
    await deployQuickPicks(ctx, control);
  } finally {
    await ctx.page.keyboard.press('Escape').catch(() => undefined);
    await control.reset('demo');
  }
}

async function scaleFromTheTree(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  // The view's focus command from the palette puts the keyboard focus in the Clusters tree.
  await paletteByKeyboard(page, 'ECS Workbench: Focus on Clusters View');
  const clusters = ctx.viewPane('Clusters');
  const tree = clusters.locator('.monaco-list').first();
  await tree.waitFor({ state: 'visible', timeout: UI_MS });
  await clusters.locator('.monaco-list-row .label-name', { hasText: 'production' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  // When the view was already showing at load, the command can run before the extension has filled
  // the tree; the focus then stays outside it (VS Code focuses a tree only once it has one). A
  // person presses it again; so does this scenario.
  const inTree = () => page.evaluate(() => document.activeElement?.closest('.pane-body .monaco-list') != null);
  if (!(await inTree())) await paletteByKeyboard(page, 'ECS Workbench: Focus on Clusters View');
  await page.waitForFunction(() => document.activeElement?.closest('.pane-body .monaco-list') != null, undefined, { timeout: UI_MS });

  // Down to the production cluster, Right to expand it, down to Services, expand, down to web.
  await expandFocused(page, clusters, await arrowTo(page, clusters, 'production'), /^Services$/);
  await expandFocused(page, clusters, await arrowTo(page, clusters, 'Services'), /^web$/);
  const web = await arrowTo(page, clusters, 'web');
  assert.match(await web.innerText(), /2\/2 running/);
  // The row reads its state to a screen reader: name and summary.
  assert.match((await web.getAttribute('aria-label')) ?? '', /^web, 2\/2 running/);

  // Shift+F10: the context menu of the focused row; arrows to Scale Service, Enter.
  await page.keyboard.press('Shift+F10');
  const menu = page.locator('.context-view .monaco-menu').first();
  await menu.waitFor({ state: 'visible', timeout: UI_MS });
  const labels = (await menu.locator('.action-item .action-label').allInnerTexts()).map((l) => l.trim()).filter(Boolean);
  for (const expected of ['Scale Service…', 'Force New Deployment', 'Deploy Service…']) {
    assert.ok(labels.some((l) => l.replace(/\.\.\.$/, '…') === expected || l === expected.replace('…', '')), `context menu offers ${expected}: ${labels.join(' | ')}`);
  }
  await pressUntil(page, 'ArrowDown', () => textOf(menu.locator('.action-item.focused .action-label')), /^Scale Service/);
  await ctx.screenshot('context-menu');
  await page.keyboard.press('Enter');

  // The input box starts at the current count, selected: typing replaces it.
  const box = quickInput(page);
  await box.locator('input.input').waitFor({ state: 'visible', timeout: UI_MS });
  await page.waitForFunction(() => document.activeElement?.closest('.quick-input-widget') != null, undefined, { timeout: UI_MS });
  assert.equal(await box.locator('input.input').inputValue(), '2');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await ctx.screenshot('scale-input');
  await page.keyboard.press('Enter');

  // The confirmation is a modal whose focused (default) button is the action: Enter confirms.
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: UI_MS });
  assert.match(await dialog.innerText(), /Scale service "web" in cluster "production" to 3\?/);
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  assert.equal(focused, 'Scale', 'the dialog opens with its action button focused');
  await ctx.screenshot('scale-confirm');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden', timeout: UI_MS });

  // The tree shows the new desired count (refreshed after the change).
  await clusters.locator('.monaco-list-row', { hasText: /\/3 running/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await ctx.screenshot('scaled');
}

async function deployQuickPicks(ctx: E2EContext, control: EmulatorControl): Promise<void> {
  const { page } = ctx;
  // A slow account: the person types the cluster and presses Enter before the list has loaded.
  // That Enter selects nothing; the pick stays open (it used to end the command silently).
  // 4 s: long enough that typing and Enter land before the list even on a loaded machine.
  await control.setLatency(4_000);
  try {
    await paletteByKeyboard(page, 'ECS Workbench: Deploy Service…');
    await quickInput(page).locator('.quick-input-title', { hasText: 'Deploy: cluster' }).waitFor({ state: 'visible', timeout: UI_MS });
    await page.keyboard.type('production');
    await page.keyboard.press('Enter');
    // Once the list has loaded (after the latency), the cluster pick is still the one shown: the early
    // Enter neither closed it nor moved on. Waiting for the rows, not for a time, makes that the check.
    await quickInput(page).locator('.monaco-list-row .label-name', { hasText: /^production$/ }).first().waitFor({ state: 'visible', timeout: UI_MS });
    assert.ok(await quickInput(page).locator('.quick-input-title', { hasText: 'Deploy: cluster' }).isVisible(), 'Enter before the list loads leaves the cluster pick open');
  } finally {
    await control.setLatency(0);
  }
  await pressUntil(page, 'ArrowDown', () => focusedQuickPickRow(page), /^production$/, 15);
  await page.keyboard.press('Enter');
  await pickByKeyboard(page, 'web', /^web$/);
  await pickByKeyboard(page, 'web:3', /^web:3$/);
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: UI_MS });
  assert.match(await dialog.innerText(), /Revision: web:\d+ → web:3/);
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  assert.equal(focused, 'Deploy', 'the deploy confirmation opens with Deploy focused');
  await ctx.screenshot('deploy-confirm');
  // Escape cancels: nothing is deployed or watched.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden', timeout: UI_MS });
  await page.waitForTimeout(1_000);
  assert.doesNotMatch(await ctx.statusBarText(), /web → web:3/);
}
