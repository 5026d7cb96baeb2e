// Read-only documents showing a task-definition revision as registrable JSON
// (`ecs-workbench-taskdef:/<region>/<family>:<revision>.json?profile=<profile>`).
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { profileLabel, type Connection } from '../aws/connection';
import { describeErrorForLog } from '../aws/redact';
import { classifyAwsError } from '../aws/errors';
import { toRegisterInput } from '../taskdef/registrable';
import { describeTaskDefinition } from '../aws/ecs';
import type { LoadContext } from './loaders';
import type { Resource } from './resources';

export const TASKDEF_SCHEME = 'ecs-workbench-taskdef';

export function taskDefinitionUri(r: Resource): vscode.Uri {
  const name = r.family && r.revision ? `${r.family}:${r.revision}` : (r.taskDefinitionArn ?? '').replace(/^.*task-definition\//, '');
  return vscode.Uri.from({
    scheme: TASKDEF_SCHEME,
    path: `/${r.region}/${name}.json`,
    query: r.profile ? `profile=${encodeURIComponent(r.profile)}` : '',
  });
}

/** A revision as registrable JSON (what the read-only document shows and Edit as New Revision copies). */
export async function registrableJson(ctx: LoadContext, taskDefinition: string): Promise<string> {
  const { taskDefinition: described, tags } = await describeTaskDefinition(ctx, taskDefinition);
  return `${JSON.stringify(toRegisterInput({ taskDefinition: described, tags }), null, 2)}\n`;
}

export class TaskDefinitionDocuments implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly clients: AwsClients,
    private readonly connection: Connection,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const m = /^\/([^/]+)\/(.+)\.json$/.exec(uri.path);
    if (!m) return vscode.l10n.t('// Not a task-definition address: {0}\n', uri.toString());
    const [, region, name] = m;
    const profile = new URLSearchParams(uri.query).get('profile') ?? undefined;
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      if ((profile ?? undefined) !== this.connection.target.profile) {
        return vscode.l10n.t('// This revision was opened with "{0}"; the explorer now uses "{1}".\n// Open it again from the explorer.\n', profileLabel(profile), profileLabel(this.connection.target.profile));
      }
      return await registrableJson({ clients: this.clients, region, profile, signal: AbortSignal.any([controller.signal, this.connection.signal]), pageSize: 1 }, name);
    } catch (e) {
      const info = classifyAwsError(e, { profile });
      this.log.error(`explorer: opening task definition ${name} failed: ${describeErrorForLog(e)}`);
      return `// ${info.title}\n// ${info.detail}\n`;
    } finally {
      sub.dispose();
    }
  }
}
