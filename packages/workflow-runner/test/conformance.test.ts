// Each rule here was read from actions/runner's source; the test names say which file and
// function. The fixture is test/fixtures/runner-rules.yml, one job per rule.
import { dirname } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { WorkflowRunResult } from '../src/index.js';
import { ACCOUNT_ID, fixture, job, runFixture, step } from './helpers.js';

let cached: Promise<WorkflowRunResult> | undefined;
function run(): Promise<WorkflowRunResult> {
  cached ??= runFixture('runner-rules.yml', {
    workspace: dirname(fixture('runner-rules.yml')),
    aws: { accountId: ACCOUNT_ID },
    settings: {
      repository: {
        vars: { ACCOUNT: ACCOUNT_ID },
        secrets: {
          ONE_SPACE: ' ',
          STARS: '***',
          ACTIONS_STEP_DEBUG: 'true',
          PADDED_ACCOUNT: `${ACCOUNT_ID} `,
          CR_LINES: 'first-line\rsecond-line-secret',
        },
      },
    },
  });
  return cached;
}

describe('workflow commands (ActionCommandManager.TryProcessCommand, ActionCommand.TryParseV2/TryParse)', () => {
  it('honours ::add-mask:: after leading spaces and the ##[add-mask] form anywhere in a line', async () => {
    const commands = job(await run(), 'commands');
    const dropped = commands.droppedOutputs.map((d) => d.name);
    expect(dropped).toContain('indented');
    expect(dropped).toContain('legacy');
  });

  it('ignores commands between stop-commands and ::<token>::, and masks a token longer than 6', async () => {
    const commands = job(await run(), 'commands');
    expect(commands.outputs['while-stopped']).toBe('ignored-while-stopped');
    expect(commands.droppedOutputs.map((d) => d.name)).toEqual(
      expect.arrayContaining(['after-resume', 'token']),
    );
  });

  it('reads a lone CR as the end of a line (StreamReader.ReadLine)', async () => {
    expect(job(await run(), 'commands').droppedOutputs.map((d) => d.name)).toContain('lone-cr');
  });

  it('fails the step on a stop token that is a command name (ValidateStopToken)', async () => {
    const stop = step(job(await run(), 'bad-stop-token'), 'stop');
    expect(stop.outcome).toBe('failure');
    expect(stop.annotations[0]?.message).toMatch(/^You cannot use a endToken that is an empty/);
  });
});

describe('job outputs (JobExtension.FinalizeJob)', () => {
  it('sets no output and fails the job when one output fails to evaluate', async () => {
    const record = job(await run(), 'output-error');
    expect(record.result).toBe('failure');
    expect(record.outputs).toEqual({});
    expect(record.annotations.map((a) => `${a.level}: ${a.message}`)).toContainEqual(
      'error: Fail to evaluate job outputs',
    );
    expect(record.steps.every((s) => s.conclusion === 'success')).toBe(true);
  });
});

describe('environment url (JobExtension.FinalizeJob)', () => {
  it('fails the job when the url fails to evaluate, and still sets the outputs', async () => {
    const record = job(await run(), 'url-error');
    expect(record.result).toBe('failure');
    expect(record.outputs).toEqual({ kept: 'plain' });
    expect(record.environment?.url).toBeUndefined();
    expect(record.annotations.map((a) => `${a.level}: ${a.message}`)).toContainEqual(
      'error: Failed to evaluate environment url',
    );
  });
});

describe('job secrets (Worker.InitializeSecretMasker)', () => {
  it('trims a secret and masks each CR- or LF-separated line; blank and debug secrets mask nothing', async () => {
    const secrets = job(await run(), 'secrets');
    expect(secrets.droppedOutputs.map((d) => d.name).sort()).toEqual(['cr-line', 'registry']);
    expect(secrets.outputs).toEqual({
      spaced: 'a value with spaces',
      stars: 'image:***',
      debug: 'debug is true',
    });
  });
});

describe('configure-aws-credentials stand-in (helpers.ts exportCredentials / exportAccountId)', () => {
  it('masks the access key id; the account id only when asked', async () => {
    const result = await run();
    const credentials = job(result, 'credentials');
    expect(credentials.droppedOutputs.map((d) => d.name)).toEqual(['key-id']);
    expect(credentials.outputs).toEqual({ account: ACCOUNT_ID });
    // MASK_AWS_ACCOUNT_ID in env stands for the input (translateEnvVariables).
    expect(job(result, 'masked-account').droppedOutputs.map((d) => d.name)).toEqual(['account']);
  });
});

describe('action inputs (ActionRunner.RunAsync, ActionManifestManager.ConvertInputs, Handler.AddInputsToEnvironment)', () => {
  it("exports every declared input: given, default, or '' when it has none; warns about unexpected ones", async () => {
    const probe = step(job(await run(), 'inputs'), 'probe');
    expect(JSON.parse(probe.outputs.inputs ?? '{}')).toEqual({
      INPUT_GIVEN: 'from-with',
      'INPUT_WITH-DEFAULT': 'the-default',
      'INPUT_NO-DEFAULT': '',
      INPUT_TWO_WORDS: '',
      'INPUT_NOT-DECLARED': 'surplus',
    });
    expect(probe.annotations).toContainEqual({
      level: 'warning',
      message:
        "Unexpected input(s) 'not-declared', valid inputs are ['given', 'with-default', 'no-default', 'two words']",
      step: 'probe',
    });
  });
});
