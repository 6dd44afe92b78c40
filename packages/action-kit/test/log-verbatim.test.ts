import { describe, expect, it } from '@jest/globals';
import { Logger } from '../src/index.js';
import { fakeRuntime } from './fake-runtime.js';

describe('Logger.verbatim', () => {
  it('writes the lines between ::stop-commands:: and its token, secrets redacted', async () => {
    const runtime = fakeRuntime();
    const log = new Logger(runtime);
    log.setSecret('hunter2');
    const answer = await log.verbatim((write) => {
      write('Applying migrations');
      write('::add-mask::not-a-secret');
      write('::error::looks like a command');
      write('password=hunter2 (hunter2)');
      write('');
      return Promise.resolve(42);
    });
    expect(answer).toBe(42);
    expect(runtime.lines).toEqual([
      '::add-mask::hunter2',
      '::stop-commands::id1',
      'Applying migrations',
      '::add-mask::not-a-secret',
      '::error::looks like a command',
      'password=*** (***)',
      '',
      '::id1::',
    ]);
  });

  it('resumes commands when the body throws, and passes the error on', async () => {
    const runtime = fakeRuntime();
    const log = new Logger(runtime);
    const failure = new Error('task vanished');
    await expect(
      log.verbatim(async (write) => {
        write('one');
        await Promise.resolve();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(runtime.lines).toEqual(['::stop-commands::id1', 'one', '::id1::']);
    log.info('after');
    expect(runtime.lines.at(-1)).toBe('after');
  });

  it('writes the markers around a body that writes nothing', async () => {
    const runtime = fakeRuntime();
    await new Logger(runtime).verbatim(() => Promise.resolve());
    expect(runtime.lines).toEqual(['::stop-commands::id1', '::id1::']);
  });

  it('takes a new token for each block, and nests inside a group', async () => {
    const runtime = fakeRuntime();
    const log = new Logger(runtime);
    await log.group('Task abc', async () => {
      await log.verbatim((write) => {
        write('a');
        return Promise.resolve();
      });
      await log.verbatim((write) => {
        write('b');
        return Promise.resolve();
      });
    });
    expect(runtime.lines).toEqual([
      '::group::Task abc',
      '::stop-commands::id1',
      'a',
      '::id1::',
      '::stop-commands::id2',
      'b',
      '::id2::',
      '::endgroup::',
    ]);
  });
});
