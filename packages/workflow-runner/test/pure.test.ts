import { describe, expect, it } from '@jest/globals';
import { INVALID_STOP_TOKEN, interpretOutput } from '../src/commands.js';
import { evaluateCondition, evaluateToString, OK_STATUS } from '../src/expressions.js';
import { ancestors, jobStatus, orderJobs, stepStatus, type JobResult } from '../src/graph.js';
import { resolveInputs } from '../src/inputs.js';
import { interpolate, splitTemplate } from '../src/interpolate.js';
import { referencedSecrets } from '../src/secret-refs.js';
import { shellCommand } from '../src/shell.js';
import { untrustedReason } from '../src/untrusted.js';
import { isFullSha, parseUses } from '../src/uses.js';

describe('splitTemplate / interpolate', () => {
  it.each([
    ['plain', 'echo hi', 'echo hi'],
    ['one', 'echo ${{ github.sha }}', 'echo <github.sha>'],
    ['two, quoted', `echo '\${{ a }}' "\${{ b }}"`, `echo '<a>' "<b>"`],
    ['}} inside a string literal', "x ${{ format('}}{0}', a) }} y", "x <format('}}{0}', a)> y"],
    ['adjacent', '${{ a }}${{ b }}', '<a><b>'],
  ])('%s', (_name, text, expected) => {
    expect(interpolate(text, (e) => `<${e}>`)).toBe(expected);
  });

  it('refuses an unclosed expression', () => {
    expect(() => splitTemplate('echo ${{ a')).toThrow('unclosed');
  });
});

describe('expressions', () => {
  const contexts = {
    github: { sha: 'abc', event_name: 'push' },
    needs: { Build: { result: 'success', outputs: { tag: 'v1' } } },
    inputs: { 'dry-run': true },
  };
  it.each([
    ['case-insensitive access', 'needs.build.OUTPUTS.Tag', 'v1'],
    ['missing property', 'needs.build.outputs.nope', ''],
    ['format', "format('{0}-{1}', github.event_name, github.sha)", 'push-abc'],
    ['boolean input', 'inputs.dry-run', 'true'],
    ['toJSON', 'toJSON(needs.build.outputs)', '{\n  "tag": "v1"\n}'],
  ])('%s', (_name, expression, expected) => {
    expect(evaluateToString(expression, contexts)).toBe(expected);
  });

  it.each([
    ['success() when fine', 'success()', OK_STATUS, true],
    ['success() after a failure', 'success()', stepStatus(true), false],
    ['failure() after a failure', 'failure()', stepStatus(true), true],
    ['always()', 'always()', stepStatus(true), true],
    ['!cancelled()', '!cancelled()', stepStatus(true), true],
    ['parser form', "success() && (github.event_name == 'push')", OK_STATUS, true],
  ])('%s', (_name, expression, status, expected) => {
    expect(evaluateCondition(expression, contexts, status)).toBe(expected);
  });

  it('rejects unknown contexts', () => {
    expect(() => evaluateToString('foo.bar', contexts)).toThrow("Unrecognized named-value: 'foo'");
  });
});

describe('job graph', () => {
  const jobs = [
    { id: 'deploy', needs: ['build', 'tag'] },
    { id: 'build', needs: ['tag'] },
    { id: 'tag', needs: [] },
    { id: 'lint', needs: [] },
  ];

  it('orders by needs, file order among the ready', () => {
    expect(orderJobs(jobs)).toEqual(['tag', 'build', 'deploy', 'lint']);
  });

  it.each([
    [[{ id: 'a', needs: ['z'] }], "Job 'a' depends on unknown job 'z'."],
    [
      [
        { id: 'a', needs: ['b'] },
        { id: 'b', needs: ['a'] },
      ],
      'cycle',
    ],
  ])('refuses %j', (graph, message) => {
    expect(() => orderJobs(graph)).toThrow(message);
  });

  it('finds ancestors transitively', () => {
    expect([...ancestors('deploy', jobs)].sort()).toEqual(['build', 'tag']);
  });

  const results = (entries: [string, JobResult][]): Map<string, JobResult> => new Map(entries);
  it.each([
    [
      'all succeeded',
      results([
        ['build', 'success'],
        ['tag', 'success'],
      ]),
      { success: true, failure: false },
    ],
    [
      'a need was skipped',
      results([
        ['build', 'skipped'],
        ['tag', 'success'],
      ]),
      { success: false, failure: false },
    ],
    [
      'an ancestor failed',
      results([
        ['build', 'skipped'],
        ['tag', 'failure'],
      ]),
      { success: false, failure: true },
    ],
  ])('jobStatus: %s', (_name, map, expected) => {
    expect(jobStatus(['build', 'tag'], new Set(['build', 'tag']), map)).toMatchObject(expected);
  });
});

describe('uses', () => {
  const own = 'your-org/ecs-deploy-actions';
  it.each([
    ['./actions/compute-image-tag', { kind: 'local', path: 'actions/compute-image-tag' }],
    [`${own}/actions/wait-healthy@v1`, { kind: 'own', path: 'actions/wait-healthy', ref: 'v1' }],
    [
      'actions/checkout@v4',
      { kind: 'remote', repository: 'actions/checkout', path: '', ref: 'v4' },
    ],
    [
      'github/codeql-action/init@abc',
      { kind: 'remote', repository: 'github/codeql-action', path: 'init', ref: 'abc' },
    ],
    ['docker://alpine:3', { kind: 'docker', image: 'alpine:3' }],
  ])('%s', (uses, expected) => {
    expect(parseUses(uses, own)).toEqual(expected);
  });

  it('refuses a remote action without a ref', () => {
    expect(() => parseUses('actions/checkout', own)).toThrow('owner/repo[/path]@ref');
  });

  it.each([
    ['11bd71901bbe5b1630ceea73d27597364c9af683', true],
    ['v4', false],
    ['11bd719', false],
  ])('isFullSha(%s) → %s', (ref, expected) => {
    expect(isFullSha(ref)).toBe(expected);
  });
});

describe('referencedSecrets (what GitHub sends the job)', () => {
  const available = ['AWS_ACCOUNT_ID', 'NPM_TOKEN', 'OTHER'];
  it.each([
    ['none', ['github.sha'], []],
    ['dot access, any case', ['secrets.aws_account_id'], ['AWS_ACCOUNT_ID']],
    ['index access', ["secrets['NPM_TOKEN']"], ['NPM_TOKEN']],
    ['inside format', ["format('{0}', secrets.OTHER)"], ['OTHER']],
    ['toJSON(secrets) sends all', ['toJSON(secrets)'], available],
    ['text in a string literal does not count', ["format('secrets.OTHER {0}', github.sha)"], []],
    ['unknown names are ignored', ['secrets.MISSING'], []],
  ])('%s', (_name, expressions, expected) => {
    expect(referencedSecrets(expressions, available)).toEqual(expected);
  });
});

describe('resolveInputs', () => {
  const definitions = {
    digest: { type: 'string', required: true },
    'dry-run': { type: 'boolean', default: true },
    replicas: { type: 'number', default: 2 },
    environment: { type: 'choice', options: ['dev', 'prod'], default: 'dev' },
  };
  it('fills defaults and keeps types; github.event.inputs holds strings', () => {
    expect(resolveInputs(definitions, { digest: 'd', 'dry-run': 'false' })).toEqual({
      inputs: { digest: 'd', 'dry-run': false, replicas: 2, environment: 'dev' },
      eventInputs: { digest: 'd', 'dry-run': 'false', replicas: '2', environment: 'dev' },
    });
  });
  it.each([
    [{}, "Required input 'digest' not provided"],
    [{ digest: 'd', replicas: 'many' }, "Input 'replicas' must be a number"],
    [{ digest: 'd', 'dry-run': 'yes' }, "Input 'dry-run' must be a boolean"],
  ])('refuses %j', (given, message) => {
    expect(() => resolveInputs(definitions, given)).toThrow(message);
  });
});

describe('workflow commands (ActionCommandManager.TryProcessCommand)', () => {
  it('collects masks, annotations and deprecated set-output, from stdout and stderr', () => {
    const effects = interpretOutput([
      '::add-mask::s3cr3t\n::WARNING title=t::careful\n::set-output name=x::1\n::group::ignored\n',
      '::add-mask::from-stderr\n',
    ]);
    expect(effects.masks).toEqual(['s3cr3t', 'from-stderr']);
    expect(effects.outputs).toEqual({ x: '1' });
    expect(effects.annotations[0]).toEqual({ level: 'warning', message: 'careful', title: 't' });
    expect(effects.annotations[1]?.message).toMatch(/set-output` command is deprecated/);
  });

  it.each([
    ['leading white space', '  \t::add-mask::a', ['a']],
    ['the ##[ form anywhere in the line', 'x ##[add-mask]b%3Bc%5D', ['b;c]']],
    ['a lone CR ending a line', '50%\r::add-mask::d', ['d']],
    ['an unregistered command', '::add-secret::e', []],
    ['text before ::', 'x ::add-mask::f', []],
  ])('%s', (_name, stdout, masks) => {
    expect(interpretOutput([stdout]).masks).toEqual(masks);
  });

  it('stops at stop-commands, resumes at ::<token>::, and masks only tokens longer than 6', () => {
    const long = interpretOutput([
      '::stop-commands::token-1234\n::add-mask::no\n::TOKEN-1234::\n::add-mask::yes\n',
    ]);
    expect(long.masks).toEqual(['yes']);
    expect(long.stopTokens).toEqual(['token-1234']);
    const short = interpretOutput(['::stop-commands::abc123\n##[abc123]\n::add-mask::yes\n']);
    expect(short).toMatchObject({ masks: ['yes'], stopTokens: [] });
  });

  it.each(['', 'pause-logging', 'Add-Mask', 'stop-commands'])(
    'refuses the stop token %p unless ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS is true',
    (token) => {
      expect(interpretOutput([`::stop-commands::${token}`]).error).toBe(INVALID_STOP_TOKEN);
      const allowed = interpretOutput([`::stop-commands::${token}`], {
        ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS: 'true',
      });
      expect(allowed.error).toBeUndefined();
    },
  );
});

describe('shells', () => {
  it.each([
    [undefined, ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', '/s.sh']]],
    ['bash', ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', '/s.sh']]],
    ['sh', ['sh', ['-e', '/s.sh']]],
    ['bash -x {0}', ['bash', ['-x', '/s.sh']]],
  ])('%s', (shell, expected) => {
    expect(shellCommand(shell, '/s.sh')).toEqual(expected);
  });
});

describe('untrusted input in run:', () => {
  it.each([
    ['github.event.pull_request.title', true],
    ['github.event.issue.body', true],
    ['github.event.commits[0].message', true],
    ['github.event.pull_request.head.ref', true],
    ['github.head_ref', true],
    ['inputs.digest', true],
    ['github.event.inputs.digest', true],
    ['needs.build.outputs.tag', true],
    ['github.sha', false],
    ['github.event.pull_request.number', false],
    ['steps.x.outputs.y', false],
    ["format('inputs.{0}', github.sha)", false],
  ])('%s → %s', (expression, untrusted) => {
    expect(untrustedReason(expression) !== undefined).toBe(untrusted);
  });
});
