// Choosing a colour theme the way a user does (Preferences: Color Theme), for scenarios that show the
// product in several themes (themes, observe). The theme is a user setting shared with later
// scenarios: a scenario that changes it reads it first (currentThemeLabel) and puts it back in a finally.
import type { Locator, Page } from 'playwright-core';
import { UI_MS } from './harness';

// The functions passed to page.evaluate run in the browser; the project compiles without the DOM lib.
declare const document: any;

export async function workbenchKind(page: Page): Promise<string> {
  const cls = (await page.locator('.monaco-workbench').first().getAttribute('class')) ?? '';
  return /\b(hc-black|hc-light|vs-dark|vs)\b/.exec(cls)?.[1] ?? '';
}

/** Opens Preferences: Color Theme; returns its input. */
export async function openThemePicker(page: Page): Promise<Locator> {
  const input = page.locator('.quick-input-widget input.input');
  const themes = page.locator('.quick-input-widget .monaco-list-row', { hasText: /High Contrast/ }).first();
  // Right after the workbench loads, the built-in theme extensions may not be registered yet and the
  // picker lists none (it does not update when they arrive): close it and open it again, within UI_MS.
  const deadline = Date.now() + UI_MS;
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: UI_MS });
    await input.fill('>Preferences: Color Theme');
    // Several commands match the words ("Browse Color Themes in Marketplace"): take the exact one.
    await choose(page, input, 'Preferences: Color Theme');
    // The theme list replaces the command list; its active row is the current theme.
    const listed = await themes.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    if (listed) return input;
    if (Date.now() > deadline) throw new Error('Preferences: Color Theme listed no themes');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_MS });
  }
}

/**
 * Accepts the quick-pick row labelled exactly `label`: Enter when it is the active row (the mouse
 * stays off the tabs, so no tooltip ends up in a screenshot), a click on it otherwise.
 */
export async function choose(page: Page, input: Locator, label: string | RegExp): Promise<void> {
  const exact = page.locator('.quick-input-widget .monaco-list-row .label-name').getByText(label, { exact: true }).first();
  await exact.waitFor({ state: 'visible', timeout: UI_MS });
  const active = (await page.locator('.quick-input-widget .monaco-list-row.focused .label-name').first().innerText().catch(() => '')).trim();
  if (typeof label === 'string' ? active === label : label.test(active)) await input.press('Enter');
  else await exact.click();
}

export async function currentThemeLabel(page: Page): Promise<string> {
  await openThemePicker(page);
  const active = page.locator('.quick-input-widget .monaco-list-row.focused .label-name').first();
  const label = (await active.innerText().catch(() => '')).trim();
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_MS });
  return label;
}

export async function selectTheme(page: Page, label: string, kind?: string): Promise<void> {
  const input = await openThemePicker(page);
  await input.fill(label);
  await choose(page, input, label);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_MS });
  if (kind) {
    await page.waitForFunction((k) => new RegExp(`\\b${k}\\b`).test(document.querySelector('.monaco-workbench')?.className ?? ''), kind, { timeout: UI_MS });
  }
  await page.waitForTimeout(400);
}
