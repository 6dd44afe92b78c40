import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { InputReader, emptyInputsOf } from '@ecs-deploy/action-kit';
import type { EcsApi } from '@ecs-deploy/aws';
import {
  REPO_ROOT,
  actionDir,
  inputEnvironment,
  loadActionMetadata,
} from '@ecs-deploy/runner-harness';
import { readInputs } from '../src/inputs.js';
import { render, type RenderDeps } from '../src/render.js';

const DIGEST = `sha256:${'b'.repeat(64)}`;
const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const fixture = (name: string): string =>
  readFileSync(`${REPO_ROOT}packages/task-definition/test/fixtures/${name}`, 'utf8');

const web = (container: Record<string, unknown> = {}, task: Record<string, unknown> = {}): string =>
  JSON.stringify({
    family: 'api',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
    containerDefinitions: [
      {
        name: 'web',
        image: 'placeholder',
        essential: true,
        portMappings: [{ containerPort: 8000 }],
        ...container,
      },
    ],
    ...task,
  });

const files: Record<string, string> = {
  'td.json': web(),
  'two.json': JSON.stringify({
    ...JSON.parse(web()),
    containerDefinitions: [
      { name: 'web', image: 'x' },
      { name: 'worker', image: 'y' },
    ],
  }),
  'prod.env': 'DJANGO_SETTINGS_MODULE=app.settings.prod\nexport DEBUG="false"\n',
  'fixture11.json': fixture('11-secretsmanager-jsonkey-healthcheck.json'),
  'fixture21.json': fixture('21-codedeploy-image1-placeholder-nulls.json'),
  'fixture24.json': fixture('24-partial-describe-no-family-crlf.json'),
};

function deps(calls: string[] = []): RenderDeps {
  const ecs = new Proxy({} as EcsApi, {
    get: (_target, name) => () => {
      calls.push(String(name));
      return Promise.reject(new Error(`unexpected AWS call ${String(name)}`));
    },
  });
  return {
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    },
    ecs: () => ecs,
    registryHost: () => Promise.resolve(REGISTRY),
    checkImageHost: () => Promise.resolve(),
    inputSource: () => Promise.resolve(undefined),
  };
}

// Every declared input, as the runner sets them: its action.yml default or ''.
const metadata = loadActionMetadata(actionDir('render-task-def'));
function inputs(values: Record<string, string>): ReturnType<typeof readInputs> {
  return readInputs(new InputReader(inputEnvironment(metadata, values, {})));
}

describe('render-task-def: rendering', () => {
  it('joins a bare digest with the repository and the in-job registry, and applies every edit', async () => {
    const result = await render(
      inputs({
        'task-definition': 'td.json',
        image: DIGEST,
        repository: 'team/api',
        'environment-variables': 'DATABASE_URL=postgres://u@db/app?sslmode=require\nLOG_LEVEL=info',
        'env-files': 'prod.env',
        secrets:
          'POSTGRES_PASSWORD=arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::',
        'awslogs-group': '/ecs/api',
        'awslogs-region': 'eu-west-1',
        'awslogs-stream-prefix': 'web',
        command: 'gunicorn app.wsgi --bind "0.0.0.0:8000" --workers 3',
        cpu: '0.5 vCPU',
        memory: '1 GB',
        'docker-labels': 'com.example.team=payments',
      }),
      deps(),
    );
    const container =
      (result.definition.containerDefinitions as Record<string, unknown>[])[0] ?? {};
    expect(container.image).toBe(`${REGISTRY}/team/api@${DIGEST}`);
    expect(container.command).toEqual([
      'gunicorn',
      'app.wsgi',
      '--bind',
      '0.0.0.0:8000',
      '--workers',
      '3',
    ]);
    expect(container.environment).toEqual([
      { name: 'DJANGO_SETTINGS_MODULE', value: 'app.settings.prod' },
      { name: 'DEBUG', value: 'false' },
      { name: 'DATABASE_URL', value: 'postgres://u@db/app?sslmode=require' },
      { name: 'LOG_LEVEL', value: 'info' },
    ]);
    expect(container.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/ecs/api',
        'awslogs-region': 'eu-west-1',
        'awslogs-stream-prefix': 'web',
      },
    });
    expect(container.dockerLabels).toEqual({ 'com.example.team': 'payments' });
    expect(result.definition.cpu).toBe('512');
    expect(result.definition.memory).toBe('1024');
    expect(result.images).toEqual({ web: `${REGISTRY}/team/api@${DIGEST}` });
    expect(result.comparedWith).toBeUndefined();
    expect(result.changed).toBe(true);
  });

  it('renders several containers and keeps every field it does not edit (a real definition)', async () => {
    const original = JSON.parse(files['fixture11.json'] ?? '') as Record<string, unknown>;
    const result = await render(
      inputs({
        'task-definition': 'fixture11.json',
        containers: `hfu-amplifyApp=${REGISTRY}/amplify@${DIGEST}`,
      }),
      deps(),
    );
    const { containerDefinitions: before, ...restBefore } = original;
    const { containerDefinitions: after, ...restAfter } = result.definition;
    expect(restAfter).toEqual(restBefore);
    const [c0] = after as Record<string, unknown>[];
    const [o0] = before as Record<string, unknown>[];
    expect({ ...c0, image: 'x' }).toEqual({ ...o0, image: 'x' });
  });

  it('tolerates images it does not set in a pull-request check, with a warning', async () => {
    const result = await render(
      inputs({
        'task-definition': 'fixture21.json',
        'validate-only': 'true',
        'require-digest': 'true',
      }),
      deps(),
    );
    expect(result.warnings.map((w) => `${w.severity} ${w.code}`)).toContain(
      'warning image-placeholder',
    );
  });

  it('registers under the family given, keeping everything else', async () => {
    const result = await render(
      inputs({
        'task-definition': 'td.json',
        image: `${REGISTRY}/api@${DIGEST}`,
        family: 'api-prod',
      }),
      deps(),
    );
    expect(result.family).toBe('api-prod');
    expect(result.definition.family).toBe('api-prod');
  });

  it('makes no AWS call for a file base with the registry given', async () => {
    const calls: string[] = [];
    await render(
      inputs({ 'task-definition': 'td.json', image: `${REGISTRY}/api@${DIGEST}` }),
      deps(calls),
    );
    expect(calls).toEqual([]);
  });
});

describe('render-task-def: an empty image input (the runner sets every declared input)', () => {
  const pinned = `${REGISTRY}/api@${DIGEST}`;
  files['pinned.json'] = web({ image: pinned });

  it('keeps the base image for a config-only render', async () => {
    const result = await render(
      inputs({ 'task-definition': 'pinned.json', 'environment-variables': 'A=1' }),
      deps(),
    );
    expect(result.images).toEqual({ web: pinned });
  });

  it('refuses, naming the job output, when the workflow sets image from one', async () => {
    const calls: string[] = [];
    const source = {
      workflow: '.github/workflows/deploy.yml',
      job: 'deploy',
      expression: '${{ needs.build.outputs.image }}',
      jobOutputs: ['needs.build.outputs.image'],
    };
    const read: string[] = [];
    const result = render(inputs({ 'task-definition': 'pinned.json' }), {
      ...deps(calls),
      readFile: (path) => {
        read.push(path);
        return files[path] ?? '';
      },
      inputSource: (input) => Promise.resolve(input === 'image' ? source : undefined),
    });
    await expect(result).rejects.toThrow(
      /^Input 'image' is empty, so the base's images would be deployed unchanged\. Input 'image' is set from needs\.build\.outputs\.image \(\.github\/workflows\/deploy\.yml, job 'deploy'\)/,
    );
    expect([calls, read]).toEqual([[], []]);
  });

  it('does not ask the workflow when an image input is set', async () => {
    const asked: string[] = [];
    await render(
      inputs({ 'task-definition': 'two.json', containers: `web=${pinned}\nworker=${pinned}` }),
      {
        ...deps(),
        inputSource: (input) => {
          asked.push(input);
          return Promise.resolve(undefined);
        },
      },
    );
    expect(asked).toEqual([]);
  });

  it('marks an unusable kept image as possibly caused by the empty input', async () => {
    const error: unknown = await render(
      inputs({ 'task-definition': 'fixture21.json' }),
      deps(),
    ).catch((e: unknown) => e);
    expect(String(error)).toMatch(/placeholder.*Inputs 'image' and 'containers' are empty/s);
    expect(emptyInputsOf(error)).toEqual(['image']);
  });

  it('renders several containers with validate-only and every other input empty', async () => {
    const result = await render(
      inputs({
        'task-definition': 'two.json',
        containers: `web=${pinned}\nworker=${pinned}`,
        'validate-only': 'true',
      }),
      deps(),
    );
    expect(result.images).toEqual({ web: pinned, worker: pinned });
  });
});

describe('render-task-def: refused before anything is deployed', () => {
  it.each<[string, Record<string, string>, string | RegExp]>([
    [
      'no base',
      { image: DIGEST },
      "Inputs 'task-definition', 'task-definition-family', 'task-definition-arn': none is set",
    ],
    [
      'two bases',
      { 'task-definition': 'td.json', 'task-definition-family': 'api' },
      'are both set',
    ],
    [
      'missing file',
      { 'task-definition': 'nope.json', image: DIGEST, repository: 'a' },
      'Input \'task-definition\' names "nope.json", which could not be read (ENOENT)',
    ],
    [
      'empty image, the base keeps a tag (dropped output)',
      { 'task-definition': 'td.json', image: '' },
      /pinned by tag only.*Inputs 'image' and 'containers' are empty, so the base's value was kept\. The likely cause: an upstream job output was dropped/s,
    ],
    [
      'blank image (only the step can give blanks)',
      { 'task-definition': 'td.json', image: ' \n ' },
      /Input 'image' is empty\. The likely cause: an upstream job output was dropped/,
    ],
    [
      'half-built image',
      { 'task-definition': 'td.json', image: `/team/api@${DIGEST}` },
      /is not an image reference.*The likely cause/s,
    ],
    [
      'empty image in containers',
      { 'task-definition': 'two.json', containers: 'web=\nworker=x' },
      "Input 'containers' is empty (line 1)",
    ],
    [
      'containers line without =',
      { 'task-definition': 'two.json', containers: 'web' },
      'line 1 ("web") is not container-name=image',
    ],
    [
      'digest too short',
      { 'task-definition': 'td.json', image: 'sha256:abc', repository: 'a' },
      'its hex part has 3 characters instead of 64',
    ],
    [
      'upper-case digest',
      { 'task-definition': 'td.json', image: `sha256:${'B'.repeat(64)}`, repository: 'a' },
      'upper-case',
    ],
    [
      'sha512 digest',
      { 'task-definition': 'td.json', image: `sha512:${'b'.repeat(128)}` },
      'its algorithm is "sha512"',
    ],
    [
      'digest without repository',
      { 'task-definition': 'td.json', image: DIGEST },
      "Input 'repository' is empty. Expected the repository of the bare digest in 'image'",
    ],
    [
      'tag-only image with require-digest',
      { 'task-definition': 'td.json', image: `${REGISTRY}/api:latest` },
      'is pinned by tag only',
    ],
    [
      'unknown container',
      { 'task-definition': 'td.json', containers: `nginx=${REGISTRY}/a@${DIGEST}` },
      /nginx/,
    ],
    [
      'ambiguous container',
      { 'task-definition': 'two.json', image: `${REGISTRY}/a@${DIGEST}` },
      /container/i,
    ],
    [
      'duplicate env key',
      {
        'task-definition': 'td.json',
        image: `${REGISTRY}/a@${DIGEST}`,
        'environment-variables': 'A=1\nA=2',
      },
      'line 2: A is set twice',
    ],
    [
      'bad env name',
      {
        'task-definition': 'td.json',
        image: `${REGISTRY}/a@${DIGEST}`,
        'environment-variables': 'A: 1\n"B C": 2',
      },
      'has the name "B C", but it contains blanks',
    ],
    [
      'secret also an env name',
      {
        'task-definition': 'td.json',
        image: `${REGISTRY}/a@${DIGEST}`,
        'environment-variables': 'TOKEN=x',
        secrets: 'TOKEN=/app/token',
      },
      /TOKEN/,
    ],
    [
      'json-key secret without ::',
      {
        'task-definition': 'td.json',
        image: `${REGISTRY}/a@${DIGEST}`,
        secrets: 'DB=arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password',
      },
      /json/i,
    ],
    [
      'SSM parameter malformed',
      {
        'task-definition': 'td.json',
        image: `${REGISTRY}/a@${DIGEST}`,
        secrets: 'DB=arn:aws:ssm:eu-west-1:123456789012:db',
      },
      /parameter/i,
    ],
    [
      'Fargate size that does not exist',
      {
        'task-definition': 'td.json',
        image: `${REGISTRY}/a@${DIGEST}`,
        cpu: '256',
        memory: '4096',
      },
      /256.*4096|4096.*256/s,
    ],
    [
      'unquoted command',
      { 'task-definition': 'td.json', image: `${REGISTRY}/a@${DIGEST}`, command: 'sh -c "echo hi' },
      /quote/i,
    ],
    [
      'bad cpu unit',
      { 'task-definition': 'td.json', image: `${REGISTRY}/a@${DIGEST}`, cpu: 'lots' },
      /cpu/i,
    ],
    [
      'awslogs options without group',
      {
        'task-definition': 'td.json',
        image: `${REGISTRY}/a@${DIGEST}`,
        'log-driver': 'awslogs',
        'log-options': 'awslogs-region=eu-west-1',
      },
      /awslogs-group/,
    ],
    [
      'log options not KEY=VALUE',
      {
        'task-definition': 'td.json',
        image: `${REGISTRY}/a@${DIGEST}`,
        'log-options': 'mode non-blocking',
      },
      "Input 'log-options' line 1",
    ],
    [
      'unrendered placeholder kept',
      { 'task-definition': 'fixture21.json' },
      /placeholder <IMAGE1_NAME>/,
    ],
    [
      'definition without family',
      { 'task-definition': 'fixture24.json', 'require-digest': 'false' },
      /family/,
    ],
    [
      'compare-with service without service',
      { 'task-definition': 'td.json', 'compare-with': 'service' },
      'Input \'compare-with\' is "service" but cluster or service is empty',
    ],
    [
      'unknown compare-with',
      { 'task-definition': 'td.json', 'compare-with': 'yesterday' },
      'Expected one of: auto, service, family, none',
    ],
    [
      'illegal family',
      { 'task-definition': 'td.json', image: `${REGISTRY}/a@${DIGEST}`, family: 'api prod' },
      /family/,
    ],
    [
      'boolean not strict',
      { 'task-definition': 'td.json', 'require-digest': 'yes' },
      'Input \'require-digest\' is "yes"',
    ],
  ])('%s', async (_name, values, message) => {
    const calls: string[] = [];
    await expect((async () => render(inputs(values), deps(calls)))()).rejects.toThrow(message);
    expect(calls).toEqual([]);
  });
});
