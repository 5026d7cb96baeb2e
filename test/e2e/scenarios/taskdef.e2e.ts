// A user opens a broken task definition: the Problems panel lists the linter's findings with their
// rule ids, Ctrl+. on the Fargate memory offers the size fix in both directions, and hovering
// `networkMode` shows its documentation from the ECS API model. Then a revision
// from the Task Definitions view is edited as a new revision: an unsaved copy with Register in its title.
// In an empty task-definition file, completion lists the new-file snippets with their whole labels.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UI_MS, acceptQuickPickRow, focusedQuickInput, quickOpenFile, type E2EContext } from '../harness';

export const name = 'taskdef';

export async function run(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  await ctx.activityBarItem().waitFor({ state: 'visible', timeout: 30_000 });

  // Quick Open the fixture, the way a user would.
  await quickOpenFile(page, 'broken.task-definition.json');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: 'networkMode' }).waitFor({ state: 'visible', timeout: UI_MS });

  // Problems panel: our findings with their rule ids.
  await ctx.runCommand('View: Focus Problems');
  const problems = page.locator('.markers-panel');
  await problems.waitFor({ state: 'visible', timeout: UI_MS });
  await problems.locator('.monaco-list-row', { hasText: 'TD010' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  const text = await problems.innerText();
  assert.match(text, /Fargate does not offer memory 4096 MiB with cpu 256/);
  assert.match(text, /TD021/);
  await page.mouse.move(700, 200);
  await ctx.screenshot('problems-panel');

  // Ctrl+. on the memory value: the Fargate size fix in both directions (nearest size, or keep cpu).
  await editor.locator('.view-line span', { hasText: '"4096"' }).first().click();
  await page.keyboard.press('Control+Period');
  const fixes = page.locator('.action-widget', { hasText: 'Keep cpu 256, set memory 2048' });
  await fixes.first().waitFor({ state: 'visible', timeout: UI_MS });
  assert.match(await fixes.first().innerText(), /Use the nearest valid Fargate size: cpu 512, memory 4096/);
  await ctx.screenshot('fargate-size-quick-fixes');
  await page.keyboard.press('Escape');

  // Hover on networkMode: documentation from the model, through the contributed schema.
  const key = editor.locator('.view-line span', { hasText: 'networkMode' }).first();
  await key.hover();
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'networking mode' });
  await hover.first().waitFor({ state: 'visible', timeout: UI_MS });
  assert.match(await hover.first().innerText(), /awsvpc/);
  await ctx.screenshot('hover-networkMode');

  await snippetCompletion(ctx);
  await editRevision(ctx);
}

const SNIPPETS = ['Fargate web service', 'EC2 bridge service', 'App with sidecar (dependsOn)'];

/**
 * Ctrl+Space in an empty task-definition file: the suggest widget lists the three snippets, each
 * label whole (issue 17: "ECS task definition: …" labels were cut to the same text).
 */
async function snippetCompletion(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  const file = path.join(ctx.workspace, 'taskdef', 'new.task-definition.json');
  fs.writeFileSync(file, '');
  try {
    // By its absolute path: Quick Open's file index may not list a file made a moment ago.
    await page.keyboard.press('Control+P');
    const input = await focusedQuickInput(page);
    await input.fill(file);
    await acceptQuickPickRow(page, 'new.task-definition.json');
    await page.locator('.tabs-container .tab', { hasText: 'new.task-definition.json' }).first().waitFor({ state: 'visible', timeout: UI_MS });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').click();
    const widget = page.locator('.editor-widget.suggest-widget');
    const row = (label: string) => widget.locator('.monaco-list-row', { hasText: label }).first();
    // The JSON language service gets the schema a moment after the file opens: ask again until the
    // snippets are there (an earlier Ctrl+Space may list only "{}").
    const deadline = Date.now() + UI_MS;
    for (;;) {
      await page.keyboard.press('Control+Space');
      const shown = await row(SNIPPETS[0]).waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
      if (shown) break;
      assert.ok(Date.now() < deadline, 'the snippets never appeared in the completion list');
      await page.keyboard.press('Escape');
    }
    for (const label of SNIPPETS) {
      const name = row(label).locator('.monaco-icon-label .label-name').first();
      await name.waitFor({ state: 'visible', timeout: UI_MS });
      assert.equal((await name.innerText()).trim(), label);
      // Cut off means its text is wider than the box that shows it (CSS ellipsis).
      const cut = await row(label).locator('.monaco-icon-label-container').first()
        .evaluate((el) => el.scrollWidth > el.clientWidth + 1);
      assert.equal(cut, false, `"${label}" is cut off in the suggest widget`);
    }
    await ctx.screenshot('snippet-completion');
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: UI_MS });
    await ctx.runCommand('View: Revert and Close Editor');
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function editRevision(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  await ctx.runCommand('View: Close All Editors');
  await ctx.openView();
  const pane = ctx.viewPane('Task Definitions');
  const header = pane.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const family = pane.locator('.monaco-list-row', { hasText: /^web/ }).first();
  await family.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await family.getAttribute('aria-expanded')) !== 'true') await family.locator('.monaco-tl-twistie').click();
  const revision = pane.locator('.monaco-list-row', { hasText: 'web:3' }).first();
  await revision.waitFor({ state: 'visible', timeout: 30_000 });
  await revision.click({ button: 'right' });
  const item = page.locator('.context-view .action-label', { hasText: 'Edit as New Revision' }).first();
  await item.waitFor({ state: 'visible', timeout: UI_MS });
  // The menu ignores a click that comes right after it opened (the right button's own release).
  await page.waitForTimeout(400);
  await item.click();
  const tab = page.locator('.tabs-container .tab.active', { hasText: 'web.task-definition.json' });
  await tab.waitFor({ state: 'visible', timeout: UI_MS });
  const title = page.locator('.editor-actions .action-label[aria-label^="Register Task Definition"]');
  await title.first().waitFor({ state: 'visible', timeout: UI_MS });
  await page.locator('.editor-instance .view-line', { hasText: '"containerDefinitions"' }).first().waitFor({ state: 'visible', timeout: UI_MS });
  await ctx.moveMouseAway();
  await ctx.screenshot('edit-as-new-revision');
  await ctx.runCommand('View: Revert and Close Editor');
}
