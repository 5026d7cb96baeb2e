// The Getting Started walkthrough as the getting-started scenario drives it: its page (steps, their
// checks, its buttons), the scenario's capture (README screenshots and the animation's frames), and
// the small waits and clean-ups it needs. Not a scenario itself (test/e2e/scenarios holds those).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BatchDeleteImageCommand, ECRClient } from '@aws-sdk/client-ecr';
import type { Locator, Page } from 'playwright-core';
import { which } from '../emulator/localRegistry';
import type { Frame } from './animation';
import { UI_MS, acceptQuickPickRow, countStepFocus, focusedQuickInput, thenStepFocused, type E2EContext } from './harness';

export const TITLE = 'Get Started with ECS Workbench';
export const STEPS = {
  connect: 'Choose a profile and region',
  browse: 'Browse clusters',
  lint: 'Fix a lint finding',
  publish: 'Publish an image',
  deploy: 'Deploy and watch',
} as const;
export const SANDBOX_REGION = 'us-east-1';
export const LINT_FILE = 'broken-task-definition.json';

/** Why publishing cannot run here, or undefined when podman answers and a registry stands behind ECR. */
export function publishUnavailable(registry: boolean): string | undefined {
  if (!which('podman')) return 'podman is not installed (apt-get install podman)';
  if (spawnSync('podman', ['info'], { stdio: 'ignore', timeout: 30_000 }).status !== 0) return '`podman info` fails';
  if (!registry) return 'the emulator runs without a registry (install docker-registry and apache2-utils)';
  return undefined;
}

export class Capture {
  readonly frames: Frame[] = [];
  /** Images the scenario had podman build and tag (`host/my-app:tag`), removed at the end. */
  readonly built: string[] = [];
  /** Where the harness saves screenshots. */
  dir: string | undefined;
  constructor(private readonly ctx: E2EContext) {}

  /** A frame of the animation, after moving the mouse away (no hover, no tooltip). */
  async frame(delayMs = 1_400): Promise<void> {
    await this.ctx.moveMouseAway();
    this.frames.push({ png: await this.ctx.page.screenshot(), delayMs });
  }

  /** A README screenshot, which is also a (longer) frame of the animation. */
  async still(name: string): Promise<string> {
    await this.ctx.moveMouseAway();
    const file = await this.ctx.screenshot(name);
    this.dir = path.dirname(file);
    this.frames.push({ png: fs.readFileSync(file), delayMs: 2_600 });
    return file;
  }
}

export async function pick(page: Page, label: string | RegExp): Promise<void> {
  await focusedQuickInput(page);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: UI_MS });
  // A short bound: a row that stops being visible belongs to a picker that closed (the caller may retry).
  await row.click({ timeout: 10_000 });
}

export async function until(what: string, check: () => Promise<boolean>, timeoutMs = UI_MS, tick?: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await tick?.();
    await new Promise((r) => setTimeout(r, 250));
  }
}

export class Walkthrough {
  readonly editor: Locator;
  constructor(private readonly ctx: E2EContext) {
    this.editor = ctx.page.locator('.gettingStartedContainer');
  }

  step(title: string): Locator {
    return this.editor.locator('.getting-started-step', { hasText: title }).first();
  }

  /** VS Code marks a done step with the class `complete` on the step or on its checkbox icon. */
  isDone(title: string): Promise<boolean> {
    return this.step(title).evaluate((el) => el.classList.contains('complete') || el.querySelector('.complete') !== null);
  }

  async waitDone(title: string, timeoutMs = UI_MS): Promise<void> {
    await this.show();
    await until(`the walkthrough marks "${title}" done`, () => this.isDone(title), timeoutMs);
  }

  /** Opens the walkthrough from the palette (Welcome: Open Walkthrough…), as a user does. */
  async open(): Promise<void> {
    const { page } = this.ctx;
    await countStepFocus(page);
    // The pickers close when the workbench gives the focus elsewhere (still restoring after a reload,
    // a view that redraws): then they are opened again, a bounded number of times.
    for (let attempt = 1; ; attempt++) {
      try {
        await page.keyboard.press('F1');
        const input = await focusedQuickInput(page);
        await input.fill('>Welcome: Open Walkthrough');
        await acceptQuickPickRow(page, 'Open Walkthrough');
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: TITLE }).first().waitFor({ state: 'visible', timeout: UI_MS });
        await input.fill(TITLE);
        // Opening it selects the first step, and the walkthrough takes the focus for it once rendered.
        await thenStepFocused(page, () => pick(page, TITLE));
        break;
      } catch (error) {
        const closed = !(await page.locator('.quick-input-widget').isVisible());
        if (!closed || attempt === 3) throw error;
        this.ctx.log(`the walkthrough picker closed before it was answered (${attempt}); opening it again`);
      }
    }
    await this.editor.locator('.getting-started-category .category-title, h2', { hasText: TITLE }).first().waitFor({ state: 'visible', timeout: UI_MS });
    for (const t of Object.values(STEPS)) await this.step(t).waitFor({ state: 'attached', timeout: UI_MS });
  }

  /** Brings the walkthrough's editor tab to the front. */
  async show(): Promise<void> {
    const tab = this.ctx.page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first();
    if (!(await this.editor.isVisible()) && (await tab.count())) {
      // Back in front, the walkthrough renders its page again and focuses the selected step.
      await thenStepFocused(this.ctx.page, () => tab.click());
    }
    await this.editor.waitFor({ state: 'visible', timeout: UI_MS });
  }

  /** Expands a step and waits until the walkthrough has focused it (a quick pick opened before would close). */
  async expand(stepTitle: string): Promise<void> {
    await this.show();
    const step = this.step(stepTitle);
    if (!(await step.evaluate((el) => el.classList.contains('expanded')))) await thenStepFocused(this.ctx.page, () => step.click());
  }

  /** Expands a step and clicks one of the buttons of its description. */
  async button(stepTitle: string, label: string): Promise<void> {
    await this.expand(stepTitle);
    const button = this.step(stepTitle).locator('a, .button-link, .monaco-button', { hasText: label }).first();
    await button.waitFor({ state: 'visible', timeout: UI_MS });
    await button.click();
  }
}

export async function closeAllEditors(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+W');
}

export async function deletePushed(endpoint: string, images: readonly string[]): Promise<void> {
  const ecr = new ECRClient({ endpoint, region: SANDBOX_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    for (const image of images) {
      const m = /\/([^/:]+):([^:]+)$/.exec(image);
      if (!m) continue;
      const r = await ecr.send(new BatchDeleteImageCommand({ repositoryName: m[1], imageIds: [{ imageTag: m[2] }] }));
      if (r.failures?.length) throw new Error(r.failures.map((f) => `${f.failureCode}: ${f.failureReason}`).join('; '));
    }
  } finally {
    ecr.destroy();
  }
}

