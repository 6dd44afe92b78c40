import { describe, expect, it } from '@jest/globals';
import {
  diffTaskDefinitions,
  formatChangesMarkdown,
  formatPatch,
  isEquivalent,
  normalizeTaskDefinition,
  parseTaskDefinition,
  renderTaskDefinition,
  stripReadOnlyFields,
  type JsonObject,
} from '../src/index.js';
import { fixtureText } from './fixtures.js';

function def(container: JsonObject = {}, task: JsonObject = {}): JsonObject {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'web',
        image: 'nginx:1',
        portMappings: [{ containerPort: 80 }],
        environment: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        ...container,
      },
    ],
    ...task,
  };
}

// Pairs ECS treats the same: each must diff empty.
const EQUIVALENT: [string, JsonObject, JsonObject][] = [
  [
    'reordered environment',
    def(),
    def({
      environment: [
        { name: 'B', value: '2' },
        { name: 'A', value: '1' },
      ],
    }),
  ],
  ['cpu/memory unit strings', def(), def({}, { cpu: '.25 vCPU', memory: '0.5 GB' })],
  ['essential defaults to true', def(), def({ essential: true })],
  ['container cpu defaults to 0', def(), def({ cpu: 0 })],
  [
    'protocol tcp and awsvpc hostPort are defaults',
    def(),
    def({ portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }] }),
  ],
  [
    'empty lists and maps',
    def(),
    def(
      { mountPoints: [], volumesFrom: [], dockerLabels: {}, secrets: [] },
      { volumes: [], placementConstraints: [], tags: [] },
    ),
  ],
  [
    'read-only fields and nulls',
    def(),
    def(
      { memory: null },
      {
        revision: 7,
        status: 'ACTIVE',
        taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7',
        compatibilities: ['EC2', 'FARGATE'],
        registeredAt: '2025-01-01T00:00:00Z',
        taskRoleArn: null,
      },
    ),
  ],
  ['key order', def(), Object.fromEntries(Object.entries(def()).reverse())],
  [
    'reordered requiresCompatibilities',
    def({}, { requiresCompatibilities: ['EC2', 'FARGATE'] }),
    def({}, { requiresCompatibilities: ['FARGATE', 'EC2'] }),
  ],
  [
    'reordered secrets',
    def({
      secrets: [
        { name: 'X', valueFrom: '/x' },
        { name: 'Y', valueFrom: '/y' },
      ],
    }),
    def({
      secrets: [
        { name: 'Y', valueFrom: '/y' },
        { name: 'X', valueFrom: '/x' },
      ],
    }),
  ],
  [
    'reordered port mappings',
    def({ portMappings: [{ containerPort: 80 }, { containerPort: 443 }] }),
    def({ portMappings: [{ containerPort: 443 }, { containerPort: 80 }] }),
  ],
  [
    'mount readOnly defaults to false',
    def({ mountPoints: [{ sourceVolume: 'v', containerPath: '/v' }] }),
    def({ mountPoints: [{ sourceVolume: 'v', containerPath: '/v', readOnly: false }] }),
  ],
  [
    'health check defaults',
    def({ healthCheck: { command: ['CMD', 'true'] } }),
    def({ healthCheck: { command: ['CMD', 'true'], interval: 30, timeout: 5, retries: 3 } }),
  ],
  [
    'bridge dynamic host port',
    def({ portMappings: [{ containerPort: 80 }] }, { networkMode: 'bridge' }),
    def({ portMappings: [{ containerPort: 80, hostPort: 0 }] }, { networkMode: 'bridge' }),
  ],
  [
    'reordered tags and containers',
    def(
      {},
      {
        tags: [
          { key: 'b', value: '2' },
          { key: 'a', value: '1' },
        ],
        containerDefinitions: [
          { name: 'x', image: 'x' },
          { name: 'y', image: 'y' },
        ],
      },
    ),
    def(
      {},
      {
        tags: [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
        containerDefinitions: [
          { name: 'y', image: 'y' },
          { name: 'x', image: 'x' },
        ],
      },
    ),
  ],
];

// Real changes: each must show exactly these changes.
const CHANGED: [
  string,
  JsonObject,
  JsonObject,
  { path: string; kind: string; before?: unknown; after?: unknown }[],
][] = [
  [
    'image',
    def(),
    def({ image: 'nginx:2' }),
    [
      {
        path: 'containerDefinitions[name=web].image',
        kind: 'changed',
        before: 'nginx:1',
        after: 'nginx:2',
      },
    ],
  ],
  [
    'env value',
    def(),
    def({
      environment: [
        { name: 'B', value: '3' },
        { name: 'A', value: '1' },
      ],
    }),
    [
      {
        path: 'containerDefinitions[name=web].environment[name=B].value',
        kind: 'changed',
        before: '2',
        after: '3',
      },
    ],
  ],
  [
    'env added',
    def(),
    def({
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
        { name: 'C', value: '3' },
      ],
    }),
    [
      {
        path: 'containerDefinitions[name=web].environment[name=C]',
        kind: 'added',
        after: { name: 'C', value: '3' },
      },
    ],
  ],
  [
    'env removed',
    def(),
    def({ environment: [{ name: 'A', value: '1' }] }),
    [
      {
        path: 'containerDefinitions[name=web].environment[name=B]',
        kind: 'removed',
        before: { name: 'B', value: '2' },
      },
    ],
  ],
  [
    'memory in units',
    def(),
    def({}, { memory: '1 GB' }),
    [{ path: 'memory', kind: 'changed', before: '512', after: '1024' }],
  ],
  [
    'essential turned off',
    def(),
    def({ essential: false }),
    [
      {
        path: 'containerDefinitions[name=web].essential',
        kind: 'changed',
        before: true,
        after: false,
      },
    ],
  ],
  [
    'role added',
    def(),
    def({}, { taskRoleArn: 'arn:aws:iam::123456789012:role/web' }),
    [{ path: 'taskRoleArn', kind: 'added', after: 'arn:aws:iam::123456789012:role/web' }],
  ],
  [
    'command order matters',
    def({ command: ['a', 'b'] }),
    def({ command: ['b', 'a'] }),
    [
      {
        path: 'containerDefinitions[name=web].command[0]',
        kind: 'changed',
        before: 'a',
        after: 'b',
      },
      {
        path: 'containerDefinitions[name=web].command[1]',
        kind: 'changed',
        before: 'b',
        after: 'a',
      },
    ],
  ],
  [
    'host port differs from the default',
    def({ portMappings: [{ containerPort: 80 }] }, { networkMode: 'bridge' }),
    def({ portMappings: [{ containerPort: 80, hostPort: 8080 }] }, { networkMode: 'bridge' }),
    [
      {
        path: 'containerDefinitions[name=web].portMappings[0].hostPort',
        kind: 'changed',
        before: 0,
        after: 8080,
      },
    ],
  ],
];

describe('normalize and diff', () => {
  it.each(EQUIVALENT)('%s: equivalent, empty diff and patch', (_title, a, b) => {
    expect(diffTaskDefinitions(a, b)).toEqual([]);
    expect(isEquivalent(a, b)).toBe(true);
    expect(formatPatch(a, b)).toBe('');
  });

  it.each(CHANGED)('%s: exactly the real change', (_title, a, b, changes) => {
    expect(diffTaskDefinitions(a, b)).toEqual(changes);
    expect(isEquivalent(a, b)).toBe(false);
  });

  it('ignores tags only when asked to', () => {
    const a = def({}, { tags: [{ key: 'run', value: '1' }] });
    const b = def({}, { tags: [{ key: 'run', value: '2' }] });
    expect(diffTaskDefinitions(a, b)).toEqual([
      { path: 'tags[key=run].value', kind: 'changed', before: '1', after: '2' },
    ]);
    expect(diffTaskDefinitions(a, b, { ignoreTags: true })).toEqual([]);
    expect(isEquivalent(a, def(), { ignoreTags: true })).toBe(true);
    expect(formatPatch(a, b, { ignoreTags: true })).toBe('');
  });

  it('normalizes fixture 20: unit strings become the integers ECS stores', () => {
    const fixture = parseTaskDefinition(fixtureText('20')).taskDefinition;
    expect(normalizeTaskDefinition(fixture)).toMatchObject({ cpu: '256', memory: '512' });
  });

  it('a describe dump equals its own register-ready form', () => {
    for (const prefix of ['12', '13', '14', '16', '18', '23']) {
      const live = parseTaskDefinition(fixtureText(prefix)).taskDefinition;
      expect(isEquivalent(live, stripReadOnlyFields(live))).toBe(true);
    }
  });

  it('a register-style file equals what describe-task-definition returns for it', () => {
    const file = parseTaskDefinition(fixtureText('20')).taskDefinition;
    // What ECS stores for fixture 20: units converted, defaults and empty lists filled in.
    const described = {
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:080266302756:task-definition/ecs-exec-task:3',
      containerDefinitions: [
        {
          name: 'nginx-container',
          image: 'nginx',
          cpu: 0,
          portMappings: [],
          essential: true,
          environment: [],
          mountPoints: [],
          volumesFrom: [],
          linuxParameters: { initProcessEnabled: true },
          systemControls: [],
        },
      ],
      family: 'ecs-exec-task',
      taskRoleArn: 'arn:aws:iam::080266302756:role/ecs-task-role',
      executionRoleArn: 'arn:aws:iam::080266302756:role/ecsTaskExecutionRole',
      networkMode: 'awsvpc',
      revision: 3,
      volumes: [],
      status: 'ACTIVE',
      requiresAttributes: [{ name: 'ecs.capability.task-eni' }],
      placementConstraints: [],
      compatibilities: ['EC2', 'FARGATE'],
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      registeredAt: '2025-01-01T00:00:00.000000+00:00',
      registeredBy: 'arn:aws:iam::080266302756:root',
    };
    expect(diffTaskDefinitions(described, file)).toEqual([]);
  });

  it('writes a unified patch with only the changed lines and context', () => {
    const live = stripReadOnlyFields(parseTaskDefinition(fixtureText('13')).taskDefinition);
    const rendered = renderTaskDefinition(live, {
      images: { 'design-system': 'repo/app:v31' },
      containers: [{ environment: { NODE_ENV: 'staging' } }],
    });
    const patch = formatPatch(live, rendered);
    const lines = patch.split('\n');
    expect(lines.slice(0, 2)).toEqual(['--- live', '+++ rendered']);
    expect(lines.filter((l) => /^[-+](?![-+]{2} )/.test(l))).toEqual([
      '-          "value": "production"',
      '+          "value": "staging"',
      '-      "image": "835474150597.dkr.ecr.eu-central-1.amazonaws.com/lyd-design-system:v30.8-advanced-table",',
      '+      "image": "repo/app:v31",',
    ]);
    expect(lines.filter((l) => l.startsWith('@@'))).toHaveLength(2);
    expect(lines.find((l) => l.startsWith('@@'))).toMatch(/^@@ -\d+,7 \+\d+,7 @@$/);
  });

  it('labels and context of the patch are configurable', () => {
    const patch = formatPatch(def(), def({ image: 'nginx:2' }), { labels: ['a', 'b'], context: 0 });
    expect(patch).toBe(
      '--- a\n+++ b\n@@ -16,1 +16,1 @@\n-      "image": "nginx:1",\n+      "image": "nginx:2",\n',
    );
  });

  it('renders changes as a Markdown table, escaping pipes and backticks', () => {
    const changes = diffTaskDefinitions(
      def(),
      def({ image: 'nginx:2', command: ['sh', '-c', 'a | b `c`'] }),
    );
    expect(formatChangesMarkdown(changes)).toBe(
      [
        '| change | path | live | rendered |',
        '| --- | --- | --- | --- |',
        '| added | `containerDefinitions[name=web].command` |  | ``["sh","-c","a \\| b `c`"]`` |',
        '| changed | `containerDefinitions[name=web].image` | `"nginx:1"` | `"nginx:2"` |',
        '',
      ].join('\n'),
    );
    expect(formatChangesMarkdown([])).toContain('No changes');
  });
});
