import { describe, expect, it } from '@jest/globals';
import { encodedForms, filterJobOutputs, SecretMasker, skipOutputWarning } from '../src/index.js';

const ACCOUNT = '123456789012';

describe('encodedForms (the runner value encoders)', () => {
  it.each([
    [
      'a 12-digit account id',
      ACCOUNT,
      [ACCOUNT, 'MTIzNDU2Nzg5MDEy', 'MjM0NTY3ODkwMTI=', 'MzQ1Njc4OTAxMg=='],
    ],
    [
      'quotes',
      `it's "x"`,
      [`it's "x"`, `it''s "x"`, `it's \\"x\\"`, 'it&apos;s &quot;x&quot;', 'it%27s%20%22x%22'],
    ],
    ['a JSON control character', 'a\tb', ['a\\tb', 'a%09b']],
    ['URI-reserved characters', "a b!'()*", ['a%20b%21%27%28%29%2A']],
    ['XML markup', '<a&b>', ['&lt;a&amp;b&gt;']],
    ['a quoted value longer than 8', '"abcdefgh"', ['abcdefgh']],
    ['PowerShell ampersand split', 'abcdef&+ghijklm', ['abcdef&+', 'hijklm']],
  ])('%s', (_name, secret, expected) => {
    const forms = encodedForms(secret);
    for (const form of expected) expect(forms).toContain(form);
  });

  it('registers nothing for an empty value and skips empty encodings', () => {
    expect(encodedForms('')).toEqual([]);
    expect(encodedForms('ab')).not.toContain('');
    // short quoted values are not trimmed (the runner requires more than 8 characters)
    expect(encodedForms('"abc"')).not.toContain('abc');
  });
});

describe('SecretMasker.mayContainSecret', () => {
  const masker = new SecretMasker();
  masker.addSecret('AWS_ACCOUNT_ID', ACCOUNT);
  masker.addSecret('MULTI', 'first-line\nsecond-line');

  it.each([
    ['an ECR image URI', `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:v1`, true],
    ['a tag', 'sha-abc1234', false],
    ['a digest', `sha256:${'0'.repeat(64)}`, false],
    ['base64 of the secret', Buffer.from(ACCOUNT).toString('base64'), true],
    [
      'base64 of AWS:<secret> (3n+1 prefix)',
      Buffer.from(`AWS:${ACCOUNT}`).toString('base64'),
      true,
    ],
    ['base64 of ab<secret> (3n+2 prefix)', Buffer.from(`ab${ACCOUNT}`).toString('base64'), true],
    // The runner keeps the padding, so a shifted copy followed by more bytes is not caught.
    ['base64 of AWS:<secret>x', Buffer.from(`AWS:${ACCOUNT}x`).toString('base64'), false],
    ['one line of a multi-line secret', 'value: second-line', true],
    ['a different 12-digit number', '210987654321', false],
  ])('%s → %s', (_name, value, expected) => {
    expect(masker.mayContainSecret(value)).toBe(expected);
  });

  it('masks log text with *** and records names, never values', () => {
    expect(masker.mask(`push ${ACCOUNT}.dkr.ecr`)).toBe('push ***.dkr.ecr');
    expect(masker.registered).toEqual([
      { origin: 'secret', name: 'AWS_ACCOUNT_ID' },
      { origin: 'secret', name: 'MULTI' },
    ]);
  });

  it('refuses a whitespace-only add-mask with the runner warning', () => {
    const fresh = new SecretMasker();
    expect(fresh.addMask('   ', 'step')).toBe(
      "Can't add secret mask for empty string in ##[add-mask] command.",
    );
    expect(fresh.addMask(' padded ', 'step')).toBeUndefined();
    expect(fresh.mayContainSecret('a padded value')).toBe(true);
  });
});

// Worker.InitializeSecretMasker: Trim(), then the whole value and each line (CR or LF) trimmed.
describe('SecretMasker.addSecret (job secrets)', () => {
  it.each([
    ['a trailing space is trimmed', `${ACCOUNT} `, `${ACCOUNT}.dkr.ecr`, true],
    ['a secret of one space masks nothing', ' ', 'a b c', false],
    ['a secret of white space and a line break masks nothing', ' \r\n ', 'a b', false],
    ['a lone CR separates lines', 'one-line\rsecond-line', 'x second-line y', true],
    ['lines are trimmed', 'first\n  indented-line  \n', '[indented-line]', true],
  ])('%s', (_name, secret, value, dropped) => {
    const masker = new SecretMasker();
    masker.addSecret('S', secret);
    expect(masker.mayContainSecret(value)).toBe(dropped);
  });

  it('never masks ACTIONS_STEP_DEBUG or ACTIONS_RUNNER_DEBUG', () => {
    const masker = new SecretMasker();
    masker.addSecret('ACTIONS_STEP_DEBUG', 'true');
    masker.addSecret('actions_runner_debug', 'true');
    expect(masker.mayContainSecret('true')).toBe(false);
    expect(masker.registered).toEqual([]);
  });

  it('registers an add-mask value untrimmed as well as its trimmed lines', () => {
    const masker = new SecretMasker();
    masker.addMask('a b\rcd', 'step');
    expect(masker.mask('a b|cd|a')).toBe('***|***|a');
  });
});

// SecretMasker.MaskSecrets, compared with the value by JobExtension.FinalizeJob.
describe('SecretMasker.mask and "may contain secret"', () => {
  it.each([
    ['touching matches become one ***', ['abc', 'def'], 'abcdef!', '***!'],
    ['overlapping matches become one ***', ['abcd', 'cdef'], 'abcdef', '***'],
    ['a secret of *** leaves *** as it is', ['***'], 'image:***', 'image:***'],
    ['a secret of * still changes a*b', ['*'], 'a*b', 'a***b'],
    ['a secret of * leaves a run of three stars as it is', ['*'], 'x***y', 'x***y'],
  ])('%s', (_name, secrets, value, masked) => {
    const masker = new SecretMasker();
    for (const secret of secrets) masker.addSecret('S', secret);
    expect(masker.mask(value)).toBe(masked);
    expect(masker.mayContainSecret(value)).toBe(masked !== value);
  });
});

describe('filterJobOutputs (end of job)', () => {
  const masker = new SecretMasker();
  masker.addSecret('AWS_ACCOUNT_ID', ACCOUNT);

  it.each([
    ['set', { tag: 'sha-1' }, { tag: 'sha-1' }, []],
    ['empty → skipped without a warning', { tag: '' }, {}, [{ name: 'tag', reason: 'empty' }]],
    [
      'secret → skipped with the warning',
      { image: `${ACCOUNT}.dkr.ecr.x/app` },
      {},
      [
        {
          name: 'image',
          reason: 'secret',
          warning: "Skip output 'image' since it may contain secret.",
        },
      ],
    ],
  ])('%s', (_name, evaluated, outputs, dropped) => {
    expect(filterJobOutputs(evaluated, masker)).toEqual({ outputs, dropped });
  });

  it('uses the exact runner text', () => {
    expect(skipOutputWarning('registry')).toBe(
      "Skip output 'registry' since it may contain secret.",
    );
  });
});
