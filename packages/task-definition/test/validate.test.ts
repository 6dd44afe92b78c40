import { describe, expect, it } from '@jest/globals';
import {
  assertValid,
  checkTags,
  formatProblems,
  parseTaskDefinition,
  stripReadOnlyFields,
  validateTaskDefinition,
  ValidationError,
  type JsonObject,
} from '../src/index.js';
import { fixtureText } from './fixtures.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const IMAGE = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@${DIGEST}`;
const SM = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf';

/** A valid Fargate definition; each case below breaks one thing in a copy of it. */
function base(): JsonObject {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    taskRoleArn: 'arn:aws:iam::123456789012:role/web',
    containerDefinitions: [
      {
        name: 'web',
        image: IMAGE,
        portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
        environment: [{ name: 'LOG_LEVEL', value: 'info' }],
        secrets: [{ name: 'DB_PASSWORD', valueFrom: `${SM}:password::` }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/ecs/web',
            'awslogs-region': 'eu-west-1',
            'awslogs-stream-prefix': 'web',
          },
        },
      },
    ],
  };
}

type Mutation = (d: JsonObject, c: JsonObject) => void;

function broken(mutate: Mutation): JsonObject {
  const d = base();
  mutate(d, containers(d)[0] ?? {});
  return d;
}

function sidecar(extra: JsonObject = {}): JsonObject {
  return { name: 'sidecar', image: 'public.ecr.aws/xray/aws-xray-daemon:3.3.7', ...extra };
}

function containers(d: JsonObject): JsonObject[] {
  return d.containerDefinitions as JsonObject[];
}

// [description, mutation, expected path, expected code, fragment of the message]
const CASES: [string, Mutation, string, string, string][] = [
  [
    'empty image names the dropped-output cause',
    (_, c) => (c.image = ''),
    'containerDefinitions[0].image',
    'image-empty',
    'dropped by the runner because it contained a masked value',
  ],
  [
    'missing image is treated as empty',
    (_, c) => delete c.image,
    'containerDefinitions[0].image',
    'image-empty',
    'an upstream job output was dropped',
  ],
  [
    'image without registry (leading slash)',
    (_, c) => (c.image = `/web@${DIGEST}`),
    'containerDefinitions[0].image',
    'image-incomplete',
    'registry host is missing',
  ],
  [
    'image with "@" and no digest',
    (_, c) => (c.image = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@'),
    'containerDefinitions[0].image',
    'image-incomplete',
    'the digest is missing',
  ],
  [
    'image with an empty tag',
    (_, c) => (c.image = 'nginx:'),
    'containerDefinitions[0].image',
    'image-incomplete',
    'the tag is missing',
  ],
  [
    'CodeDeploy placeholder image',
    (_, c) => (c.image = '<IMAGE1_NAME>'),
    'containerDefinitions[0].image',
    'image-placeholder',
    '<IMAGE1_NAME>',
  ],
  [
    'mustache placeholder image',
    (_, c) => (c.image = '{{ image }}'),
    'containerDefinitions[0].image',
    'image-placeholder',
    '{{ image }}',
  ],
  [
    'shell placeholder image',
    (_, c) => (c.image = '${REGISTRY}/web:1'),
    'containerDefinitions[0].image',
    'image-placeholder',
    '${REGISTRY}',
  ],
  [
    'uppercase repository',
    (_, c) => (c.image = 'docker.io/Library/nginx:1'),
    'containerDefinitions[0].image',
    'image-syntax',
    'must be lowercase',
  ],
  [
    'short sha256 digest',
    (_, c) => (c.image = 'nginx@sha256:abc123'),
    'containerDefinitions[0].image',
    'image-syntax',
    '64 lowercase hex',
  ],
  [
    'image with a space',
    (_, c) => (c.image = 'nginx :1'),
    'containerDefinitions[0].image',
    'image-syntax',
    'whitespace',
  ],
  [
    'duplicate container names',
    (d) => containers(d).push(sidecar({ name: 'web' })),
    'containerDefinitions[1].name',
    'duplicate-container-name',
    '"web" is used more than once',
  ],
  [
    'duplicate environment names',
    (_, c) => (c.environment as JsonObject[]).push({ name: 'LOG_LEVEL', value: 'debug' }),
    'containerDefinitions[0].environment[1].name',
    'duplicate-environment-name',
    'LOG_LEVEL is set again',
  ],
  [
    'secret name that is also an env name',
    (_, c) => (c.environment as JsonObject[]).push({ name: 'DB_PASSWORD', value: 'x' }),
    'containerDefinitions[0].secrets[0].name',
    'secret-shadows-environment',
    "such as 'DB_PASSWORD'",
  ],
  [
    'Secrets Manager json key without trailing colons',
    (_, c) =>
      ((c.secrets as JsonObject[])[0] = { name: 'DB_PASSWORD', valueFrom: `${SM}:password` }),
    'containerDefinitions[0].secrets[0].valueFrom',
    'secret-json-key-form',
    'did not contain json key',
  ],
  [
    'Secrets Manager json key with one trailing colon',
    (_, c) =>
      ((c.secrets as JsonObject[])[0] = { name: 'DB_PASSWORD', valueFrom: `${SM}:password:` }),
    'containerDefinitions[0].secrets[0].valueFrom',
    'secret-json-key-form',
    'has 2 selectors',
  ],
  [
    'Secrets Manager with stage and id',
    (_, c) =>
      ((c.secrets as JsonObject[])[0] = {
        name: 'DB_PASSWORD',
        valueFrom: `${SM}:password:AWSCURRENT:1234`,
      }),
    'containerDefinitions[0].secrets[0].valueFrom',
    'secret-stage-and-id',
    'only one',
  ],
  [
    'SSM name with a slash but no leading slash',
    (_, c) =>
      ((c.secrets as JsonObject[])[0] = { name: 'DB_PASSWORD', valueFrom: 'prod/db/password' }),
    'containerDefinitions[0].secrets[0].valueFrom',
    'ssm-parameter-invalid',
    'does not start with one',
  ],
  [
    'SSM ARN without parameter/',
    (_, c) =>
      ((c.secrets as JsonObject[])[0] = {
        name: 'DB_PASSWORD',
        valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:db',
      }),
    'containerDefinitions[0].secrets[0].valueFrom',
    'secret-arn-invalid',
    ':parameter/<name>',
  ],
  [
    'secret from an S3 ARN',
    (_, c) =>
      ((c.secrets as JsonObject[])[0] = {
        name: 'DB_PASSWORD',
        valueFrom: 'arn:aws:s3:eu-west-1:123456789012:bucket/key',
      }),
    'containerDefinitions[0].secrets[0].valueFrom',
    'secret-arn-invalid',
    '"s3" ARN',
  ],
  [
    'secret ARN with an 11-digit account',
    (_, c) =>
      ((c.secrets as JsonObject[])[0] = {
        name: 'DB_PASSWORD',
        valueFrom: 'arn:aws:secretsmanager:eu-west-1:12345678901:secret:x-AbCdEf',
      }),
    'containerDefinitions[0].secrets[0].valueFrom',
    'secret-arn-invalid',
    '12 digits',
  ],
  [
    'Fargate cpu/memory pair that does not exist',
    (d) => (d.memory = '4096'),
    'memory',
    'fargate-size',
    'No Fargate configuration exists for given values: 256 CPU, 4096 memory.',
  ],
  [
    'Fargate pair written with units',
    (d) => ((d.cpu = '1 vCPU'), (d.memory = '1 GB')),
    'memory',
    'fargate-size',
    '1024 CPU, 1024 memory',
  ],
  [
    'Fargate without task cpu',
    (d) => delete d.cpu,
    'cpu',
    'fargate-cpu-missing',
    "Fargate requires that 'cpu' be defined at the task level.",
  ],
  [
    'Fargate without task memory',
    (d) => delete d.memory,
    'memory',
    'fargate-memory-missing',
    "Fargate requires that 'memory'",
  ],
  [
    'Fargate with bridge networking',
    (d) => (d.networkMode = 'bridge'),
    'networkMode',
    'fargate-network-mode',
    'Fargate only supports network mode ‘awsvpc’.',
  ],
  [
    'Fargate without networkMode',
    (d) => delete d.networkMode,
    'networkMode',
    'fargate-network-mode',
    'awsvpc',
  ],
  [
    'awsvpc with hostPort different from containerPort',
    (_, c) => ((c.portMappings as JsonObject[])[0] = { containerPort: 8080, hostPort: 80 }),
    'containerDefinitions[0].portMappings[0].hostPort',
    'awsvpc-host-port',
    'must match',
  ],
  [
    'awsvpc with hostname',
    (_, c) => (c.hostname = 'web'),
    'containerDefinitions[0].hostname',
    'awsvpc-hostname',
    'hostname is not supported',
  ],
  [
    'no essential container',
    (d, c) => ((c.essential = false), containers(d).push(sidecar({ essential: false }))),
    'containerDefinitions',
    'no-essential-container',
    'no container is essential',
  ],
  [
    'awslogs without awslogs-group',
    (_, c) => ((c.logConfiguration as JsonObject).options = { 'awslogs-region': 'eu-west-1' }),
    'containerDefinitions[0].logConfiguration.options["awslogs-group"]',
    'awslogs-group-missing',
    'awslogs-group',
  ],
  ['family missing', (d) => delete d.family, 'family', 'family-missing', 'family is missing'],
  [
    'family with illegal characters',
    (d) => (d.family = 'web app:1'),
    'family',
    'family-invalid',
    'may only hold letters',
  ],
  [
    'no containerDefinitions',
    (d) => delete d.containerDefinitions,
    'containerDefinitions',
    'containers-missing',
    'Container list cannot be empty.',
  ],
  [
    'empty containerDefinitions',
    (d) => (d.containerDefinitions = []),
    'containerDefinitions',
    'containers-missing',
    'Container list cannot be empty.',
  ],
  [
    'task cpu as an object',
    (d) => (d.cpu = { units: 256 }),
    'cpu',
    'wrong-type',
    'must be a string, not an object',
  ],
  [
    'task memory as a number',
    (d) => (d.memory = 512),
    'memory',
    'wrong-type',
    'must be a string, not a number',
  ],
  [
    'container cpu as a string',
    (_, c) => (c.cpu = '256'),
    'containerDefinitions[0].cpu',
    'wrong-type',
    'must be an integer, not a string',
  ],
  [
    'environment value as a number',
    (_, c) => (c.environment = [{ name: 'PORT', value: 8080 }]),
    'containerDefinitions[0].environment[0].value',
    'wrong-type',
    'must be a string, not a number',
  ],
  [
    'essential as a string',
    (_, c) => (c.essential = 'true'),
    'containerDefinitions[0].essential',
    'wrong-type',
    'true or false',
  ],
  [
    'command as a string',
    (_, c) => (c.command = 'npm start'),
    'containerDefinitions[0].command',
    'wrong-type',
    'a list of strings',
  ],
  [
    'docker label value as a number',
    (_, c) => (c.dockerLabels = { 'com.example.port': 80 }),
    'containerDefinitions[0].dockerLabels["com.example.port"]',
    'wrong-type',
    'must be a string',
  ],
  [
    'secret without valueFrom',
    (_, c) => (c.secrets = [{ name: 'X' }]),
    'containerDefinitions[0].secrets[0].valueFrom',
    'missing-field',
    'valueFrom is missing',
  ],
  [
    'invalid task cpu unit',
    (d) => (d.cpu = '1 core'),
    'cpu',
    'cpu-invalid',
    '"1 core" is not a cpu value',
  ],
  [
    'unknown network mode',
    (d) => (d.networkMode = 'vpc'),
    'networkMode',
    'network-mode-invalid',
    '"vpc"',
  ],
  [
    'unknown compatibility',
    (d) => (d.requiresCompatibilities = ['FARGATE', 'LAMBDA']),
    'requiresCompatibilities[1]',
    'compatibility-invalid',
    '"LAMBDA"',
  ],
  [
    'placeholder task role',
    (d) => (d.taskRoleArn = '<task_role_arn>'),
    'taskRoleArn',
    'placeholder',
    '<task_role_arn>',
  ],
  [
    'role ARN with a bad account',
    (d) => (d.taskRoleArn = 'arn:aws:iam::XXXXXXXXXXXX:role/web'),
    'taskRoleArn',
    'role-arn-invalid',
    'not an IAM role ARN',
  ],
  [
    'secrets without an execution role',
    (d) => delete d.executionRoleArn,
    'executionRoleArn',
    'execution-role-missing',
    'secrets',
  ],
  [
    'container memory above task memory',
    (_, c) => (c.memory = 1024),
    'containerDefinitions[0].memory',
    'container-memory-above-task',
    "The 'memory' setting for container 'web' is greater than for the task.",
  ],
  [
    'memoryReservation above memory',
    (_, c) => ((c.memory = 256), (c.memoryReservation = 300)),
    'containerDefinitions[0].memoryReservation',
    'memory-reservation-above-memory',
    'greater than memory',
  ],
  [
    'EC2 container without any memory',
    (d) => ((d.requiresCompatibilities = ['EC2']), delete d.memory, (d.networkMode = 'bridge')),
    'containerDefinitions[0].memory',
    'container-memory-missing',
    "At least one of 'memory' or 'memoryReservation' must be specified.",
  ],
  [
    'dependsOn a container that does not exist',
    (_, c) => (c.dependsOn = [{ containerName: 'envoy', condition: 'HEALTHY' }]),
    'containerDefinitions[0].dependsOn[0].containerName',
    'depends-on-unknown-container',
    '"envoy"',
  ],
  [
    'links under awsvpc',
    (d, c) => ((c.links = ['sidecar']), containers(d).push(sidecar())),
    'containerDefinitions[0].links',
    'awsvpc-links',
    'not supported',
  ],
  [
    'mount of an undeclared volume',
    (_, c) => (c.mountPoints = [{ sourceVolume: 'data', containerPath: '/data' }]),
    'containerDefinitions[0].mountPoints[0].sourceVolume',
    'mount-unknown-volume',
    '"data"',
  ],
  [
    'container name with a dot',
    (_, c) => (c.name = 'web.app'),
    'containerDefinitions[0].name',
    'container-name-invalid',
    'may only hold',
  ],
  [
    'container without name',
    (_, c) => delete c.name,
    'containerDefinitions[0].name',
    'container-name-missing',
    'every container needs one',
  ],
  [
    'over 64 KiB (ECS counts compact JSON bytes, tags left out)',
    (_, c) => (c.environment = [{ name: 'BIG', value: 'é'.repeat(33_000) }]),
    '',
    'task-definition-too-large',
    "Max allowed length is '65536' bytes.",
  ],
  [
    '11 containers',
    (d) =>
      containers(d).push(
        ...Array.from({ length: 10 }, (_, i) => ({ ...sidecar(), name: `s${i}` })),
      ),
    'containerDefinitions',
    'too-many-containers',
    'Too many containers.',
  ],
  [
    'an image of 256 characters',
    (_, c) =>
      (c.image = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/${'a'.repeat(139)}@${DIGEST}`),
    'containerDefinitions[0].image',
    'image-too-long',
    'Container.image should be 255 characters or less',
  ],
  [
    'an environment name with "="',
    (_, c) => (c.environment = [{ name: 'A=B', value: 'x' }]),
    'containerDefinitions[0].environment[0].name',
    'environment-name-invalid',
    'contains "="',
  ],
  [
    'a secret name with a blank',
    (_, c) => (c.secrets = [{ name: 'DB PASSWORD', valueFrom: `${SM}:password::` }]),
    'containerDefinitions[0].secrets[0].name',
    'secret-name-invalid',
    'contains blanks',
  ],
];

describe('validateTaskDefinition', () => {
  it('accepts the base definition', () => {
    expect(validateTaskDefinition(base())).toEqual([]);
  });

  it.each(CASES)('%s', (_title, mutate, path, code, fragment) => {
    const problems = validateTaskDefinition(broken(mutate));
    const match = problems.find((p) => p.path === path && p.code === code);
    expect({
      problems: problems.map((p) => `${p.code} ${p.path}`),
      found: match !== undefined,
    }).toEqual(expect.objectContaining({ found: true }));
    expect(match?.message).toContain(fragment);
    expect(match?.severity).toBe('error');
  });

  it('reports the size with the largest parts by name, never the values', () => {
    const definition = broken((_, c) => {
      c.environment = [
        { name: 'CERT', value: 'c'.repeat(50_000) },
        { name: 'SMALL', value: 's'.repeat(20_000) },
      ];
    });
    const [problem] = validateTaskDefinition(definition).filter(
      (p) => p.code === 'task-definition-too-large',
    );
    const bytes = Buffer.byteLength(JSON.stringify(definition), 'utf8');
    expect(problem?.message).toContain(`Actual length: '${bytes}'`);
    expect(problem?.message).toMatch(
      /containerDefinitions\[name=web\]\.environment \d+ bytes \(2 entries; biggest: CERT \d+ bytes, SMALL/,
    );
    expect(problem?.message).not.toContain('ccccc');
    expect(problem?.fix).toMatch(/Secrets Manager[\s\S]*environmentFiles/);
    // The limit itself is allowed; tags are not part of the definition.
    const at = broken((_, c) => (c.environment = [{ name: 'X', value: '' }]));
    const room = 65_536 - Buffer.byteLength(JSON.stringify(at), 'utf8');
    const full = broken((_, c) => (c.environment = [{ name: 'X', value: 'x'.repeat(room) }]));
    full.tags = [{ key: 'k', value: 'v'.repeat(1000) }];
    expect(validateTaskDefinition(full).map((p) => p.code)).not.toContain(
      'task-definition-too-large',
    );
  });

  it.each([
    ['my-var', true],
    ['spring.profiles.active', true],
    ['1ST', true],
    ['NAME', false],
    ['_x1', false],
  ])('accepts the environment name %s (warns for shells: %s)', (name, warns) => {
    const problems = validateTaskDefinition(
      broken((_, c) => (c.environment = [{ name, value: 'v' }])),
    );
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems.some((p) => p.code === 'environment-name-not-portable')).toBe(warns);
  });

  it('checkTags allows 50 tags and refuses 51', () => {
    const tags = (n: number): { key: string; value: string }[] =>
      Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(checkTags(tags(50))).toEqual([]);
    expect(checkTags(undefined)).toEqual([]);
    expect(checkTags(tags(51))).toEqual([
      expect.objectContaining({ code: 'too-many-tags', severity: 'error' }),
    ]);
  });

  it('collects every problem instead of stopping at the first', () => {
    const d = broken((def, c) => {
      delete def.family;
      c.image = '';
      def.memory = '3000';
      (c.secrets as JsonObject[])[0] = { name: 'LOG_LEVEL', valueFrom: `${SM}:k` };
    });
    expect(validateTaskDefinition(d).map((p) => `${p.code} ${p.path}`)).toEqual([
      'family-missing family',
      'fargate-size memory',
      'image-empty containerDefinitions[0].image',
      'secret-shadows-environment containerDefinitions[0].secrets[0].name',
      'secret-json-key-form containerDefinitions[0].secrets[0].valueFrom',
    ]);
  });

  it('requireDigest refuses tag-only images and points at push-ecr-digest', () => {
    const d = broken((_, c) => (c.image = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:v1'));
    expect(validateTaskDefinition(d)).toEqual([]);
    const [problem] = validateTaskDefinition(d, { requireDigest: true });
    expect(problem).toMatchObject({
      path: 'containerDefinitions[0].image',
      code: 'image-not-pinned',
    });
    expect(problem?.fix).toContain('push-ecr-digest');
    expect(validateTaskDefinition(base(), { requireDigest: true })).toEqual([]);
  });

  it('defaults essential to true when it is left out', () => {
    const d = broken((def) => containers(def).push(sidecar({ essential: false })));
    expect(validateTaskDefinition(d)).toEqual([]);
  });

  it('accepts the documented secret forms, including SSM names without a slash', () => {
    const forms = [
      SM,
      `${SM}:username::`,
      `${SM}::AWSPREVIOUS:`,
      `${SM}:::9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE`,
      `${SM}:username1:AWSPREVIOUS:`,
      'arn:aws:ssm:eu-west-1:123456789012:parameter/app/db',
      '/app/db',
      'my-parameter',
    ];
    const d = broken(
      (_, c) => (c.secrets = forms.map((valueFrom, i) => ({ name: `S${i}`, valueFrom }))),
    );
    expect(validateTaskDefinition(d)).toEqual([]);
  });

  it('warns about unknown members and placeholders in environment values without failing', () => {
    const d = broken((def, c) => {
      def.containerDefinition = [];
      (c.environment as JsonObject[]).push({ name: 'API', value: '<api_url>' });
    });
    const problems = validateTaskDefinition(d);
    expect(problems.map((p) => `${p.severity} ${p.code} ${p.path}`)).toEqual([
      'warning unknown-field containerDefinition',
      'warning placeholder containerDefinitions[0].environment[1].value',
    ]);
    expect(() => assertValid(d)).not.toThrow();
  });

  it('does not quote a malformed valueFrom, which may be a secret pasted by mistake', () => {
    const d = broken(
      (_, c) =>
        (c.secrets = [
          { name: 'A', valueFrom: 'hunter2 !' },
          { name: 'B', valueFrom: 'arn:hunter3' },
        ]),
    );
    const problems = validateTaskDefinition(d);
    expect(problems.map((p) => p.code)).toEqual(['ssm-parameter-invalid', 'secret-arn-invalid']);
    expect(JSON.stringify(problems)).not.toMatch(/hunter/);
  });

  it('reports a non-object definition', () => {
    expect(validateTaskDefinition([])).toEqual([expect.objectContaining({ code: 'not-object' })]);
  });
});

describe('assertValid and formatProblems', () => {
  it('throws a ValidationError holding every problem, with a readable block as message', () => {
    const d = broken((def, c) => {
      c.image = '';
      def.memory = '4096';
      def.containerDefinitioms = [];
    });
    let caught: unknown;
    try {
      assertValid(d);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.problems).toHaveLength(3);
    expect(error.errors).toHaveLength(2);
    expect(error.message).toBe(formatProblems(error.problems));
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('task definition has 2 errors and 1 warning:');
    expect(lines[1]).toMatch(/^ {2}error memory: No Fargate configuration exists/);
    expect(error.message).toContain('  error containerDefinitions[0].image: image is empty.');
    expect(error.message).toContain('    fix: Pass only the digest (sha256:…)');
    expect(lines.at(-2)).toBe(
      '  warning containerDefinitioms: "containerDefinitioms" is not a RegisterTaskDefinition member; the AWS SDK leaves it out, so it will not be registered',
    );
  });

  it('returns the typed definition when there are no errors', () => {
    const def = assertValid(base());
    expect(def.family).toBe('web');
    expect(def.containerDefinitions[0]?.image).toBe(IMAGE);
  });

  it('finds every problem of the deliberately broken fixture 07', () => {
    const def = stripReadOnlyFields(parseTaskDefinition(fixtureText('07')).taskDefinition);
    const codes = validateTaskDefinition(def).map((p) => `${p.code} ${p.path}`);
    expect(codes).toEqual([
      'family-missing family',
      'cpu-invalid cpu',
      'memory-invalid memory',
      'role-empty taskRoleArn',
      'role-empty executionRoleArn',
      'execution-role-missing executionRoleArn',
      'image-empty containerDefinitions[0].image',
      'environment-name-empty containerDefinitions[0].environment[0].name',
      'awsvpc-host-port containerDefinitions[0].portMappings[0].hostPort',
      'awsvpc-hostname containerDefinitions[0].hostname',
      'awsvpc-links containerDefinitions[0].links',
      'container-memory-too-small containerDefinitions[0].memory',
      'container-memory-too-small containerDefinitions[0].memoryReservation',
      'image-empty containerDefinitions[1].image',
      'environment-name-empty containerDefinitions[1].environment[0].name',
      'awsvpc-host-port containerDefinitions[1].portMappings[0].hostPort',
      'awsvpc-hostname containerDefinitions[1].hostname',
      'awsvpc-links containerDefinitions[1].links',
      'container-memory-too-small containerDefinitions[1].memory',
      'container-memory-too-small containerDefinitions[1].memoryReservation',
    ]);
  });
});
