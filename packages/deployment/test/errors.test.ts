import { describe, expect, it } from '@jest/globals';
import {
  DeploymentFailed,
  SourceError,
  Timeout,
  follow,
  outcomeError,
  type FollowResult,
} from '../src/index.js';
import { T0, type Scenario } from './fixtures/build.js';
import { failures } from './fixtures/failures.js';
import { rollouts } from './fixtures/rollouts.js';
import { FakeClock, FakeLog, ReplaySource, type Faults } from './fakes.js';

async function resultOf(
  name: string,
  faults?: Faults,
  extra: { errorBudget?: number } = {},
): Promise<FollowResult> {
  const s: Scenario | undefined = [...rollouts, ...failures].find((x) => x.name.startsWith(name));
  if (s === undefined) throw new Error(name);
  const clock = new FakeClock(T0);
  return follow(
    new ReplaySource(s.observations, clock, faults, s.config.probe !== undefined),
    { ...s.config, ...extra },
    clock,
    new FakeLog(clock),
  );
}

describe('outcomeError', () => {
  it('is undefined for a healthy result', async () => {
    expect(outcomeError(await resultOf('healthy rollout'))).toBeUndefined();
  });

  it.each([
    ['exits on start', DeploymentFailed, /already put the service back on api:7/],
    ['circuit breaker without rollback', DeploymentFailed, /rollback is off/],
    ['concurrent deploy', DeploymentFailed, /concurrency:/],
    ['probe failing', DeploymentFailed, /probe/],
    ['secrets json key', DeploymentFailed, /Enable the deployment circuit breaker/],
    ['timeout', Timeout, /raise the timeout/],
  ])('%s → %p with a hint', async (name, type, hint) => {
    const result = await resultOf(name);
    const err = outcomeError(result);
    expect(err).toBeInstanceOf(type);
    expect(err?.message).toBe(result.message);
    expect((err as { hint?: string }).hint).toMatch(hint);
  });

  it('rethrows a fatal source error as is, and wraps an exhausted (explicit) retry budget', async () => {
    const denied = new SourceError(
      'not authorized to perform: ecs:DescribeServices',
      false,
      'AccessDeniedException',
    );
    expect(outcomeError(await resultOf('healthy rollout', () => denied))).toBe(denied);
    const throttled = new SourceError('Rate exceeded', true, 'ThrottlingException');
    const err = outcomeError(
      await resultOf('healthy rollout', () => throttled, { errorBudget: 120_000 }),
    );
    expect(err).toBeInstanceOf(DeploymentFailed);
    expect(err?.message).toMatch(/kept failing for \d+ s/);
  });
});
