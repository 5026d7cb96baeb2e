// Release from a service node in the real extension host, answered as a user answers it: the quick
// picks are shown and accepted through the workbench's quick input (quickPicks.ts), the one modal is
// answered by script and counted. Real parts as in the publish suite: podman builds the fixture
// workspace's FROM-scratch context and pushes it to a Debian docker-registry with htpasswd; an
// emulator started here with that registry answers ECR and ECS, and counts the calls it gets.
//
// The suite points the SDK at its own emulator through AWS_ENDPOINT_URL and uses a region no other
// suite uses, so only this suite's clients reach it (the extension makes clients per region).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SdkClients } from '../../src/aws/clients';
import { loadSdk } from '../../src/aws/sdk-loader';
import { EmulatorControl } from '../emulator/control';
import { registryDigest, type LocalRegistry } from '../component/publish/support/localRegistry';
import { ownRegistryAndEmulator } from './registryFixture';
import { answeringQuickPicks, recordingMessages, type ShownMessage } from './quickPicks';

const REGION = 'ca-central-1';
const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: 'DISABLED' as const } };
/** What a release changes in AWS: none of these may be called before the confirmation. */
const CHANGES = ['CreateRepository', 'GetAuthorizationToken', 'InitiateLayerUpload', 'PutImage', 'RegisterTaskDefinition', 'UpdateService'];

suite('release: checks, questions, one confirmation, outcome', function () {
  this.timeout(180_000);
  const own = ownRegistryAndEmulator(REGION);
  const { built } = own;
  let registry: LocalRegistry;
  let control: EmulatorControl;
  let clients: SdkClients;
  const id = Math.random().toString(36).slice(2, 8);
  const cluster = `rel-${id}`;
  const family = `site-${id}`;
  const repository = `rel-${id}`;
  /** A service node of the Clusters view, as a click on "Release" passes it. */
  const serviceNode = { resource: { kind: 'service', region: REGION, clusterName: cluster, serviceName: 'site' } };

  async function changesSoFar(): Promise<Record<string, number>> {
    const counts = await control.callCounts();
    return Object.fromEntries(CHANGES.map((c) => [c, counts[c] ?? 0]));
  }
  const none = Object.fromEntries(CHANGES.map((c) => [c, 0]));

  async function revision(arn: string) {
    const { ecs } = loadSdk();
    return (await clients.ecs().send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition;
  }

  suiteSetup(async () => {
    ({ registry, clients } = own);
    control = new EmulatorControl(own.emulator.url);
    const { ecr, ecs } = loadSdk();
    await clients.ecr().send(new ecr.CreateRepositoryCommand({ repositoryName: repository }));
    await clients.ecs().send(new ecs.CreateClusterCommand({ clusterName: cluster }));
    // Two containers, neither from this region's ECR (the sandbox's old seed, or any public image).
    const first = await clients.ecs().send(
      new ecs.RegisterTaskDefinitionCommand({
        family,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          { name: 'proxy', image: 'public.ecr.aws/nginx/nginx:1.27', essential: true },
          { name: 'app', image: 'docker.io/library/busybox:1.36', essential: false },
        ],
      }),
    );
    // A later revision the service does not run: the release renders from :1 and registers :3.
    await clients.ecs().send(new ecs.RegisterTaskDefinitionCommand({ family, containerDefinitions: [{ name: 'scratch', image: 'busybox', memory: 64 }] }));
    await clients.ecs().send(
      new ecs.CreateServiceCommand({ cluster, serviceName: 'site', taskDefinition: first.taskDefinition?.taskDefinitionArn, desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NETWORK }),
    );
  });

  test('a check that fails (no container engine) is reported before any question, and nothing changes', async () => {
    await vscode.workspace.getConfiguration('ecsWorkbench').update('containerCli', 'finch', vscode.ConfigurationTarget.Global);
    await control.resetCallCounts();
    try {
      const shown = await recordingMessages(
        () => undefined,
        async (messages) => {
          // No answers: any quick pick fails the test.
          const { result } = await answeringQuickPicks([], () => Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.release', serviceNode)));
          assert.equal(result, undefined);
          return messages;
        },
      );
      const error = shown.find((m) => m.severity === 'error');
      assert.ok(error, `an error is shown: ${JSON.stringify(shown)}`);
      assert.match(error.message, /^Release of site: finch is not installed .*Nothing was changed\.$/);
      assert.equal(shown.filter((m) => m.modal).length, 0, 'no confirmation');
      assert.deepEqual(await changesSoFar(), none);
    } finally {
      await vscode.workspace.getConfiguration('ecsWorkbench').update('containerCli', 'podman', vscode.ConfigurationTarget.Global);
    }
  });

  test('no container uses this region\'s ECR: asks the repository and the container, confirms once what it will do, then publishes, registers and deploys', async () => {
    await control.resetCallCounts();
    let changesAtConfirmation: Record<string, number> | undefined;
    const { shown, result, asked } = await recordingMessages(
      async (modal) => {
        changesAtConfirmation = await changesSoFar();
        return /^Release .*\?$/.test(modal.message) ? 'Release' : undefined;
      },
      async (messages) => {
        const answered = await answeringQuickPicks(
          [
            { title: /^Release site: repository$/, pick: repository },
            { title: /^Release site: container$/, pick: 'app' },
            { title: /^Publish image: what to publish$/, pick: 'publish/app/Dockerfile' },
            { title: /^Release site: tag$/, pick: /./ },
          ],
          () => Promise.resolve(vscode.commands.executeCommand<{ outcome: string; imageUri: string; taskDefinitionArn: string } | undefined>('ecsWorkbench.release', serviceNode)),
        );
        return { shown: messages, ...answered };
      },
    );
    assert.ok(result, `the release resolved: ${JSON.stringify(shown)}`);
    built.push(result.imageUri);
    assert.match(asked[0].placeHolder ?? '', new RegExp(`No container of ${family}:1 uses an image from ECR in ${REGION}`));
    assert.deepEqual(asked[1].labels, ['proxy', 'app'], 'every container of the revision is offered');

    const modals = shown.filter((m) => m.modal);
    assert.equal(modals.length, 1, `one confirmation: ${JSON.stringify(modals)}`);
    assert.deepEqual(changesAtConfirmation, none, 'nothing changed before the confirmation');
    const tag = result.imageUri.slice(result.imageUri.lastIndexOf(':') + 1);
    const modal = modals[0];
    assert.equal(modal.message, `Release ${registry.host}/${repository}:${tag} to ${cluster}/site as ${family}:3?`);
    assert.deepEqual(modal.detail?.split('\n'), [
      `1. Build and push the image ${registry.host}/${repository}:${tag} to the repository ${repository}`,
      `2. Register ${family}:3 from ${family}:1, with container app's image changed: docker.io/library/busybox:1.36 → ${registry.host}/${repository}:${tag}`,
      `3. Deploy ${family}:3 to ${cluster}/site (1 tasks are replaced), and follow the rollout until it completes, fails or rolls back`,
    ]);

    assert.equal(result.outcome, 'completed');
    assert.match(result.taskDefinitionArn, new RegExp(`task-definition/${family}:3$`));
    assert.ok(await registryDigest(registry, repository, tag), 'the registry has the pushed tag');
    const registered = await revision(result.taskDefinitionArn);
    assert.deepEqual(registered?.containerDefinitions?.map((c) => [c.name, c.image]), [
      ['proxy', 'public.ecr.aws/nginx/nginx:1.27'],
      ['app', result.imageUri],
    ]);
    const { ecs } = loadSdk();
    const service = (await clients.ecs().send(new ecs.DescribeServicesCommand({ cluster, services: ['site'] }))).services?.[0];
    assert.equal(service?.taskDefinition, result.taskDefinitionArn);

    // The outcome: short enough to be read whole, with actions; the rest is in the log.
    const outcome = shown.find((m) => !m.modal && /^Released /.test(m.message));
    assert.ok(outcome, `a success message: ${JSON.stringify(shown)}`);
    assert.equal(outcome.message, `Released ${family}:3 to ${cluster}/site (image tag ${tag}).`);
    assert.deepEqual(outcome.actions, ['Show Logs', 'Show Details']);
  });

  test('a repository to create is created only once the release is confirmed; declined, nothing changes', async () => {
    const created = `new-${id}`;
    const input = vscode.window as unknown as { showInputBox: unknown };
    const originalInput = input.showInputBox;
    const askedNames: string[] = [];
    // An input box cannot be typed into from the host: the name is answered by script, after the
    // box's own check has accepted it.
    input.showInputBox = async (options: vscode.InputBoxOptions) => {
      askedNames.push(options.title ?? '');
      assert.equal(await options.validateInput?.(repository), `${repository} already exists in ${REGION}.`);
      assert.equal(await options.validateInput?.(created), undefined);
      return created;
    };
    // The service runs site:3 now (app from ECR): a second service whose containers are not in ECR.
    const { ecs } = loadSdk();
    await clients.ecs().send(new ecs.CreateServiceCommand({ cluster, serviceName: 'edge', taskDefinition: `${family}:1`, desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NETWORK }));
    const edge = { resource: { ...serviceNode.resource, serviceName: 'edge' } };
    const answers = () => [
      { title: /^Release edge: repository$/, pick: 'Create repository…' },
      { title: new RegExp(`^Settings of ${created}$`), pick: 'Mutable tags, scan on push' },
      { title: /^Release edge: container$/, pick: 'proxy' },
      { title: /^Publish image: what to publish$/, pick: 'publish/app/Dockerfile' },
      { title: /^Release edge: tag$/, pick: /./ },
    ];
    try {
      await control.resetCallCounts();
      const declined = await recordingMessages(
        () => undefined,
        async (messages) => {
          const { result } = await answeringQuickPicks(answers(), () => Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.release', edge)));
          assert.equal(result, undefined, 'declined: no result');
          return messages;
        },
      );
      const modal = declined.filter((m) => m.modal);
      assert.equal(modal.length, 1);
      assert.match(modal[0].detail ?? '', new RegExp(`^1\\. Create the ECR repository ${created}\\n2\\. Build and push the image ${created}:\\S+ to the repository ${created}\\n3\\. Register ${family}:4 from ${family}:1, with container proxy's image changed`));
      assert.deepEqual(await changesSoFar(), none, 'declined: nothing changed');
      const { ecr } = loadSdk();
      await assert.rejects(clients.ecr().send(new ecr.DescribeRepositoriesCommand({ repositoryNames: [created] })), /RepositoryNotFound|not found|does not exist/i);

      const accepted = await recordingMessages(
        () => 'Release',
        async (messages) => ({ messages, ...(await answeringQuickPicks(answers(), () => Promise.resolve(vscode.commands.executeCommand<{ outcome: string; imageUri: string; taskDefinitionArn: string } | undefined>('ecsWorkbench.release', edge)))) }),
      );
      assert.ok(accepted.result, `released: ${JSON.stringify(accepted.messages)}`);
      built.push(accepted.result.imageUri);
      assert.equal(accepted.messages.filter((m) => m.modal).length, 1, 'one confirmation');
      assert.equal(accepted.result.outcome, 'completed');
      assert.match(accepted.result.imageUri, new RegExp(`^${registry.host}/${created}:`));
      const repo = (await clients.ecr().send(new ecr.DescribeRepositoriesCommand({ repositoryNames: [created] }))).repositories?.[0];
      assert.equal(repo?.imageTagMutability, 'MUTABLE');
      assert.equal(repo?.imageScanningConfiguration?.scanOnPush, true);
      assert.deepEqual((await revision(accepted.result.taskDefinitionArn))?.containerDefinitions?.map((c) => c.name === 'proxy' && c.image), [accepted.result.imageUri, false]);
      assert.deepEqual(askedNames, [`Create ECR repository in ${REGION}`, `Create ECR repository in ${REGION}`]);
    } finally {
      input.showInputBox = originalInput;
    }
  });

  test('a release that fails at a step says which, what was done and what did not happen', async () => {
    // site runs site:3, whose container app is in the repository: no repository or container question.
    await control.injectFault({ operation: 'RegisterTaskDefinition', kind: 'accessDenied', count: 1 });
    let shown: ShownMessage[];
    try {
      shown = await recordingMessages(
        () => 'Release',
        async (messages) => {
          const { result } = await answeringQuickPicks(
            [
              { title: /^Publish image: what to publish$/, pick: 'publish/app/Dockerfile' },
              { title: /^Release site: tag$/, pick: /./ },
            ],
            () => Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.release', serviceNode)),
          );
          assert.equal(result, undefined);
          return messages;
        },
      );
    } finally {
      await control.clearFaults();
    }
    assert.equal(shown.filter((m) => m.modal).length, 1, 'one confirmation');
    const error = shown.find((m) => m.severity === 'error');
    assert.ok(error, `an error is shown: ${JSON.stringify(shown)}`);
    const pushed = new RegExp(`Image ${registry.host}/${repository}:(\\S+) published \\(sha256:[0-9a-f]{12}\\)`).exec(error.message);
    assert.ok(pushed, error.message);
    built.push(`${registry.host}/${repository}:${pushed[1]}`);
    assert.match(error.message, /^Release of site failed at "Register revision": .+\. Image \S+ published \(sha256:[0-9a-f]{12}\)\. Not registered, not deployed\.$/);
    const { ecs } = loadSdk();
    const service = (await clients.ecs().send(new ecs.DescribeServicesCommand({ cluster, services: ['site'] }))).services?.[0];
    assert.match(service?.taskDefinition ?? '', new RegExp(`${family}:3$`), 'still on the revision it ran');
  });
});
