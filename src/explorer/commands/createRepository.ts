// ecsWorkbench.createRepository: a new ECR repository. With explicit arguments {name, region?, imageTagMutability?, scanOnPush?} it asks nothing.
import * as vscode from 'vscode';
import { NEVER_ABORTS } from '../../aws/call';
import * as ecr from '../../aws/ecr';
import { checkRepositoryName } from '../../domain/names';
import { reportFailure, type CommandSpec } from '../../ui/command';
import { resourceOf } from '../resources';
import type { ExplorerCommandDeps } from './deps';

export function createRepositoryCommand(deps: ExplorerCommandDeps): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.createRepository',
    what: vscode.l10n.t('Creating a repository'),
    trust: 'changesAws',
    runInteractive: async ([arg]) => {
      const explicit = typeof arg === 'object' && arg !== null && typeof (arg as { name?: unknown }).name === 'string' ? (arg as CreateRepositoryArgs) : undefined;
      const target = resourceOf(arg);
      const region = explicit?.region ?? target?.region ?? deps.connection.target.region;
      let name = explicit?.name;
      if (name === undefined) {
        name = await askRepositoryName(region);
        if (name === undefined) return;
      }
      const problem = checkRepositoryName(name);
      if (problem) {
        void vscode.window.showErrorMessage(problem);
        return;
      }
      let mutability = explicit?.imageTagMutability;
      let scanOnPush = explicit?.scanOnPush;
      if (!explicit) {
        const picked = await askRepositorySettings(name);
        if (!picked) return;
        mutability = picked.imageTagMutability;
        scanOnPush = picked.scanOnPush;
      }
      try {
        const repository = await ecr.createRepository(
          { clients: deps.clients, region, signal: NEVER_ABORTS },
          { repositoryName: name, imageTagMutability: mutability ?? 'MUTABLE', scanOnPush: scanOnPush ?? false },
        );
        deps.log.info(`Created ECR repository ${repository.repositoryUri ?? name}.`);
        for (const p of deps.providers) if (p.view === 'repositories') await p.refresh();
        if (!explicit) vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Created {0}', repository.repositoryUri ?? name), 4000);
        return repository.repositoryUri;
      } catch (e) {
        void reportFailure(deps.log, { what: vscode.l10n.t('Creating repository {0}', name), error: e, profile: deps.connection.target.profile });
        return undefined;
      }
    },
  };
}

interface CreateRepositoryArgs {
  readonly name: string;
  readonly region?: string;
  readonly imageTagMutability?: 'MUTABLE' | 'IMMUTABLE';
  readonly scanOnPush?: boolean;
}

/** The Create Repository command's first question: the name (checked as the user types). */
export function askRepositoryName(region: string, taken: readonly string[] = []): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Create ECR repository in {0}', region),
    prompt: vscode.l10n.t('Repository name'),
    placeHolder: vscode.l10n.t({ message: 'team/web-api', comment: ['An example repository name: keep the format (lowercase, / between namespaces)'] }),
    validateInput: (v) => checkRepositoryName(v) ?? (taken.includes(v) ? vscode.l10n.t('{0} already exists in {1}.', v, region) : undefined),
  });
}

/** The Create Repository command's second question: tag mutability and scanning. */
export async function askRepositorySettings(name: string): Promise<{ imageTagMutability: 'MUTABLE' | 'IMMUTABLE'; scanOnPush: boolean } | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Immutable tags, scan on push'), description: vscode.l10n.t('recommended: a tag always means the same image'), m: 'IMMUTABLE' as const, s: true },
      { label: vscode.l10n.t('Mutable tags, scan on push'), m: 'MUTABLE' as const, s: true },
      { label: vscode.l10n.t('Mutable tags, no scan'), m: 'MUTABLE' as const, s: false },
    ],
    { title: vscode.l10n.t('Settings of {0}', name) },
  );
  return picked && { imageTagMutability: picked.m, scanOnPush: picked.s };
}
