// The Getting Started walkthrough's milestones in the real extension host: each is recorded when the
// user reaches it (a region chosen, a cluster expanded, a quick fix applied) and kept in the global
// state, which outlives the window; the reset command forgets them. Publish and deploy record theirs
// in the publish and deploy suites' flows (the same `reached` call).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectToEmulator, explorerApi, extensionApi } from './fixtures';
import { waitFor } from './wait';
import { MILESTONES, MILESTONE_CONTEXT_PREFIX, STEP_OF_MILESTONE, WALKTHROUGH_ID } from '../../src/ui/milestones';


async function completed(): Promise<string[]> {
  return (await extensionApi()).walkthrough.completed();
}

suite('walkthrough milestones', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    await connectToEmulator('demo');
    await vscode.commands.executeCommand('ecsWorkbench.resetWalkthrough');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
  });

  test('each milestone marks the step of the contributed walkthrough whose completion event is its context key', () => {
    const extension = vscode.extensions.getExtension('ecs-workbench.ecs-workbench');
    assert.ok(extension, 'the extension is installed');
    type Step = { id: string; completionEvents?: string[] };
    const walkthroughs = (extension.packageJSON as { contributes: { walkthroughs: { id: string; steps: Step[] }[] } }).contributes.walkthroughs;
    const walkthrough = walkthroughs.find((w) => w.id === WALKTHROUGH_ID);
    assert.ok(walkthrough, `package.json contributes the walkthrough ${WALKTHROUGH_ID}`);
    for (const milestone of MILESTONES) {
      const step = walkthrough.steps.find((s) => s.id === STEP_OF_MILESTONE[milestone]);
      assert.ok(step, `a step ${STEP_OF_MILESTONE[milestone]} for ${milestone}`);
      assert.ok(step.completionEvents?.includes(`onContext:${MILESTONE_CONTEXT_PREFIX}${milestone}`), `${step.id} completes on ${milestone}`);
    }
  });

  test('each milestone is kept when reached, in walkthrough order, and the reset forgets them', async () => {
    assert.deepEqual(await completed(), [], 'nothing is reached after the reset');

    await vscode.commands.executeCommand('ecsWorkbench.lint.fixApplied');
    assert.deepEqual(await completed(), ['lintFixApplied']);

    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
    assert.deepEqual(await completed(), ['connectionChosen', 'lintFixApplied'], 'kept in walkthrough order');

    // Loading the clusters is not browsing; expanding one in the view is.
    const explorer = await explorerApi();
    const roots = await waitFor('the Clusters view lists production', async () => {
      const nodes = await explorer.inspect('clusters');
      return nodes?.some((n) => n.label === 'production') && nodes;
    });
    assert.ok(!(await completed()).includes('treeBrowsed'), 'listing the clusters does not complete browsing');
    const production = roots.find((n) => n.label === 'production')!;
    // Collapsed first: other suites may have left it expanded, and expanding it again is no event;
    // again until the view has drawn it (a reveal into a view still loading expands nothing).
    await waitFor('expanding a cluster records treeBrowsed', async () => {
      await vscode.commands.executeCommand('ecsWorkbench.clusters.focus');
      await vscode.commands.executeCommand('workbench.actions.treeView.ecsWorkbench.clusters.collapseAll');
      await explorer.inspect('clusters', production.id, { expand: true });
      await new Promise((r) => setTimeout(r, 300));
      return (await completed()).includes('treeBrowsed');
    });

    // Reached again: recorded once.
    await vscode.commands.executeCommand('ecsWorkbench.lint.fixApplied');
    assert.deepEqual(await completed(), ['connectionChosen', 'treeBrowsed', 'lintFixApplied']);

    await vscode.commands.executeCommand('ecsWorkbench.resetWalkthrough');
    assert.deepEqual(await completed(), []);
  });
});
