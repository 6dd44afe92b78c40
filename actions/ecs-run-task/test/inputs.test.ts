import { describe, expect, it } from '@jest/globals';
import { InputError, InputReader } from '@ecs-deploy/action-kit';
import { actionDir, inputEnvironment, loadActionMetadata } from '@ecs-deploy/runner-harness';
import { definitionSource, readCommand, readInputs, type RunInputs } from '../src/inputs.js';

/** What action.yml declares: every input, with its default ('' when it has none). */
const DECLARED: Readonly<Record<string, string>> = {
  cluster: '',
  'task-definition': '',
  service: '',
  subnets: '',
  'security-groups': '',
  'assign-public-ip': '',
  'launch-type': '',
  'platform-version': '',
  'container-name': '',
  command: '',
  'environment-variables': '',
  'started-by': '',
  'if-already-running': 'wait',
  wait: 'true',
  timeout: '30m',
  'log-lines': '50',
};

/** The step's environment as the runner sets it: every declared input as INPUT_<NAME>. */
function environment(given: Record<string, string>): Record<string, string> {
  const all = { ...DECLARED, cluster: 'demo', 'task-definition': 'migrate:3', ...given };
  return Object.fromEntries(
    Object.entries(all).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
}

const noFiles = (): boolean => false;

function read(
  given: Record<string, string>,
  exists: (path: string) => boolean = noFiles,
): RunInputs {
  return readInputs(new InputReader(environment(given)), exists);
}

/** The InputError `f` throws (the test fails when it throws something else, or nothing). */
function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

describe('the test environment', () => {
  it('is what the runner sets for this action.yml', () => {
    const metadata = loadActionMetadata(actionDir('ecs-run-task'));
    const given = { cluster: 'demo', 'task-definition': 'migrate:3', command: 'true' };
    expect(environment(given)).toEqual(inputEnvironment(metadata, given, {}));
  });
});

describe('definitionSource', () => {
  const ARN = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/migrate:12';
  it.each<[string, (path: string) => boolean, ReturnType<typeof definitionSource>]>([
    ['td.json', noFiles, { kind: 'file', path: 'td.json' }],
    ['out/task-definition', noFiles, { kind: 'file', path: 'out/task-definition' }],
    ['/tmp/x/rendered', noFiles, { kind: 'file', path: '/tmp/x/rendered' }],
    ['rendered', (p) => p === 'rendered', { kind: 'file', path: 'rendered' }],
    ['migrate', noFiles, { kind: 'registered', name: 'migrate' }],
    ['migrate:7', noFiles, { kind: 'registered', name: 'migrate:7' }],
    ['web_api-2', noFiles, { kind: 'registered', name: 'web_api-2' }],
    [ARN, noFiles, { kind: 'registered', name: ARN }],
    [
      'arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task-definition/m:1',
      noFiles,
      {
        kind: 'registered',
        name: 'arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task-definition/m:1',
      },
    ],
    // An ARN is never taken for a file, whatever exists.
    [ARN, () => true, { kind: 'registered', name: ARN }],
  ])('reads %j', (raw, exists, expected) => {
    expect(definitionSource(raw, exists)).toEqual(expected);
  });

  it.each([
    'arn:aws:ecs:eu-west-1:123456789012:task-definition/migrate',
    'arn:aws:ecs:eu-west-1:123456789012:service/demo/web',
    'arn:aws:ecs:eu-west-1:12345:task-definition/migrate:1',
    'arn:aws:ecs:eu-west-1:123456789012:task-definition/mi grate:1',
  ])('refuses the malformed ARN %j, naming task-definition', (raw) => {
    const error = inputError(() => definitionSource(raw, noFiles));
    expect(error.input).toBe('task-definition');
    expect(error.message).toBe(
      `Input 'task-definition' is "${raw}", not a task definition ARN. Expected a task definition file (the task-definition output of render-task-def), a task definition ARN, or family[:revision].`,
    );
  });

  it.each(['migrate:latest', 'my family', 'migrate:1:2', 'migrate:', 'x'.repeat(256), 'mi@grate'])(
    'refuses the family %j',
    (raw) => {
      const error = inputError(() => definitionSource(raw, noFiles));
      expect(error.input).toBe('task-definition');
      expect(error.message).toMatch(
        /^Input 'task-definition' is ".*"\. Expected a task definition file/s,
      );
    },
  );

  it('accepts a family of 255 characters', () => {
    const family = 'f'.repeat(255);
    expect(definitionSource(`${family}:1`, noFiles)).toEqual({
      kind: 'registered',
      name: `${family}:1`,
    });
  });
});

describe('readCommand', () => {
  it.each<[string, string[]]>([
    ['python manage.py migrate --noinput', ['python', 'manage.py', 'migrate', '--noinput']],
    ['  alembic   upgrade\thead ', ['alembic', 'upgrade', 'head']],
    [`sh -c 'echo "$HOME" && exit 3'`, ['sh', '-c', 'echo "$HOME" && exit 3']],
    ['echo "a b" c', ['echo', 'a b', 'c']],
    ['echo "say \\"hi\\""', ['echo', 'say "hi"']],
    ['echo a\\ b', ['echo', 'a b']],
    ['echo "" x', ['echo', '', 'x']],
    ['echo $HOME ~ *', ['echo', '$HOME', '~', '*']],
    ['["alembic", "upgrade", "head"]', ['alembic', 'upgrade', 'head']],
    ['["sh", "-c", "echo $A && exit 1"]', ['sh', '-c', 'echo $A && exit 1']],
    ['["one word"]', ['one word']],
  ])('reads %j', (raw, argv) => {
    expect(readCommand('command', raw)).toEqual(argv);
  });

  it.each<[string, RegExp]>([
    [
      '[1, 2]',
      /^Input 'command' is a JSON value but not an array of strings\. Expected a command line/,
    ],
    ['["migrate", 3]', /^Input 'command' is a JSON value but not an array of strings\./],
    ['[["a"]]', /^Input 'command' is a JSON value but not an array of strings\./],
    ['[]', /^Input 'command' is an empty JSON array\. Expected a command line/],
    [
      '["alembic", "upgrade"',
      /^Input 'command' starts with "\[" but is not JSON \(.+\)\. Expected/,
    ],
    ['[alembic upgrade head]', /^Input 'command' starts with "\[" but is not JSON/],
    [
      'echo "unterminated',
      /^Input 'command' .*unterminated double quote.*\. Expected a command line/,
    ],
    ["echo 'unterminated", /^Input 'command' .*unterminated single quote/],
  ])('refuses %j, naming command', (raw, message) => {
    const error = inputError(() => readCommand('command', raw));
    expect(error.input).toBe('command');
    expect(error.message).toMatch(message);
  });

  it('says what a JSON command must be', () => {
    expect(inputError(() => readCommand('command', '[]')).message).toBe(
      `Input 'command' is an empty JSON array. Expected a command line such as \`python manage.py migrate --noinput\` (quoted like a shell, nothing expanded) or a JSON array such as ["alembic", "upgrade", "head"].`,
    );
  });

  it.each<[string, RegExp]>([
    [
      '{"command": ["alembic", "upgrade", "head"]}',
      /^Input 'command' is a JSON value but not an array of strings\. Expected a command line/,
    ],
    ['{}', /^Input 'command' is a JSON value but not an array of strings\./],
    ['{"command": ', /^Input 'command' starts with "\{" but is not JSON \(.+\)\. Expected/],
  ])('refuses the JSON object %j rather than splitting it into words', (raw, message) => {
    const error = inputError(() => readCommand('command', raw));
    expect(error.input).toBe('command');
    expect(error.message).toMatch(message);
  });
});

describe('readInputs', () => {
  it('reads the defaults of action.yml', () => {
    expect(read({})).toEqual({
      cluster: 'demo',
      definition: { kind: 'registered', name: 'migrate:3' },
      network: {},
      environment: new Map(),
      ifRunning: 'wait',
      wait: true,
      timeoutMs: 30 * 60_000,
      logLines: 50,
    });
  });

  it('reads every input', () => {
    expect(
      read(
        {
          'task-definition': 'rendered.json',
          service: 'web',
          subnets: 'subnet-1, subnet-2',
          'security-groups': 'sg-1\nsg-2\n',
          'assign-public-ip': 'ENABLED',
          'launch-type': 'EC2',
          'platform-version': '1.4.0',
          'container-name': 'app',
          command: 'python manage.py migrate',
          'environment-variables': 'MODE=migrate\nDEBUG=0',
          'started-by': 'deploy/migrate_1',
          'if-already-running': 'fail',
          wait: 'false',
          timeout: '90s',
          'log-lines': '0',
        },
        (p) => p === 'rendered.json',
      ),
    ).toEqual({
      cluster: 'demo',
      definition: { kind: 'file', path: 'rendered.json' },
      service: 'web',
      network: {
        subnets: ['subnet-1', 'subnet-2'],
        securityGroups: ['sg-1', 'sg-2'],
        assignPublicIp: 'ENABLED',
        launchType: 'EC2',
        platformVersion: '1.4.0',
      },
      containerName: 'app',
      command: ['python', 'manage.py', 'migrate'],
      environment: new Map([
        ['MODE', 'migrate'],
        ['DEBUG', '0'],
      ]),
      startedBy: 'deploy/migrate_1',
      ifRunning: 'fail',
      wait: false,
      timeoutMs: 90_000,
      logLines: 0,
    });
  });

  it.each<[string, string, string[]]>([
    ['subnets', 'subnet-1,subnet-2', ['subnet-1', 'subnet-2']],
    ['subnets', ' subnet-1 , , subnet-2 ', ['subnet-1', 'subnet-2']],
    ['subnets', 'subnet-1\nsubnet-2\n', ['subnet-1', 'subnet-2']],
    ['subnets', 'subnet-1\r\n# private\r\nsubnet-2', ['subnet-1', 'subnet-2']],
    ['subnets', 'subnet-1', ['subnet-1']],
    ['security-groups', 'sg-1, sg-2', ['sg-1', 'sg-2']],
    ['security-groups', 'sg-1\n\nsg-2', ['sg-1', 'sg-2']],
  ])('reads %s %j as a list', (name, raw, list) => {
    const network = read({ [name]: raw }).network;
    expect(name === 'subnets' ? network.subnets : network.securityGroups).toEqual(list);
  });

  it.each(['ecs-run-task/migrate/app/0a1b2c3d', 'x', 'A_b-9/', 'a'.repeat(128)])(
    'accepts started-by %j',
    (by) => {
      expect(read({ 'started-by': by }).startedBy).toBe(by);
    },
  );

  it.each(['a'.repeat(129), 'deploy migrate', 'deploy:migrate', 'naïve', 'a.b', 'a@b'])(
    'refuses started-by %j',
    (by) => {
      const error = inputError(() => read({ 'started-by': by }));
      expect(error.input).toBe('started-by');
      expect(error.message).toBe(
        `Input 'started-by' is "${by}". Expected up to 128 letters, digits, hyphens, underscores and forward slashes (ECS RunTask startedBy).`,
      );
    },
  );

  it.each<[Record<string, string>, string, RegExp]>([
    [{ cluster: '' }, 'cluster', /^Input 'cluster' is required but empty/],
    [
      { 'task-definition': ' ' },
      'task-definition',
      /^Input 'task-definition' is required but empty/,
    ],
    [{ timeout: '0s' }, 'timeout', /^Input 'timeout' is zero\. Expected a duration such as 30m\.$/],
    [{ timeout: '0m' }, 'timeout', /^Input 'timeout' is zero\./],
    [{ timeout: '0' }, 'timeout', /^Input 'timeout' is "0", a number without a unit\./],
    [{ timeout: 'soon' }, 'timeout', /^Input 'timeout' /],
    [
      { timeout: '' },
      'timeout',
      /^Input 'timeout' is required but empty\. Expected a duration such as 30m\.$/,
    ],
    [{ 'log-lines': '-1' }, 'log-lines', /^Input 'log-lines' /],
    [{ 'log-lines': '1001' }, 'log-lines', /^Input 'log-lines' /],
    [{ 'log-lines': '2.5' }, 'log-lines', /^Input 'log-lines' /],
    [{ 'log-lines': 'all' }, 'log-lines', /^Input 'log-lines' /],
    [{ wait: 'maybe' }, 'wait', /^Input 'wait' /],
    [
      { 'assign-public-ip': 'yes' },
      'assign-public-ip',
      /^Input 'assign-public-ip' .*ENABLED.*DISABLED/s,
    ],
    [{ 'launch-type': 'LAMBDA' }, 'launch-type', /^Input 'launch-type' .*FARGATE.*EC2.*EXTERNAL/s],
    [
      { 'if-already-running': 'kill' },
      'if-already-running',
      /^Input 'if-already-running' .*wait.*fail/s,
    ],
    [{ command: '[]' }, 'command', /^Input 'command' is an empty JSON array/],
    [{ command: 'echo "x' }, 'command', /^Input 'command' .*unterminated double quote/],
    [
      { 'task-definition': 'arn:aws:ecs:x' },
      'task-definition',
      /^Input 'task-definition' is "arn:aws:ecs:x", not a task definition ARN/,
    ],
  ])('refuses %j, naming the input', (given, input, message) => {
    const error = inputError(() => read(given));
    expect(error.input).toBe(input);
    expect(error.message).toMatch(message);
  });

  it.each<[string, number]>([
    ['0', 0],
    ['1000', 1000],
    ['7', 7],
  ])('accepts log-lines %s', (raw, n) => {
    expect(read({ 'log-lines': raw }).logLines).toBe(n);
  });

  it.each<[string, 'ENABLED' | 'DISABLED']>([
    ['ENABLED', 'ENABLED'],
    ['DISABLED', 'DISABLED'],
  ])('reads assign-public-ip %s', (raw, value) => {
    expect(read({ 'assign-public-ip': raw }).network.assignPublicIp).toBe(value);
  });

  it.each(['FARGATE', 'EC2', 'EXTERNAL'] as const)('reads launch-type %s', (value) => {
    expect(read({ 'launch-type': value }).network.launchType).toBe(value);
  });

  it('reads an empty if-already-running as wait', () => {
    expect(read({ 'if-already-running': '' }).ifRunning).toBe('wait');
  });

  it.each<[string, number]>([
    ['2h', 7_200_000],
    ['45s', 45_000],
    ['1m30s', 90_000],
  ])('reads timeout %s', (raw, ms) => {
    expect(read({ timeout: raw }).timeoutMs).toBe(ms);
  });

  it('checks the inputs in the order action.yml declares them', () => {
    const bad = { 'launch-type': 'LAMBDA', command: '[]', 'started-by': 'a b', timeout: '0s' };
    expect(inputError(() => read(bad)).input).toBe('launch-type');
    expect(inputError(() => read({ ...bad, 'launch-type': '' })).input).toBe('command');
    expect(inputError(() => read({ ...bad, 'launch-type': '', command: '' })).input).toBe(
      'started-by',
    );
  });
});
