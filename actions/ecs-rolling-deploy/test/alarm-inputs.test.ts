// The `alarms` and `alarm-rollback` inputs, and the deploymentConfiguration UpdateService gets.
import { describe, expect, it } from '@jest/globals';
import { InputReader } from '@ecs-deploy/action-kit';
import { actionDir, inputEnvironment, loadActionMetadata } from '@ecs-deploy/runner-harness';
import { readInputs } from '../src/inputs.js';
import { deploymentConfiguration } from '../src/update.js';

/** The environment the runner gives the step: `with:`, then every other declared input. */
function reader(inputs: Record<string, string>): InputReader {
  const metadata = loadActionMetadata(actionDir('ecs-rolling-deploy'));
  return new InputReader(
    inputEnvironment(
      metadata,
      { cluster: 'demo', service: 'web', 'task-definition': 'td.json', ...inputs },
      {},
    ),
  );
}

describe('alarms inputs', () => {
  it.each<[string, Record<string, string>, unknown]>([
    ['none: the service keeps its own', {}, undefined],
    [
      'one a line',
      { alarms: 'web-5xx\nweb-latency\n' },
      { alarmNames: ['web-5xx', 'web-latency'], rollback: true },
    ],
    [
      'commas, rollback off',
      { alarms: 'web-5xx, web-latency', 'alarm-rollback': 'false' },
      { alarmNames: ['web-5xx', 'web-latency'], rollback: false },
    ],
  ])('%s', (_, inputs, expected) => {
    expect(readInputs(reader(inputs)).alarms).toEqual(expected);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'alarm-rollback: false without alarms',
      { 'alarm-rollback': 'false' },
      /^Input 'alarm-rollback' is false but no alarms are given/,
    ],
    ['a name twice', { alarms: 'a, b, a' }, /^Input 'alarms' names "a" twice/],
    ['only commas', { alarms: ', ,' }, /^Input 'alarms' names no alarm/],
    [
      '101 names',
      { alarms: Array.from({ length: 101 }, (_, i) => `a${i}`).join(',') },
      /names 101 alarms\. Expected .*at most 100/,
    ],
    ['a name of 256 characters', { alarms: 'x'.repeat(256) }, /has a name of 256 characters/],
    ['alarm-rollback not a boolean', { alarms: 'a', 'alarm-rollback': 'maybe' }, /alarm-rollback/],
  ])('refuses %s', (_, inputs, why) => {
    expect(() => readInputs(reader(inputs))).toThrow(why);
  });
});

describe('deploymentConfiguration with alarms', () => {
  const current = {
    deploymentCircuitBreaker: { enable: true, rollback: true },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    alarms: { alarmNames: ['old'], enable: true, rollback: true },
  };
  it('keeps the service alarms without the input', () => {
    expect(deploymentConfiguration(current, readInputs(reader({}))).alarms).toEqual(current.alarms);
  });
  it('replaces them with the input, enabled, and keeps the rest', () => {
    const sent = deploymentConfiguration(
      current,
      readInputs(
        reader({ alarms: 'web-5xx', 'alarm-rollback': 'false', 'maximum-percent': '150' }),
      ),
    );
    expect(sent).toEqual({
      deploymentCircuitBreaker: { enable: true, rollback: true },
      maximumPercent: 150,
      minimumHealthyPercent: 100,
      alarms: { alarmNames: ['web-5xx'], enable: true, rollback: false },
    });
  });
});
