import { describe, expect, it } from '@jest/globals';
import {
  describeStop,
  formatStoppedGroup,
  groupStoppedTasks,
  isFailedTask,
} from '../src/stopped-tasks.js';
import { targetGroupName, targetProblems, targetsWaitingFor } from '../src/targets.js';
import type { TaskObservation } from '../src/index.js';
import { NEW, targetGroupArn, targets, td, stoppedTask } from './fixtures/build.js';

const task = (stopCode: string, stoppedReason: string): TaskObservation => ({
  stopCode,
  stoppedReason,
});

describe('stopped tasks', () => {
  it.each([
    ['TaskFailedToStart', 'CannotPullContainerError: …', true],
    ['EssentialContainerExited', 'Essential container in task exited', true],
    ['ServiceSchedulerInitiated', `Scaling activity initiated by (deployment ${NEW})`, false],
    [
      'ServiceSchedulerInitiated',
      `Task failed ELB health checks in (target-group ${targetGroupArn})`,
      true,
    ],
    ['ServiceSchedulerInitiated', 'Task failed container health checks', true],
    ['UserInitiated', 'Task stopped by user', false],
    ['SpotInterruption', 'Your Spot Task was interrupted.', false],
    ['InfrastructureHealth', 'Underlying infrastructure failed', true],
  ])('%s "%s" is a failure: %s', (code, reason, expected) => {
    expect(isFailedTask(task(code, reason))).toBe(expected);
  });

  it('spells out container exits, but not errors that already say everything', () => {
    const oom = stoppedTask(1, NEW, td(8), {
      code: 'EssentialContainerExited',
      reason: 'Essential container in task exited',
      containers: [
        {
          name: 'app',
          exitCode: 137,
          reason: 'OutOfMemoryError: Container killed due to memory usage',
        },
        { name: 'log-router', exitCode: 0 },
      ],
    });
    expect(describeStop(oom)).toBe(
      'Essential container in task exited (app: exit code 137, OutOfMemoryError: Container killed due to memory usage)',
    );
    const pull = task(
      'TaskFailedToStart',
      'CannotPullContainerError: ref pull has been retried 1 time(s): failed to pull and unpack image',
    );
    expect(describeStop(pull)).toBe(pull.stoppedReason);
    expect(describeStop({})).toBe('stopped (no reason given)');
  });

  it('groups by reason, ignoring retry counts, and counts tasks and exit codes', () => {
    const pull = (n: number): TaskObservation =>
      task(
        'TaskFailedToStart',
        `CannotPullContainerError: pull image manifest has been retried ${n} time(s): failed to resolve ref x: not found`,
      );
    const exit = (code: number): TaskObservation => ({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'app', exitCode: code }],
    });
    const first = groupStoppedTasks([], [pull(5), exit(1)]);
    const groups = groupStoppedTasks(first, [pull(7), exit(1), exit(2)]);
    expect(groups.map(formatStoppedGroup)).toEqual([
      'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref x: not found (2 tasks)',
      'Essential container in task exited (app: exit code 1) (2 tasks)',
      'Essential container in task exited (app: exit code 2) (1 task)',
    ]);
    expect(groups[1]).toMatchObject({
      stopCode: 'EssentialContainerExited',
      exitCodes: [1],
      count: 2,
    });
    expect(first[0]?.count).toBe(1); // inputs are not modified
  });
});

describe('target health', () => {
  it('names target groups from their ARN', () => {
    expect(targetGroupName(targetGroupArn)).toBe('dev-api');
    expect(targetGroupName('not-an-arn')).toBe('not-an-arn');
  });

  it.each([
    ['all healthy', targets(['healthy'], ['healthy']), 2, []],
    ['too few', targets(['healthy']), 2, ['target group dev-api: 1/2 healthy']],
    [
      'old ones draining',
      targets(['healthy'], ['healthy'], ['draining', 'Target.DeregistrationInProgress']),
      2,
      ['target group dev-api: 2/2 healthy, 1 draining'],
    ],
    ['checks disabled', targets(['unavailable', 'Target.HealthCheckDisabled'], ['healthy']), 2, []],
    [
      'initial',
      targets(['healthy'], ['initial', 'Elb.InitialHealthChecking']),
      2,
      ['target group dev-api: 1/2 healthy, 1 initial'],
    ],
  ])('%s', (_name, groups, desired, waiting) => {
    expect(targetsWaitingFor(groups, desired)).toEqual(waiting);
  });

  it('reports unhealthy targets by reason with counts', () => {
    const groups = targets(
      ['unhealthy', 'Target.ResponseCodeMismatch', 'Health checks failed with these codes: [503]'],
      ['unhealthy', 'Target.ResponseCodeMismatch', 'Health checks failed with these codes: [503]'],
      ['unhealthy', 'Target.Timeout', 'Request timed out'],
      ['initial', 'Elb.InitialHealthChecking', 'Initial health checks in progress'],
    );
    expect(targetProblems(groups).map((p) => p.line)).toEqual([
      'Target.ResponseCodeMismatch: Health checks failed with these codes: [503] (target group dev-api, 2 targets)',
      'Target.Timeout: Request timed out (target group dev-api, 1 target)',
    ]);
  });
});
