// Copy ARN / URI / digest and Open in Console: the explorer's context actions that change nothing.
import * as vscode from 'vscode';
import { consoleUrl, imageReference } from '../../aws/console';
import type { CommandSpec } from '../../ui/command';
import { copyWithFeedback } from '../../ui/clipboard';
import { resourceOf } from '../resources';

export function copyArnCommand(): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.copyArn',
    what: vscode.l10n.t('Copying an ARN'),
    runInteractive: async ([arg]) => {
      const r = resourceOf(arg);
      const arn = r?.arn ?? r?.taskDefinitionArn ?? r?.serviceArn ?? r?.taskArn ?? r?.clusterArn ?? r?.repositoryArn;
      if (arn) await copyWithFeedback(arn, 'ARN');
    },
  };
}

export function copyUriCommand(): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.copyUri',
    what: vscode.l10n.t('Copying a URI'),
    runInteractive: async ([arg]) => {
      const r = resourceOf(arg);
      const uri = r ? (imageReference(r) ?? r.image) : undefined;
      if (uri) await copyWithFeedback(uri, r?.kind === 'repository' ? vscode.l10n.t('repository URI') : vscode.l10n.t('image URI'));
    },
  };
}

export function copyDigestCommand(): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.copyDigest',
    what: vscode.l10n.t('Copying a digest'),
    runInteractive: async ([arg]) => {
      const r = resourceOf(arg);
      if (r?.imageDigest) await copyWithFeedback(r.imageDigest, vscode.l10n.t('digest'));
    },
  };
}

export function openInConsoleCommand(): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.openInConsole',
    what: vscode.l10n.t('Opening the AWS console'),
    runInteractive: async ([arg]) => {
      const r = resourceOf(arg);
      const url = r && consoleUrl(r);
      if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
    },
  };
}
