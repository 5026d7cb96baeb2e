// Answering the extension's questions in the host the way a user does: a quick pick opened with
// `window.showQuickPick` is shown for real and answered with the workbench's own quick-input commands
// (move the selection down until the wanted row is active, then accept), so its items, filtering and
// acceptance are the product's. The active row is known from the picker's `onDidSelectItem`, which
// the workbench calls whenever the selection moves. Input boxes and modal dialogs cannot be driven
// from the extension host: they are answered by script, and every call is recorded.
import * as vscode from 'vscode';
import { interceptMessages, type ShownMessage } from './fixtures';
import { waitFor } from './wait';

export interface PickAnswer {
  /** The picker's title, matched. */
  readonly title: RegExp;
  /** The row to accept, by label (a string is matched exactly after `$(icon) ` prefixes). */
  readonly pick: string | RegExp;
}

export interface AskedPick {
  readonly title: string;
  readonly placeHolder?: string;
  readonly labels: readonly string[];
  readonly picked: string;
}

type Item = string | vscode.QuickPickItem;
const labelOf = (item: Item): string => (typeof item === 'string' ? item : item.label);
const plain = (label: string): string => label.replace(/^\$\([\w-]+\)\s*/, '');

/**
 * Replaces `window.showQuickPick` for the duration of `work`: each picker must match the next answer
 * (in order); it is shown and answered through the real quick input. Returns what was asked.
 */
export async function answeringQuickPicks<T>(answers: readonly PickAnswer[], work: () => Promise<T>): Promise<{ result: T; asked: AskedPick[] }> {
  const window = vscode.window as unknown as { showQuickPick: (...args: any[]) => Thenable<unknown> };
  const original = window.showQuickPick;
  const asked: AskedPick[] = [];
  const queue = [...answers];
  window.showQuickPick = async (itemsOrPromise: unknown, options?: vscode.QuickPickOptions, token?: vscode.CancellationToken) => {
    const items = (await itemsOrPromise) as Item[];
    const title = options?.title ?? '';
    const answer = queue.shift();
    if (!answer || !answer.title.test(title)) {
      throw new Error(`unexpected quick pick "${title}" (${items.map(labelOf).join(', ')}); expected ${answer ? answer.title : 'none'}`);
    }
    const wanted = items.findIndex((i) => (typeof answer.pick === 'string' ? plain(labelOf(i)) === answer.pick : answer.pick.test(labelOf(i))));
    if (wanted < 0) throw new Error(`quick pick "${title}" has no row ${answer.pick}: ${items.map(labelOf).join(', ')}`);
    let active: string | undefined;
    let moves = 0;
    const shown = original.call(vscode.window, items, {
      ...options,
      onDidSelectItem: (item: Item) => {
        active = labelOf(item);
        moves++;
        return options?.onDidSelectItem?.(item);
      },
    }, token);
    const target = labelOf(items[wanted]);
    // The workbench reports the first active row once the picker is drawn.
    await waitFor(`the quick pick "${title}" is shown`, () => active !== undefined);
    for (let step = 0; active !== target; step++) {
      if (step > items.length) throw new Error(`the selection of "${title}" did not reach ${target} (at ${active})`);
      const before = moves;
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      // Stops when the selection stops moving (the wait times out with what it saw).
      await waitFor(`the selection of "${title}" moves from ${active}`, () => moves > before);
    }
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const picked = await shown;
    asked.push({ title, placeHolder: options?.placeHolder, labels: items.map(labelOf), picked: picked === undefined ? '' : labelOf(picked as Item) });
    return picked;
  };
  try {
    const result = await work();
    if (queue.length) throw new Error(`quick picks not asked: ${queue.map((a) => a.title).join(', ')}`);
    return { result, asked };
  } finally {
    window.showQuickPick = original;
  }
}

export type { ShownMessage } from './fixtures';

/**
 * Records every message for the duration of `work`; a modal is answered with `answerModal` (the
 * button to press, or undefined for Cancel), a notification is shown for real and left alone.
 */
export async function recordingMessages<T>(answerModal: (m: ShownMessage) => string | undefined | Promise<string | undefined>, work: (shown: ShownMessage[]) => Promise<T>): Promise<T> {
  const shown: ShownMessage[] = [];
  const restore = interceptMessages((m, showForReal) => {
    shown.push(m);
    return m.modal ? answerModal(m) : showForReal();
  });
  try {
    return await work(shown);
  } finally {
    restore();
  }
}

/** Accepts a row of the `index`th quick pick made since the start of `drivingCreatedQuickPicks`. */
export type AcceptRow = (index: number, label: string) => Promise<vscode.QuickPick<vscode.QuickPickItem>>;

/**
 * For the pickers made with `window.createQuickPick` (those whose items load while they are open, such
 * as the deploy commands' cluster, service, revision and image pickers): records each one made during
 * `work`, which answers them with `accept(index, label)` once the row has loaded, as Enter on that row
 * would. The workbench's accept takes the row the page has active, and the extension host sends a
 * picker's property changes to the page later, batched: accepting right after setting the active row
 * accepted the first row. So the row is made active, the page's answer (it reports its active row back)
 * is awaited, and only then does the accept run, once.
 */
export async function drivingCreatedQuickPicks<T>(work: (accept: AcceptRow) => Promise<T>): Promise<T> {
  type Pick = vscode.QuickPick<vscode.QuickPickItem>;
  const window = vscode.window as unknown as { createQuickPick: typeof vscode.window.createQuickPick };
  const original = window.createQuickPick;
  const picks: Pick[] = [];
  const hidden = new Set<Pick>();
  window.createQuickPick = (() => {
    const qp = original.call(vscode.window) as Pick;
    picks.push(qp);
    qp.onDidHide(() => hidden.add(qp));
    return qp;
  }) as typeof vscode.window.createQuickPick;
  const accept: AcceptRow = async (index, label) => {
    const qp = await waitFor(`quick pick ${index + 1} opens`, () => picks[index]);
    const item = await waitFor(`"${label}" is offered in "${qp.title}"`, () => !qp.busy && qp.items.find((i) => i.label === label));
    // qp.activeItems is what the page last reported until it is set here.
    let shown = qp.activeItems[0]?.label === label;
    const reported = qp.onDidChangeActive((rows) => (shown = rows[0]?.label === label));
    try {
      await waitFor(`the page has "${label}" active in "${qp.title}"`, async () => {
        if (shown) return true;
        qp.activeItems = [item];
        return waitFor('the page reports it', () => shown, 2_000).catch(() => false);
      });
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await waitFor(`"${qp.title}" closes on accept`, () => hidden.has(qp));
    } finally {
      reported.dispose();
    }
    if (qp.selectedItems[0]?.label !== label) throw new Error(`"${qp.title}" accepted ${qp.selectedItems[0]?.label}, not ${label}`);
    return qp;
  };
  try {
    return await work(accept);
  } finally {
    window.createQuickPick = original;
    for (const qp of picks) if (!hidden.has(qp)) qp.hide();
  }
}
