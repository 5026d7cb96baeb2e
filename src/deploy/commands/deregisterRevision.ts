// ecsWorkbench.deregisterRevision: deregister one revision from its row in the Task Definitions view,
// after a modal confirmation. Fails closed: when a service (its task definition or any of its
// deployments) uses the revision, or a service cannot be read, nothing is deregistered and the
// message names the services. With explicit arguments {taskDefinition, region?} it asks nothing and
// resolves {deregistered: arn}.
import * as vscode from 'vscode';
import * as ecs from '../../aws/ecs';
import { NEVER_ABORTS } from '../../aws/call';
import { resourceOf } from '../../explorer/resources';
import { changeScope, changed } from '../../explorer/refresher';
import { parseRevision, revisionLabel } from '../../domain/arn';
import { runCommand, withCancellableProgress, type CommandSpec } from '../../ui/command';
import { revisionUsers, usersOf } from '../revisionUsers';
import type { DeployCommandDeps } from './shared';

export interface DeregisterRevisionArgs {
  /** An ARN or `family:revision`. */
  readonly taskDefinition: string;
  readonly region?: string;
}

export interface DeregisterRevisionResult {
  readonly deregistered: string;
}

function isExplicit(arg: unknown): arg is DeregisterRevisionArgs {
  return typeof arg === 'object' && arg !== null && !('resource' in arg) && typeof (arg as DeregisterRevisionArgs).taskDefinition === 'string';
}

/** Why a revision must stay: the services that use it, or those that could not be read. */
export class RevisionInUseError extends Error {
  constructor(revision: string, readonly services: readonly string[], readonly unreadable: readonly string[]) {
    super(
      services.length === 1
        ? vscode.l10n.t('{0} is not deregistered: the service {1} uses it.', revisionLabel(revision), services[0])
        : services.length > 1
          ? vscode.l10n.t('{0} is not deregistered: the services {1} use it.', revisionLabel(revision), services.join(', '))
          : vscode.l10n.t('{0} is not deregistered: {1} could not be read and might use it. Try again, or check the permissions for ecs:DescribeServices.',
            revisionLabel(revision), unreadable.slice(0, 5).join(', ') + (unreadable.length > 5 ? ', …' : '')),
    );
    this.name = 'RevisionInUseError';
  }
}

/** Reads every service of the region; rejects with RevisionInUseError unless none uses `revision`. */
async function checkUnused(deps: DeployCommandDeps, revision: string, region: string | undefined, signal: AbortSignal): Promise<void> {
  const users = await revisionUsers({ clients: deps.clients, region, signal });
  const services = usersOf(users, revision);
  if (services.length || users.unreadable.length) throw new RevisionInUseError(revision, services, users.unreadable);
}

async function deregister(deps: DeployCommandDeps, revision: string, region: string | undefined, signal: AbortSignal): Promise<DeregisterRevisionResult> {
  const out = await ecs.deregisterTaskDefinition({ clients: deps.clients, region, signal }, revision);
  const arn = out.taskDefinition?.taskDefinitionArn ?? revision;
  deps.log.info(`[deregister] ${revisionLabel(arn)} deregistered`);
  const family = parseRevision(arn)?.family;
  if (family) void deps.refresher.refresh(changed.family(changeScope(deps.clients.current(), region), family));
  return { deregistered: arn };
}

export function deregisterRevisionSpec(deps: DeployCommandDeps): CommandSpec<DeregisterRevisionArgs, DeregisterRevisionResult> {
  const what = vscode.l10n.t('Deregistering the revision');
  return {
    id: 'ecsWorkbench.deregisterRevision',
    what,
    trust: 'changesAws',
    explicit: ([arg]) => (isExplicit(arg) ? arg : undefined),
    runExplicit: async ({ taskDefinition, region }) => {
      await checkUnused(deps, taskDefinition, region, NEVER_ABORTS);
      return deregister(deps, taskDefinition, region, NEVER_ABORTS);
    },
    runInteractive: async ([arg]) => {
      const node = resourceOf(arg, 'taskDefinitionRevision');
      const revision = node?.taskDefinitionArn;
      if (!revision) return undefined;
      const label = revisionLabel(revision);
      // Every service of the region is read: cancellable, and the cancellation reaches the SDK call.
      try {
        await withCancellableProgress({ title: vscode.l10n.t('Checking which services use {0}…', label) }, (signal) => checkUnused(deps, revision, node.region, signal));
      } catch (e) {
        if (!(e instanceof RevisionInUseError)) throw e;
        deps.log.info(`[deregister] ${e.message}`);
        void vscode.window.showErrorMessage(e.message);
        return undefined;
      }
      const go = vscode.l10n.t('Deregister');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Deregister {0}?', label),
        {
          modal: true,
          detail: vscode.l10n.t('No service uses it now. A deregistered revision stays readable, and running tasks keep running, but it cannot start new tasks or services. This cannot be undone.'),
        },
        go,
      );
      if (choice !== go) return undefined;
      const result = await withCancellableProgress({ title: vscode.l10n.t('Deregistering {0}', label) }, (signal) => deregister(deps, revision, node.region, signal));
      void vscode.window.showInformationMessage(vscode.l10n.t('Deregistered {0}.', label));
      return result;
    },
  };
}

export function deregisterRevisionCommand(deps: DeployCommandDeps, args: readonly unknown[]): Promise<DeregisterRevisionResult | undefined> {
  return runCommand(deps, deregisterRevisionSpec(deps), args);
}
