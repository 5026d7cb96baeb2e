// Show Deployments as a read-only markdown document (split from watchesView.ts): one document for all
// followed deployments (the palette) or one per status-bar entry, rendered by the pure
// deploymentsDocument.ts and rendered again on each observation while it is open.
import * as vscode from 'vscode';
import { showMarkdownDocument } from '../ui/markdownDocument';
import { localTime } from '../explorer/format';
import { deploymentsDocument, recordOfWatch } from './deploymentsDocument';
import type { Watch } from './watchesView';

/** Where the documents live: the deploy feature's read-only documents (commands/shared.ts). */
export interface DocumentStore {
  put(name: string, content: string): vscode.Uri;
  update(uri: vscode.Uri, content: string): void;
}

interface OpenDocument {
  readonly uri: vscode.Uri;
  /** The deployments it shows, by watch key; `all` takes in deployments followed later too. */
  readonly watches: Map<string, Watch>;
  readonly all: boolean;
  /** Until it was opened, a document is not "closed". */
  opened: boolean;
}

export class WatchDocuments {
  private readonly open = new Map<string, OpenDocument>();

  constructor(private readonly store: DocumentStore, private readonly currentRegion: () => string) {}

  /** Opens (or shows again) the document of one deployment (`key`) or of all followed ones. */
  async show(watches: readonly Watch[], key?: string): Promise<vscode.Uri> {
    const id = key ?? '*';
    let doc = this.open.get(id);
    // A document whose tab was closed stays loaded a while, showing what it had: reopened, it would show
    // that until the workbench asks for the new text. A new document opens with its content.
    if (!doc || !this.isInTab(doc.uri)) {
      const name = key === undefined ? 'deployments.md' : `${watches[0]?.service ?? 'deployment'}-deployment.md`;
      doc = { uri: this.store.put(name, ''), watches: new Map(watches.map((w) => [w.key, w])), all: key === undefined, opened: false };
      this.open.set(id, doc);
    } else {
      for (const w of watches) doc.watches.set(w.key, w);
    }
    this.store.update(doc.uri, this.render(doc));
    await showMarkdownDocument(doc.uri);
    doc.opened = true;
    return doc.uri;
  }

  /** Renders the open documents again with the latest observations; forgets closed ones. */
  refresh(current: readonly Watch[]): void {
    for (const [id, doc] of [...this.open]) {
      if (!doc.opened) continue;
      if (!this.isLoaded(doc.uri)) {
        this.open.delete(id);
        continue;
      }
      for (const w of current) {
        // The newer deployment of a service shown here replaces the older one; `all` takes in new ones.
        if (doc.all || (doc.watches.has(w.key) && doc.watches.get(w.key) !== w)) doc.watches.set(w.key, w);
      }
      this.store.update(doc.uri, this.render(doc));
    }
  }

  private render(doc: OpenDocument): string {
    const now = Date.now();
    const records = [...doc.watches.values()].map((w) => recordOfWatch(w, this.currentRegion(), true, now));
    return deploymentsDocument(records, now, (ms) => localTime(ms));
  }

  private isInTab(uri: vscode.Uri): boolean {
    const target = uri.toString();
    return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === target));
  }

  private isLoaded(uri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  }
}
