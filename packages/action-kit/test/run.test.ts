import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import {
  ActionError,
  InputError,
  ProgressReporter,
  formatCommand,
  formatFileCommand,
  markdownTable,
  runAction,
} from '../src/index.js';
import { fakeRuntime } from './fake-runtime.js';

const noSignals = { on: (): void => undefined };

describe('workflow commands', () => {
  it('escapes data and properties as the runner un-escapes them', () => {
    expect(formatCommand('error', { title: 'a:b,c', line: 3 }, '50% done\r\nnext')).toBe(
      '::error title=a%3Ab%2Cc,line=3::50%25 done%0D%0Anext',
    );
    expect(formatCommand('endgroup', {}, '')).toBe('::endgroup::');
  });
  it('refuses a value containing the delimiter', () => {
    expect(formatFileCommand('tag', 'a\nb', 'D')).toBe('tag<<D\na\nb\nD\n');
    expect(() => formatFileCommand('tag', 'xDx', 'D')).toThrow('delimiter');
  });
});

describe('runAction', () => {
  it('writes outputs in heredoc form and succeeds', async () => {
    const runtime = fakeRuntime({ GITHUB_OUTPUT: '/out', INPUT_NAME: '  value ' });
    const outcome = await runAction(
      'demo',
      ({ inputs, outputs }) => {
        outputs.set('name', inputs.required('name', 'a name'));
        outputs.set('list', ['a', 1]);
      },
      runtime,
      noSignals,
    );
    expect(outcome).toBe('succeeded');
    expect(runtime.exitCode).toBeUndefined();
    expect(runtime.files.get('/out')).toBe(
      'name<<ghadelimiter_id1\nvalue\nghadelimiter_id1\nlist<<ghadelimiter_id2\n["a",1]\nghadelimiter_id2\n',
    );
  });

  it('turns a thrown error into one prefixed annotation with its hint and fails', async () => {
    const runtime = fakeRuntime();
    const outcome = await runAction(
      'demo',
      () => {
        throw new InputError('timeout', 'is "15"', 'a duration such as 90s', 'Add a unit.');
      },
      runtime,
      noSignals,
    );
    expect(outcome).toBe('failed');
    expect(runtime.exitCode).toBe(1);
    expect(runtime.lines[0]).toBe(
      '::error title=demo::demo: Input \'timeout\' is "15". Expected a duration such as 90s.%0AHint: Add a unit.',
    );
  });

  it('never prints a registered secret, and refuses it in an output', async () => {
    const runtime = fakeRuntime({ GITHUB_OUTPUT: '/out', GITHUB_STEP_SUMMARY: '/sum' });
    await runAction(
      'demo',
      ({ log, outputs, summary }) => {
        log.setSecret('hunter2');
        log.info('password is hunter2');
        summary.add('summary hunter2');
        outputs.set('leak', 'x-hunter2');
      },
      runtime,
      noSignals,
    );
    const everything = [...runtime.lines, ...runtime.files.values()].join('\n');
    expect(runtime.lines[0]).toBe('::add-mask::hunter2');
    expect(everything.replace('::add-mask::hunter2', '')).not.toContain('hunter2');
    expect(everything).toContain("Output 'leak' would contain a masked value");
    expect(runtime.files.get('/out')).toBeUndefined();
    expect(runtime.exitCode).toBe(1);
  });

  it('ends with one clear line when the runner cancels the step', async () => {
    const runtime = fakeRuntime();
    const signals = new EventEmitter();
    const outcome = await runAction(
      'demo',
      async ({ signal }) => {
        setTimeout(() => signals.emit('SIGTERM'), 5);
        await new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            reject(new ActionError('the wait was interrupted'));
          });
        });
      },
      runtime,
      signals,
    );
    expect(outcome).toBe('cancelled');
    expect(runtime.lines.at(-1)).toBe(
      '::error title=demo::demo: cancelled by SIGTERM; stopped before finishing. the wait was interrupted',
    );
  });
});

describe('summary and progress', () => {
  it('escapes table cells', () => {
    expect(markdownTable(['a', 'b'], [['x|y', 'line1\nline2']])).toBe(
      '| a | b |\n| --- | --- |\n| x\\|y | line1<br>line2 |\n',
    );
  });
  it('prints on change and on heartbeat only', () => {
    let now = 0;
    const printed: string[] = [];
    const progress = new ProgressReporter(
      (line) => printed.push(line),
      () => now,
      30_000,
    );
    progress.report('1/4 running');
    now = 10_000;
    progress.report('1/4 running');
    now = 12_000;
    progress.report('2/4 running');
    now = 43_000;
    progress.report('2/4 running');
    expect(printed).toEqual(['[0s] 1/4 running', '[12s] 2/4 running', '[43s] 2/4 running']);
  });
});
