#!/usr/bin/env node
// Renders media/icon.png (128x128, the Marketplace icon) from media/icon.svg with Debian Chromium.
// Run it after changing the SVG; the PNG is committed because vsce needs a PNG icon.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, launchChromium } from './lib/host.mjs';

const svg = fs.readFileSync(path.join(ROOT, 'media', 'icon.svg'), 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">` +
      `<img id="icon" width="128" height="128" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">` +
      `</body></html>`,
  );
  await page.locator('#icon').evaluate((img) => img.decode());
  const out = path.join(ROOT, 'media', 'icon.png');
  await page.locator('#icon').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${path.relative(ROOT, out)} (${fs.statSync(out).size} bytes)`);
} finally {
  await browser.close();
}
