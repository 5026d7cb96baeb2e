// Everything works from the keyboard (issue 8), as far as the manifest decides it: an action drawn
// only as an inline button on a tree row appears on hover and to the mouse; a view's title-bar button
// likewise. Each such command must also be in the row's context menu (Shift+F10) or in the palette.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');

interface MenuItem {
  command: string;
  group?: string;
  when?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.join(root, 'package.json')) as { contributes: { commands: { command: string }[]; menus: Record<string, MenuItem[]> } };

const menus = manifest.contributes.menus;
const hiddenFromPalette = new Set((menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
const inPalette = (command: string) => !hiddenFromPalette.has(command) && manifest.contributes.commands.some((c) => c.command === command);
const isInline = (m: MenuItem) => (m.group ?? '').startsWith('inline');

describe('keyboard reach of menu actions', () => {
  it('every inline tree-row action is also in the context menu or the palette', () => {
    const items = menus['view/item/context'] ?? [];
    const inContextMenu = new Set(items.filter((m) => !isInline(m)).map((m) => m.command));
    const unreachable = items.filter(isInline).filter((m) => !inContextMenu.has(m.command) && !inPalette(m.command)).map((m) => m.command);
    assert.ok(items.some(isInline), 'the manifest has inline actions to check');
    assert.deepEqual(unreachable, []);
  });

  it('every view title-bar action is also in the palette', () => {
    const unreachable = (menus['view/title'] ?? []).filter((m) => !inPalette(m.command)).map((m) => m.command);
    assert.deepEqual(unreachable, []);
  });

  it('every editor title-bar action is also in the palette or the editor context menu', () => {
    const inEditorMenu = new Set((menus['editor/context'] ?? []).map((m) => m.command));
    const unreachable = (menus['editor/title'] ?? []).filter((m) => !inPalette(m.command) && !inEditorMenu.has(m.command)).map((m) => m.command);
    assert.deepEqual(unreachable, []);
  });
});
