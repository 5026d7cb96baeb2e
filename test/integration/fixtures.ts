// What the integration suites share: the extension's exported API (what `activate` returns: internals
// such as the explorer's nodes are reached there, not through contributed commands), the emulator the
// runner started, the demo seed opened the same way, the explorer's nodes typed as the extension
// exports them (src/api.ts), and window messages recorded (questions answered) instead of shown.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi, ExtensionApi, NodeDescription } from '../../src/api';
import { EmulatorControl } from '../emulator/control';
import { waitFor } from './wait';

export const EXTENSION_ID = 'ecs-workbench.ecs-workbench';

/** The extension's exports, once it is active. */
export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return extension.activate();
}

export async function explorerApi(): Promise<ExplorerApi> {
  return (await extensionApi()).explorer;
}

/** A node of an explorer view, as the extension's `explorer.inspect` describes it. */
export type TreeNode = NodeDescription;

export type ViewName = 'clusters' | 'taskDefinitions' | 'repositories';

/** The emulator's URL, as the runner (scripts/run-integration.mjs) passes it. */
export function emulatorUrl(): string {
  const url = process.env.ECS_WORKBENCH_EMULATOR_URL;
  assert.ok(url, 'ECS_WORKBENCH_EMULATOR_URL is not set: run through scripts/run-integration.mjs');
  return url;
}

/** Suite set-up: the emulator the runner started, seeded again with `seed` when one is given, and the extension active. */
export async function connectToEmulator(seed?: 'demo' | 'empty'): Promise<EmulatorControl> {
  const control = new EmulatorControl(emulatorUrl());
  if (seed) await control.reset(seed);
  await extensionApi();
  return control;
}

/** Suite set-up on the demo seed: a fresh seed, the extension active, region us-east-1. */
export async function onDemoSeed(): Promise<EmulatorControl> {
  const control = await connectToEmulator('demo');
  await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
  return control;
}

/** Test set-up: the demo seed, no faults, the default profile in us-east-1, the views refreshed. */
export async function openDemo(control: EmulatorControl): Promise<void> {
  await control.reset('demo');
  await control.clearFaults();
  await vscode.commands.executeCommand('ecsWorkbench.selectProfile', '');
  await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
  await vscode.commands.executeCommand('ecsWorkbench.refresh');
}

// ---------------------------------------------------------------------------------------------
// Explorer nodes

/** The children of a node of a view (its top level without one), as the view's provider loads them. */
export async function children(view: ViewName, node?: TreeNode, expand = false): Promise<TreeNode[]> {
  const out = await (await explorerApi()).inspect(view, node?.id, { expand });
  assert.ok(out, `node ${node?.id ?? '(the top level)'} is not in the ${view} tree`);
  return out;
}

function matches(node: TreeNode, label: string | RegExp): boolean {
  return typeof label === 'string' ? node.label === label : label.test(node.label);
}

/** The node labelled `label` among `nodes`; fails naming the labels there are. */
export function find(nodes: readonly TreeNode[], label: string | RegExp): TreeNode {
  const n = nodes.find((x) => matches(x, label));
  assert.ok(n, `no node ${label} in [${nodes.map((x) => x.label).join(', ')}]`);
  return n;
}

/** Walks a view down `labels`, each a child of the one before, as they are loaded now. */
export async function nodeAt(view: ViewName, ...labels: (string | RegExp)[]): Promise<TreeNode> {
  let node: TreeNode | undefined;
  for (const label of labels) node = find(await children(view, node), label);
  assert.ok(node, 'nodeAt needs a label');
  return node;
}

/** Walks the Clusters view down `labels` (each a child of the one before), waiting for each to load. */
export async function clustersPath(...labels: (string | RegExp)[]): Promise<TreeNode> {
  let node: TreeNode | undefined;
  for (const label of labels) {
    const parent: TreeNode | undefined = node;
    node = await waitFor(`the Clusters view shows ${label}`, async () => (await children('clusters', parent)).find((n) => matches(n, label)));
  }
  assert.ok(node, 'clustersPath needs a label');
  return node;
}

// ---------------------------------------------------------------------------------------------
// Window messages

/** A message the extension showed (or asked, when modal), as the message stubs see it. */
export interface ShownMessage {
  readonly severity: 'information' | 'warning' | 'error';
  readonly message: string;
  readonly modal: boolean;
  readonly detail?: string;
  /** The buttons offered (a MessageItem by its title). */
  readonly actions: readonly string[];
}

type MessageFunction = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';
const MESSAGE_FUNCTIONS: Readonly<Record<ShownMessage['severity'], MessageFunction>> = {
  information: 'showInformationMessage',
  warning: 'showWarningMessage',
  error: 'showErrorMessage',
};

/**
 * Replaces vscode.window's message functions until the returned restore is called: each call is
 * described as a ShownMessage and answered by `handle`, which may also show it for real.
 */
export function interceptMessages(handle: (m: ShownMessage, showForReal: () => Thenable<unknown>) => unknown): () => void {
  const window = vscode.window as unknown as Record<MessageFunction, (...args: unknown[]) => Thenable<unknown>>;
  const originals = new Map(Object.values(MESSAGE_FUNCTIONS).map((fn) => [fn, window[fn]]));
  for (const [severity, fn] of Object.entries(MESSAGE_FUNCTIONS) as [ShownMessage['severity'], MessageFunction][]) {
    const original = window[fn];
    window[fn] = (message: unknown, ...rest: unknown[]) => {
      const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest[0] as vscode.MessageOptions) : undefined;
      const actions = (options ? rest.slice(1) : rest).map((a) => (typeof a === 'string' ? a : (a as vscode.MessageItem).title));
      const entry: ShownMessage = { severity, message: String(message), modal: options?.modal === true, detail: options?.detail, actions };
      return Promise.resolve(handle(entry, () => original.call(vscode.window, message, ...rest)));
    };
  }
  return () => {
    for (const [fn, original] of originals) window[fn] = original;
  };
}

/** A modal message: a question with its buttons. */
export interface Question {
  readonly message: string;
  readonly detail: string;
  readonly items: string[];
}

/** What a stub answers a question with: one of its items, or undefined to cancel. */
export type Answer = (items: string[]) => string | undefined | Promise<string | undefined>;

/** What the message stubs recorded. */
export interface MessageRecords {
  /** The modal messages (confirmations), in order. */
  readonly asked: Question[];
  /** Every other message (warning, error, information), in order. */
  readonly shown: string[];
  /** The error messages among them. */
  readonly errors: string[];
}

/**
 * Replaces vscode.window's message functions until `restore()`: a modal message is recorded in `asked`
 * and answered by `answer` (the first button unless told otherwise); any other message is recorded
 * in `shown` (and an error also in `errors`) and dismissed.
 */
export function stubWindowMessages(
  answer: Answer = (items) => items[0],
  into: MessageRecords = { asked: [], shown: [], errors: [] },
): MessageRecords & { restore(): void } {
  const restore = interceptMessages((m) => {
    if (m.modal) {
      const items = [...m.actions];
      into.asked.push({ message: m.message, detail: m.detail ?? '', items });
      return answer(items);
    }
    into.shown.push(m.message);
    if (m.severity === 'error') into.errors.push(m.message);
    return undefined;
  });
  return { ...into, restore };
}

/**
 * For a suite whose tests answer questions: the messages stubbed from each test's start to its end
 * (mocha's setup and teardown) into the same arrays, emptied before each test.
 */
export function recordMessagesInEachTest(answer: Answer = (items) => items[0]): MessageRecords {
  const records: MessageRecords = { asked: [], shown: [], errors: [] };
  let restore = (): void => undefined;
  setup(() => {
    for (const list of Object.values(records) as unknown[][]) list.length = 0;
    restore = stubWindowMessages(answer, records).restore;
  });
  teardown(() => restore());
  return records;
}
