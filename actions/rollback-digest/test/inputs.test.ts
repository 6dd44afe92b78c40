import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { InputReader } from '@ecs-deploy/action-kit';
import { actionDir, inputEnvironment, loadActionMetadata } from '@ecs-deploy/runner-harness';
import { WAIT_INPUT_NAMES } from '@ecs-deploy/rollout-watch';
import { checkDigest, readInputs } from '../src/inputs.js';

const GOOD = `sha256:${'0123456789abcdef'.repeat(4)}`;

/** The environment the runner gives the step: `with:`, then every other declared input. */
function reader(inputs: Record<string, string>): InputReader {
  const metadata = loadActionMetadata(actionDir('rollback-digest'));
  return new InputReader(
    inputEnvironment(metadata, { cluster: 'c', service: 'web', ...inputs }, {}),
  );
}

describe('checkDigest', () => {
  it.each([
    ['sha256:abc', /hex part has 3 characters instead of 64/],
    [`sha256:${'A'.repeat(64)}`, /upper-case/],
    [`sha512:${'a'.repeat(128)}`, /algorithm is "sha512"/],
    ['sha512:', /algorithm is "sha512"/],
    ['a'.repeat(64), /no algorithm prefix/],
    [`sha256:${'g'.repeat(64)}`, /not hex/],
    [`web@${GOOD}`, /algorithm is "web@sha256"/],
  ])('refuses %s', (value, why) => {
    expect(() => checkDigest('digest', value)).toThrow(why);
    expect(() => checkDigest('digest', value)).toThrow(/^Input 'digest' is "/);
  });

  it('accepts a full sha256 digest', () => {
    expect(checkDigest('digest', GOOD)).toBe(GOOD);
  });
});

describe('readInputs', () => {
  it('defaults to one step back in mode digest, stopping a deployment in progress, and waiting', () => {
    const parsed = readInputs(reader({}));
    expect(parsed).toMatchObject({
      mode: 'digest',
      target: { kind: 'history', stepsBack: 1 },
      force: false,
      ifInProgress: 'stop',
      inProgressTimeoutMs: 600_000,
      dryRun: false,
      wait: true,
    });
    expect(parsed.waiting.timeoutMs).toBe(900_000);
  });

  it('reads the history when the digest is left blank, whatever container-name says', () => {
    expect(readInputs(reader({ 'container-name': 'app', digest: '  ' })).target).toEqual({
      kind: 'history',
      stepsBack: 1,
    });
  });

  it('reads a digests map, checking each digest', () => {
    const parsed = readInputs(reader({ digests: JSON.stringify({ app: GOOD, sidecar: GOOD }) }));
    expect(parsed.target).toEqual({
      kind: 'explicit',
      digests: [
        { container: 'app', digest: GOOD, source: 'digests.app' },
        { container: 'sidecar', digest: GOOD, source: 'digests.sidecar' },
      ],
    });
    expect(() => readInputs(reader({ digests: '{"app":"sha256:abc"}' }))).toThrow(
      /^Input 'digests' is "sha256:abc"/,
    );
  });

  it.each([
    [{ digest: GOOD, digests: `{"app":"${GOOD}"}` }, /Input 'digests' is set together with digest/],
    [
      { digest: GOOD, 'steps-back': '2' },
      /Input 'steps-back' is set together with an explicit digest/,
    ],
    [{ 'steps-back': '0' }, /Input 'steps-back' is 0/],
    [{ mode: 'image' }, /Input 'mode' is "image"/],
    [{ 'if-deployment-in-progress': 'abort' }, /Input 'if-deployment-in-progress' is "abort"/],
    [{ digests: '{}' }, /Input 'digests' is an empty map/],
    [{ force: 'yes' }, /Input 'force' is "yes"/],
  ])('refuses %j', (inputs, message) => {
    expect(() => readInputs(reader(inputs))).toThrow(message);
  });
});

describe('action.yml', () => {
  const block = (file: string): string => {
    const text = readFileSync(file, 'utf8');
    return text.slice(text.indexOf('\n  timeout:\n'), text.indexOf('\noutputs:\n'));
  };

  it("carries wait-healthy's waiting inputs verbatim", () => {
    expect(block(`${actionDir('rollback-digest')}/action.yml`)).toBe(
      block(`${actionDir('wait-healthy')}/action.yml`),
    );
    const inputs = Object.keys(loadActionMetadata(actionDir('rollback-digest')).inputs);
    for (const name of WAIT_INPUT_NAMES) expect(inputs).toContain(name);
  });
});
