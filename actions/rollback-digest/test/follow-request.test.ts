import { describe, expect, it } from '@jest/globals';
import type { WaitInputs } from '@ecs-deploy/rollout-watch';
import { followRequest } from '../src/follow-request.js';

const WAITING: WaitInputs = {
  timeoutMs: 900_000,
  stableForMs: 30_000,
  probe: { url: 'https://dev.example.com/health', timeoutMs: 5_000, graceMs: 60_000 },
  checkTargetHealth: 'auto',
  minIntervalMs: 1_000,
  maxIntervalMs: 5_000,
  logLines: 20,
  waitForRollback: true,
  rollbackTimeoutMs: 600_000,
};
const INPUTS = { cluster: 'demo', service: 'web', waiting: WAITING };

describe('followRequest', () => {
  it.each([
    ['our deployment, by id', 'ecs-svc/42', undefined, { deploymentId: 'ecs-svc/42' }, WAITING],
    ['the PRIMARY deployment (empty id)', '', undefined, {}, WAITING],
    [
      'a deployment already under way, for its own timeout',
      'ecs-svc/7',
      120_000,
      { deploymentId: 'ecs-svc/7' },
      { ...WAITING, timeoutMs: 120_000, stableForMs: 0, probe: undefined },
    ],
    [
      'the PRIMARY deployment already under way',
      '',
      60_000,
      {},
      { ...WAITING, timeoutMs: 60_000, stableForMs: 0, probe: undefined },
    ],
  ])('follows %s', (_what, deploymentId, timeoutMs, id, wait) => {
    expect(followRequest(INPUTS, deploymentId, timeoutMs)).toStrictEqual({
      cluster: 'demo',
      service: 'web',
      ...id,
      wait,
    });
  });

  it('keeps the poll settings and target-health choice when it shortens the wait', () => {
    const { wait } = followRequest(
      { ...INPUTS, waiting: { ...WAITING, checkTargetHealth: 'false', minIntervalMs: 2_000 } },
      'ecs-svc/7',
      1_000,
    );
    expect(wait).toMatchObject({ checkTargetHealth: 'false', minIntervalMs: 2_000 });
  });

  it('does not change the inputs it was given', () => {
    followRequest(INPUTS, 'ecs-svc/7', 1_000);
    expect(INPUTS.waiting).toBe(WAITING);
    expect(WAITING.stableForMs).toBe(30_000);
  });
});
