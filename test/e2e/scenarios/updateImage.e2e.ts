// Update Image and the deploy confirmation as a user sees them on the demo seed (issue 17), after a
// Fargate-only revision (web:4) was registered last: Update Image from the palette asks for the cluster
// and the service, and its image picker says it starts from what staging/web runs (web:3), not from
// web:4; Deploy Service of web:4 to the EC2 service staging/web warns at the top of its confirmation.
// Both are cancelled (nothing registered, nothing deployed); the seed is restored in a finally.
import * as assert from 'node:assert/strict';
import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { EmulatorControl } from '../../emulator/control';
import { UI_MS, acceptQuickPickRow, type E2EContext } from '../harness';

export const name = 'update image from a service';

export async function run(ctx: E2EContext): Promise<void> {
  assert.ok(ctx.emulatorUrl, 'the update image scenario needs the emulator');
  const control = new EmulatorControl(ctx.emulatorUrl);
  const { page } = ctx;
  const quickInput = page.locator('.quick-input-widget');
  const dialog = page.locator('.monaco-dialog-box');
  // The view first, as a user would open it: the extension is active before the palette is asked.
  await ctx.openView();
  await control.reset('demo');
  const sdk = new ECSClient({ endpoint: ctx.emulatorUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    await sdk.send(new RegisterTaskDefinitionCommand({
      family: 'web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512',
      containerDefinitions: [{ name: 'web', image: 'scratch-test:1', essential: true }],
    }));

    await ctx.runCommand('ECS Workbench: Update Image');
    await acceptQuickPickRow(page, 'staging');
    await acceptQuickPickRow(page, /^web/);
    await quickInput.locator('.quick-input-title', { hasText: 'Update Image: new image (from web:3, what staging/web runs)' }).waitFor({ state: 'visible', timeout: UI_MS });
    await quickInput.locator('.monaco-list-row', { hasText: 'my-app:v1.5.1' }).first().waitFor({ state: 'visible', timeout: UI_MS });
    await ctx.moveMouseAway();
    await ctx.screenshot('update-image-from-service');
    await page.keyboard.press('Escape');
    await quickInput.waitFor({ state: 'hidden', timeout: UI_MS });

    await ctx.runCommand('ECS Workbench: Deploy Service');
    await acceptQuickPickRow(page, 'staging');
    await acceptQuickPickRow(page, /^web/);
    await acceptQuickPickRow(page, /^web:4/);
    await dialog.waitFor({ state: 'visible', timeout: UI_MS });
    const text = await dialog.innerText();
    assert.match(text, /Deploy web:4 to web\?/);
    assert.match(text, /⚠ web:4 is registered for FARGATE only \(requiresCompatibilities\), but staging\/web runs its tasks on EC2 \(launch type EC2\)\./);
    assert.match(text, /Revision: web:3 → web:4/);
    await ctx.moveMouseAway();
    await ctx.screenshot('deploy-warns-launch-type');
  } finally {
    sdk.destroy();
    if (await dialog.isVisible()) {
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden', timeout: UI_MS });
    }
    if (await quickInput.isVisible()) {
      await page.keyboard.press('Escape');
      await quickInput.waitFor({ state: 'hidden', timeout: UI_MS });
    }
    await control.reset('demo');
  }
}
