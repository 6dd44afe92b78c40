import { describe, expect, it } from '@jest/globals';
import { initialState, step, type Observation, type Verdict } from '../src/index.js';
import { formatStoppedGroup } from '../src/stopped-tasks.js';
import { T0, type Scenario } from './fixtures/build.js';
import { failures } from './fixtures/failures.js';
import { rollouts } from './fixtures/rollouts.js';

interface Run {
  verdicts: Verdict[];
  events: string[];
  stopped: string[];
  health: string[];
}

function run(s: Scenario, observations: Observation[] = s.observations): Run {
  let state = initialState(T0);
  const out: Run = { verdicts: [], events: [], stopped: [], health: [] };
  for (const obs of observations) {
    const r = step(state, obs, s.config);
    state = r.state;
    out.verdicts.push(r.verdict);
    out.events.push(...r.newEvents);
    out.stopped.push(...r.newStoppedReasons);
    out.health.push(...r.newHealthReasons);
  }
  return out;
}

const scenarios = [...rollouts, ...failures];

describe('step over recorded sequences', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const { verdicts, events, stopped } = run(s);
    const last = verdicts.at(-1);
    // The verdict comes on the last observation, and not a poll earlier.
    expect(verdicts.slice(0, -1).map((v) => v.kind)).toEqual(
      verdicts.slice(0, -1).map(() => 'in-progress'),
    );
    expect(last?.kind).toBe(s.expected.verdict);
    if (last === undefined || last.kind === 'in-progress') throw new Error('no verdict');
    for (const part of s.expected.message ?? []) expect(last.message).toContain(part);
    if (last.kind === 'failed') expect(last.cause).toBe(s.expected.cause);
    if (last.kind === 'rolled-back') expect(last.rolledBackTo).toBe(s.expected.rolledBackTo);
    if (last.kind === 'failed' && s.expected.replacedBy !== undefined) {
      expect(last.replacedBy?.id).toBe(s.expected.replacedBy);
    }
    if (last.kind !== 'healthy' && last.kind !== 'scaled-to-zero') {
      if (s.expected.stoppedGroups !== undefined) {
        expect(last.reasons.stoppedTasks.map(formatStoppedGroup)).toEqual(s.expected.stoppedGroups);
      }
      if (s.expected.targetHealth !== undefined)
        expect(last.reasons.targetHealth).toEqual(s.expected.targetHealth);
      if (s.expected.probe !== undefined) expect(last.reasons.probe).toEqual(s.expected.probe);
      expect(last.reasons.problems).toEqual(s.expected.problems ?? []);
      expect(last.reasons.events).toEqual(s.expected.printedEvents.slice(-10));
    }
    expect(events).toEqual(s.expected.printedEvents);
    if (s.expected.printedStopped !== undefined)
      expect(stopped).toHaveLength(s.expected.printedStopped);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s: step never changes the state or observation it is given',
    (_name, s) => {
      const dump = (v: unknown): string =>
        JSON.stringify(v, (_k, x: unknown) => (x instanceof Set || x instanceof Map ? [...x] : x));
      let state = initialState(T0);
      for (const obs of s.observations) {
        const before = dump([state, obs]);
        const next = step(state, obs, s.config).state;
        expect(dump([state, obs])).toBe(before);
        state = next;
      }
    },
  );

  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s: polling twice as often prints nothing twice',
    (_name, s) => {
      const doubled = s.observations.flatMap((o) => [o, { ...o, at: o.at + 1 }]);
      const once = run(s);
      const twice = run(s, doubled);
      expect(twice.events).toEqual(once.events);
      expect(twice.stopped).toEqual(once.stopped);
      expect(twice.health).toEqual(once.health);
      expect(twice.verdicts.at(-1)?.kind).toBe(s.expected.verdict);
    },
  );
});
