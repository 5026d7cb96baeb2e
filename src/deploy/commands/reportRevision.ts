// After a new revision is registered: tell the user, with actions to deploy it, open it, copy its ARN.
import * as vscode from 'vscode';
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import type { Resource } from '../../explorer/resources';
import { revisionLabel } from '../../domain/arn';
import { changeScope, changed } from '../../explorer/refresher';
import { confirmAndDeploy, deployServiceCommand } from './deployService';
import { type DeployCommandDeps } from './shared';
import { reportFailure } from '../../ui/command';

export interface ServiceRef {
  readonly cluster: string;
  readonly service: string;
  readonly current?: string;
  readonly desiredCount?: number;
}

export async function openRevision(taskDefinition: TaskDefinition): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(taskDefinition, null, 2) + '\n' });
  await vscode.window.showTextDocument(doc, { preview: true });
}

export async function reportNewRevision(
  deps: DeployCommandDeps,
  registered: { taskDefinitionArn: string; taskDefinition: TaskDefinition },
  options: { region?: string; detail?: string; service?: ServiceRef },
): Promise<void> {
  const label = revisionLabel(registered.taskDefinitionArn);
  deps.log.info(`[register] registered ${registered.taskDefinitionArn}${options.detail ? ` (${options.detail})` : ''}`);
  void deps.refresher.refresh(changed.revision(changeScope(deps.clients.current(), options.region), registered.taskDefinitionArn));
  const deploy = options.service ? vscode.l10n.t('Deploy to {0}', options.service.service) : vscode.l10n.t('Deploy…');
  const open = vscode.l10n.t('Open');
  const copyArn = vscode.l10n.t('Copy ARN');
  const choice = await vscode.window.showInformationMessage(
    options.detail ? vscode.l10n.t('Registered {0}. {1}', label, options.detail) : vscode.l10n.t('Registered {0}.', label),
    deploy,
    open,
    copyArn,
  );
  if (choice === copyArn) {
    await vscode.env.clipboard.writeText(registered.taskDefinitionArn);
  } else if (choice === open) {
    await openRevision(registered.taskDefinition);
  } else if (choice === deploy) {
    try {
      await deployNewRevision(deps, registered, options);
    } catch (e) {
      void reportFailure(deps.log, { what: vscode.l10n.t('Deploying a service'), error: e });
    }
  }
}

async function deployNewRevision(
  deps: DeployCommandDeps,
  registered: { taskDefinitionArn: string; taskDefinition: TaskDefinition },
  options: { region?: string; service?: ServiceRef },
): Promise<void> {
  if (options.service) {
    await confirmAndDeploy(
      deps,
      { cluster: options.service.cluster, service: options.service.service, region: options.region, taskDefinition: registered.taskDefinitionArn },
      { current: options.service.current, desiredCount: options.service.desiredCount },
    );
    return;
  }
  const resource: Resource = {
    kind: 'taskDefinitionRevision',
    region: options.region ?? deps.clients.current().region,
    taskDefinitionArn: registered.taskDefinitionArn,
    family: registered.taskDefinition.family,
    revision: registered.taskDefinition.revision,
  };
  await deployServiceCommand(deps, resource);
}
