// The ECR repository's context menu on the demo seed (issue 17): Delete Untagged Images… and Delete
// Repository… are there, and Delete Repository's confirmation names the repository, its image count
// and whether running tasks use its images, with "Delete with 3 images" as its only action. The
// dialog is cancelled: nothing in the emulator changes.
import * as assert from 'node:assert/strict';
import { UI_MS, setPaneExpanded, treeRow, type E2EContext } from '../harness';

export const name = 'ecr repository actions';

export async function run(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  await ctx.openView();
  const clustersOpen = (await ctx.viewPane('Clusters').locator('.pane-header').first().getAttribute('aria-expanded')) === 'true';
  const reposOpen = (await ctx.viewPane('ECR Repositories').locator('.pane-header').first().getAttribute('aria-expanded')) === 'true';
  const dialog = page.locator('.monaco-dialog-box');
  try {
    await setPaneExpanded(ctx, 'Clusters', false);
    await setPaneExpanded(ctx, 'ECR Repositories', true);
    const repo = treeRow(ctx.viewPane('ECR Repositories'), 'my-app');
    await repo.waitFor({ state: 'visible', timeout: UI_MS });
    await repo.click({ button: 'right' });
    const menu = page.locator('.context-view');
    const deleteRepository = menu.locator('.action-label', { hasText: 'Delete Repository…' }).first();
    await deleteRepository.waitFor({ state: 'visible', timeout: UI_MS });
    await menu.locator('.action-label', { hasText: 'Delete Untagged Images…' }).first().waitFor({ state: 'visible', timeout: UI_MS });
    await ctx.screenshot('repository-menu');

    // The menu may ignore a click that comes right after it opened (the right button's release):
    // click until the confirmation shows, while the item is still there to click.
    const deadline = Date.now() + UI_MS;
    while (!(await dialog.isVisible())) {
      if (Date.now() > deadline) throw new Error('the Delete Repository confirmation did not open');
      if (await deleteRepository.isVisible()) await deleteRepository.click({ timeout: UI_MS }).catch(() => undefined);
      await dialog.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined);
    }
    const text = await dialog.innerText();
    assert.match(text, /Delete repository my-app\?/);
    assert.match(text, /my-app still holds 3 images \(2 tagged, 1 untagged, [\d.]+ MB\)/);
    // The demo seed's web services run my-app:v1.5.2 from this repository: the dialog names them.
    assert.match(text, /Running tasks use these images: [^:]*: service web in production \(2 tasks\), service web in staging \(2 tasks\)\./);
    const buttons = await dialog.locator('.monaco-button').allInnerTexts();
    assert.ok(buttons.includes('Delete with 3 images'), `buttons: ${buttons.join(', ')}`);
    assert.ok(!buttons.includes('Delete'), 'no plain Delete for a repository with images');
    await ctx.moveMouseAway();
    await ctx.screenshot('delete-repository-confirmation');
  } finally {
    if (await dialog.isVisible()) {
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden', timeout: UI_MS });
    }
    await page.keyboard.press('Escape'); // a context menu still open
    await setPaneExpanded(ctx, 'ECR Repositories', reposOpen);
    await setPaneExpanded(ctx, 'Clusters', clustersOpen);
  }
}
