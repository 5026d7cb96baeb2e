// The read-only log documents: one per showLogs call, backed by a LogSession and a LogBuffer. The
// document uses the "log" language (levels, dates, stack traces coloured), keeps the newest event at
// the bottom (and the view there while it was at the bottom), and stops following when its tab closes.
import * as vscode from 'vscode';
import { LogBuffer, localTimestamp, streamLabel } from './logBuffer';
import { LogSession, type LogSessionOptions } from './logSession';

export const LOGS_SCHEME = 'ecs-workbench-logs';
const MAX_DISCOVERY_LINES = 5;

interface OpenLog {
  readonly uri: vscode.Uri;
  readonly title: string;
  readonly header: string[];
  readonly buffer: LogBuffer;
  readonly session: LogSession;
  readonly controller: AbortController;
  following: boolean;
  status?: string;
  /** What opened it (the showLogs request), for "filter" and "load earlier". */
  readonly origin?: unknown;
}

export class LogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly open = new Map<string, OpenLog>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private counter = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {
    // Following stops when no tab shows the document any more (a closed virtual document can stay
    // loaded for minutes, so onDidCloseTextDocument alone would keep polling).
    this.subscriptions.push(
      vscode.window.tabGroups.onDidChangeTabs(() => this.stopClosed()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.stop(doc.uri.toString(), true)),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.open.get(uri.toString());
    if (!entry) return 'This log document is closed. Open the logs again from the ECS Workbench explorer.\n';
    const state = entry.following ? `following (new events appear below)` : entry.status ?? 'not following';
    return entry.buffer.render([...entry.header, `# ${state}`, '']);
  }

  /** Opens a log document, loads its first events and starts following when asked. */
  async show(options: Omit<LogSessionOptions, 'buffer'> & { title: string; header: string[]; follow: boolean; labelStreams: boolean; signal: AbortSignal; origin?: unknown }): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: LOGS_SCHEME, path: `/${options.title}.log`, query: `n=${++this.counter}` });
    const buffer = new LogBuffer({ labelStreams: options.labelStreams, maxEvents: 10_000, formatTime: localTimestamp });
    const session = new LogSession({ ...options, buffer });
    const entry: OpenLog = { uri, title: options.title, header: options.header, buffer, session, controller: new AbortController(), following: false, origin: options.origin };
    this.open.set(uri.toString(), entry);
    const abort = (): void => entry.controller.abort();
    options.signal.addEventListener('abort', abort, { once: true });
    try {
      await session.load(AbortSignal.any([options.signal, entry.controller.signal]));
    } finally {
      options.signal.removeEventListener('abort', abort);
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'log');
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    revealEnd(editor);
    if (options.follow) this.startFollowing(entry);
    return uri;
  }

  private startFollowing(entry: OpenLog): void {
    entry.following = true;
    let reported = false;
    void entry.session.follow(
      entry.controller.signal,
      () => {
        reported = false;
        this.update(entry);
      },
      (e) => {
        if (!reported) this.log.warn(`[logs] following ${entry.title}: ${(e as Error).message ?? String(e)} (retrying)`);
        reported = true;
      },
      undefined,
      (streams) => {
        // A new task of the followed service (a deployment replaced one): said in the header, read from its start.
        const labels = streams.map((s) => streamLabel(s.logStream)).join(', ');
        entry.header.push(`# ${localTimestamp(Date.now())}: following new ${streams.length === 1 ? 'stream' : 'streams'} ${labels}`);
        // The newest few of these lines are enough over a long follow with many deployments.
        const first = entry.header.findIndex((l) => / following new streams? /.test(l));
        if (first >= 0 && entry.header.length - first > MAX_DISCOVERY_LINES) entry.header.splice(first, 1);
        this.log.info(`[logs] ${entry.title}: following new ${streams.length === 1 ? 'stream' : 'streams'} ${labels}`);
        this.update(entry);
      },
    );
  }

  private update(entry: OpenLog): void {
    const atEnd = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === entry.uri.toString() && isAtEnd(e));
    this.changed.fire(entry.uri);
    // Keep the view at the bottom for editors that were there (the new text arrives asynchronously).
    if (atEnd.length > 0) {
      const sub = vscode.workspace.onDidChangeTextDocument((ev) => {
        if (ev.document.uri.toString() !== entry.uri.toString()) return;
        sub.dispose();
        for (const e of atEnd) revealEnd(e);
      });
      setTimeout(() => sub.dispose(), 5000);
    }
  }

  /** Loads events before the oldest shown. */
  async loadEarlier(uri: vscode.Uri, signal: AbortSignal): Promise<number> {
    const entry = this.open.get(uri.toString());
    if (!entry) return 0;
    const added = await entry.session.loadEarlier(AbortSignal.any([signal, entry.controller.signal]));
    if (added > 0) this.changed.fire(entry.uri);
    return added;
  }

  originOf(uri: vscode.Uri): unknown {
    return this.open.get(uri.toString())?.origin;
  }

  isFollowing(uri: vscode.Uri): boolean {
    return this.open.get(uri.toString())?.following ?? false;
  }

  /** The session's API calls so far (for benchmarks and the log). */
  callsOf(uri: vscode.Uri): number {
    return this.open.get(uri.toString())?.session.calls ?? 0;
  }

  private stopClosed(): void {
    const shown = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) shown.add(tab.input.uri.toString());
    }
    for (const [key, entry] of this.open) if (entry.following && !shown.has(key)) this.stop(key, false);
  }

  private stop(key: string, forget: boolean): void {
    const entry = this.open.get(key);
    if (!entry) return;
    if (entry.following) this.log.info(`[logs] stopped following ${entry.title} (${entry.session.calls} calls)`);
    entry.controller.abort();
    entry.following = false;
    entry.status = 'closed: not following';
    if (forget) this.open.delete(key);
  }

  dispose(): void {
    for (const key of [...this.open.keys()]) this.stop(key, true);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function isAtEnd(editor: vscode.TextEditor): boolean {
  const last = editor.document.lineCount - 1;
  return editor.visibleRanges.some((r) => r.end.line >= last - 1);
}

function revealEnd(editor: vscode.TextEditor): void {
  const last = editor.document.lineCount - 1;
  editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.Default);
}
