// E2E harness: runs Playwright scenarios against the packaged VSIX installed into code-server, the
// way a user sees it. scripts/run-e2e.mjs packages and installs the VSIX, starts the emulator and
// code-server, then calls runScenarios() with a browser; each scenario gets a fresh workbench page.
//
// A scenario is a module in test/e2e/scenarios/*.e2e.ts exporting:
//   export const name = 'what it shows';
//   export async function run(ctx: E2EContext): Promise<void>;
// It passes when run() resolves; a throw (or a timeout) fails it and saves a `-failure` screenshot.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';

export interface E2EContext {
  /** The workbench page, already loaded with the workspace open. */
  readonly page: Page;
  /** Saves `test-results/screenshots/<scenario>-<name>.png` and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Base URL of the local AWS emulator (control endpoints under /_emulator/), if it runs. */
  readonly emulatorUrl: string | undefined;
  /** The local docker-registry standing behind the emulator's ECR (`127.0.0.1:<port>`), if one runs. */
  readonly registryHost: string | undefined;
  /** The workspace folder open in the editor (a temp copy of test/fixtures/workspace). */
  readonly workspace: string;
  /** Runs a command by its palette title (F1, type, Enter), e.g. `ECS Workbench: Show Log`. */
  runCommand(title: string): Promise<void>;
  /** Opens the ECS Workbench view container from the activity bar and returns its side bar. */
  openView(): Promise<Locator>;
  /** Moves the mouse to the editor area and waits for any hover/tooltip to go away. */
  moveMouseAway(): Promise<void>;
  /** The activity-bar entry of the ECS Workbench view container. */
  activityBarItem(): Locator;
  /** A view's pane (header and body) in the side bar, by its title, e.g. `Clusters`. */
  viewPane(title: string): Locator;
  /** Texts of the notifications currently shown. */
  notifications(): Promise<string[]>;
  /** Text of the status bar. */
  statusBarText(): Promise<string>;
  /** Prints a line to the runner's output. */
  log(message: string): void;
}

export interface Scenario {
  readonly name: string;
  run(ctx: E2EContext): Promise<void>;
}

export interface ScenarioResult {
  readonly file: string;
  readonly name: string;
  readonly passed: boolean;
  readonly seconds: number;
  readonly error?: string;
  readonly screenshots: string[];
}

export interface RunScenariosOptions {
  readonly browser: Browser;
  /** The workbench URL (code-server with `?folder=`). */
  readonly url: string;
  readonly scenarioFiles: readonly string[];
  readonly screenshotDir: string;
  readonly workspace: string;
  readonly emulatorUrl?: string;
  readonly registryHost?: string;
  /** Only scenarios whose name or file matches this pattern run. */
  readonly grep?: string;
  readonly scenarioTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

const EXTENSION_CONTAINER = 'ECS Workbench';

/**
 * How long a scenario waits for the workbench to show something it has been asked for. The waits are
 * for conditions, so on a quiet machine they end in milliseconds; the bound is for a machine loaded
 * well past its cores (load 15 on 2 cores), where a render can take seconds.
 */
export const UI_MS = 30_000;
/** The bound on a whole scenario (the getting-started path builds and pushes an image with podman). */
const SCENARIO_MS = 600_000;

/**
 * The quick input's text box once it is shown and has the keyboard focus. Keys typed before then go
 * to whatever had the focus, and a picker that loses the focus closes, so "visible" alone is not enough.
 */
export async function focusedQuickInput(page: Page, timeoutMs = UI_MS): Promise<Locator> {
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await page.waitForFunction("document.activeElement?.matches('.quick-input-widget input.input') ?? false", undefined, { timeout: timeoutMs });
  return input;
}

/**
 * Accepts the quick-pick row that shows `label`. The list filters a render after the text is typed, on
 * a loaded machine seconds later; until then the focused row is the unfiltered list's first, and Enter
 * would accept that one (another region, the last command run). So Enter waits until the focused row
 * is the wanted one; when the filter leaves it below another row, it is clicked.
 */
export async function acceptQuickPickRow(page: Page, label: string | RegExp): Promise<void> {
  const wanted = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await wanted.waitFor({ state: 'visible', timeout: UI_MS });
  const focused = page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: label }).first();
  const focusedInTime = await focused
    .waitFor({ state: 'visible', timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (focusedInTime) await page.locator('.quick-input-widget input.input').press('Enter');
  else await wanted.click();
}

/** Loads the workbench and waits until it is usable (activity bar and status bar drawn). */
export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  return page;
}

function safeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function createContext(page: Page, scenario: string, opts: RunScenariosOptions, shots: string[]): E2EContext {
  const log = opts.log ?? ((line: string) => console.log(line));
  const ctx: E2EContext = {
    page,
    emulatorUrl: opts.emulatorUrl,
    registryHost: opts.registryHost,
    workspace: opts.workspace,
    async screenshot(name) {
      fs.mkdirSync(opts.screenshotDir, { recursive: true });
      const file = path.join(opts.screenshotDir, `${safeName(scenario)}-${safeName(name)}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
      return file;
    },
    async runCommand(title) {
      // The palette closes when something else takes the focus (a view that redraws after the emulator
      // was reset, the walkthrough): then it is opened again, a bounded number of times.
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('F1');
        const input = await focusedQuickInput(page).catch((error: unknown) => {
          if (attempt === 3) throw error;
          return undefined; // the palette closed at once (the walkthrough took the focus): again
        });
        if (!input) {
          log(`    the command palette closed before it could be typed in; opening it again`);
          continue;
        }
        await input.fill(`>${title}`);
        const listed = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
        const palette = page.locator('.quick-input-widget');
        const seen = await Promise.race([
          listed.waitFor({ state: 'visible', timeout: UI_MS }).then(() => 'listed' as const, () => 'timeout' as const),
          palette.waitFor({ state: 'hidden', timeout: UI_MS }).then(() => 'closed' as const, () => 'timeout' as const),
        ]);
        if (seen === 'listed') break;
        if (attempt === 3) throw new Error(`the command palette did not list "${title}" (${seen === 'closed' ? 'it closed' : `not within ${UI_MS} ms`}, ${attempt} times)`);
        // Open but without the command (seen in full runs, right after the themes scenario; the cause is
        // not known, perhaps a list taken before the command was enabled: it needs workspace trust).
        if (seen === 'timeout') {
          await page.keyboard.press('Escape');
          await palette.waitFor({ state: 'hidden', timeout: UI_MS });
        }
        log(`    the command palette ${seen === 'closed' ? 'closed before it listed' : 'did not list'} "${title}"; opening it again`);
      }
      await acceptQuickPickRow(page, title);
      // The palette has run the command once it no longer shows it: it closed, or the quick input now
      // belongs to the command's own picker.
      const typed = JSON.stringify(`>${title}`);
      await page.waitForFunction(
        `(() => {
          const widget = document.querySelector('.quick-input-widget');
          const box = document.querySelector('.quick-input-widget input.input');
          return !widget || getComputedStyle(widget).display === 'none' || box?.value !== ${typed};
        })()`,
        undefined,
        { timeout: UI_MS },
      );
    },
    activityBarItem() {
      return page.locator(`.part.activitybar .action-item:has(.action-label[aria-label^="${EXTENSION_CONTAINER}"])`);
    },
    async openView() {
      const item = ctx.activityBarItem();
      await item.waitFor({ state: 'visible', timeout: 30_000 });
      const checked = await item.getAttribute('aria-selected').catch(() => null);
      const sidebar = page.locator('.part.sidebar');
      const title = sidebar.locator('.composite.title', { hasText: EXTENSION_CONTAINER });
      if (checked !== 'true' || !(await title.isVisible())) await item.click();
      await title.waitFor({ state: 'visible', timeout: UI_MS });
      // Move off the activity bar so its tooltip does not end up in screenshots.
      await ctx.moveMouseAway();
      return sidebar;
    },
    async moveMouseAway() {
      const size = page.viewportSize() ?? { width: 1400, height: 900 };
      await page.mouse.move(Math.round(size.width * 0.7), Math.round(size.height * 0.5));
      await page
        .locator('.workbench-hover-container, .monaco-hover')
        .first()
        .waitFor({ state: 'hidden', timeout: 3_000 })
        .catch(() => undefined);
    },
    viewPane(title) {
      return page.locator('.part.sidebar .pane', {
        has: page.locator('.pane-header', { hasText: title }),
      });
    },
    async notifications() {
      return page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts();
    },
    async statusBarText() {
      return page.locator('.part.statusbar').innerText();
    },
    log: (message) => log(`    ${message}`),
  };
  return ctx;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function loadScenario(file: string): Scenario {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as Partial<Scenario>;
  if (typeof mod.name !== 'string' || typeof mod.run !== 'function') {
    throw new Error(`${path.basename(file)} must export \`name\` (string) and \`run(ctx)\``);
  }
  return mod as Scenario;
}

/** Runs the scenarios one after the other, each on a fresh workbench page; never throws. */
export async function runScenarios(opts: RunScenariosOptions): Promise<ScenarioResult[]> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const grep = opts.grep ? new RegExp(opts.grep, 'i') : undefined;
  const results: ScenarioResult[] = [];
  for (const file of opts.scenarioFiles) {
    const started = Date.now();
    const shots: string[] = [];
    let scenario: Scenario;
    try {
      scenario = loadScenario(file);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      log(`  ✗ ${path.basename(file)}: ${error}`);
      results.push({ file, name: path.basename(file), passed: false, seconds: 0, error, screenshots: shots });
      continue;
    }
    if (grep && !grep.test(scenario.name) && !grep.test(path.basename(file))) continue;
    let page: Page | undefined;
    try {
      page = await openWorkbench(opts.browser, opts.url);
      const ctx = createContext(page, scenario.name, opts, shots);
      await withTimeout(scenario.run(ctx), opts.scenarioTimeoutMs ?? SCENARIO_MS, `scenario "${scenario.name}"`);
      const seconds = (Date.now() - started) / 1000;
      log(`  ✔ ${scenario.name} (${seconds.toFixed(1)} s)`);
      results.push({ file, name: scenario.name, passed: true, seconds, screenshots: shots });
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      if (page) {
        await createContext(page, scenario.name, opts, shots)
          .screenshot('failure')
          .catch(() => undefined);
      }
      const seconds = (Date.now() - started) / 1000;
      log(`  ✗ ${scenario.name} (${seconds.toFixed(1)} s)\n${error.replace(/^/gm, '      ')}`);
      results.push({ file, name: scenario.name, passed: false, seconds, error, screenshots: shots });
    } finally {
      await page?.close().catch(() => undefined);
    }
  }
  return results;
}

// Helpers the scenarios share (tree rows, panes, Quick Open).

/** The `nth` row of a tree view whose label matches `label`. */
export function treeRow(pane: Locator, label: string | RegExp, nth = 0): Locator {
  return pane
    .locator('.monaco-list-row')
    .filter({ has: pane.page().locator('.label-name', { hasText: label }) })
    .nth(nth);
}

/**
 * Expands a tree row unless it is expanded already; returns it. `clickTwistie` clicks the arrow
 * instead of the row, so the row does not become selected (a selected row paints another background).
 */
export async function expandTreeRow(pane: Locator, label: string | RegExp, { nth = 0, clickTwistie = false } = {}): Promise<Locator> {
  const r = treeRow(pane, label, nth);
  await r.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await r.getAttribute('aria-expanded')) !== 'true') await (clickTwistie ? r.locator('.monaco-tl-twistie') : r).click();
  await pane.page().waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await r.elementHandle(), { timeout: UI_MS });
  return r;
}

/** Expands or collapses a view's pane in the side bar by its title. */
export async function setPaneExpanded(ctx: E2EContext, title: string, expanded: boolean): Promise<void> {
  const header = ctx.viewPane(title).locator('.pane-header').first();
  await header.waitFor({ state: 'visible', timeout: UI_MS });
  if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded) await header.click();
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor tab. */
export async function quickOpenFile(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = await focusedQuickInput(page);
  await input.fill(file);
  await acceptQuickPickRow(page, file);
  await page.locator('.tabs-container .tab', { hasText: file }).first().waitFor({ state: 'visible', timeout: UI_MS });
}

// The Getting Started walkthrough moves the focus on its own timer.

/**
 * Counts the walkthrough's own focus moves. VS Code's walkthrough focuses its selected step on a
 * timer (setTimeout, 250 ms with animations) each time it opens, comes back to the front or selects
 * a step; a picker opened before that timer fires loses the focus and closes. Under load the timer
 * fires seconds late, so the scenario waits for the focus move itself, never for a fixed time.
 */
export async function countStepFocus(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    if (window.__stepFocusMoves !== undefined) return;
    window.__stepFocusMoves = 0;
    const focus = HTMLElement.prototype.focus;
    HTMLElement.prototype.focus = function (...args) {
      if (this.matches('.getting-started-step')) window.__stepFocusMoves += 1;
      return focus.apply(this, args);
    };
  })()`);
}

const STEP_FOCUS_MOVES = 'window.__stepFocusMoves ?? 0';

/** Runs `action`, which makes the walkthrough select a step, and waits until it has focused that step. */
export async function thenStepFocused(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = Number(await page.evaluate(STEP_FOCUS_MOVES));
  await action();
  await page.waitForFunction(`(${STEP_FOCUS_MOVES}) > ${before}`, undefined, { timeout: UI_MS });
}

/**
 * Whether the workbench has written the extension's stored state (key: the extension id; global and
 * workspace state alike) to the page's IndexedDB, from where a reloaded window reads it, with `key`
 * and every one of `values` in it.
 */
export function extensionStateStored(page: Page, key: string, values: readonly string[]): Promise<boolean> {
  return page.evaluate(`(async () => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    for (const { name } of await indexedDB.databases()) {
      if (!name || !name.startsWith('vscode-web-state-db')) continue;
      const db = await request(indexedDB.open(name));
      try {
        if (!db.objectStoreNames.contains('ItemTable')) continue;
        const value = await request(db.transaction('ItemTable').objectStore('ItemTable').get('ecs-workbench.ecs-workbench'));
        if (typeof value === 'string' && value.includes(${JSON.stringify(key)}) && ${JSON.stringify(values)}.every((v) => value.includes(v))) return true;
      } finally {
        db.close();
      }
    }
    return false;
  })()`) as Promise<boolean>;
}
