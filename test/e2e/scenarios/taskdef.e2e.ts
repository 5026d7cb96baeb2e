// A user opens a broken task definition: the Problems panel lists the linter's findings with their
// rule ids, and hovering `networkMode` shows its documentation from the ECS API model.
import * as assert from 'node:assert/strict';
import type { E2EContext } from '../harness';

export const name = 'taskdef';

export async function run(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  await ctx.activityBarItem().waitFor({ state: 'visible', timeout: 30_000 });

  // Quick Open the fixture, the way a user would.
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('broken.task-definition.json');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'broken.task-definition.json' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: 'networkMode' }).waitFor({ state: 'visible', timeout: 20_000 });

  // Problems panel: our findings with their rule ids.
  await ctx.runCommand('View: Focus Problems');
  const problems = page.locator('.markers-panel');
  await problems.waitFor({ state: 'visible', timeout: 15_000 });
  await problems.locator('.monaco-list-row', { hasText: 'TD010' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  const text = await problems.innerText();
  assert.match(text, /Fargate does not offer memory 4096 MiB with cpu 256/);
  assert.match(text, /TD021/);
  await page.mouse.move(700, 200);
  await ctx.screenshot('problems-panel');

  // Hover on networkMode: documentation from the model, through the contributed schema.
  const key = editor.locator('.view-line span', { hasText: 'networkMode' }).first();
  await key.hover();
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'networking mode' });
  await hover.first().waitFor({ state: 'visible', timeout: 20_000 });
  assert.match(await hover.first().innerText(), /awsvpc/);
  await ctx.screenshot('hover-networkMode');
}
