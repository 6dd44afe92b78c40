import { describe, expect, it } from '@jest/globals';
import { Logger, type Runtime } from '@ecs-deploy/action-kit';
import { AwsError, type EcsApi, type LogsApi } from '@ecs-deploy/aws';
import type { ContainerLogTail, LogTaskPick, TaskObservation } from '@ecs-deploy/deployment';
import {
  lastLines,
  loggedEssentialContainers,
  printLogTails,
  readLogTails,
  unreadableWarning,
  type LogTailDeps,
} from '../src/index.js';

const awslogs = (group: string, extra: Record<string, string> = {}): object => ({
  logDriver: 'awslogs',
  options: { 'awslogs-group': group, 'awslogs-stream-prefix': 'web', ...extra },
});

describe('loggedEssentialContainers', () => {
  it.each<[string, unknown, string[]]>([
    [
      'an essential awslogs container',
      { containerDefinitions: [{ name: 'app', logConfiguration: awslogs('/ecs/web') }] },
      ['app /ecs/web'],
    ],
    [
      'essential ones only (essential is the default)',
      {
        containerDefinitions: [
          { name: 'app', essential: true, logConfiguration: awslogs('/ecs/web') },
          { name: 'sidecar', essential: false, logConfiguration: awslogs('/ecs/side') },
          {
            name: 'worker',
            logConfiguration: awslogs('/ecs/worker', { 'awslogs-region': 'eu-west-1' }),
          },
        ],
      },
      ['app /ecs/web', 'worker /ecs/worker eu-west-1'],
    ],
    [
      'not another driver',
      { containerDefinitions: [{ name: 'app', logConfiguration: { logDriver: 'splunk' } }] },
      [],
    ],
    ['not without a log configuration', { containerDefinitions: [{ name: 'app' }] }, []],
    ['nothing from no definition', undefined, []],
  ])('%s', (_name, definition, expected) => {
    expect(
      loggedEssentialContainers(definition).map((c) =>
        [c.name, c.group, c.region].filter((x) => x !== undefined).join(' '),
      ),
    ).toEqual(expected);
  });
});

describe('lastLines', () => {
  it.each<[string[], number, string[]]>([
    [['a', 'b', 'c'], 2, ['b', 'c']],
    [['a\n', 'b\r\n'], 5, ['a', 'b']],
    [['one\ntwo', 'three'], 2, ['two', 'three']],
    [['a'], 0, []],
    [[], 3, []],
  ])('%j, %i', (messages, n, lines) => {
    expect(lastLines(messages, n)).toEqual(lines);
  });
});

const TD = 'arn:aws:ecs:us-east-1:1:task-definition/web:3';
function pick(group: number, id: string, taskDefinitionArn = TD): LogTaskPick {
  const task: TaskObservation = {
    taskArn: `arn:aws:ecs:us-east-1:1:task/demo/${id}`,
    taskDefinitionArn,
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containers: [{ name: 'app', exitCode: 3 }],
  };
  return { group, task };
}

const denied = (operation: string): AwsError =>
  new AwsError('access-denied', operation, 'AccessDeniedException', 'not authorized');
const missing = (): AwsError =>
  new AwsError(
    'other',
    'logs:GetLogEvents',
    'ResourceNotFoundException',
    'The specified log stream does not exist.',
  );

/** Fakes that record calls; `fail` decides a GetLogEvents failure by stream. */
function fakes(options: {
  definition?: unknown;
  describeFails?: AwsError;
  fail?: (stream: string) => AwsError | undefined;
}): { deps: LogTailDeps; calls: string[]; warnings: string[] } {
  const calls: string[] = [];
  const warnings: string[] = [];
  const definition = options.definition ?? {
    containerDefinitions: [{ name: 'app', logConfiguration: awslogs('/ecs/web') }],
  };
  const ecs = {
    describeTaskDefinition: (input: { taskDefinition?: string }) => {
      calls.push(`ecs:DescribeTaskDefinition ${input.taskDefinition ?? ''}`);
      return options.describeFails === undefined
        ? Promise.resolve({ taskDefinition: definition, $metadata: {} })
        : Promise.reject(options.describeFails);
    },
  } as unknown as Pick<EcsApi, 'describeTaskDefinition'>;
  const logsIn = (region: string): Pick<LogsApi, 'getLogEvents'> => ({
    getLogEvents: (input) => {
      const stream = input.logStreamName ?? '';
      calls.push(
        `logs:GetLogEvents ${region} ${input.logGroupName ?? ''} ${stream} head=${String(input.startFromHead)} limit=${String(input.limit)}`,
      );
      const error = options.fail?.(stream);
      if (error !== undefined) return Promise.reject(error);
      return Promise.resolve({
        events: [{ message: `${stream} started` }, { message: 'ValueError: boom\n' }],
        $metadata: {},
      });
    },
  });
  return {
    deps: { ecs, logsIn, region: 'us-east-1', warning: (line) => warnings.push(line) },
    calls,
    warnings,
  };
}

/** `ecs:DescribeTaskDefinition web:3`, `logs:GetLogEvents aaa`: the call and what it read. */
function brief(calls: readonly string[]): string[] {
  return calls.map((c) => {
    const [operation = '', first = '', , stream = ''] = c.split(' ');
    return operation.startsWith('ecs:')
      ? `${operation} ${first.split('/').pop() ?? ''}`
      : `${operation} ${stream.split('/').pop() ?? ''}`;
  });
}

describe('readLogTails', () => {
  it('reads each essential container of each task, its task definition once per ARN', async () => {
    const { deps, calls, warnings } = fakes({
      definition: {
        containerDefinitions: [
          { name: 'app', logConfiguration: awslogs('/ecs/web') },
          {
            name: 'worker',
            logConfiguration: awslogs('/ecs/worker', { 'awslogs-region': 'eu-west-1' }),
          },
          { name: 'proxy' },
        ],
      },
    });
    const tails = await readLogTails(deps, [pick(0, 'aaa'), pick(2, 'bbb')], 20);
    expect(calls).toEqual([
      `ecs:DescribeTaskDefinition ${TD}`,
      'logs:GetLogEvents us-east-1 /ecs/web web/app/aaa head=false limit=20',
      'logs:GetLogEvents eu-west-1 /ecs/worker web/worker/aaa head=false limit=20',
      'logs:GetLogEvents us-east-1 /ecs/web web/app/bbb head=false limit=20',
      'logs:GetLogEvents eu-west-1 /ecs/worker web/worker/bbb head=false limit=20',
    ]);
    expect(warnings).toEqual([]);
    expect([...tails.keys()]).toEqual([0, 2]);
    expect(tails.get(0)?.[1]).toEqual({
      taskId: 'aaa',
      container: 'worker',
      logGroup: '/ecs/worker',
      logStream: 'web/worker/aaa',
      lines: ['web/worker/aaa started', 'ValueError: boom'],
      url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fecs$252Fworker/log-events/web$252Fworker$252Faaa',
    });
  });

  const other = 'arn:aws:ecs:us-east-1:1:task-definition/web:4';
  it.each<[string, Parameters<typeof fakes>[0], string[], string[], RegExp[]]>([
    [
      'GetLogEvents denied: one warning naming the action, no further reads',
      { fail: () => denied('logs:GetLogEvents') },
      ['ecs:DescribeTaskDefinition web:3', 'logs:GetLogEvents aaa'],
      [],
      [
        /^Could not read the last log lines of app in task aaa \(logs:GetLogEvents\): .*AccessDenied.* Allow logs:GetLogEvents to see them here\. The verdict does not depend on them\.$/,
      ],
    ],
    [
      'a missing stream: one warning, the other tasks still read',
      { fail: (stream) => (stream.endsWith('aaa') ? missing() : undefined) },
      [
        'ecs:DescribeTaskDefinition web:3',
        'logs:GetLogEvents aaa',
        'logs:GetLogEvents bbb',
        'ecs:DescribeTaskDefinition web:4',
        'logs:GetLogEvents ccc',
      ],
      ['bbb', 'ccc'],
      [/\(logs:GetLogEvents\): .*ResourceNotFoundException/],
    ],
    [
      'DescribeTaskDefinition denied: one warning naming it, nothing else',
      { describeFails: denied('ecs:DescribeTaskDefinition') },
      ['ecs:DescribeTaskDefinition web:3'],
      [],
      [/\(ecs:DescribeTaskDefinition\).*Allow ecs:DescribeTaskDefinition/],
    ],
  ])('%s', async (_name, options, expectedCalls, readTasks, warningPatterns) => {
    const { deps, calls, warnings } = fakes(options);
    const tails = await readLogTails(
      deps,
      [pick(0, 'aaa'), pick(1, 'bbb'), pick(2, 'ccc', other)],
      5,
    );
    expect(brief(calls)).toEqual(expectedCalls);
    expect(warnings).toHaveLength(warningPatterns.length);
    warningPatterns.forEach((pattern, i) => {
      expect(warnings[i]).toMatch(pattern);
    });
    const read = [...tails.values()].flat();
    expect(read.map((t) => t.taskId)).toEqual(readTasks);
    expect(read.every((t) => t.lines.includes('ValueError: boom'))).toBe(true);
  });

  it('reads nothing with 0 lines', async () => {
    const { deps, calls } = fakes({});
    expect((await readLogTails(deps, [pick(0, 'aaa')], 0)).size).toBe(0);
    expect(calls).toEqual([]);
  });
});

describe('unreadableWarning', () => {
  it.each<[unknown, string]>([
    [denied('logs:GetLogEvents'), 'Allow logs:GetLogEvents to see them here.'],
    [missing(), 'ResourceNotFoundException: The specified log stream does not exist. The verdict'],
    [new Error('socket hang up'), '(logs:GetLogEvents): socket hang up The verdict'],
  ])('%#', (error, text) => {
    expect(unreadableWarning('app in task aaa', 'logs:GetLogEvents', error)).toContain(text);
  });
});

describe('printLogTails', () => {
  it('prints a group per task, titled with its stopped-task line, the lines verbatim', async () => {
    const lines: string[] = [];
    const runtime: Runtime = {
      env: {},
      writeLine: (line) => lines.push(line),
      appendFile: () => undefined,
      randomId: () => 'tok',
      setExitCode: () => undefined,
    };
    const tail: ContainerLogTail = {
      taskId: 'aaa',
      container: 'app',
      logGroup: '/ecs/web',
      logStream: 'web/app/aaa',
      lines: ['Traceback (most recent call last):', '::set-output name=x::y'],
      url: 'https://console/x',
    };
    await printLogTails(
      new Logger(runtime),
      [pick(0, 'aaa'), pick(1, 'bbb')],
      new Map([[0, [tail]]]),
    );
    expect(lines).toEqual([
      '::group::task aaa (web:3) stopped: Essential container in task exited (app: exit code 3) — last log lines',
      '::stop-commands::tok',
      'app in task aaa, last 2 lines (/ecs/web web/app/aaa):',
      'Traceback (most recent call last):',
      '::set-output name=x::y',
      '(https://console/x)',
      '::tok::',
      '::endgroup::',
    ]);
  });
});
