// Held-out defects of render-task-def, run through the committed bundle against the simulator:
// structured inputs keep their text (1), the task definition fits ECS's registration quotas
// before anything is deployed (9), and one rule each for quotes, variable names and registry
// hosts across inputs (10). Judged from outside: exit code, annotations, the rendered file, and
// the simulator's request log (no mutating call on a refusal).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { seedWithImages, simFixture, type SimFixture } from '@ecs-deploy/test-support';
import type { StepResult } from '@ecs-deploy/runner-harness';
import { GITHUB_ENV, SOME_DIGEST, bundleReady, describeStep, expectRefused } from './support.js';

const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const IMAGE = `${ECR}/web@${SOME_DIGEST}`;

let fixture: SimFixture;

interface Rendered {
  containerDefinitions: {
    name: string;
    image: string;
    environment?: { name: string; value: string }[];
    secrets?: { name: string; valueFrom: string }[];
    dockerLabels?: Record<string, string>;
    logConfiguration?: { logDriver: string; options?: Record<string, string> };
  }[];
}

beforeAll(async () => {
  fixture = await simFixture(seedWithImages({}));
  fixture.writeTaskDefinition('td.json', IMAGE);
}, 60_000);
afterAll(async () => {
  await fixture.close();
});

function file(name: string, text: string): void {
  writeFileSync(join(fixture.workspace, name), text);
}

async function render(
  inputs: Record<string, string>,
): Promise<{ result: StepResult; mutating: string[] }> {
  await bundleReady('render-task-def');
  const mark = fixture.sim.log.mark();
  const result = await fixture.step(
    'render-task-def',
    { 'task-definition': 'td.json', ...inputs },
    { env: { ...GITHUB_ENV } },
  );
  return { result, mutating: fixture.mutatingSince(mark) };
}

async function rendered(
  inputs: Record<string, string>,
): Promise<Rendered['containerDefinitions'][0]> {
  const { result } = await render(inputs);
  expect(result.exitCode === 0 ? 'ok' : describeStep(result)).toBe('ok');
  const text = readFileSync(result.outputs.get('task-definition') ?? '', 'utf8');
  const container = (JSON.parse(text) as Rendered).containerDefinitions[0];
  if (container === undefined) throw new Error('no container rendered');
  return container;
}

function environmentOf(container: Rendered['containerDefinitions'][0]): Record<string, string> {
  return Object.fromEntries((container.environment ?? []).map((e) => [e.name, e.value]));
}

/** A refusal of the rendered definition: one error annotation holding `expected`, nothing changed. */
async function invalid(inputs: Record<string, string>, expected: RegExp): Promise<string> {
  const { result, mutating } = await render(inputs);
  expect(result.exitCode === 0 ? describeStep(result) : 'refused').toBe('refused');
  const errors = result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(expected);
  expect(mutating).toEqual([]);
  return errors.join('\n');
}

async function refused(
  inputs: Record<string, string>,
  input: string,
  expected: RegExp,
): Promise<string> {
  const { result, mutating } = await render(inputs);
  expectRefused(result, input, expected);
  expect(mutating).toEqual([]);
  return result.annotations.map((a) => a.message).join('\n');
}

// Each value as written, and what YAML's core schema would have made of it.
const AS_WRITTEN: [string, string][] = [
  ['AWS_ACCOUNT', '012345678901'],
  ['VER', '1.10'],
  ['HEX', '0x1F'],
  ['OCTAL', '0o17'],
  ['SCI', '1e3'],
  ['BIG', '12345678901234567890'],
  ['NEG_ZERO', '-0'],
  ['PLUS', '+12'],
  ['INF', '.inf'],
  ['NAN', '.NaN'],
  ['DEBUG', 'yes'],
  ['FLAG', 'true'],
  ['FLAG2', 'False'],
  ['DATE', '2001-12-14'],
  ['ZIP', '02134'],
];

describe('defect 1: structured inputs keep the text as written, or refuse naming the key', () => {
  it('environment-variables as a YAML map keeps every scalar as written', async () => {
    const yaml = [...AS_WRITTEN.map(([k, v]) => `${k}: ${v}`), 'EMPTY:', 'QUOTED: "x y"'].join(
      '\n',
    );
    const env = environmentOf(await rendered({ 'environment-variables': yaml }));
    expect(env).toEqual({ ...Object.fromEntries(AS_WRITTEN), EMPTY: '', QUOTED: 'x y' });
  });

  it('environment-variables as a JSON map keeps numbers and booleans as written', async () => {
    const json = `{"A": 1.10, "B": 1e3, "C": true, "D": 12345678901234567890, "E": -0.0, "F": "012"}`;
    const env = environmentOf(await rendered({ 'environment-variables': json }));
    expect(env).toEqual({
      A: '1.10',
      B: '1e3',
      C: 'true',
      D: '12345678901234567890',
      E: '-0.0',
      F: '012',
    });
  });

  it('keys are kept as written too (012 is not 12)', async () => {
    const env = environmentOf(await rendered({ 'environment-variables': '012: a\n1.10: b' }));
    expect(env).toEqual({ '012': 'a', '1.10': 'b' });
  });

  it('a YAML task definition file keeps map keys as written too', async () => {
    file(
      'keys.yaml',
      [
        'family: web',
        'networkMode: awsvpc',
        'requiresCompatibilities: [FARGATE]',
        "cpu: '256'",
        "memory: '512'",
        'executionRoleArn: arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
        'containerDefinitions:',
        '  - name: app',
        `    image: ${IMAGE}`,
        '    dockerLabels:',
        "      012: 'a'",
        "      1.10: 'b'",
      ].join('\n'),
    );
    const container = await rendered({ 'task-definition': 'keys.yaml' });
    expect(container.dockerLabels).toEqual({ '012': 'a', '1.10': 'b' });
  });

  it('docker-labels and log-options take the same map form and keep the text', async () => {
    const container = await rendered({
      'docker-labels': 'version: 1.10\nbuild: 0012',
      'log-driver': 'awslogs',
      'log-options': 'awslogs-group: /ecs/web\nawslogs-stream-prefix: 0010\nmax-buffer-size: 1e3',
    });
    expect(container.dockerLabels).toEqual({ version: '1.10', build: '0012' });
    expect(container.logConfiguration?.options).toEqual({
      'awslogs-group': '/ecs/web',
      'awslogs-stream-prefix': '0010',
      'max-buffer-size': '1e3',
    });
  });

  it.each([
    ['X: null', 'X'],
    ['Y: ~', 'Y'],
    ['{"Z": null}', 'Z'],
    ['A: 1\nNESTED:\n  b: 2', 'NESTED'],
  ])('refuses %j naming the key', async (text, key) => {
    await refused(
      { 'environment-variables': text },
      'environment-variables',
      new RegExp(`"${key}"`),
    );
  });

  it('refuses a YAML map with a null in docker-labels, naming the key', async () => {
    await refused({ 'docker-labels': 'team: ~' }, 'docker-labels', /"team"/);
  });
});

/** A task definition (family web) whose app container carries `extra`. */
function bigDefinition(extra: Record<string, unknown>, task: Record<string, unknown> = {}): string {
  return JSON.stringify({
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    containerDefinitions: [{ name: 'app', image: IMAGE, essential: true, ...extra }],
    ...task,
  });
}

function variables(count: number, size: number): { name: string; value: string }[] {
  return Array.from({ length: count }, (_, i) => ({ name: `VAR_${i}`, value: 'v'.repeat(size) }));
}

async function registerDirectly(definition: string): Promise<string> {
  const ecs = new ECSClient({
    endpoint: fixture.sim.endpoint,
    region: fixture.sim.env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: fixture.sim.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: fixture.sim.env.AWS_SECRET_ACCESS_KEY ?? '',
    },
    maxAttempts: 1,
  });
  try {
    await ecs.send(new RegisterTaskDefinitionCommand(JSON.parse(definition) as never));
    return 'registered';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    ecs.destroy();
  }
}

describe('defect 9: registration quotas are refused in render, before anything is deployed', () => {
  it('a definition over 64 KiB: ECS’s size and text, the largest parts, and the fix', async () => {
    const env = [...variables(60, 1000), { name: 'BIG_CERT', value: 'c'.repeat(8000) }];
    const definition = bigDefinition({ environment: env });
    file('big.json', definition);
    // The simulator (ECS's quota, as ECS words it) is the judge of the size render reports.
    const ecs = await registerDirectly(definition);
    const bytes = /Actual length: '(\d+)'/.exec(ecs)?.[1];
    expect(bytes).toBeDefined();
    const message = await invalid({ 'task-definition': 'big.json' }, /65536/);
    expect(message).toContain(
      `Actual length: '${bytes ?? ''}'. Max allowed length is '65536' bytes.`,
    );
    expect(message).toContain('containerDefinitions[name=app].environment');
    expect(message).toContain('BIG_CERT');
    expect(message).toMatch(/Secrets Manager|SSM/);
    expect(message).toContain('environmentFiles');
    expect(message).not.toContain('c'.repeat(100));
  });

  it('grown over 64 KiB by environment-variables, the input is named', async () => {
    const lines = variables(70, 1000)
      .map((v) => `${v.name}=${v.value}`)
      .join('\n');
    const message = await invalid(
      { 'environment-variables': lines },
      /Max allowed length is '65536' bytes/,
    );
    expect(message).toContain("Input 'environment-variables'");
    expect(message).toContain('containerDefinitions[name=app].environment');
  });

  it('just under 64 KiB renders, and ECS registers it', async () => {
    const definition = bigDefinition({ environment: variables(60, 1000) });
    file('under.json', definition);
    const { result } = await render({ 'task-definition': 'under.json' });
    expect(result.exitCode === 0 ? 'ok' : describeStep(result)).toBe('ok');
    const text = readFileSync(result.outputs.get('task-definition') ?? '', 'utf8');
    expect(await registerDirectly(text)).toBe('registered');
  });

  it('more than 10 containers: "Too many containers."', async () => {
    const containers = Array.from({ length: 11 }, (_, i) => ({
      name: `c${i}`,
      image: IMAGE,
      essential: i === 0,
    }));
    file('eleven.json', bigDefinition({}, { containerDefinitions: containers }));
    await invalid({ 'task-definition': 'eleven.json' }, /Too many containers\./);
  });

  it('an image over 255 characters: "Container.image should be 255 characters or less"', async () => {
    const long = `${ECR}/${'a'.repeat(60)}/${'b'.repeat(60)}/${'c'.repeat(60)}@${SOME_DIGEST}`;
    expect(long.length).toBeGreaterThan(255);
    await invalid({ image: long }, /Container\.image should be 255 characters or less/);
  });

  it('more than 50 tags on the base are refused (ECS allows 50 per resource)', async () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    file(
      'tags.json',
      JSON.stringify({ taskDefinition: JSON.parse(bigDefinition({})) as unknown, tags }),
    );
    await invalid({ 'task-definition': 'tags.json' }, /51 tags[\s\S]*50/);
  });
});

describe('defect 10: one rule each for quotes, names and registry hosts', () => {
  it('quotes are syntax in environment-variables lines exactly as in env-files', async () => {
    const text = `A="x y"\nB='"kept"'\nC=plain # comment\nD="a\\nb"`;
    file('app.env', text);
    const fromInput = environmentOf(await rendered({ 'environment-variables': text }));
    const fromFile = environmentOf(await rendered({ 'env-files': 'app.env' }));
    const want = { A: 'x y', B: '"kept"', C: 'plain', D: 'a\nb' };
    expect(fromInput).toEqual(want);
    expect(fromFile).toEqual(want);
  });

  it('names ECS accepts (-, ., a leading digit) are accepted in every input, with a warning for shells', async () => {
    file('names.env', 'my-var=1\n');
    const { result } = await render({
      'environment-variables': 'spring.profiles.active=prod\n1ST=x',
      'env-files': 'names.env',
      secrets: 'db-password=/app/db',
    });
    expect(result.exitCode === 0 ? 'ok' : describeStep(result)).toBe('ok');
    const container = (
      JSON.parse(readFileSync(result.outputs.get('task-definition') ?? '', 'utf8')) as Rendered
    ).containerDefinitions[0];
    expect(environmentOf(container ?? { name: '', image: '' })).toEqual({
      'my-var': '1',
      'spring.profiles.active': 'prod',
      '1ST': 'x',
    });
    expect(container?.secrets).toEqual([{ name: 'db-password', valueFrom: '/app/db' }]);
    const warnings = result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings.join('\n')).toMatch(/"my-var"[\s\S]*shell/);
  });

  it.each([
    ['environment-variables', '"A B": x', /"A B"/],
    ['secrets', '"DB\\tX": /app/db', /"DB\\tX"/],
  ])('%s refuses a name no process can hold (%j)', async (input, text, expected) => {
    await refused({ [input]: text }, input, expected);
  });

  it.each([
    [
      'image',
      { image: `123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web@${SOME_DIGEST}` },
      /cn-north-1[\s\S]*aws-cn/,
    ],
    [
      'image',
      { image: `123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/web@${SOME_DIGEST}` },
      /us-gov-west-1[\s\S]*aws-us-gov/,
    ],
    [
      'image',
      { image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@${SOME_DIGEST}` },
      /eu-west-1[\s\S]*us-east-1/,
    ],
    [
      'image',
      { image: `999999999999.dkr.ecr.us-east-1.amazonaws.com/web@${SOME_DIGEST}` },
      /999999999999[\s\S]*123456789012/,
    ],
    [
      'containers',
      {
        image: '',
        containers: `app=123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web@${SOME_DIGEST}`,
      },
      /cn-north-1/,
    ],
    [
      'repository',
      { image: SOME_DIGEST, repository: '123456789012.dkr.ecr.us-gov-east-1.amazonaws.com/web' },
      /us-gov-east-1/,
    ],
  ])(
    'a registry host in %s is held to the rule of registry (%j)',
    async (input, inputs, expected) => {
      const message = await refused(inputs, input, expected);
      expect(message).toContain('allow-foreign-registry');
    },
  );

  it('allow-foreign-registry accepts such a host, as it does for registry', async () => {
    const image = `123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web@${SOME_DIGEST}`;
    const container = await rendered({ image, 'allow-foreign-registry': 'true' });
    expect(container.image).toBe(image);
  });
});

describe('defect 1 in another action: rollback-digest reads its digests map with the same rule', () => {
  it('a container name written 007 stays 007 (not 7)', async () => {
    await bundleReady('rollback-digest');
    const mark = fixture.sim.log.mark();
    const result = await fixture.step(
      'rollback-digest',
      {
        cluster: 'demo',
        service: 'web',
        digests: `007: ${SOME_DIGEST}`,
        'dry-run': 'true',
        'poll-min-interval': '500ms',
        'poll-max-interval': '1s',
        timeout: '30s',
      },
      { env: { ...GITHUB_ENV } },
    );
    const errors = result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(result.exitCode === 0 ? describeStep(result) : 'refused').toBe('refused');
    expect(errors.join('\n')).toMatch(/"007"|'007'|\b007\b/);
    expect(errors.join('\n')).not.toMatch(/"7"|'7'/);
    expect(fixture.mutatingSince(mark)).toEqual([]);
  });
});
