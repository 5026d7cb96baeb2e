// The explorer (clusters expanded to services and tasks with their state icons), a task-definition
// editor with lint squiggles and the status bar, in the four kinds of theme VS Code ships: Light,
// Dark, High Contrast (dark) and High Contrast Light. Each theme gets a screenshot, and checks that
// are about legibility, not pixels: every theme colour the explorer's state icons use is defined in
// the theme and stands out from the side-bar background by at least 3:1 (WCAG 1.4.11, non-text
// contrast), each coloured icon on screen is drawn in a colour other than the text's, the
// high-contrast themes draw their contrast borders, the squiggles are drawn, and the status-bar item
// carries its spoken label. The theme is a user setting shared with later scenarios: it is put back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, JSHandle, Locator, Page } from 'playwright-core';
import { ICON_COLORS } from '../../../src/explorer/model';
import { UI_MS, expandTreeRow, quickOpenFile, setPaneExpanded, treeRow, type E2EContext } from '../harness';
import { choose, currentThemeLabel, selectTheme, workbenchKind } from '../themes';

export const name = 'themes';

// The functions passed to page.evaluate run in the browser; the project compiles without the DOM lib.
declare const document: any;
declare function getComputedStyle(el: any): any;
type Element = any;
type HTMLElement = any;

interface Theme {
  /** The name in Preferences: Color Theme. */
  readonly label: string;
  /** The class VS Code puts on `.monaco-workbench` for the theme's kind. */
  readonly kind: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light';
  readonly shot: string;
}

const THEMES: readonly Theme[] = [
  { label: 'Light Modern', kind: 'vs', shot: 'light' },
  { label: 'Dark Modern', kind: 'vs-dark', shot: 'dark' },
  { label: 'Dark High Contrast', kind: 'hc-black', shot: 'high-contrast-dark' },
  { label: 'Light High Contrast', kind: 'hc-light', shot: 'high-contrast-light' },
];

/** Theme colours the explorer draws icons with: the state colours, and the error node's. */
const EXPLORER_COLORS = [...new Set([...Object.values(ICON_COLORS), 'errorForeground'])];

/** Non-text contrast WCAG asks of icons that carry meaning. */
const MIN_ICON_CONTRAST = 3;

type Rgba = [number, number, number, number];

/** Colour maths that runs in the browser: put into a frame once with colourKit() and passed to page functions. */
interface ColourKit {
  /** `rgb(...)`/`rgba(...)` as computed by the browser; anything else is transparent black. */
  parse(c: string): Rgba;
  /** `fg` drawn over an opaque `bg`. */
  over(fg: Rgba, bg: Rgba): Rgba;
  /** WCAG contrast ratio of two opaque colours. */
  ratio(a: Rgba, b: Rgba): number;
  /** The background drawn behind `el`: the (translucent) backgrounds of it and its ancestors composed over `base`. */
  background(el: Element, base: Rgba): Rgba;
  /** Rounds a ratio to two decimals. */
  round(x: number): number;
}

/** Creates the ColourKit in the frame (or page) and returns a handle to pass to its evaluate calls. */
function colourKit(target: Page | Frame): Promise<JSHandle<ColourKit>> {
  return target.evaluateHandle((): ColourKit => {
    const parse = (c: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      const [r, g, b, a = 1] = (m ? m[1] : '0,0,0,0').split(',').map((x) => Number(x.trim()));
      return [r, g, b, a];
    };
    const over = (fg: Rgba, bg: Rgba): Rgba => [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3])).concat(1) as Rgba;
    const lum = (c: Rgba): number => {
      const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
    };
    const ratio = (a: Rgba, b: Rgba): number => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const background = (el: Element, base: Rgba): Rgba => {
      // Rows, panes and the side bar may each paint a (translucent) background: compose them.
      const layers: Rgba[] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      return layers.reverse().reduce<Rgba>((acc, c) => over(c, acc), base);
    };
    return { parse, over, ratio, background, round: (x) => Math.round(x * 100) / 100 };
  });
}

interface ColorCheck {
  readonly id: string;
  readonly value: string;
  /** The value as the browser computes it (`rgb(...)`), to compare with an element's colour. */
  readonly rgb: string;
  readonly contrast: number;
}

/** Reads each theme colour's CSS variable and its contrast against the side bar's background. */
async function themeColorContrasts(page: Page, ids: readonly string[]): Promise<ColorCheck[]> {
  const kit = await colourKit(page);
  return page.evaluate(
    ([colorIds, { parse, over, ratio, round }]) => {
      const probe = document.createElement('div');
      document.querySelector('.monaco-workbench')!.appendChild(probe);
      const resolve = (css: string): Rgba | undefined => {
        probe.style.color = '';
        probe.style.color = css;
        if (!probe.style.color) return undefined;
        const computed = getComputedStyle(probe).color;
        return /rgba?\(/.test(computed) ? parse(computed) : undefined;
      };
      const style = getComputedStyle(document.querySelector('.monaco-workbench')!);
      const bg = resolve(getComputedStyle(document.querySelector('.part.sidebar')!).backgroundColor) ?? [255, 255, 255, 1];
      const out = colorIds.map((id) => {
        const value = style.getPropertyValue(`--vscode-${id.replace(/\./g, '-')}`).trim();
        const fg = value ? resolve(value) : undefined;
        const rgb = fg ? getComputedStyle(probe).color : '';
        return { id, value, rgb, contrast: fg ? round(ratio(over(fg, bg), bg)) : 0 };
      });
      probe.remove();
      return out;
    },
    [ids, kit] as const,
  );
}

interface IconCheck {
  readonly codicon: string;
  readonly color: string;
  readonly text: string;
  readonly contrast: number;
}

/** The coloured icons drawn in a pane: their colour, the row's text colour and their contrast. */
async function coloredIcons(pane: Locator): Promise<IconCheck[]> {
  const kit = await colourKit(pane.page());
  return pane.locator('.monaco-list-row').evaluateAll(
    (rows, { parse, over, ratio, background, round }) => {
      const out: { codicon: string; color: string; text: string; contrast: number }[] = [];
      for (const r of rows) {
        const icon = r.querySelector<HTMLElement>('.custom-view-tree-node-item-icon');
        if (!icon || !icon.style.color) continue;
        const bg = background(icon, [255, 255, 255, 1]);
        const fg = over(parse(getComputedStyle(icon).color), bg);
        const label = r.querySelector('.label-name') ?? r;
        out.push({
          codicon: [...icon.classList].find((c) => c.startsWith('codicon-')) ?? '?',
          color: getComputedStyle(icon).color,
          text: getComputedStyle(label).color,
          contrast: round(ratio(fg, bg)),
        });
      }
      return out;
    },
    kit,
  );
}

export async function run(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  await ctx.activityBarItem().waitFor({ state: 'visible', timeout: 30_000 });
  const original = await currentThemeLabel(page);
  ctx.log(`theme before: ${original || '(unknown)'}`);
  try {
    await arrange(ctx);
    for (const theme of THEMES) await check(ctx, theme);
    // The walkthrough's markdown media in both high-contrast themes (it is rendered in a webview).
    for (const theme of THEMES.filter((t) => t.kind.startsWith('hc'))) await checkWalkthrough(ctx, theme);
  } finally {
    if (original) await selectTheme(page, original).catch(() => undefined);
  }
}

/** The explorer expanded down to services and tasks, and a broken task definition open beside it. */
async function arrange(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  await ctx.openView();
  await setPaneExpanded(ctx, 'Clusters', true);
  await setPaneExpanded(ctx, 'Task Definitions', false);
  await setPaneExpanded(ctx, 'ECR Repositories', false);
  const clusters = ctx.viewPane('Clusters');
  await expandTreeRow(clusters, 'production', { clickTwistie: true });
  await expandTreeRow(clusters, 'Services', { clickTwistie: true });
  await expandTreeRow(clusters, 'web', { clickTwistie: true });
  // web's children load after it expands; until they do, the first "Tasks" row is the cluster's.
  await treeRow(clusters, 'Deployments').waitFor({ state: 'visible', timeout: 30_000 });
  await expandTreeRow(clusters, 'Tasks', { clickTwistie: true });
  await expandTreeRow(clusters, /^staging$/, { clickTwistie: true });
  await expandTreeRow(clusters, /^Services$/, { nth: 1, clickTwistie: true });
  await clusters.locator('.monaco-list-row', { hasText: /RUNNING · / }).first().waitFor({ state: 'visible', timeout: 30_000 });

  await quickOpenFile(page, 'broken.task-definition.json');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: 'networkMode' }).waitFor({ state: 'visible', timeout: UI_MS });
  await editor.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 30_000 });
}

async function check(ctx: E2EContext, theme: Theme): Promise<void> {
  const { page } = ctx;
  await selectTheme(page, theme.label, theme.kind);
  assert.equal(await workbenchKind(page), theme.kind, `${theme.label} is a ${theme.kind} theme`);
  const clusters = ctx.viewPane('Clusters');
  await clusters.locator('.monaco-list-row', { hasText: /RUNNING · / }).first().waitFor({ state: 'visible', timeout: 30_000 });

  // Every state colour is defined in this theme and legible on the side bar.
  const colors = await themeColorContrasts(page, EXPLORER_COLORS);
  ctx.log(`${theme.shot}: ${colors.map((c) => `${c.id}=${c.value || 'undefined'} (${c.contrast}:1)`).join(', ')}`);
  for (const c of colors) {
    assert.ok(c.value, `${c.id} has no value in ${theme.label}: its icons would be drawn in the text colour`);
    assert.ok(c.contrast >= MIN_ICON_CONTRAST, `${c.id} (${c.value}) has ${c.contrast}:1 against the side bar in ${theme.label}, below ${MIN_ICON_CONTRAST}:1`);
  }

  // The icons on screen are drawn in the theme's colours (not stale ones from the previous theme).
  const icons = await coloredIcons(clusters);
  assert.ok(icons.length >= 3, `coloured state icons in the Clusters view: ${JSON.stringify(icons)}`);
  for (const icon of icons) {
    assert.notEqual(icon.color, icon.text, `${icon.codicon} is drawn in the text colour in ${theme.label}`);
    assert.ok(icon.contrast >= MIN_ICON_CONTRAST, `${icon.codicon} (${icon.color}) has ${icon.contrast}:1 in ${theme.label}`);
  }
  // ...and in this theme's colours: the tree sets them when it draws a row, so a theme switch must
  // redraw the rows (a stale colour from the previous theme would pass for a moment, then mislead).
  const current = new Set(colors.map((c) => c.rgb));
  const stale = icons.filter((i) => !current.has(i.color));
  assert.deepEqual(stale, [], `icons drawn in colours that are not ${theme.label}'s`);
  ctx.log(`${theme.shot}: ${icons.length} coloured icons, lowest contrast ${Math.min(...icons.map((i) => i.contrast))}:1`);

  // High contrast: the workbench draws its contrast borders (side bar edge, status bar top).
  if (theme.kind.startsWith('hc')) {
    const borders = await page.evaluate(() => {
      const width = (sel: string, side: 'Top' | 'Right' | 'Left') => {
        const el = document.querySelector(sel);
        if (!el) return 0;
        const s = getComputedStyle(el);
        return parseFloat(s[`border${side}Width`]) + parseFloat(s.outlineWidth || '0');
      };
      const sideBar = Math.max(width('.part.sidebar', 'Right'), width('.part.sidebar', 'Left'), width('.part.sidebar .composite', 'Right'));
      const statusBar = width('.part.statusbar', 'Top');
      const contrastBorder = getComputedStyle(document.querySelector('.monaco-workbench')!).getPropertyValue('--vscode-contrastBorder').trim();
      return { sideBar, statusBar, contrastBorder };
    });
    assert.ok(borders.contrastBorder, `${theme.label} defines contrastBorder`);
    assert.ok(borders.statusBar > 0 || borders.sideBar > 0, `${theme.label} draws contrast borders: ${JSON.stringify(borders)}`);
  }

  // The editor's lint findings are drawn as squiggles in this theme too.
  const squiggle = await page
    .locator('.editor-instance .monaco-editor .squiggly-error')
    .first()
    .evaluate((el) => {
      const s = getComputedStyle(el);
      return { image: s.backgroundImage, border: `${s.borderBottomStyle} ${s.borderBottomWidth}` };
    });
  assert.ok(squiggle.image !== 'none' || !/^none|0px/.test(squiggle.border), `squiggles visible in ${theme.label}: ${JSON.stringify(squiggle)}`);

  // The connection status-bar item is drawn and says what it is in words.
  const status = page.locator('.part.statusbar [aria-label^="AWS connection: profile"]').first();
  await status.waitFor({ state: 'visible', timeout: UI_MS });
  assert.match((await status.getAttribute('aria-label')) ?? '', /region us-east-1/);

  await ctx.moveMouseAway();
  await ctx.screenshot(theme.shot);
}

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** A manifest string, resolved through package.nls.json when it is a %key%. */
function manifestString(value: string): string {
  const key = /^%(.+)%$/.exec(value)?.[1];
  if (!key) return value;
  const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  return nls[key] ?? value;
}

interface WalkthroughInfo {
  readonly title: string;
  /** The first heading of the first step's markdown media. */
  readonly heading: string;
}

function walkthroughInfo(): WalkthroughInfo {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { walkthroughs: { title: string; steps: { media: { markdown?: string } }[] }[] };
  };
  const walkthrough = manifest.contributes.walkthroughs[0];
  const markdown = walkthrough.steps[0].media.markdown;
  assert.ok(markdown, 'the first walkthrough step has markdown media');
  const heading = /^#\s+(.+)$/m.exec(fs.readFileSync(path.join(ROOT, markdown), 'utf8'))?.[1]?.trim();
  assert.ok(heading, `${markdown} starts with a heading`);
  return { title: manifestString(walkthrough.title), heading };
}

async function openWalkthrough(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  const { title } = walkthroughInfo();
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: UI_MS });
  await input.fill('>Welcome: Open Walkthrough');
  await choose(page, input, /^Welcome: Open Walkthrough(\.\.\.|…)?$/);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: UI_MS });
  await input.fill(title);
  await choose(page, input, title);
  await page.locator('.gettingStartedContainer').first().waitFor({ state: 'visible', timeout: UI_MS });
}

/** The webview frame that shows the markdown media with this heading. */
async function mediaFrame(page: Page, heading: string): Promise<Frame> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.locator('h1', { hasText: heading }).first().isVisible().catch(() => false)) return frame;
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`no webview shows the walkthrough heading "${heading}"`);
}

async function checkWalkthrough(ctx: E2EContext, theme: Theme): Promise<void> {
  const { page } = ctx;
  const { heading } = walkthroughInfo();
  // The theme first, then the walkthrough: its webview takes the focus when it loads, which closes
  // a quick pick opened over it (so the theme picker is not used while it is open).
  await selectTheme(page, theme.label, theme.kind);
  await openWalkthrough(ctx);
  const frame = await mediaFrame(page, heading);
  // Text of the media against its background, as drawn in this theme.
  const kit = await colourKit(frame);
  const result = await frame
    .locator('h1', { hasText: heading })
    .first()
    .evaluate(
      (h1, { parse, over, ratio, background, round }) => {
        const root = getComputedStyle(document.documentElement);
        const probe = document.createElement('div');
        document.body.appendChild(probe);
        const cssColor = (value: string): Rgba | undefined => {
          if (!value) return undefined;
          probe.style.color = value;
          return parse(getComputedStyle(probe).color);
        };
        // The webview body is transparent: the editor behind it paints the background.
        const base = cssColor(root.getPropertyValue('--vscode-welcomePage-background').trim()) ?? cssColor(root.getPropertyValue('--vscode-editor-background').trim()) ?? [0, 0, 0, 1];
        const bg = background(h1, over(base, [255, 255, 255, 1]));
        const text = (el: Element) => round(ratio(over(parse(getComputedStyle(el).color), bg), bg));
        const body = [...document.querySelectorAll('p, li')] as Element[];
        const minBody = body.length ? Math.min(...body.map(text)) : 0;
        probe.remove();
        return { heading: text(h1), body: minBody, bodyCount: body.length, kind: document.body.className };
      },
      kit,
    );
  ctx.log(`walkthrough ${theme.shot}: heading ${result.heading}:1, body text at least ${result.body}:1 (${result.bodyCount} blocks; ${result.kind})`);
  assert.ok(result.heading >= 4.5 && result.body >= 4.5, `walkthrough media text contrast in ${theme.label}: ${JSON.stringify(result)}`);
  await ctx.moveMouseAway();
  await ctx.screenshot(`walkthrough-${theme.shot}`);
  const tab = page.locator('.tabs-container .tab.active').first();
  await tab.locator('.tab-actions .action-label').first().click();
  await page.locator('.gettingStartedContainer').first().waitFor({ state: 'hidden', timeout: UI_MS });
}
