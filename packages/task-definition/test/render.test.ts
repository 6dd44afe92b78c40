import { describe, expect, it } from '@jest/globals';
import {
  parseTaskDefinition,
  renderTaskDefinition,
  stripReadOnlyFields,
  ValidationError,
  type JsonObject,
  type RenderEdits,
} from '../src/index.js';
import { fixtureText } from './fixtures.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function single(): JsonObject {
  return {
    family: 'web',
    containerDefinitions: [
      {
        name: 'web',
        image: 'nginx:1',
        environment: [
          { name: 'A', value: '1' },
          { value: '2', name: 'B' },
        ],
        secrets: [{ name: 'S', valueFrom: '/app/s' }],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } },
      },
    ],
  };
}

function pair(): JsonObject {
  return {
    family: 'web',
    containerDefinitions: [
      { name: 'app', image: 'app:1' },
      { name: 'proxy', image: 'envoy:1' },
    ],
  };
}

function container(def: JsonObject, i = 0): JsonObject {
  return (def.containerDefinitions as JsonObject[])[i] ?? {};
}

function renderFailure(def: JsonObject, edits: RenderEdits): ValidationError {
  try {
    renderTaskDefinition(def, edits);
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('renderTaskDefinition', () => {
  it('sets images per container by name and leaves the input untouched', () => {
    const input = pair();
    const before = JSON.stringify(input);
    const out = renderTaskDefinition(input, { images: new Map([['proxy', `envoy@${DIGEST}`]]) });
    expect(container(out, 1).image).toBe(`envoy@${DIGEST}`);
    expect(container(out, 0).image).toBe('app:1');
    expect(JSON.stringify(input)).toBe(before);
  });

  it('applies an edit without a container name to the only container', () => {
    const out = renderTaskDefinition(single(), { containers: [{ image: `nginx@${DIGEST}` }] });
    expect(container(out).image).toBe(`nginx@${DIGEST}`);
  });

  it('replaces environment variables in place and appends new ones; values keep "=" and newlines', () => {
    const out = renderTaskDefinition(single(), {
      containers: [
        {
          environment: new Map([
            ['B', 'x=y=z'],
            ['C', 'line1\nline2'],
          ]),
        },
      ],
    });
    expect(container(out).environment).toEqual([
      { name: 'A', value: '1' },
      { value: 'x=y=z', name: 'B' },
      { name: 'C', value: 'line1\nline2' },
    ]);
    // Key order inside the replaced entry is kept (value before name, as written).
    expect(Object.keys((container(out).environment as JsonObject[])[1] ?? {})).toEqual([
      'value',
      'name',
    ]);
  });

  it('applies env files in order, then explicit variables, which win', () => {
    const out = renderTaskDefinition(single(), {
      containers: [
        {
          environmentFiles: [
            '# base\nA=from-file\nD="quoted # not a comment"\n',
            'export E=\nA=second-file',
          ],
          environment: { D: 'explicit' },
        },
      ],
    });
    expect(container(out).environment).toEqual([
      { name: 'A', value: 'second-file' },
      { value: '2', name: 'B' },
      { name: 'D', value: 'explicit' },
      { name: 'E', value: '' },
    ]);
  });

  it('creates the environment list when the container has none', () => {
    const out = renderTaskDefinition(pair(), {
      containers: [{ containerName: 'app', environment: { X: '1' } }],
    });
    expect(container(out)).toEqual({
      name: 'app',
      image: 'app:1',
      environment: [{ name: 'X', value: '1' }],
    });
  });

  it('replaces and appends secrets', () => {
    const out = renderTaskDefinition(single(), {
      containers: [
        { secrets: { S: '/app/s2', T: 'arn:aws:ssm:eu-west-1:123456789012:parameter/t' } },
      ],
    });
    expect(container(out).secrets).toEqual([
      { name: 'S', valueFrom: '/app/s2' },
      { name: 'T', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/t' },
    ]);
  });

  it('merges log options for the same driver and uses the awslogs convenience', () => {
    const out = renderTaskDefinition(single(), {
      containers: [
        {
          logConfiguration: {
            awslogs: { region: 'eu-west-1', streamPrefix: 'web', createGroup: true },
          },
        },
      ],
    });
    expect(container(out).logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/ecs/web',
        'awslogs-region': 'eu-west-1',
        'awslogs-stream-prefix': 'web',
        'awslogs-create-group': 'true',
      },
    });
  });

  it('starts from no options when the log driver changes', () => {
    const out = renderTaskDefinition(single(), {
      containers: [
        { logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch' } } },
      ],
    });
    expect(container(out).logConfiguration).toEqual({
      logDriver: 'awsfirelens',
      options: { Name: 'cloudwatch' },
    });
  });

  it('adds awslogs to a container without logging', () => {
    const out = renderTaskDefinition(pair(), {
      containers: [
        { containerName: 'proxy', logConfiguration: { awslogs: { group: '/ecs/web' } } },
      ],
    });
    expect(container(out, 1).logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: { 'awslogs-group': '/ecs/web' },
    });
  });

  it('merges docker labels and sets the command from a quoted string or a list', () => {
    const out = renderTaskDefinition(pair(), {
      containers: [
        {
          containerName: 'app',
          dockerLabels: { 'com.example.sha': 'abc' },
          command: `sh -c 'exec node "server.js"'`,
        },
        { containerName: 'proxy', command: ['envoy', '-c', '/etc/envoy.yaml'] },
      ],
    });
    expect(container(out).dockerLabels).toEqual({ 'com.example.sha': 'abc' });
    expect(container(out).command).toEqual(['sh', '-c', 'exec node "server.js"']);
    expect(container(out, 1).command).toEqual(['envoy', '-c', '/etc/envoy.yaml']);
  });

  it('sets task cpu and memory in the integer form ECS stores, and the roles', () => {
    const out = renderTaskDefinition(single(), {
      cpu: '.5 vCPU',
      memory: '1 GB',
      taskRoleArn: 'arn:aws:iam::123456789012:role/web',
      executionRoleArn: 'ecsTaskExecutionRole',
    });
    expect(out).toMatchObject({
      cpu: '512',
      memory: '1024',
      taskRoleArn: 'arn:aws:iam::123456789012:role/web',
      executionRoleArn: 'ecsTaskExecutionRole',
    });
    expect(renderTaskDefinition(single(), { cpu: 256, memory: 512 })).toMatchObject({
      cpu: '256',
      memory: '512',
    });
  });

  it('keeps member positions: an edited member stays where it was, new ones go last', () => {
    const fixture = stripReadOnlyFields(parseTaskDefinition(fixtureText('20')).taskDefinition);
    const out = renderTaskDefinition(fixture, { cpu: '1 vCPU', memory: '2 GB' });
    expect(Object.keys(out)).toEqual(Object.keys(fixture));
    expect(out).toMatchObject({ cpu: '1024', memory: '2048', family: 'ecs-exec-task' });
  });
});

describe('renderTaskDefinition: edits that cannot be applied', () => {
  const CASES: [string, () => JsonObject, RenderEdits, string, string, string][] = [
    [
      'no container named',
      pair,
      { images: { web: 'nginx:1' } },
      'edits.images.web',
      'unknown-container',
      'no container is named "web"; the task definition has: app, proxy',
    ],
    [
      'ambiguous container',
      pair,
      { containers: [{ image: 'nginx:1' }] },
      'edits.containers[0].containerName',
      'container-name-required',
      'has 2 containers (app, proxy)',
    ],
    [
      'empty image names the dropped output',
      single,
      { containers: [{ image: '' }] },
      'edits.containers[0].image',
      'image-empty',
      'dropped by the runner',
    ],
    [
      'registry dropped from the image',
      pair,
      { images: { app: `/app@${DIGEST}` } },
      'edits.images.app',
      'image-incomplete',
      'registry host is missing',
    ],
    [
      'unterminated quote in the command',
      single,
      { containers: [{ command: `echo "hi` }] },
      'edits.containers[0].command',
      'command-syntax',
      'unterminated double quote',
    ],
    [
      'empty command',
      single,
      { containers: [{ command: '  ' }] },
      'edits.containers[0].command',
      'command-empty',
      'the command is empty',
    ],
    [
      'bad env file',
      single,
      { containers: [{ environmentFiles: ['A=1', 'oops'] }] },
      'edits.containers[0].environmentFiles[1]',
      'env-file-syntax',
      'line 1',
    ],
    ['bad cpu', single, { cpu: 'two cores' }, 'edits.cpu', 'cpu-invalid', 'is not a cpu value'],
    [
      'bad memory',
      single,
      { memory: '0.3 GB' },
      'edits.memory',
      'memory-invalid',
      'whole number of MiB',
    ],
    [
      'empty role',
      single,
      { executionRoleArn: '' },
      'edits.executionRoleArn',
      'role-empty',
      'is empty',
    ],
    [
      'image set twice',
      pair,
      { images: { app: 'app:2' }, containers: [{ containerName: 'app', image: 'app:3' }] },
      'edits.containers[0].image',
      'conflicting-edits',
      'set twice',
    ],
    [
      'awslogs with another driver',
      single,
      { containers: [{ logConfiguration: { logDriver: 'json-file', awslogs: { group: 'g' } } }] },
      'edits.containers[0].logConfiguration.logDriver',
      'log-driver-conflict',
      'imply logDriver "awslogs"',
    ],
    [
      'options without any driver',
      pair,
      { containers: [{ containerName: 'app', logConfiguration: { options: { a: 'b' } } }] },
      'edits.containers[0].logConfiguration.logDriver',
      'log-driver-missing',
      'no log driver',
    ],
    [
      'empty variable name',
      single,
      { containers: [{ environment: { '': 'x' } }] },
      'edits.containers[0].environment',
      'edit-name-empty',
      'name is empty',
    ],
    [
      'no container list',
      () => ({ family: 'x' }),
      { images: { a: 'nginx' } },
      'containerDefinitions',
      'cannot-edit',
      'containerDefinitions is missing',
    ],
  ];

  it.each(CASES)('%s', (_title, def, edits, path, code, fragment) => {
    const error = renderFailure(def(), edits);
    expect(error.problems.map((p) => `${p.code} ${p.path}`)).toContain(`${code} ${path}`);
    expect(error.problems.find((p) => p.path === path)?.message).toContain(fragment);
    expect(error.message.split('\n')[0]).toMatch(/^render edits has \d+ errors?:$/);
  });

  it('reports every bad edit at once', () => {
    const error = renderFailure(pair(), {
      cpu: 'x',
      images: { nope: 'a', app: '' },
      containers: [{ command: "'" }],
    });
    expect(error.problems.map((p) => p.code)).toEqual([
      'cpu-invalid',
      'unknown-container',
      'image-empty',
      'container-name-required',
    ]);
  });
});
