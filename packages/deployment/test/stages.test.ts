// Native strategies: when the follower reads our service deployment's lifecycle stage, and the
// line it tells when the stage changes.
import { describe, expect, it } from '@jest/globals';
import { nativeStrategy, ourServiceDeployment, stageLine, stageTrigger } from '../src/stages.js';
import type { DeploymentConfigurationObservation, ServiceObservation } from '../src/types.js';
import { resolveDriverConfig } from '../src/config.js';
import { freshMemory, observe } from '../src/observe.js';
import type { DeploymentSource } from '../src/source.js';
import { initialState } from '../src/state.js';
import { step } from '../src/step.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/bg/abc';

function service(
  strategy: string | undefined,
  running = 1,
  events: string[] = [],
): ServiceObservation {
  return {
    serviceName: 'bg',
    deploymentConfiguration: strategy === undefined ? {} : { strategy },
    currentServiceDeployment: ARN,
    deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', runningCount: running, desiredCount: 2 }],
    events: events.map((message, i) => ({ id: `e${i}`, message })),
  };
}

describe('stageLine', () => {
  const bg: DeploymentConfigurationObservation = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 };
  const linear: DeploymentConfigurationObservation = {
    strategy: 'LINEAR',
    bakeTimeInMinutes: 5,
    linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 },
  };
  const canary: DeploymentConfigurationObservation = {
    strategy: 'CANARY',
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 3 },
  };
  it.each<[string, DeploymentConfigurationObservation | undefined, string, number, string]>([
    [
      'bake time, 20 s in',
      bg,
      'BAKE_TIME',
      20_000,
      'demo/bg: BLUE_GREEN stage BAKE_TIME (bake time 1 min, 40 s left)',
    ],
    [
      'bake time, just entered',
      bg,
      'BAKE_TIME',
      0,
      'demo/bg: BLUE_GREEN stage BAKE_TIME (bake time 1 min, 1 min left)',
    ],
    [
      'bake time over',
      bg,
      'BAKE_TIME',
      90_000,
      'demo/bg: BLUE_GREEN stage BAKE_TIME (bake time 1 min, 0 s left)',
    ],
    [
      'another stage',
      bg,
      'PRODUCTION_TRAFFIC_SHIFT',
      0,
      'demo/bg: BLUE_GREEN stage PRODUCTION_TRAFFIC_SHIFT',
    ],
    [
      'linear steps',
      linear,
      'PRODUCTION_TRAFFIC_SHIFT',
      0,
      'demo/bg: LINEAR stage PRODUCTION_TRAFFIC_SHIFT (steps of 25%, step bake 2 min)',
    ],
    [
      'linear bake',
      linear,
      'BAKE_TIME',
      60_000,
      'demo/bg: LINEAR stage BAKE_TIME (steps of 25%, step bake 2 min, bake time 5 min, 4 min left)',
    ],
    [
      'canary',
      canary,
      'TEST_TRAFFIC_SHIFT',
      0,
      'demo/bg: CANARY stage TEST_TRAFFIC_SHIFT (canary 10%, canary bake 3 min)',
    ],
    [
      'canary, no bake time read',
      canary,
      'BAKE_TIME',
      0,
      'demo/bg: CANARY stage BAKE_TIME (canary 10%, canary bake 3 min, bake time ?)',
    ],
    [
      'no settings',
      { strategy: 'LINEAR' },
      'SCALE_UP',
      0,
      'demo/bg: LINEAR stage SCALE_UP (steps of ?, step bake ?)',
    ],
    ['no configuration', undefined, 'CLEAN_UP', 0, 'demo/bg: ? stage CLEAN_UP'],
  ])('%s', (_name, config, stage, elapsed, line) => {
    expect(stageLine('demo/bg', config, stage, 1_000, 1_000 + elapsed)).toBe(line);
  });
});

describe('nativeStrategy and ourServiceDeployment', () => {
  it('leaves ROLLING, absent and non-ECS controllers out', () => {
    expect(nativeStrategy(service(undefined))).toBe(undefined);
    expect(nativeStrategy(service('ROLLING'))).toBe(undefined);
    expect(
      nativeStrategy({ ...service('BLUE_GREEN'), deploymentController: { type: 'EXTERNAL' } }),
    ).toBe(undefined);
    expect(nativeStrategy(service('CANARY'))).toBe('CANARY');
  });
  it('names the current service deployment only while ours is the PRIMARY', () => {
    expect(ourServiceDeployment(service('BLUE_GREEN'), 'ecs-svc/2')).toBe(ARN);
    expect(ourServiceDeployment(service('BLUE_GREEN'), 'ecs-svc/1')).toBe(undefined);
  });
});

describe('stageTrigger', () => {
  const before = service('BLUE_GREEN');
  it.each<[string, ServiceObservation | undefined, ServiceObservation, number, string | undefined]>(
    [
      ['never for ROLLING', undefined, service('ROLLING'), Infinity, undefined],
      [
        'never for a service without a strategy',
        service(undefined),
        service(undefined, 2),
        Infinity,
        undefined,
      ],
      ['first poll', undefined, before, Infinity, 'first poll'],
      ['nothing changed', before, service('BLUE_GREEN'), 5_000, undefined],
      ['counts changed', before, service('BLUE_GREEN', 2), 5_000, 'the deployments changed'],
      [
        'a new event',
        before,
        service('BLUE_GREEN', 1, ['has started 1 tasks']),
        5_000,
        'a new event',
      ],
      ['last read is old', before, service('BLUE_GREEN'), 10_000, 'last read is old'],
    ],
  )('%s', (_name, previous, now, since, why) => {
    expect(stageTrigger(previous, now, since, 10_000)).toBe(why);
  });
});

describe('observe and step with a native strategy', () => {
  const config = resolveDriverConfig({ timeout: 600_000, deploymentId: 'ecs-svc/2' });
  const clock = { now: (): number => 5_000, sleep: (): Promise<void> => Promise.resolve() };
  function source(found: ServiceObservation): DeploymentSource & { stageReads: string[] } {
    const stageReads: string[] = [];
    return {
      stageReads,
      describeService: () => Promise.resolve({ service: found }),
      describeStoppedTasks: () => Promise.resolve([]),
      serviceDeploymentStage: (arn) => {
        stageReads.push(arn);
        return Promise.resolve('BAKE_TIME');
      },
    };
  }

  it('makes no stage read for a ROLLING service', async () => {
    const rolling = source(service(undefined));
    const { obs } = await observe(rolling, initialState(0), config, freshMemory, clock, undefined);
    expect(rolling.stageReads).toEqual([]);
    expect(obs.lifecycleStage).toBe(undefined);
  });

  it('reads the stage of our service deployment once and tells it once', async () => {
    const found = {
      ...service('BLUE_GREEN'),
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 },
    };
    const bg = source(found);
    const first = await observe(bg, initialState(0), config, freshMemory, clock, undefined);
    expect(bg.stageReads).toEqual([ARN]);
    const out = step(initialState(0), first.obs, { ...config, label: 'demo/bg' });
    expect(out.stageLine).toBe('demo/bg: BLUE_GREEN stage BAKE_TIME (bake time 1 min, 1 min left)');
    const again = await observe(bg, out.state, config, first.memory, clock, undefined);
    expect(bg.stageReads).toEqual([ARN]);
    expect(step(out.state, { ...again.obs, lifecycleStage: 'BAKE_TIME' }, config).stageLine).toBe(
      undefined,
    );
  });
});
