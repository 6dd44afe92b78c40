import { describe, expect, it } from '@jest/globals';
import { formatScenario, parseScenario, SimConfigError } from '../src/index.js';
import { DEFAULT_TIMINGS, planTimeline, type HealthSetup } from '../src/engine/timeline.js';

const S = 1000;
const lb: HealthSetup = {
  lb: { intervalSeconds: 5, healthyThresholdCount: 2, unhealthyThresholdCount: 2 },
  gracePeriodSeconds: 0,
};
const bare: HealthSetup = { gracePeriodSeconds: 0 };
const t = DEFAULT_TIMINGS; // provisioning 2 s, pending 5 s, registration 5 s

describe('parseScenario', () => {
  const table: [string, string][] = [
    ['healthy', 'healthy'],
    ['slow', 'slow:120'],
    ['slow:90', 'slow:90'],
    ['exit-on-start', 'exit-on-start:1'],
    ['exit-on-start:137', 'exit-on-start:137'],
    ['elb-503', 'unhealthy'],
    ['oom', 'oom:5'],
    ['secrets-error:DB_PASSWORD', 'secrets-error:DB_PASSWORD'],
    ['crash-after:60', 'crash-after:60:1'],
  ];
  it.each(table)('%s → %s', (text, canonical) => {
    expect(formatScenario(parseScenario(text))).toBe(canonical);
  });
  it('rejects unknown names and bad numbers', () => {
    expect(() => parseScenario('explode')).toThrow(SimConfigError);
    expect(() => parseScenario('exit-on-start:x')).toThrow(/exit code/);
  });
});

describe('planTimeline (pure)', () => {
  it('healthy behind a target group: running at +7 s, healthy after registration + 2 checks', () => {
    expect(
      planTimeline(
        0,
        { kind: 'behaviour', behaviour: { kind: 'healthy' }, container: 'app' },
        lb,
        t,
      ),
    ).toEqual({
      pendingAt: 2 * S,
      runningAt: 7 * S,
      healthyAt: 22 * S,
      targetHealthyAt: 22 * S,
    });
  });

  it('without any health check a task counts as healthy 40 s after RUNNING', () => {
    const tl = planTimeline(
      0,
      { kind: 'behaviour', behaviour: { kind: 'healthy' }, container: 'app' },
      bare,
      t,
    );
    expect(tl.healthyAt).toBe(47 * S);
  });

  it('slow images become healthy later', () => {
    const tl = planTimeline(
      0,
      { kind: 'behaviour', behaviour: { kind: 'slow', seconds: 90 }, container: 'app' },
      lb,
      t,
    );
    expect(tl.healthyAt).toBe(97 * S);
  });

  it('start failures never run', () => {
    const tl = planTimeline(0, { kind: 'start-failure', reason: 'boom', container: 'app' }, lb, t);
    expect(tl.runningAt).toBeUndefined();
    expect(tl).toMatchObject({
      failure: { at: 7 * S, kind: 'failed-to-start', stopCode: 'TaskFailedToStart' },
    });
  });

  it('unhealthy images fail ELB checks, no earlier than the grace period', () => {
    const tl = planTimeline(
      0,
      { kind: 'behaviour', behaviour: { kind: 'unhealthy' }, container: 'app' },
      lb,
      t,
    );
    expect(tl).toMatchObject({
      targetUnhealthyAt: 22 * S,
      failure: { at: 22 * S, kind: 'unhealthy-elb' },
    });
    expect(tl.healthyAt).toBeUndefined();
    const graced = planTimeline(
      0,
      { kind: 'behaviour', behaviour: { kind: 'unhealthy' }, container: 'app' },
      { ...lb, gracePeriodSeconds: 60 },
      t,
    );
    expect(graced.failure?.at).toBe(67 * S);
  });

  it('without a load balancer, unhealthy means failed container health checks', () => {
    const tl = planTimeline(
      0,
      { kind: 'behaviour', behaviour: { kind: 'unhealthy' }, container: 'app' },
      bare,
      t,
    );
    expect(tl.failure).toMatchObject({
      kind: 'unhealthy-container',
      stoppedReason: 'Task failed container health checks',
    });
  });

  it('oom dies before it is healthy; crash-after dies after', () => {
    const oom = planTimeline(
      0,
      { kind: 'behaviour', behaviour: { kind: 'oom', seconds: 5 }, container: 'app' },
      lb,
      t,
    );
    expect(oom.healthyAt).toBeUndefined();
    expect(oom.failure).toMatchObject({
      at: 12 * S,
      exitCode: 137,
      containerReason: 'OutOfMemoryError: Container killed due to memory usage',
    });
    const crash = planTimeline(
      0,
      {
        kind: 'behaviour',
        behaviour: { kind: 'crash-after', seconds: 30, exitCode: 2 },
        container: 'app',
      },
      lb,
      t,
    );
    expect(crash.healthyAt).toBe(22 * S);
    expect(crash.failure).toMatchObject({ at: 52 * S, exitCode: 2, kind: 'exited' });
  });
});
