// ecsWorkbench.deregisterOldRevisions: deregister old ACTIVE revisions of a family, keeping the newest
// N (setting ecsWorkbench.deploy.keepRevisions) and any revision a service or a running deployment
// still uses. With explicit arguments {family, keep?, region?} it asks nothing.
import * as vscode from 'vscode';
import { resourceOf } from '../../explorer/resources';
import { deregisterRevisions, planDeregistration } from '../operations';
import { parseRevision, revisionLabel } from '../revisions';
import { keepRevisionsSetting, pickFamily, reportError, checkTrust, requireTrust, type DeployCommandDeps } from './shared';

export interface DeregisterArgs {
  readonly family: string;
  readonly keep?: number;
  readonly region?: string;
}

export interface DeregisterResult {
  readonly deregistered: string[];
  readonly failed: Array<{ revision: string; error: string }>;
  readonly keptNewest: string[];
  readonly keptInUse: string[];
}

function isExplicit(arg: unknown): arg is DeregisterArgs {
  return typeof arg === 'object' && arg !== null && !('resource' in arg) && !('kind' in arg) && typeof (arg as DeregisterArgs).family === 'string';
}

export async function deregisterRevisionsCommand(deps: DeployCommandDeps, arg?: unknown): Promise<DeregisterResult | undefined> {
  if (isExplicit(arg)) {
    requireTrust('Deregistering revisions');
    const plan = await planDeregistration(deps.clients, arg.family, arg.keep ?? keepRevisionsSetting(), undefined, arg.region);
    const done = await deregisterRevisions(deps.clients, plan.deregister, undefined, arg.region);
    deps.log.info(`[deregister] ${arg.family}: deregistered ${done.deregistered.length}, kept ${plan.keptNewest.length} newest and ${plan.keptInUse.length} in use`);
    return { ...done, keptNewest: plan.keptNewest, keptInUse: plan.keptInUse };
  }
  if (!checkTrust('Deregistering revisions')) return undefined;
  try {
    const node = resourceOf(arg, 'taskDefinitionFamily') ?? resourceOf(arg, 'taskDefinitionRevision');
    const region = node?.region;
    const family = node?.family ?? parseRevision(node?.taskDefinitionArn ?? '')?.family ?? (await pickFamily(deps.clients, 'Deregister old revisions: family', region));
    if (!family) return undefined;
    const keepText = await vscode.window.showInputBox({
      title: `Deregister old revisions of ${family}`,
      prompt: 'How many of the newest revisions to keep (revisions that services use are always kept)',
      value: String(keepRevisionsSetting()),
      validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 ? undefined : 'A whole number, at least 1'),
    });
    if (keepText === undefined) return undefined;
    const keep = Number(keepText.trim());
    const plan = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Finding revisions of ${family} that services use…` },
      () => planDeregistration(deps.clients, family, keep, undefined, region),
    );
    if (plan.deregister.length === 0) {
      void vscode.window.showInformationMessage(`Nothing to deregister: ${family} has ${plan.keptNewest.length + plan.keptInUse.length} ACTIVE revisions, all kept.`);
      return { deregistered: [], failed: [], keptNewest: plan.keptNewest, keptInUse: plan.keptInUse };
    }
    const detail = [
      `Deregister: ${plan.deregister.map(revisionLabel).join(', ')}`,
      `Keep (newest ${keep}): ${plan.keptNewest.map(revisionLabel).join(', ')}`,
      plan.keptInUse.length ? `Keep (in use): ${plan.keptInUse.map(revisionLabel).join(', ')}` : '',
      'Deregistered revisions stay readable but cannot start new tasks or services.',
    ].filter(Boolean).join('\n');
    const choice = await vscode.window.showWarningMessage(
      `Deregister ${plan.deregister.length} revision${plan.deregister.length === 1 ? '' : 's'} of ${family}?`,
      { modal: true, detail },
      'Deregister',
    );
    if (choice !== 'Deregister') return undefined;
    const done = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Deregistering revisions of ${family}`, cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return deregisterRevisions(deps.clients, plan.deregister, controller.signal, region, (n, total) =>
          progress.report({ message: `${n}/${total}`, increment: 100 / total }),
        );
      },
    );
    for (const f of done.failed) deps.log.warn(`[deregister] ${revisionLabel(f.revision)}: ${f.error}`);
    deps.log.info(`[deregister] ${family}: deregistered ${done.deregistered.map(revisionLabel).join(', ') || 'nothing'}`);
    if (done.failed.length) void vscode.window.showWarningMessage(`Deregistered ${done.deregistered.length}; ${done.failed.length} failed (see the log).`);
    else void vscode.window.showInformationMessage(`Deregistered ${done.deregistered.length} revision${done.deregistered.length === 1 ? '' : 's'} of ${family}.`);
    void vscode.commands.executeCommand('ecsWorkbench.refresh').then(undefined, () => undefined);
    return { ...done, keptNewest: plan.keptNewest, keptInUse: plan.keptInUse };
  } catch (e) {
    reportError(deps, 'Deregister failed', e);
    return undefined;
  }
}
