// Pure generator of the README's command and setting tables from package.json (issue 8: the tables
// cannot drift from the manifest), and of the lint rule table from the rule registry
// (src/taskdef/rules/index.ts). `npm run readme-tables` writes them; test/unit/infra/readmeTables
// fails when README.md differs from what this produces.

/** The blocks generated from package.json. */
export const BLOCKS = ['commands', 'settings'];
/** The block generated from the lint rule registry. */
export const RULES_BLOCK = 'rules';

/** Text safe inside a Markdown table cell: one line, pipes escaped. */
export function cell(text) {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');
}

function code(text) {
  return '`' + String(text).replace(/`/g, "'") + '`';
}

/** Where a command can be run from: the palette, a tree or view menu, or nowhere visible. */
function where(id, menus) {
  const palette = (menus.commandPalette ?? []).find((m) => m.command === id);
  if (!palette || palette.when === undefined) return 'palette';
  if (palette.when !== 'false') return `palette (when ${code(palette.when)})`;
  const inMenus = Object.entries(menus)
    .filter(([name]) => name !== 'commandPalette')
    .some(([, items]) => Array.isArray(items) && items.some((m) => m.command === id));
  return inMenus ? 'tree' : 'hidden';
}

export function commandsTable(pkg) {
  const contributes = pkg.contributes ?? {};
  const menus = contributes.menus ?? {};
  const rows = (contributes.commands ?? []).map((c) => {
    const title = c.category ? `${c.category}: ${c.title}` : c.title;
    return `| ${cell(title)} | ${code(c.command)} | ${where(c.command, menus)} |`;
  });
  return ['| command | id | where |', '| --- | --- | --- |', ...rows].join('\n');
}

function typeOf(schema) {
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  if (schema.type) return schema.type;
  if (schema.enum) return 'enum';
  return '';
}

export function settingsTable(pkg) {
  const configuration = pkg.contributes?.configuration ?? [];
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  const rows = [];
  for (const section of sections) {
    for (const [id, schema] of Object.entries(section.properties ?? {})) {
      const description = schema.markdownDescription ?? schema.description ?? '';
      const def = schema.default === undefined ? '' : code(JSON.stringify(schema.default));
      rows.push(`| ${code(id)} | ${cell(typeOf(schema))} | ${cell(def)} | ${cell(description)} |`);
    }
  }
  return ['| setting | type | default | description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/**
 * The lint rule table: one row per rule of the registry (`{id, severity, levels?, docs, fix?}`), its
 * cells in Markdown already (the registry's docs are written for this table).
 */
export function rulesTable(rules) {
  const rows = rules.map((r) => {
    const levels = (r.levels ?? [r.severity]).join('/');
    return `| ${r.id} | ${cell(r.docs)} | ${cell(r.fix ?? '')} | ${levels} |`;
  });
  return ['| id | checks | quick fix | default |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function generate(pkg) {
  return { commands: commandsTable(pkg), settings: settingsTable(pkg) };
}

function markers(name) {
  return { open: `<!-- generated: ${name} -->`, close: `<!-- /generated: ${name} -->` };
}

/** The text between a block's markers (trimmed), or undefined when the markers are missing. */
export function extractBlock(readme, name) {
  const { open, close } = markers(name);
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + open.length, end).trim();
}

/**
 * README with every generated block replaced (the rule table too when `rules` is given); throws when a
 * block's markers are missing.
 */
export function rewrite(readme, pkg, rules) {
  const tables = generate(pkg);
  const names = [...BLOCKS];
  if (rules) {
    tables[RULES_BLOCK] = rulesTable(rules);
    names.push(RULES_BLOCK);
  }
  let out = readme;
  for (const name of names) {
    const { open, close } = markers(name);
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) throw new Error(`README.md has no ${open} … ${close} block`);
    out = out.slice(0, start + open.length) + '\n' + tables[name] + '\n' + out.slice(end);
  }
  return out;
}
