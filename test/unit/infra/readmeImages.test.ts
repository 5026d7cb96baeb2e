// The README's images are the e2e suite's screenshots (scripts/run-e2e.mjs copies them to
// media/screenshots/ after a passing run), never hand-made or left over: every image the README
// shows must be in media/screenshots and be one an e2e scenario takes, and media/screenshots holds
// nothing the README does not show.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { README_IMAGES, name as gettingStarted } from '../../e2e/scenarios/walkthrough.e2e';

// Compiled to out/test/unit/infra/: the repository root is four levels up.
const root = path.resolve(__dirname, '..', '..', '..', '..');
const imageDir = path.join(root, 'media', 'screenshots');
const scenarioDir = path.join(root, 'test', 'e2e', 'scenarios');

/** The harness's file name for a screenshot: `<scenario>-<name>.png`, both made file-safe. */
function shotFile(scenario: string, shot: string): string {
  const safe = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `${safe(scenario)}-${safe(shot)}.png`;
}

/** Every image file an e2e scenario writes, from the scenario sources. */
function producedImages(): Set<string> {
  const produced = new Set<string>();
  for (const file of fs.readdirSync(scenarioDir).filter((f) => f.endsWith('.e2e.ts'))) {
    const source = fs.readFileSync(path.join(scenarioDir, file), 'utf8');
    const scenario = /export const name = '([^']+)'/.exec(source)?.[1];
    if (!scenario) continue;
    // ctx.screenshot('x') and the getting-started scenario's capture.still('x').
    for (const m of source.matchAll(/\.(?:screenshot|still)\(\s*'([^']+)'/g)) produced.add(shotFile(scenario, m[1]));
  }
  return produced;
}

function readmeImages(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...new Set([...readme.matchAll(/media\/screenshots\/([A-Za-z0-9._-]+)/g)].map((m) => m[1]))];
}

describe('README images', () => {
  it('the getting-started scenario lists only images it writes', () => {
    const source = fs.readFileSync(path.join(scenarioDir, 'walkthrough.e2e.ts'), 'utf8');
    const produced = producedImages();
    for (const image of README_IMAGES) {
      if (image.endsWith('.png')) assert.ok(produced.has(image), `${image} is not a screenshot the scenario takes`);
      else assert.ok(image === `${gettingStarted}.gif` && /encodeGif\(/.test(source), `${image}: the scenario writes no such animation`);
    }
  });

  it('every image the README shows is in media/screenshots and taken by an e2e scenario', () => {
    const produced = new Set([...producedImages(), ...README_IMAGES]);
    const images = readmeImages();
    assert.ok(images.length > 0, 'the README shows screenshots');
    for (const image of images) {
      assert.ok(fs.existsSync(path.join(imageDir, image)), `README.md shows media/screenshots/${image}, which does not exist`);
      assert.ok(produced.has(image), `README.md shows media/screenshots/${image}, which no e2e scenario takes (hand-made or stale)`);
    }
  });

  it('media/screenshots holds only images the README shows', () => {
    const shown = new Set(readmeImages());
    const stale = fs.readdirSync(imageDir).filter((f) => !shown.has(f));
    assert.deepEqual(stale, [], 'remove these from media/screenshots or show them in the README');
  });

  it('the README shows the animated capture, and it is small', () => {
    const gif = `${gettingStarted}.gif`;
    assert.ok(readmeImages().includes(gif), `README.md shows media/screenshots/${gif}`);
    const size = fs.statSync(path.join(imageDir, gif)).size;
    assert.ok(size < 1.5 * 1024 * 1024, `${gif} is ${(size / 1024).toFixed(0)} KB: keep it under 1.5 MB`);
  });
});
