import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ListTagsForResourceCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  type ContainerDefinition,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { startSimulator, type Simulator } from '../src/index.js';
import { clientsFor, type Clients } from './helpers.js';

const container = (name: string, over: Partial<ContainerDefinition> = {}): ContainerDefinition => ({
  name,
  image: 'public.ecr.aws/nginx/nginx:1',
  ...over,
});

const fargate = (containers: ContainerDefinition[]): RegisterTaskDefinitionCommandInput => ({
  family: 'quota',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: containers,
});

describe('ECS quotas a deploy can hit (real SDK client)', () => {
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

  const register = (input: RegisterTaskDefinitionCommandInput): Promise<unknown> =>
    aws.ecs.send(new RegisterTaskDefinitionCommand(input));

  it('refuses a task definition over 64 KiB with ECS’s message and the measured length', async () => {
    const big = fargate([
      container('app', { environment: [{ name: 'BLOB', value: 'x'.repeat(70_000) }] }),
    ]);
    const bytes = Buffer.byteLength(JSON.stringify(big));
    await expect(register(big)).rejects.toMatchObject({
      name: 'ClientException',
      message: `Actual length: '${bytes}'. Max allowed length is '65536' bytes.`,
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('accepts one just under 64 KiB, and does not count the tags', async () => {
    const base = fargate([container('app', { environment: [{ name: 'BLOB', value: '' }] })]);
    const room = 65_536 - Buffer.byteLength(JSON.stringify(base));
    const full = fargate([
      container('app', { environment: [{ name: 'BLOB', value: 'x'.repeat(room) }] }),
    ]);
    const tags = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: 'v'.repeat(200) }));
    await expect(register({ ...full, tags })).resolves.toBeDefined();
    const over = fargate([
      container('app', { environment: [{ name: 'BLOB', value: 'x'.repeat(room + 1) }] }),
    ]);
    await expect(register(over)).rejects.toMatchObject({
      message: "Actual length: '65537'. Max allowed length is '65536' bytes.",
    });
  });

  it('allows 10 containers and refuses 11 with "Too many containers."', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `c${i}`);
    await expect(
      register(fargate(names.slice(0, 10).map((n) => container(n)))),
    ).resolves.toBeDefined();
    await expect(register(fargate(names.map((n) => container(n))))).rejects.toMatchObject({
      name: 'ClientException',
      message: 'Too many containers.',
    });
  });

  it('refuses an image reference over 255 characters', async () => {
    const image = `registry.example.com/${'a'.repeat(240)}:v1`;
    await expect(register(fargate([container('app', { image })]))).rejects.toMatchObject({
      name: 'ClientException',
      message: 'Container.image should be 255 characters or less',
    });
  });

  it('keeps a resource at 50 tags: new keys beyond are LimitExceededException, overwrites are fine', async () => {
    const out = (await register({
      ...fargate([container('app')]),
      family: 'tagged',
      tags: Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
    })) as { taskDefinition?: { taskDefinitionArn?: string } };
    const resourceArn = out.taskDefinition?.taskDefinitionArn;
    await expect(
      aws.ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'k0', value: 'new' }] })),
    ).resolves.toBeDefined();
    await expect(
      aws.ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'k50', value: 'v' }] })),
    ).rejects.toMatchObject({ name: 'LimitExceededException' });
    const listed = await aws.ecs.send(new ListTagsForResourceCommand({ resourceArn }));
    expect(listed.tags).toHaveLength(50);
    expect(listed.tags?.[0]).toEqual({ key: 'k0', value: 'new' });
  });

  it('refuses 51 tags in one request through the model’s Tags max', async () => {
    await expect(
      register({
        ...fargate([container('app')]),
        tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
      }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining(
        "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
      ),
    });
  });
});
