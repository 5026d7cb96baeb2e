import * as vscode from 'vscode';

/**
 * What the user achieved, published as context keys (`ecsWorkbench.walkthrough.<milestone>`): the
 * Getting Started walkthrough completes its steps on them (`onContext:`), so a step is done when a
 * profile or region was chosen, the fix applied, the image pushed or the rollout completed, not when a
 * command merely started (and perhaps was cancelled).
 */
export type Milestone = 'connectionChosen' | 'lintFixApplied' | 'imagePublished' | 'deploymentCompleted';

export interface Milestones {
  reached(milestone: Milestone): void;
}

export const MILESTONE_CONTEXT_PREFIX = 'ecsWorkbench.walkthrough.';

export function contextKeyMilestones(): Milestones {
  const reached = new Set<Milestone>();
  return {
    reached(milestone) {
      if (reached.has(milestone)) return;
      reached.add(milestone);
      void vscode.commands.executeCommand('setContext', MILESTONE_CONTEXT_PREFIX + milestone, true);
    },
  };
}
