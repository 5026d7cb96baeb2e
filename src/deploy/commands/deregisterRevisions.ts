// ecsWorkbench.deregisterOldRevisions: deregister old ACTIVE revisions of a family, keeping the newest
// N (setting ecsWorkbench.deploy.keepRevisions) and any revision a service or a running deployment
// still uses. With explicit arguments {family, keep?, region?} it asks nothing.
import * as vscode from 'vscode';
import { resourceOf } from '../../explorer/resources';
import { changeScope, changed } from '../../explorer/refresher';
import { deregisterRevisions, planDeregistration } from '../deregistration';
import { parseRevision, revisionLabel } from '../../domain/arn';
import { keepRevisionsSetting, pickFamily, type DeployCommandDeps } from './shared';
import { redactSecrets } from '../../aws/redact';
import { checkTrust, requireTrust, reportFailure, withCancellableProgress } from '../../ui/command';

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
    requireTrust(vscode.l10n.t('Deregistering revisions'));
    // No questions, but still a progress that can be cancelled: the scan reads every service of the region.
    const { plan, done } = await withCancellableProgress({ title: vscode.l10n.t('Deregistering old revisions of {0}', arg.family) }, async (signal, report) => {
      report(vscode.l10n.t('Finding the revisions that services use…'));
      const plan = await planDeregistration(deps.clients, arg.family, arg.keep ?? keepRevisionsSetting(), { signal, region: arg.region });
      return { plan, done: await deregisterRevisions(deps.clients, plan.deregister, { signal, region: arg.region }) };
    });
    deps.log.info(`[deregister] ${arg.family}: deregistered ${done.deregistered.length}, kept ${plan.keptNewest.length} newest and ${plan.keptInUse.length} in use`);
    void deps.refresher.refresh(changed.family(changeScope(deps.clients.current(), arg.region), arg.family));
    return { ...done, keptNewest: plan.keptNewest, keptInUse: plan.keptInUse };
  }
  if (!checkTrust(vscode.l10n.t('Deregistering revisions'))) return undefined;
  try {
    const node = resourceOf(arg, 'taskDefinitionFamily') ?? resourceOf(arg, 'taskDefinitionRevision');
    const region = node?.region;
    const family = node?.family ?? parseRevision(node?.taskDefinitionArn ?? '')?.family ?? (await pickFamily(deps.clients, vscode.l10n.t('Deregister old revisions: family'), region));
    if (!family) return undefined;
    const keepText = await vscode.window.showInputBox({
      title: vscode.l10n.t('Deregister old revisions of {0}', family),
      prompt: vscode.l10n.t('How many of the newest revisions to keep (revisions that services use are always kept)'),
      value: String(keepRevisionsSetting()),
      validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 ? undefined : vscode.l10n.t('A whole number, at least 1')),
    });
    if (keepText === undefined) return undefined;
    const keep = Number(keepText.trim());
    // Reads every service of the region: cancellable, and the cancellation reaches the SDK call.
    const plan = await withCancellableProgress({ title: vscode.l10n.t('Finding revisions of {0} that services use…', family) }, (signal) =>
      planDeregistration(deps.clients, family, keep, { signal, region }),
    );
    if (plan.deregister.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to deregister: {0} has {1} ACTIVE revisions, all kept.', family, plan.keptNewest.length + plan.keptInUse.length));
      return { deregistered: [], failed: [], keptNewest: plan.keptNewest, keptInUse: plan.keptInUse };
    }
    const detail = [
      vscode.l10n.t('Deregister: {0}', plan.deregister.map(revisionLabel).join(', ')),
      vscode.l10n.t('Keep (newest {0}): {1}', keep, plan.keptNewest.map(revisionLabel).join(', ')),
      plan.keptInUse.length ? vscode.l10n.t('Keep (in use): {0}', plan.keptInUse.map(revisionLabel).join(', ')) : '',
      vscode.l10n.t('Deregistered revisions stay readable but cannot start new tasks or services.'),
    ].filter(Boolean).join('\n');
    const deregister = vscode.l10n.t('Deregister');
    const choice = await vscode.window.showWarningMessage(
      plan.deregister.length === 1
        ? vscode.l10n.t('Deregister 1 revision of {0}?', family)
        : vscode.l10n.t('Deregister {0} revisions of {1}?', plan.deregister.length, family),
      { modal: true, detail },
      deregister,
    );
    if (choice !== deregister) return undefined;
    const done = await withCancellableProgress({ title: vscode.l10n.t('Deregistering revisions of {0}', family) }, (signal, report) =>
      deregisterRevisions(deps.clients, plan.deregister, { signal, region, onProgress: (n, total) => report(`${n}/${total}`, 100 / total) }),
    );
    for (const f of done.failed) deps.log.warn(redactSecrets(`[deregister] ${revisionLabel(f.revision)}: ${f.error}`));
    deps.log.info(`[deregister] ${family}: deregistered ${done.deregistered.map(revisionLabel).join(', ') || 'nothing'}`);
    if (done.failed.length) void vscode.window.showWarningMessage(vscode.l10n.t('Deregistered {0}; {1} failed (see the log).', done.deregistered.length, done.failed.length));
    else void vscode.window.showInformationMessage((done.deregistered.length === 1
        ? vscode.l10n.t('Deregistered 1 revision of {0}.', family)
        : vscode.l10n.t('Deregistered {0} revisions of {1}.', done.deregistered.length, family)));
    void deps.refresher.refresh(changed.family(changeScope(deps.clients.current(), region), family));
    return { ...done, keptNewest: plan.keptNewest, keptInUse: plan.keptInUse };
  } catch (e) {
    void reportFailure(deps.log, { what: vscode.l10n.t('Deregistering revisions'), error: e });
    return undefined;
  }
}
