// Icons and media the manifest points at (issue 8): every path exists and ships in the VSIX; where
// an icon is an object it has both its light and dark variants (and the high-contrast ones it names);
// walkthrough images carry alt text; the walkthrough's markdown takes its colours from the theme (so
// it reads in high contrast); each colour the extension contributes has a default for all four kinds
// of theme (light, dark, high contrast, high contrast light).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ICON_COLORS } from '../../../src/explorer/model';

const root = path.resolve(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.join(root, 'package.json')) as Manifest;

type IconValue = string | { light?: string; dark?: string; hc?: string; hcLight?: string } | undefined;

interface Manifest {
  icon?: string;
  contributes: {
    viewsContainers?: Record<string, { id: string; icon?: IconValue }[]>;
    views?: Record<string, { id: string; icon?: IconValue }[]>;
    commands?: { command: string; icon?: IconValue }[];
    walkthroughs?: {
      id: string;
      icon?: IconValue;
      steps: { id: string; media: { image?: IconValue; svg?: string; markdown?: string; altText?: string } }[];
    }[];
    colors?: { id: string; description?: string; defaults: Record<string, string | null | undefined> }[];
  };
}

interface IconRef {
  readonly where: string;
  readonly value: IconValue;
}

/** Folders .vscodeignore leaves out of the VSIX (`dir/**` lines). */
function ignoredFolders(): string[] {
  const file = path.join(root, '.vscodeignore');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!') && l.endsWith('/**') && !l.startsWith('**'))
    .map((l) => l.slice(0, -3));
}

function isCodicon(value: string): boolean {
  return /^\$\([a-z0-9-]+(~[a-z]+)?\)$/.test(value);
}

function iconRefs(m: Manifest): IconRef[] {
  const refs: IconRef[] = [];
  const c = m.contributes;
  for (const [location, containers] of Object.entries(c.viewsContainers ?? {})) {
    for (const v of containers) refs.push({ where: `viewsContainers.${location}[${v.id}].icon`, value: v.icon });
  }
  for (const [container, views] of Object.entries(c.views ?? {})) {
    for (const v of views) if (v.icon !== undefined) refs.push({ where: `views.${container}[${v.id}].icon`, value: v.icon });
  }
  for (const cmd of c.commands ?? []) if (cmd.icon !== undefined) refs.push({ where: `commands[${cmd.command}].icon`, value: cmd.icon });
  for (const w of c.walkthroughs ?? []) {
    if (w.icon !== undefined) refs.push({ where: `walkthroughs[${w.id}].icon`, value: w.icon });
    for (const s of w.steps) {
      for (const key of ['image', 'svg', 'markdown'] as const) {
        if (s.media[key] !== undefined) refs.push({ where: `walkthroughs[${w.id}].steps[${s.id}].media.${key}`, value: s.media[key] });
      }
    }
  }
  return refs;
}

/** The files an icon value names (none for a codicon). */
function filesOf(ref: IconRef): { where: string; file: string }[] {
  const v = ref.value;
  if (typeof v === 'string') return isCodicon(v) ? [] : [{ where: ref.where, file: v }];
  if (!v) return [];
  return Object.entries(v).map(([variant, file]) => ({ where: `${ref.where}.${variant}`, file: String(file) }));
}

describe('manifest icons and media', () => {
  const refs = iconRefs(manifest);
  const files = [
    ...(manifest.icon ? [{ where: 'icon', file: manifest.icon }] : []),
    ...refs.flatMap(filesOf),
  ];

  it('finds the icons to check (the activity-bar icon, the marketplace icon, walkthrough media)', () => {
    assert.ok(files.some((f) => f.where.startsWith('viewsContainers.')), 'the activity-bar icon');
    assert.ok(files.some((f) => f.where === 'icon'), 'the marketplace icon');
    assert.ok(files.some((f) => f.where.startsWith('walkthroughs[')), 'walkthrough media');
  });

  it('every referenced icon or media file exists and is not left out of the VSIX', () => {
    const ignored = ignoredFolders();
    const problems: string[] = [];
    for (const { where, file } of files) {
      const abs = path.join(root, file);
      if (path.isAbsolute(file) || file.includes('..')) problems.push(`${where}: ${file} is not a path inside the extension`);
      else if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) problems.push(`${where}: ${file} does not exist`);
      else if (ignored.some((dir) => file === dir || file.startsWith(`${dir}/`))) problems.push(`${where}: ${file} is excluded by .vscodeignore`);
    }
    assert.deepEqual(problems, []);
  });

  it('icons given as objects have light and dark variants', () => {
    const problems: string[] = [];
    for (const ref of refs) {
      if (ref.value && typeof ref.value === 'object') {
        for (const variant of ['light', 'dark'] as const) if (!ref.value[variant]) problems.push(`${ref.where} has no ${variant} variant`);
      }
      if (typeof ref.value === 'string' && ref.where.startsWith('commands[') && !isCodicon(ref.value)) {
        problems.push(`${ref.where} is one image for every theme: use a codicon or { light, dark }`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('view-container icons are single-colour SVGs (VS Code draws them as masks in the theme colour)', () => {
    for (const { where, file } of files.filter((f) => f.where.startsWith('viewsContainers.'))) {
      assert.match(file, /\.svg$/, `${where}: ${file}`);
      const svg = fs.readFileSync(path.join(root, file), 'utf8');
      assert.match(svg, /<svg[\s>]/, `${where}: ${file} is an SVG`);
      const colours = new Set([...svg.matchAll(/(?:fill|stroke)="(#[0-9a-fA-F]{3,8}|rgb[^"]*)"/g)].map((m) => m[1].toLowerCase()));
      assert.ok(colours.size <= 1, `${where}: ${file} uses several colours (${[...colours].join(', ')}); only its shape shows`);
    }
  });

  it('the marketplace icon is a PNG of at least 128×128 (the marketplace takes no SVG)', () => {
    assert.ok(manifest.icon, 'package.json has an icon');
    const png = fs.readFileSync(path.join(root, manifest.icon!));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${manifest.icon} is a PNG`);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width >= 128 && height >= 128, `${manifest.icon} is ${width}×${height}`);
  });

  it('walkthrough images say what they show (altText), and markdown media keeps to the theme colours', () => {
    const problems: string[] = [];
    for (const w of manifest.contributes.walkthroughs ?? []) {
      for (const s of w.steps) {
        const where = `walkthroughs[${w.id}].steps[${s.id}].media`;
        if ((s.media.image !== undefined || s.media.svg !== undefined) && !s.media.altText?.trim()) problems.push(`${where} has no altText`);
        if (!s.media.markdown) continue;
        const file = path.join(root, s.media.markdown);
        if (!fs.existsSync(file)) continue; // reported above
        const md = fs.readFileSync(file, 'utf8');
        // Fixed colours would not follow a high-contrast theme; images need a text alternative.
        if (/style\s*=\s*["'][^"']*(?:color|background)/i.test(md) || /<font\b/i.test(md)) problems.push(`${s.media.markdown} sets its own colours`);
        for (const img of md.matchAll(/!\[([^\]]*)\]\(([^)\s]+)/g)) {
          if (!img[1].trim()) problems.push(`${s.media.markdown}: image ${img[2]} has no alt text`);
          const target = path.join(path.dirname(file), img[2]);
          if (!/^[a-z]+:/i.test(img[2]) && !fs.existsSync(target)) problems.push(`${s.media.markdown}: image ${img[2]} does not exist`);
        }
        for (const img of md.matchAll(/<img\b[^>]*>/gi)) if (!/\balt\s*=\s*["'][^"']+["']/i.test(img[0])) problems.push(`${s.media.markdown}: <img> without alt`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('contributed colours have a default for light, dark, high contrast and high contrast light', () => {
    const problems: string[] = [];
    for (const color of manifest.contributes.colors ?? []) {
      for (const kind of ['light', 'dark', 'highContrast', 'highContrastLight']) {
        if (!color.defaults[kind]) problems.push(`${color.id} has no ${kind} default`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the icon colours of the explorer that are its own are contributed', () => {
    const contributed = new Set((manifest.contributes.colors ?? []).map((c) => c.id));
    const own = Object.values(ICON_COLORS).filter((id) => id.startsWith('ecsWorkbench.'));
    assert.ok(own.length > 0);
    for (const id of own) assert.ok(contributed.has(id), `${id} is used by the explorer but not in contributes.colors`);
  });
});
