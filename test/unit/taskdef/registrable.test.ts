import * as assert from 'node:assert/strict';
import { toRegisterInput } from '../../../src/taskdef/registrable';

describe('taskdef/registrable toRegisterInput', () => {
  it('unwraps describe output, drops read-only fields, nulls and unknown keys, keeps the tags', () => {
    const described = {
      taskDefinition: {
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
        family: 'web',
        revision: 3,
        status: 'ACTIVE',
        taskRoleArn: null,
        compatibilities: ['EC2', 'FARGATE'],
        requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }],
        registeredAt: '2026-01-01T00:00:00Z',
        registeredBy: 'arn:aws:iam::123456789012:user/me',
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'web',
            image: 'nginx:1.27',
            portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp', bogus: 1 }],
            environment: [],
            secretOptions: null,
            logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } },
          },
        ],
      },
      tags: [{ key: 'team', value: 'a' }],
    };
    assert.deepEqual(toRegisterInput(described), {
      family: 'web',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:1.27',
          portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
          environment: [],
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } },
        },
      ],
      tags: [{ key: 'team', value: 'a' }],
    });
  });

  it('keeps every member of a register input as it is', () => {
    const input = {
      family: 'x',
      networkMode: 'awsvpc',
      enableFaultInjection: true,
      runtimePlatform: { operatingSystemFamily: 'LINUX' },
      containerDefinitions: [{ name: 'a', image: 'a:1', restartPolicy: { enabled: true, ignoredExitCodes: [0] }, dockerLabels: { 'a.b': 'c' } }],
    };
    assert.deepEqual(toRegisterInput(input), input);
  });

  it('rejects a value that is not an object', () => {
    assert.throws(() => toRegisterInput([1]), /JSON object/);
  });
});
