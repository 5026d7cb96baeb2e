// EC2 placement on the demo seed's staging container instances (2 × 2048 CPU units, 7680 MiB).
import * as assert from 'node:assert/strict';
import * as ecs from '@aws-sdk/client-ecs';
import { useTestEmulator } from './harness';

describe('emulator: EC2 task placement', function () {
  const t = useTestEmulator({ seed: 'demo' });

  const bridge = (family: string, memory: number, hostPort: number): ecs.RegisterTaskDefinitionCommandInput => ({
    family,
    containerDefinitions: [{ name: 'app', image: 'nginx:1', memory, portMappings: [{ containerPort: 80, hostPort }] }],
  });

  it('spreads tasks over container instances and reports RESOURCE:MEMORY and RESOURCE:PORTS as RunTask failures', async () => {
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(bridge('big', 4000, 80)));
    const run = await t.ecs.send(new ecs.RunTaskCommand({ cluster: 'staging', taskDefinition: 'big', launchType: 'EC2', count: 3 }));
    assert.equal(run.tasks!.length, 2);
    assert.notEqual(run.tasks![0].containerInstanceArn, run.tasks![1].containerInstanceArn, 'one per instance');
    assert.equal(run.failures!.length, 1);
    assert.equal(run.failures![0].reason, 'RESOURCE:MEMORY');
    assert.match(run.failures![0].arn!, /:container-instance\/staging\//);

    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(bridge('small', 64, 80)));
    const ports = await t.ecs.send(new ecs.RunTaskCommand({ cluster: 'staging', taskDefinition: 'small', launchType: 'EC2' }));
    assert.equal(ports.tasks!.length, 0);
    assert.equal(ports.failures![0].reason, 'RESOURCE:PORTS');

    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand(bridge('dynamic', 64, 0)));
    const dyn = await t.ecs.send(new ecs.RunTaskCommand({ cluster: 'staging', taskDefinition: 'dynamic', launchType: 'EC2', count: 2 }));
    assert.equal(dyn.tasks!.length, 2);
    await t.control.advance(20_000);
    const described = await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'staging', tasks: dyn.tasks!.map((x) => x.taskArn!) }));
    for (const task of described.tasks!) {
      const binding = task.containers![0].networkBindings![0];
      assert.equal(binding.containerPort, 80);
      assert.ok(binding.hostPort! >= 32768, 'bridge mode without hostPort gets an ephemeral port');
    }

    const instances = await t.ecs.send(new ecs.ListContainerInstancesCommand({ cluster: 'staging' }));
    const ci = (await t.ecs.send(new ecs.DescribeContainerInstancesCommand({ cluster: 'staging', containerInstances: instances.containerInstanceArns }))).containerInstances!;
    for (const instance of ci) {
      const remaining = instance.remainingResources!.find((r) => r.name === 'MEMORY')!.integerValue!;
      assert.ok(remaining < 7680 - 4000, `memory in use is subtracted (${remaining} left)`);
      assert.ok(instance.remainingResources!.find((r) => r.name === 'PORTS')!.stringSetValue!.includes('80'));
    }
  });

  it('runs a daemon service as one task per container instance with 0%/100% defaults', async () => {
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand({ family: 'agent', containerDefinitions: [{ name: 'agent', image: 'datadog/agent:7', memory: 256 }] }));
    const created = await t.ecs.send(new ecs.CreateServiceCommand({ cluster: 'staging', serviceName: 'agent', taskDefinition: 'agent', schedulingStrategy: 'DAEMON', launchType: 'EC2' }));
    assert.equal(created.service!.desiredCount, 2);
    assert.deepEqual([created.service!.deploymentConfiguration!.minimumHealthyPercent, created.service!.deploymentConfiguration!.maximumPercent], [0, 100]);
    await t.control.advance(40_000);
    const tasks = await t.ecs.send(new ecs.ListTasksCommand({ cluster: 'staging', serviceName: 'agent' }));
    const described = (await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'staging', tasks: tasks.taskArns }))).tasks!;
    assert.equal(described.length, 2);
    assert.equal(new Set(described.map((x) => x.containerInstanceArn)).size, 2, 'one per instance');
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand({ family: 'agent', containerDefinitions: [{ name: 'agent', image: 'datadog/agent:7.1', memory: 256 }] }));
    await t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'staging', service: 'agent', taskDefinition: 'agent:2' }));
    await t.control.advance(120_000);
    const svc = (await t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'staging', services: ['agent'] }))).services![0];
    assert.equal(svc.deployments!.length, 1);
    assert.equal(svc.deployments![0].rolloutState, 'COMPLETED');
    assert.equal(svc.runningCount, 2);
    await assert.rejects(t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'staging', service: 'agent', desiredCount: 3 })), /does not support a desired count/);
  });

  it('writes the ECS "unable to place a task" event when a service does not fit', async () => {
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand({ family: 'huge', containerDefinitions: [{ name: 'app', image: 'nginx:1', memory: 7000 }] }));
    await t.ecs.send(new ecs.CreateServiceCommand({ cluster: 'staging', serviceName: 'huge', taskDefinition: 'huge', desiredCount: 1, launchType: 'EC2' }));
    await t.control.advance(5_000);
    const svc = (await t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'staging', services: ['huge'] }))).services![0];
    assert.equal(svc.pendingCount! + svc.runningCount!, 0);
    assert.match(
      svc.events![0].message!,
      /^\(service huge\) was unable to place a task because no container instance met all of its requirements\. The closest matching \(container-instance [0-9a-f]{32}\) has insufficient memory available\. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide\.$/,
    );
    assert.equal(svc.events!.filter((e) => /unable to place/.test(e.message!)).length, 1, 'the same event is not repeated every second');
  });
});
