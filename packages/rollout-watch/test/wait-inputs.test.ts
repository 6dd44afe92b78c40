import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { actionDir, loadActionMetadata } from '@ecs-deploy/runner-harness';
import { WAIT_INPUT_NAMES } from '../src/index.js';

// action.yml cannot include another file, so the waiting inputs are written out in each action
// that waits; this keeps the copies identical to wait-healthy's.
const WAITING_ACTIONS = ['ecs-rolling-deploy', 'rollback-digest'].filter((name) =>
  existsSync(`${actionDir(name)}/action.yml`),
);

describe('the shared waiting inputs', () => {
  const reference = loadActionMetadata(actionDir('wait-healthy')).inputs;

  it('are all declared by wait-healthy', () => {
    for (const name of WAIT_INPUT_NAMES) expect(reference[name]?.description).toBeTruthy();
  });

  it.each(WAITING_ACTIONS)('are declared identically by %s', (action) => {
    const inputs = loadActionMetadata(actionDir(action)).inputs;
    for (const name of WAIT_INPUT_NAMES)
      expect({ name, ...inputs[name] }).toEqual({ name, ...reference[name] });
  });
});
