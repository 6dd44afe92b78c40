import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  ListTagsForResourceCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { startSimulator, type Simulator } from '../src/index.js';
import { clientsFor, type Clients } from './helpers.js';

const fargate = (
  over: Partial<RegisterTaskDefinitionCommandInput> = {},
): RegisterTaskDefinitionCommandInput => ({
  family: 'api',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    { name: 'app', image: 'public.ecr.aws/nginx/nginx:1', portMappings: [{ containerPort: 80 }] },
  ],
  ...over,
});

describe('ECS task definitions (real SDK client)', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeAll(async () => {
    sim = await startSimulator({ seed: {} });
    aws = clientsFor(sim, 1);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  it('registers revisions with the read-only fields and ECS defaults filled in', async () => {
    const first = await aws.ecs.send(
      new RegisterTaskDefinitionCommand(
        fargate({ cpu: '1 vCPU', memory: '2 GB', tags: [{ key: 'sha', value: 'abc' }] }),
      ),
    );
    const td = first.taskDefinition;
    expect(td).toMatchObject({
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:1',
      family: 'api',
      revision: 1,
      status: 'ACTIVE',
      cpu: '1024',
      memory: '2048',
      compatibilities: ['EC2', 'FARGATE'],
      registeredBy: 'arn:aws:iam::123456789012:user/ci',
    });
    expect(td?.registeredAt).toBeInstanceOf(Date);
    expect(td?.requiresAttributes).toContainEqual({ name: 'ecs.capability.task-eni' });
    expect(td?.containerDefinitions?.[0]).toMatchObject({
      cpu: 0,
      essential: true,
      environment: [],
      mountPoints: [],
      volumesFrom: [],
      portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
    });
    expect(first.tags).toEqual([{ key: 'sha', value: 'abc' }]);
    const dotted = await aws.ecs.send(
      new RegisterTaskDefinitionCommand(
        fargate({ family: 'dotted', cpu: '.25 vcpu', memory: '.5 gb' }),
      ),
    );
    expect(dotted.taskDefinition).toMatchObject({ cpu: '256', memory: '512' });
    const second = await aws.ecs.send(new RegisterTaskDefinitionCommand(fargate()));
    expect(second.taskDefinition?.revision).toBe(2);

    const described = await aws.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'api', include: ['TAGS'] }),
    );
    expect(described.taskDefinition?.revision).toBe(2);
    expect(described.tags).toEqual([]);
    const withoutTags = await aws.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'api:1' }),
    );
    expect(withoutTags.tags).toBeUndefined();
    expect(withoutTags.taskDefinition?.cpu).toBe('1024');
  });

  it('deregistered revisions stay describable; bare family resolves to the latest ACTIVE', async () => {
    const out = await aws.ecs.send(
      new DeregisterTaskDefinitionCommand({ taskDefinition: 'api:2' }),
    );
    expect(out.taskDefinition?.status).toBe('INACTIVE');
    expect(out.taskDefinition?.deregisteredAt).toBeInstanceOf(Date);
    const latest = await aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'api' }));
    expect(latest.taskDefinition?.revision).toBe(1);
    const arns = await aws.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'api' }));
    expect(arns.taskDefinitionArns).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:task-definition/api:1',
    ]);
    const inactive = await aws.ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 'api', status: 'INACTIVE' }),
    );
    expect(inactive.taskDefinitionArns).toHaveLength(1);
    const families = await aws.ecs.send(new ListTaskDefinitionFamiliesCommand({}));
    expect(families.families).toContain('api');
  });

  it('unknown task definitions are ClientException "Unable to describe task definition."', async () => {
    await expect(
      aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope:9' })),
    ).rejects.toMatchObject({
      name: 'ClientException',
      message: 'Unable to describe task definition.',
      $fault: 'client',
    });
  });

  it('tags a task definition through TagResource / ListTagsForResource / UntagResource', async () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:1';
    await aws.ecs.send(
      new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'run', value: '42' }] }),
    );
    await aws.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['sha'] }));
    const tags = await aws.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(tags.tags).toEqual([{ key: 'run', value: '42' }]);
  });

  const invalid: [string, RegisterTaskDefinitionCommandInput, string][] = [
    [
      'no image',
      fargate({ containerDefinitions: [{ name: 'app' }] }),
      'Container.image should not be null or empty.',
    ],
    [
      'blank image',
      fargate({ containerDefinitions: [{ name: 'app', image: '' }] }),
      'Container.image should not be null or empty.',
    ],
    [
      'no name',
      fargate({ containerDefinitions: [{ image: 'x' }] }),
      'Container.name should not be null or empty.',
    ],
    ['no containers', fargate({ containerDefinitions: [] }), 'Container list cannot be empty.'],
    [
      'fargate without cpu',
      fargate({ cpu: undefined }),
      "Fargate requires that 'cpu' be defined at the task level.",
    ],
    [
      'fargate without memory',
      fargate({ memory: undefined }),
      "Fargate requires that 'memory' be defined at the task level.",
    ],
    [
      'fargate bridge',
      fargate({ networkMode: 'bridge' }),
      'Fargate only supports network mode \u2018awsvpc\u2019.',
    ],
    [
      'fargate pair',
      fargate({ cpu: '512', memory: '512' }),
      'No Fargate configuration exists for given values: 512 CPU, 512 memory. See the Amazon ECS documentation for the valid values.',
    ],
    [
      'fargate 4 vCPU over 30 GB',
      fargate({ cpu: '4096', memory: '31744' }),
      'No Fargate configuration exists for given values: 4096 CPU, 31744 memory. See the Amazon ECS documentation for the valid values.',
    ],
    [
      'cpu unparsable',
      fargate({ cpu: 'lots' }),
      "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
    ],
    [
      'ec2 without memory',
      { family: 'ec2', containerDefinitions: [{ name: 'app', image: 'x' }] },
      "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified.",
    ],
    [
      'container memory above task',
      fargate({ containerDefinitions: [{ name: 'worker', image: 'x', memory: 1024 }] }),
      "The 'memory' setting for container 'worker' is greater than for the task.",
    ],
    [
      'awsvpc port mismatch',
      fargate({
        containerDefinitions: [
          { name: 'app', image: 'x', portMappings: [{ containerPort: 80, hostPort: 81 }] },
        ],
      }),
      'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
    ],
    [
      'awsvpc hostname',
      fargate({ containerDefinitions: [{ name: 'app', image: 'x', hostname: 'h' }] }),
      'hostname is not supported on container when networkMode=awsvpc.',
    ],
    [
      'secret shadows env',
      fargate({
        containerDefinitions: [
          {
            name: 'app',
            image: 'x',
            environment: [{ name: 'DB_HOST', value: 'h' }],
            secrets: [
              { name: 'DB_HOST', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' },
            ],
          },
        ],
      }),
      "The secret name must be unique and not shared with any new or existing environment variables set on the container, such as 'DB_HOST'.",
    ],
  ];

  it.each(invalid)('rejects %s with ECS’s message', async (_name, input, message) => {
    await expect(aws.ecs.send(new RegisterTaskDefinitionCommand(input))).rejects.toMatchObject({
      name: 'ClientException',
      message,
      $metadata: { httpStatusCode: 400 },
    });
  });

  const fargatePairs: [string, string, boolean][] = [
    ['256', '512', true],
    ['256', '2048', true],
    ['256', '3072', false],
    ['512', '4096', true],
    ['1024', '9216', false],
    ['2048', '16384', true],
    ['4096', '30720', true],
    ['8192', '20480', true],
    ['8192', '18432', false],
    ['16384', '122880', true],
  ];

  it.each(fargatePairs)('Fargate %s CPU / %s MiB valid: %s', async (cpu, memory, ok) => {
    const send = aws.ecs.send(
      new RegisterTaskDefinitionCommand(fargate({ family: 'pairs', cpu, memory })),
    );
    if (ok) await expect(send).resolves.toBeDefined();
    else await expect(send).rejects.toMatchObject({ name: 'ClientException' });
  });
});
