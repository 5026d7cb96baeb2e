// The getting-started scenario's last step: what a user did while the walkthrough was closed shows
// as checked when it opens, and Release on the demo seed goes through after exactly one confirmation.
// The progress is reset (the extension's milestones and the workbench's checks) and the walkthrough
// closed; Release: Build, Push and Deploy… from the palette on production/web publishes the
// workspace's image to the sandbox ECR's my-app, registers the next web revision and deploys it (the
// emulator's clock advanced), with every modal dialog counted; then Get Started is opened again.
import * as assert from 'node:assert/strict';
import type { EmulatorControl } from '../emulator/control';
import { UI_MS, extensionStateStored, type E2EContext } from './harness';
import { STEPS, Walkthrough, closeAllEditors, pick, until, type Capture } from './walkthroughPage';

/** Forgets the walkthrough's progress: the extension's record first, then the workbench's checks. */
export async function resetWalkthroughProgress(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  await ctx.runCommand('ECS Workbench: Reset Getting Started Progress');
  await page.locator('.notification-toast', { hasText: 'Getting Started progress of ECS Workbench is reset' }).waitFor({ state: 'visible', timeout: UI_MS });
  await ctx.runCommand('Notifications: Clear All Notifications');
  await page.locator('.notification-toast').first().waitFor({ state: 'hidden', timeout: UI_MS });
  await ctx.runCommand('Developer: Reset Welcome Page Walkthrough Progress');
}

/**
 * Counts the modal dialogs the workbench shows from now on: each dialog box element once, however
 * often the workbench moves it in the page (`window.__modalDialogs` holds their messages).
 */
async function countModalDialogs(ctx: E2EContext): Promise<() => Promise<string[]>> {
  await ctx.page.evaluate(`(() => {
    window.__modalDialogs = [];
    const seen = new WeakSet();
    const look = () => {
      for (const box of document.querySelectorAll('.monaco-dialog-box')) {
        if (seen.has(box)) continue;
        seen.add(box);
        window.__modalDialogs.push(box);
      }
    };
    window.__modalObserver?.disconnect();
    window.__modalObserver = new MutationObserver(look);
    window.__modalObserver.observe(document.body, { childList: true, subtree: true });
  })()`);
  return async () =>
    (await ctx.page.evaluate('window.__modalDialogs.map((box) => (box.querySelector(".dialog-message-text") ?? box).textContent)')) as string[];
}

export async function releaseWithWalkthroughClosed(ctx: E2EContext, control: EmulatorControl, capture: Capture): Promise<void> {
  const { page } = ctx;
  await resetWalkthroughProgress(ctx);
  await closeAllEditors(page);
  await page.locator('.gettingStartedContainer').waitFor({ state: 'hidden', timeout: UI_MS });
  const modals = await countModalDialogs(ctx);

  await ctx.runCommand('ECS Workbench: Release: Build, Push and Deploy…');
  await pick(page, 'production');
  await pick(page, /^web/);
  // The checks run (service, revision, repositories, engine); then what to build and the tag.
  await pick(page, 'publish/app/Dockerfile');
  const tags = page.locator('.quick-input-widget', { hasText: 'Release web: tag' });
  await tags.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: UI_MS });
  await tags.locator('.monaco-list-row').first().click();

  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  const text = await dialog.innerText();
  const asked = /Release (\S+\/my-app:(\S+)) to production\/web as (web:\d+)\?/.exec(text);
  assert.ok(asked, `the confirmation names the image, the service and the revision: ${text}`);
  const [, image, tag, revision] = asked;
  assert.match(text, new RegExp(`Build and push the image ${escape(image)} to the repository my-app`));
  assert.match(text, new RegExp(`Register ${revision} from web:\\d+, with container web's image changed: \\S+ → ${escape(image)}`));
  assert.match(text, new RegExp(`Deploy ${revision} to production/web`));
  await ctx.moveMouseAway();
  await ctx.screenshot('release-confirmation');
  await dialog.locator('.monaco-button', { hasText: /^Release$/ }).click();
  await dialog.waitFor({ state: 'hidden', timeout: UI_MS });
  if (!capture.built.includes(image)) capture.built.push(image);

  const released = page.locator('.notification-toast', { hasText: `Released ${revision} to production/web (image tag ${tag}).` }).first();
  await until('the release is reported', () => released.isVisible(), 120_000, () => control.advance(10_000));
  const dialogs = await modals();
  assert.equal(dialogs.length, 1, `exactly one confirmation: ${JSON.stringify(dialogs)}`);
  assert.ok(await released.locator('.monaco-button', { hasText: 'Show Logs' }).isVisible(), 'the success message offers Show Logs');
  await ctx.screenshot('release-done');

  // Publish and deploy were reached with the walkthrough closed. The workbench checks a step on the
  // first time its context key holds in a window, so in this window (where steps 4 and 5 were done
  // before the reset) nothing checks them again; the next window does, from the milestones the
  // extension kept in its global state and publishes when it activates. Reload once they are stored.
  await until('the milestones are stored in the browser', () => extensionStateStored(ctx.page, 'ecsWorkbench.walkthrough.milestones', ['imagePublished', 'deploymentCompleted']), UI_MS);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  // The extension's connection item is there once the restored window has started it up (which
  // moves the focus about): the palette is opened after that.
  await page.locator('.part.statusbar .statusbar-item', { hasText: /· us-east-1/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
  const walkthrough = new Walkthrough(ctx);
  await walkthrough.open();
  // Opening it activates the extension (onWalkthrough), which publishes the kept milestones: at load 30 that can take long.
  await until('the walkthrough shows the release\'s steps checked', async () => (await walkthrough.isDone(STEPS.publish)) && (await walkthrough.isDone(STEPS.deploy)), 120_000);
  for (const t of [STEPS.connect, STEPS.lint]) assert.equal(await walkthrough.isDone(t), false, `"${t}" was reset and not done again`);
  await ctx.moveMouseAway();
  await ctx.screenshot('walkthrough-checked-on-open');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

