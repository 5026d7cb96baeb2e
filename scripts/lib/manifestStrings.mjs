// The manifest's user-facing strings live in package.nls.json (issue 8: translatable), referenced from
// package.json as "%key%" (VS Code and vsce replace them). This module knows which manifest fields
// users read, derives their keys, moves raw strings into the bundle, and localizes a manifest for
// tools that render it (the README tables). `node scripts/manifest-nls.mjs` applies it;
// test/unit/infra/manifestNls fails when a user-facing string is not externalized.

const PREFIX = 'ecsWorkbench.';
const short = (id) => (id.startsWith(PREFIX) ? id.slice(PREFIX.length) : id);
const REF = /^%([^%\s]+)%$/;

/** Readable key of a viewsWelcome `when` clause: "ecsWorkbench.clusters.empty" → "clusters.empty". */
function whenKey(when) {
  return short(when.replace(/^!/, 'not.'))
    .replace(/[^A-Za-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Every user-facing string field of the manifest: `{ owner, field, key }`, where `owner[field]` is the
 * string (raw or a "%key%" reference) and `key` the bundle key it gets.
 */
export function* userFacingFields(pkg) {
  const c = pkg.contributes ?? {};
  for (const field of ['displayName', 'description']) if (typeof pkg[field] === 'string') yield { owner: pkg, field, key: `extension.${field}` };
  for (const [kind, capability] of Object.entries(pkg.capabilities ?? {})) {
    if (typeof capability?.description === 'string') yield { owner: capability, field: 'description', key: `capabilities.${kind}.description` };
  }
  for (const cmd of c.commands ?? []) {
    for (const field of ['title', 'shortTitle']) if (typeof cmd[field] === 'string') yield { owner: cmd, field, key: `command.${short(cmd.command)}.${field}` };
    // One category for all commands: one key.
    if (typeof cmd.category === 'string') yield { owner: cmd, field: 'category', key: 'command.category' };
  }
  for (const section of [c.configuration ?? []].flat()) {
    if (typeof section.title === 'string') yield { owner: section, field: 'title', key: 'configuration.title' };
    for (const [id, schema] of Object.entries(section.properties ?? {})) {
      for (const field of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) {
        if (typeof schema[field] === 'string') yield { owner: schema, field, key: `configuration.${short(id)}.${field}` };
      }
      for (const list of ['enumDescriptions', 'markdownEnumDescriptions']) {
        for (let i = 0; i < (schema[list] ?? []).length; i++) {
          const value = schema.enum?.[i];
          yield { owner: schema[list], field: i, key: `configuration.${short(id)}.${list}.${value ?? i}` };
        }
      }
    }
  }
  for (const containers of Object.values(c.viewsContainers ?? {})) {
    for (const vc of containers) if (typeof vc.title === 'string') yield { owner: vc, field: 'title', key: `viewsContainer.${short(vc.id)}.title` };
  }
  for (const views of Object.values(c.views ?? {})) {
    for (const v of views) {
      for (const field of ['name', 'contextualTitle']) if (typeof v[field] === 'string') yield { owner: v, field, key: `view.${short(v.id)}.${field}` };
    }
  }
  for (const w of c.viewsWelcome ?? []) {
    if (typeof w.contents === 'string') yield { owner: w, field: 'contents', key: `viewsWelcome.${short(w.view)}.${whenKey(w.when ?? 'always')}` };
  }
  for (const wt of c.walkthroughs ?? []) {
    const base = `walkthrough.${short(wt.id)}`;
    for (const field of ['title', 'description']) if (typeof wt[field] === 'string') yield { owner: wt, field, key: `${base}.${field}` };
    for (const step of wt.steps ?? []) {
      for (const field of ['title', 'description']) if (typeof step[field] === 'string') yield { owner: step, field, key: `${base}.step.${step.id}.${field}` };
      if (typeof step.media?.altText === 'string') yield { owner: step.media, field: 'altText', key: `${base}.step.${step.id}.altText` };
    }
  }
  for (const color of c.colors ?? []) {
    if (typeof color.description === 'string') yield { owner: color, field: 'description', key: `color.${short(color.id)}.description` };
  }
  for (const sub of c.submenus ?? []) {
    if (typeof sub.label === 'string') yield { owner: sub, field: 'label', key: `submenu.${short(sub.id)}.label` };
  }
}

/** The key a "%key%" reference names, or undefined for a raw string. */
export function referencedKey(value) {
  return typeof value === 'string' ? REF.exec(value)?.[1] : undefined;
}

/** The keys the manifest's user-facing fields reference. */
export function referencedKeys(pkg) {
  const keys = new Set();
  for (const { owner, field } of userFacingFields(pkg)) {
    const ref = referencedKey(owner[field]);
    if (ref) keys.add(ref);
  }
  return keys;
}

/** Problems: raw user-facing strings, references to missing keys, keys nothing references. */
export function checkManifest(pkg, nls) {
  const problems = [];
  const used = new Set();
  for (const { owner, field, key } of userFacingFields(pkg)) {
    const ref = referencedKey(owner[field]);
    if (!ref) problems.push(`${key}: "${String(owner[field]).slice(0, 60)}" is not in package.nls.json (run \`node scripts/manifest-nls.mjs\`)`);
    else if (!(ref in nls)) problems.push(`${key}: %${ref}% has no entry in package.nls.json`);
    else used.add(ref);
  }
  for (const key of Object.keys(nls)) if (!used.has(key)) problems.push(`package.nls.json: ${key} is not used by package.json`);
  return problems;
}

/** Moves raw user-facing strings into `nls` (mutates both); returns how many moved. */
export function externalize(pkg, nls) {
  let moved = 0;
  for (const { owner, field, key } of userFacingFields(pkg)) {
    const value = owner[field];
    if (referencedKey(value)) continue;
    if (key in nls && nls[key] !== value) throw new Error(`${key} is in package.nls.json with another text; rename one of them`);
    nls[key] = value;
    owner[field] = `%${key}%`;
    moved++;
  }
  return moved;
}

/** A copy of the manifest with "%key%" references replaced by their text, as VS Code shows it. */
export function localize(pkg, nls) {
  const walk = (value) => {
    if (typeof value === 'string') {
      const key = referencedKey(value);
      return key && key in nls ? nls[key] : value;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(pkg);
}
