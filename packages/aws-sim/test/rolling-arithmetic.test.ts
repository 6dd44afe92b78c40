import { describe, expect, it } from '@jest/globals';
import { planStep, rollingLimits, type PlanTask } from '../src/engine/rolling.js';

const tasks = (prefix: string, healthy: number, unhealthy = 0): PlanTask[] => [
  ...Array.from({ length: healthy }, (_, i) => ({ id: `${prefix}${i}`, healthy: true })),
  ...Array.from({ length: unhealthy }, (_, i) => ({ id: `${prefix}u${i}`, healthy: false })),
];

describe('rollingLimits: min rounds up, max rounds down (docs/aws-behaviour.md#rolling-update-arithmetic)', () => {
  const table: [number, number, number, number, number][] = [
    // D, min%, max%, minHealthy, maxTasks
    [2, 100, 200, 2, 4],
    [4, 50, 200, 2, 8],
    [4, 100, 125, 4, 5],
    [6, 100, 200, 6, 12],
    [1, 0, 100, 0, 1],
    [1, 100, 200, 1, 2],
    [2, 75, 100, 2, 2],
    [3, 100, 125, 3, 3],
    [3, 33, 150, 1, 4],
  ];
  it.each(table)('D=%i %i/%i → minHealthy %i, maxTasks %i', (d, min, max, minHealthy, maxTasks) => {
    expect(rollingLimits(d, min, max)).toEqual({ minHealthy, maxTasks });
  });
});

describe('planStep', () => {
  const table: {
    name: string;
    d: number;
    min: number;
    max: number;
    primary: PlanTask[];
    old: PlanTask[];
    canLaunch?: boolean;
    stop: number;
    launch: number;
    stuck?: boolean;
  }[] = [
    {
      name: '2 @100/200 first step: start 2, stop none',
      d: 2,
      min: 100,
      max: 200,
      primary: [],
      old: tasks('o', 2),
      stop: 0,
      launch: 2,
    },
    {
      name: '2 @100/200 one new healthy: stop 1 old',
      d: 2,
      min: 100,
      max: 200,
      primary: tasks('n', 1, 1),
      old: tasks('o', 2),
      stop: 1,
      launch: 0,
    },
    {
      name: '4 @50/200 first step: start 4, stop 2 old',
      d: 4,
      min: 50,
      max: 200,
      primary: [],
      old: tasks('o', 4),
      stop: 2,
      launch: 4,
    },
    {
      name: '4 @100/125: one extra at a time',
      d: 4,
      min: 100,
      max: 125,
      primary: [],
      old: tasks('o', 4),
      stop: 0,
      launch: 1,
    },
    {
      name: '4 @100/125 after it is healthy: stop 1 old, start 1',
      d: 4,
      min: 100,
      max: 125,
      primary: tasks('n', 1),
      old: tasks('o', 4),
      stop: 1,
      launch: 1,
    },
    {
      name: '1 @0/100: stop old first, then start',
      d: 1,
      min: 0,
      max: 100,
      primary: [],
      old: tasks('o', 1),
      stop: 1,
      launch: 1,
    },
    {
      name: '1 @100/200: start new, keep old',
      d: 1,
      min: 100,
      max: 200,
      primary: [],
      old: tasks('o', 1),
      stop: 0,
      launch: 1,
    },
    {
      name: '2 @75/100: stuck',
      d: 2,
      min: 75,
      max: 100,
      primary: [],
      old: tasks('o', 2),
      stop: 0,
      launch: 0,
      stuck: true,
    },
    {
      name: 'unhealthy old tasks always go',
      d: 2,
      min: 100,
      max: 200,
      primary: [],
      old: tasks('o', 1, 1),
      stop: 1,
      launch: 2,
    },
    {
      name: 'FAILED primary launches nothing',
      d: 4,
      min: 50,
      max: 200,
      primary: [],
      old: tasks('o', 2),
      canLaunch: false,
      stop: 0,
      launch: 0,
    },
    {
      name: 'scale in above desired',
      d: 2,
      min: 100,
      max: 200,
      primary: tasks('n', 3),
      old: [],
      stop: 1,
      launch: 0,
    },
    {
      name: 'steady: nothing to do',
      d: 3,
      min: 100,
      max: 200,
      primary: tasks('n', 3),
      old: [],
      stop: 0,
      launch: 0,
    },
    {
      name: 'replace a crashed task in steady state',
      d: 3,
      min: 100,
      max: 200,
      primary: tasks('n', 2),
      old: [],
      stop: 0,
      launch: 1,
    },
  ];
  it.each(table)('$name', (row) => {
    const plan = planStep({
      desired: row.d,
      limits: rollingLimits(row.d, row.min, row.max),
      primary: row.primary,
      old: row.old,
      canLaunch: row.canLaunch ?? true,
    });
    expect({ stop: plan.stop.length, launch: plan.launch, stuck: plan.stuck }).toEqual({
      stop: row.stop,
      launch: row.launch,
      stuck: row.stuck ?? false,
    });
  });

  it('stops unhealthy old tasks before healthy ones, and only old or surplus tasks', () => {
    const plan = planStep({
      desired: 2,
      limits: rollingLimits(2, 0, 200),
      primary: [],
      old: [
        { id: 'a', healthy: true },
        { id: 'b', healthy: false },
      ],
      canLaunch: true,
    });
    expect(plan.stop).toEqual(['b', 'a']);
  });
});
