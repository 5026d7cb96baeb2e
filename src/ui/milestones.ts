import * as vscode from 'vscode';

/**
 * What the user achieved, published as context keys (`ecsWorkbench.walkthrough.<milestone>`): the
 * Getting Started walkthrough completes its steps on them (`onContext:`), so a step is done when a
 * profile or region was chosen, the fix applied, the image pushed or the rollout completed, not when a
 * command merely started (and perhaps was cancelled).
 *
 * Each milestone is kept in the extension's global state when it happens and published again at every
 * activation (opening the walkthrough activates the extension: `onWalkthrough:`), so what was done
 * before the walkthrough was opened, or in another window, stays checked.
 *
 * The context key alone is not enough: the workbench creates its walkthroughs service only when a
 * walkthrough is first opened, and a key that is already true then is taken as seen, not as done
 * (so after a reload, or with the extension active before Get Started opens, nothing was checked).
 * Each milestone therefore also marks its step done through the workbench's own command
 * (`welcome.markStepComplete`, the walkthrough's "Mark Done"), which creates that service if needed.
 */
export const MILESTONES = ['connectionChosen', 'treeBrowsed', 'lintFixApplied', 'imagePublished', 'deploymentCompleted'] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface Milestones {
  reached(milestone: Milestone): void;
  /** The milestones reached so far, in any window, in walkthrough order. */
  completed(): Milestone[];
  /** Forgets them all (the user starts the walkthrough over). */
  reset(): Promise<void>;
}

export const MILESTONE_CONTEXT_PREFIX = 'ecsWorkbench.walkthrough.';
/** The walkthrough (package.json `contributes.walkthroughs`) and the step each milestone completes. */
export const WALKTHROUGH_ID = 'ecsWorkbench.gettingStarted';
export const STEP_OF_MILESTONE: Readonly<Record<Milestone, string>> = {
  connectionChosen: 'connect',
  treeBrowsed: 'browse',
  lintFixApplied: 'lint',
  imagePublished: 'publish',
  deploymentCompleted: 'deploy',
};
const STATE_KEY = 'ecsWorkbench.walkthrough.milestones';

/** The known milestones among what the global state holds (a newer or older version may have written it). */
export function storedMilestones(value: unknown): Milestone[] {
  const known = new Set<string>(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return MILESTONES.filter((m) => known.has(m));
}

/** The milestones of the global state, published as context keys, and the command that resets them. */
export function registerMilestones(context: vscode.ExtensionContext): Milestones {
  const milestones = contextKeyMilestones(context.globalState, context.extension.id);
  context.subscriptions.push(
    vscode.commands.registerCommand('ecsWorkbench.resetWalkthrough', async () => {
      await milestones.reset();
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Getting Started progress of ECS Workbench is reset.'),
      );
    }),
  );
  return milestones;
}

export function contextKeyMilestones(state: vscode.Memento, extensionId: string): Milestones {
  const publish = (milestone: Milestone, value: boolean): Thenable<unknown> =>
    vscode.commands.executeCommand('setContext', MILESTONE_CONTEXT_PREFIX + milestone, value);
  // Marked at activation and when newly reached, not each time again: an open walkthrough moves on to
  // its next step when one is marked (taking the focus, which closes a picker), and a full e2e run saw
  // that happen for a milestone reached long before (the workbench's own progress had been reset).
  const markStep = (milestone: Milestone, done: boolean): void => {
    // A host without the workbench's walkthrough commands (or an older one) still has the context key.
    const step = `${extensionId}#${WALKTHROUGH_ID}#${STEP_OF_MILESTONE[milestone]}`;
    void Promise.resolve(vscode.commands.executeCommand(done ? 'welcome.markStepComplete' : 'welcome.markStepIncomplete', step)).catch(() => undefined);
  };
  const completed = (): Milestone[] => storedMilestones(state.get(STATE_KEY));
  for (const milestone of completed()) {
    void publish(milestone, true);
    markStep(milestone, true);
  }
  return {
    reached(milestone) {
      void publish(milestone, true);
      const done = completed();
      if (done.includes(milestone)) return;
      markStep(milestone, true);
      void state.update(STATE_KEY, storedMilestones([...done, milestone]));
    },
    completed,
    async reset() {
      await state.update(STATE_KEY, undefined);
      MILESTONES.forEach((m) => markStep(m, false));
      await Promise.all(MILESTONES.map((m) => publish(m, false)));
    },
  };
}
