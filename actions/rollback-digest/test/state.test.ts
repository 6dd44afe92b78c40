import { describe, expect, it } from '@jest/globals';
import { Logger } from '@ecs-deploy/action-kit';
import type { FollowResult } from '@ecs-deploy/deployment';
import { loadHistory } from '../src/history.js';
import type { InProgressPolicy } from '../src/inputs.js';
import { settleFirst, type RollbackDeps, type ServiceState } from '../src/state.js';
import { recordedEcs, type Recorded } from './fixtures.js';

async function stateOf(records: Recorded[]): Promise<ServiceState> {
  return {
    service: {
      status: 'ACTIVE',
      deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', rolloutState: 'IN_PROGRESS' }],
    },
    history: await loadHistory(recordedEcs(records), 'c', 'web'),
  };
}

function deps(outcome: FollowResult['outcome'], followed: string[]): RollbackDeps {
  return {
    ecs: recordedEcs([]),
    log: new Logger({
      env: {},
      writeLine: () => undefined,
      appendFile: () => undefined,
      randomId: () => 'x',
      setExitCode: () => undefined,
    }),
    env: {},
    follow: (id, timeoutMs) => {
      followed.push(`${id} ${String(timeoutMs)}`);
      return Promise.resolve({ outcome, message: `ended ${outcome}` } as FollowResult);
    },
  };
}

const OURS: Recorded[] = [
  ['2', 'IN_PROGRESS', 'v2'],
  ['1', 'SUCCESSFUL', 'v1'],
];
const ECS_ROLLING_BACK: Recorded[] = [
  ['2', 'ROLLBACK_IN_PROGRESS', 'v2', 'v1'],
  ['1', 'SUCCESSFUL', 'v1'],
];

describe('settleFirst', () => {
  it.each([
    ['stop leaves a deployment in progress for later', OURS, 'stop', false, 'healthy', []],
    ['wait follows it first', OURS, 'wait', false, 'healthy', ['ecs-svc/2 60000']],
    ['a failed end is settled too', OURS, 'wait', false, 'failed', ['ecs-svc/2 60000']],
    [
      "ECS's own rollback is waited for even with stop",
      ECS_ROLLING_BACK,
      'stop',
      false,
      'healthy',
      ['ecs-svc/2 60000'],
    ],
    ['a dry run never waits', OURS, 'wait', true, 'healthy', []],
  ] as [string, Recorded[], InProgressPolicy, boolean, FollowResult['outcome'], string[]][])(
    '%s',
    async (_name, records, policy, dryRun, outcome, expected) => {
      const followed: string[] = [];
      const state = await stateOf(records);
      const reread = (): Promise<ServiceState> => Promise.resolve(state);
      await settleFirst(
        state,
        { ifInProgress: policy, inProgressTimeoutMs: 60_000, dryRun },
        reread,
        deps(outcome, followed),
      );
      expect(followed).toEqual(expected);
    },
  );

  it.each([
    ['fail', 'healthy', /still in progress \(if-deployment-in-progress: fail\)/],
    ['wait', 'timed-out', /did not settle: ended timed-out/],
  ] as [InProgressPolicy, FollowResult['outcome'], RegExp][])(
    '%s fails clearly',
    async (policy, outcome, message) => {
      const state = await stateOf(OURS);
      await expect(
        settleFirst(
          state,
          { ifInProgress: policy, inProgressTimeoutMs: 60_000, dryRun: false },
          () => Promise.resolve(state),
          deps(outcome, []),
        ),
      ).rejects.toThrow(message);
    },
  );
});
