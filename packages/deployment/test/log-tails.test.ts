import { describe, expect, it } from '@jest/globals';
import {
  logTailHeading,
  pickLogTasks,
  renderSummary,
  withLogTails,
  type ContainerLogTail,
  type FollowResult,
  type Outcome,
  type StoppedReasonGroup,
  type TaskObservation,
} from '../src/index.js';

const EXITED = 'Essential container in task exited';
const ours = { id: 'ecs-svc/1', taskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/web:3' };

function task(id: string, over: Partial<TaskObservation> = {}): TaskObservation {
  return {
    taskArn: `arn:aws:ecs:us-east-1:1:task/demo/${id}`,
    taskDefinitionArn: ours.taskDefinition,
    startedBy: ours.id,
    stopCode: 'EssentialContainerExited',
    stoppedReason: EXITED,
    stoppedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Number(id.replace(/\D/g, '') || 0))),
    containers: [{ name: 'app', exitCode: 3 }],
    ...over,
  };
}
const oom = (id: string): TaskObservation =>
  task(id, { containers: [{ name: 'app', exitCode: 137, reason: 'OutOfMemoryError' }] });
const pull = (id: string, n: number): TaskObservation =>
  task(id, {
    stopCode: 'TaskFailedToStart',
    stoppedReason: `CannotPullContainerError: pull access denied, retried ${n} time(s)`,
    containers: [{ name: 'app' }],
  });

const group = (reason: string, count = 1): StoppedReasonGroup => ({ reason, count, exitCodes: [] });
const G_EXIT = group(`${EXITED} (app: exit code 3)`, 2);
const G_OOM = group(`${EXITED} (app: exit code 137, OutOfMemoryError)`);
const G_PULL = group('CannotPullContainerError: pull access denied, retried 1 time(s)');
const G_OTHER = group('ResourceInitializationError: unable to pull secrets');

function result(outcome: Outcome, groups: StoppedReasonGroup[]): FollowResult {
  return {
    outcome,
    label: 'demo/web',
    deployment: ours,
    startedAt: 0,
    endedAt: 1_000,
    polls: 1,
    timeline: [],
    reasons: {
      stoppedTasks: groups,
      events: [],
      targetHealth: [],
      problems: [],
      probe: [],
      waitingFor: [],
    },
    message: `demo/web: ${outcome}`,
  };
}

describe('pickLogTasks', () => {
  it.each<[string, Outcome, StoppedReasonGroup[], TaskObservation[], number, [number, string][]]>([
    [
      'the last-stopped task of a group',
      'failed',
      [G_EXIT],
      [task('t1'), task('t2')],
      3,
      [[0, 't2']],
    ],
    [
      'one per group, in group order',
      'rolled-back',
      [G_OOM, G_EXIT],
      [task('t1'), oom('t5')],
      3,
      [
        [0, 't5'],
        [1, 't1'],
      ],
    ],
    ['retry counts grouped together', 'failed', [G_PULL], [pull('t7', 4)], 3, [[0, 't7']]],
    [
      'at most the limit in all',
      'failed',
      [G_EXIT, G_OOM, G_PULL],
      [task('t1'), oom('t2'), pull('t3', 1)],
      2,
      [
        [0, 't1'],
        [1, 't2'],
      ],
    ],
    [
      'a group without a task read is skipped',
      'failed',
      [G_OTHER, G_EXIT],
      [task('t1')],
      3,
      [[1, 't1']],
    ],
    ['not for a healthy wait', 'healthy', [G_EXIT], [task('t1')], 3, []],
    ['not for a timed-out wait', 'timed-out', [G_EXIT], [task('t1')], 3, []],
    ['not for a cancelled wait', 'cancelled', [G_EXIT], [task('t1')], 3, []],
    [
      'not tasks of another deployment',
      'failed',
      [G_EXIT],
      [task('t1', { startedBy: 'ecs-svc/2' })],
      3,
      [],
    ],
    [
      'not a routine scale-down',
      'failed',
      [group('Scaling activity initiated by (deployment ecs-svc/1)')],
      [
        task('t1', {
          stopCode: 'ServiceSchedulerInitiated',
          stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)',
        }),
      ],
      3,
      [],
    ],
    [
      'not a task without its task definition',
      'failed',
      [G_EXIT],
      [task('t1', { taskDefinitionArn: undefined, startedBy: ours.id })],
      3,
      [],
    ],
  ])('%s', (_name, outcome, groups, tasks, max, expected) => {
    const picks = pickLogTasks(result(outcome, groups), tasks, max);
    expect(picks.map((p) => [p.group, (p.task.taskArn ?? '').split('/').pop()])).toEqual(expected);
  });
});

const tail = (over: Partial<ContainerLogTail> = {}): ContainerLogTail => ({
  taskId: '0123456789abcdef',
  container: 'app',
  logGroup: '/ecs/web',
  logStream: 'web/app/0123456789abcdef',
  lines: ['Traceback (most recent call last):', 'ValueError: boom'],
  url: 'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:x',
  ...over,
});

describe('logTailHeading', () => {
  it.each([
    [tail(), 'app in task 01234567, last 2 lines (/ecs/web web/app/0123456789abcdef)'],
    [
      tail({ lines: ['x'] }),
      'app in task 01234567, last 1 line (/ecs/web web/app/0123456789abcdef)',
    ],
    [
      tail({ lines: [] }),
      'app in task 01234567, no lines in its log stream (/ecs/web web/app/0123456789abcdef)',
    ],
  ])('%#', (t, heading) => {
    expect(logTailHeading(t)).toBe(heading);
  });
});

describe('withLogTails', () => {
  it('puts the tails on their groups (reasons and verdict) and leaves the rest as it was', () => {
    const base = result('failed', [G_EXIT, G_OOM]);
    base.verdict = { kind: 'failed', cause: 'tasks-failing', message: 'm', reasons: base.reasons };
    const out = withLogTails(base, new Map([[1, [tail()]]]));
    expect(out.reasons.stoppedTasks[0]).toEqual(G_EXIT);
    expect(out.reasons.stoppedTasks[1]).toEqual({ ...G_OOM, logLines: [tail()] });
    expect(out.verdict !== undefined && 'reasons' in out.verdict && out.verdict.reasons).toBe(
      out.reasons,
    );
    expect(base.reasons.stoppedTasks[1]).not.toHaveProperty('logLines');
    expect(withLogTails(base, new Map())).toBe(base);
  });
});

describe('renderSummary with log lines', () => {
  it.each<[string, ContainerLogTail[], string[]]>([
    [
      'a code block under the reason',
      [tail()],
      [
        `- ${EXITED} (app: exit code 137, OutOfMemoryError) (1 task)`,
        '',
        '  app in task 01234567, last 2 lines (/ecs/web web/app/0123456789abcdef) ([CloudWatch Logs](https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:x)):',
        '',
        '  ```',
        '  Traceback (most recent call last):',
        '  ValueError: boom',
        '  ```',
      ],
    ],
    [
      'a longer fence than the backticks in the lines, and their HTML as written',
      [tail({ lines: ['```', '<b>x</b> | y'], url: undefined })],
      [
        '  app in task 01234567, last 2 lines (/ecs/web web/app/0123456789abcdef):',
        '',
        '  ````',
        '  ```',
        '  <b>x</b> | y',
        '  ````',
      ],
    ],
    [
      'no block for an empty stream',
      [tail({ lines: [], url: undefined })],
      [
        '  app in task 01234567, no lines in its log stream (/ecs/web web/app/0123456789abcdef):',
        '',
        '1 polls over 1 s.',
      ],
    ],
  ])('%s', (_name, tails, expected) => {
    const base = result('failed', [G_EXIT, G_OOM]);
    base.reasons.rolloutStateReason = 'circuit breaker';
    const md = renderSummary(withLogTails(base, new Map([[1, tails]])));
    const lines = md.split('\n');
    const start = lines.indexOf(expected[0] ?? '');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start, start + expected.length)).toEqual(expected);
    expect(md).toContain(`- ${EXITED} (app: exit code 3) (2 tasks)`);
  });

  it('lists the reasons as before when no lines were read', () => {
    const md = renderSummary(result('failed', [G_EXIT, G_OOM]));
    expect(md).toContain(
      [
        '**Stopped tasks**',
        '',
        `- ${EXITED} (app: exit code 3) (2 tasks)`,
        `- ${EXITED} (app: exit code 137, OutOfMemoryError) (1 task)`,
      ].join('\n'),
    );
  });
});
