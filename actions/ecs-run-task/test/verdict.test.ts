import { describe, expect, it } from '@jest/globals';
import type { Container, Task } from '@aws-sdk/client-ecs';
import { statusPath, withLastLines } from '../src/run.js';
import { judgeStoppedTask, timedOutVerdict, type RunVerdict } from '../src/verdict.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:task/demo/0123abcd';
const EXITED = 'Essential container in task exited';

/** A STOPPED task with these containers. */
function stopped(
  stopCode: string | undefined,
  stoppedReason: string | undefined,
  containers: Container[],
): Task {
  return {
    taskArn: ARN,
    lastStatus: 'STOPPED',
    ...(stopCode === undefined ? {} : { stopCode: stopCode as Task['stopCode'] }),
    ...(stoppedReason === undefined ? {} : { stoppedReason }),
    containers,
  };
}

const PULL =
  'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:abc: not found';
const SECRET =
  'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): AccessDeniedException';
const LOGS_INIT =
  'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 time(s): AccessDeniedException';
const OOM = 'OutOfMemoryError: Container killed due to memory usage';

const PULL_HINT = /^The image could not be pulled: check that the digest exists/;
const SECRET_HINT =
  /^A secret could not be read at start: the execution role needs secretsmanager:GetSecretValue/;
const INIT_HINT = /^ECS could not prepare the task \(secrets, registry auth or logs\)/;
const MEMORY_HINT = /^The container was killed for memory/;

describe('judgeStoppedTask', () => {
  it.each<[string, Container[], string, string[]]>([
    ['the only container exited 0', [{ name: 'app', exitCode: 0 }], 'app', ['app']],
    [
      'every essential container exited 0',
      [
        { name: 'app', exitCode: 0 },
        { name: 'proxy', exitCode: 0 },
      ],
      'app',
      ['app', 'proxy'],
    ],
    [
      'a non-essential container exited non-zero',
      [
        { name: 'app', exitCode: 0 },
        { name: 'init', exitCode: 1, reason: OOM },
      ],
      'app',
      ['app'],
    ],
    [
      'a non-essential container has no exit code',
      [{ name: 'app', exitCode: 0 }, { name: 'xray' }],
      'app',
      ['app'],
    ],
  ])('succeeds when %s', (_what, containers, container, essential) => {
    const task = stopped('EssentialContainerExited', EXITED, containers);
    expect(judgeStoppedTask(task, container, essential)).toEqual({
      ok: true,
      exitCode: 0,
      stopCode: 'EssentialContainerExited',
      stoppedReason: EXITED,
      message: `Task 0123abcd: container '${container}' exited 0.`,
    });
  });

  it.each<[string, Container[], string[], string, number | undefined, RegExp | undefined]>([
    [
      'the named container exited 1',
      [{ name: 'app', exitCode: 1 }],
      ['app'],
      `Task 0123abcd: essential container 'app' ended with exit code 1; stop code EssentialContainerExited: ${EXITED}.`,
      1,
      undefined,
    ],
    [
      'the named container is preferred over an earlier bad one',
      [
        { name: 'proxy', exitCode: 2 },
        { name: 'app', exitCode: 3 },
      ],
      ['proxy', 'app'],
      `Task 0123abcd: essential container 'app' ended with exit code 3; stop code EssentialContainerExited: ${EXITED}.`,
      3,
      undefined,
    ],
    [
      'another essential container failed: the first bad one is named, with its reason',
      [
        { name: 'app', exitCode: 0 },
        { name: 'proxy', exitCode: 137, reason: OOM },
        { name: 'sidecar', exitCode: 1 },
      ],
      ['app', 'proxy', 'sidecar'],
      `Task 0123abcd: essential container 'proxy' ended with exit code 137 (${OOM}); stop code EssentialContainerExited: ${EXITED}.`,
      0,
      MEMORY_HINT,
    ],
    [
      'an essential container has no exit code',
      [{ name: 'app', reason: 'Task stopped before the container started' }],
      ['app'],
      `Task 0123abcd: essential container 'app' ended with no exit code (Task stopped before the container started); stop code EssentialContainerExited: ${EXITED}.`,
      undefined,
      undefined,
    ],
    [
      'the named container was killed for memory',
      [{ name: 'app', exitCode: 137, reason: OOM }],
      ['app'],
      `Task 0123abcd: essential container 'app' ended with exit code 137 (${OOM}); stop code EssentialContainerExited: ${EXITED}.`,
      137,
      MEMORY_HINT,
    ],
  ])('fails when %s', (_what, containers, essential, message, exitCode, hint) => {
    const verdict = judgeStoppedTask(
      stopped('EssentialContainerExited', EXITED, containers),
      'app',
      essential,
    );
    expect(verdict).toMatchObject({
      ok: false,
      stopCode: 'EssentialContainerExited',
      stoppedReason: EXITED,
      message,
    });
    expect(verdict.exitCode).toBe(exitCode);
    if (exitCode === undefined) expect(verdict).not.toHaveProperty('exitCode');
    if (hint === undefined) expect(verdict).not.toHaveProperty('hint');
    else expect(verdict.hint).toMatch(hint);
  });

  it.each<[string, string | undefined, string, Container[], string, RegExp | undefined]>([
    [
      'an image that cannot be pulled',
      'TaskFailedToStart',
      PULL,
      [{ name: 'app', reason: PULL }],
      `Task 0123abcd failed to start: stop code TaskFailedToStart: ${PULL}.`,
      PULL_HINT,
    ],
    [
      'a secret that cannot be read',
      'TaskFailedToStart',
      SECRET,
      [{ name: 'app' }],
      `Task 0123abcd failed to start: stop code TaskFailedToStart: ${SECRET}.`,
      SECRET_HINT,
    ],
    [
      'another initialisation error',
      'TaskFailedToStart',
      LOGS_INIT,
      [{ name: 'app' }],
      `Task 0123abcd failed to start: stop code TaskFailedToStart: ${LOGS_INIT}.`,
      INIT_HINT,
    ],
    [
      'a StopTask from someone else',
      'UserInitiated',
      'Task stopped by user',
      [{ name: 'app', exitCode: 143 }],
      'Task 0123abcd was stopped by StopTask before its command finished: stop code UserInitiated: Task stopped by user.',
      undefined,
    ],
    [
      'a Spot interruption',
      'SpotInterruption',
      'Your Spot Task was interrupted.',
      [{ name: 'app', exitCode: 143 }],
      'Task 0123abcd stopped before its command finished: stop code SpotInterruption: Your Spot Task was interrupted..',
      undefined,
    ],
    [
      'no stop code',
      undefined,
      OOM,
      [{ name: 'app', exitCode: 137 }],
      `Task 0123abcd stopped before its command finished: stop code none: ${OOM}.`,
      MEMORY_HINT,
    ],
  ])('fails on %s, with what to check', (_what, stopCode, reason, containers, message, hint) => {
    const verdict = judgeStoppedTask(stopped(stopCode, reason, containers), 'app', ['app']);
    expect(verdict).toMatchObject({
      ok: false,
      stopCode: stopCode ?? '',
      stoppedReason: reason,
      message,
    });
    expect(verdict.exitCode).toBe(containers[0]?.exitCode);
    if (hint === undefined) expect(verdict).not.toHaveProperty('hint');
    else expect(verdict.hint).toMatch(hint);
  });

  it('does not take a pull error in the middle of a reason for one', () => {
    const verdict = judgeStoppedTask(
      stopped('UserInitiated', 'stopped after a CannotPullContainerError elsewhere', []),
      'app',
      ['app'],
    );
    expect(verdict).not.toHaveProperty('hint');
  });
});

describe('timedOutVerdict', () => {
  it.each<[Container[], number | undefined]>([
    [[{ name: 'app', exitCode: 143 }], 143],
    [[{ name: 'app' }], undefined],
    [[], undefined],
  ])('fails a task stopped for running too long (containers %j)', (containers, exitCode) => {
    const task = stopped('UserInitiated', 'ecs-run-task: timed out after 30m', containers);
    const expected: RunVerdict = {
      ok: false,
      stopCode: 'UserInitiated',
      stoppedReason: 'ecs-run-task: timed out after 30m',
      ...(exitCode === undefined ? {} : { exitCode }),
      message: 'Task 0123abcd ran longer than the timeout (30m) and was stopped with StopTask.',
      hint: 'Raise `timeout` if the command needs longer.',
    };
    expect(timedOutVerdict(task, 'app', '30m')).toEqual(expected);
  });

  it('reads a task not yet stopped', () => {
    expect(timedOutVerdict({ taskArn: ARN, lastStatus: 'RUNNING' }, 'app', '5m')).toMatchObject({
      ok: false,
      stopCode: '',
      stoppedReason: '',
    });
  });
});

describe('withLastLines', () => {
  const failed: RunVerdict = {
    ok: false,
    exitCode: 1,
    stopCode: 'EssentialContainerExited',
    stoppedReason: EXITED,
    message: "Task 0123abcd: essential container 'app' ended with exit code 1.",
    hint: 'a hint',
  };

  it('leaves the verdict alone without lines', () => {
    expect(withLastLines(failed, [])).toBe(failed);
  });

  it.each<[string[], string]>([
    [
      ['Traceback (most recent call last):'],
      'Last line of its log:\n  Traceback (most recent call last):',
    ],
    [['one', '', 'three'], 'Last 3 lines of its log:\n  one\n  \n  three'],
    [
      Array.from({ length: 12 }, (_, i) => `line ${i + 1}`),
      `Last 10 lines of its log:\n${Array.from({ length: 10 }, (_, i) => `  line ${i + 3}`).join('\n')}`,
    ],
  ])('appends the last of %j to the message', (lines, appended) => {
    expect(withLastLines(failed, lines)).toEqual({
      ...failed,
      message: `${failed.message}\n${appended}`,
    });
  });
});

describe('statusPath', () => {
  const T = new Date(Date.UTC(2026, 0, 1));
  const task = (lastStatus: string | undefined, pulled: boolean, started: boolean): Task => ({
    ...(lastStatus === undefined ? {} : { lastStatus }),
    ...(pulled ? { pullStartedAt: T } : {}),
    ...(started ? { startedAt: T } : {}),
  });

  it.each<[string, Task, string[]]>([
    ['', task('PROVISIONING', false, false), ['PROVISIONING']],
    ['', task('RUNNING', true, true), ['RUNNING']],
    ['', task('STOPPED', true, true), ['STOPPED']],
    [
      'PROVISIONING',
      task('STOPPED', true, true),
      ['PROVISIONING', 'PENDING', 'RUNNING', 'STOPPED'],
    ],
    ['PROVISIONING', task('STOPPED', true, false), ['PROVISIONING', 'PENDING', 'STOPPED']],
    ['PROVISIONING', task('STOPPED', false, false), ['PROVISIONING', 'STOPPED']],
    ['PROVISIONING', task('PENDING', true, false), ['PROVISIONING', 'PENDING']],
    ['PROVISIONING', task('RUNNING', true, true), ['PROVISIONING', 'PENDING', 'RUNNING']],
    ['PENDING', task('STOPPED', true, true), ['PENDING', 'RUNNING', 'STOPPED']],
    ['PENDING', task('RUNNING', true, true), ['PENDING', 'RUNNING']],
    ['RUNNING', task('STOPPED', true, true), ['RUNNING', 'STOPPED']],
    ['RUNNING', task('DEACTIVATING', true, true), ['RUNNING', 'DEACTIVATING']],
    ['DEACTIVATING', task('STOPPED', true, true), ['DEACTIVATING', 'STOPPED']],
    ['', task(undefined, false, false), ['?']],
  ])('from %j to %j', (from, t, path) => {
    expect(statusPath(from, t)).toEqual(path);
  });
});
