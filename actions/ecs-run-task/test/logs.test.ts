import { describe, expect, it } from '@jest/globals';
import { AwsError, type LogsApi } from '@ecs-deploy/aws';
import { StreamReader, Tail } from '../src/logs.js';

type GetLogEventsCommandInput = Parameters<LogsApi['getLogEvents']>[0];
type GetLogEventsCommandOutput = Awaited<ReturnType<LogsApi['getLogEvents']>>;

const OP = 'logs:GetLogEvents';

/** One scripted answer of GetLogEvents: a page, or an error thrown. */
type Answer = { events?: string[]; next?: string } | Error;

/** A LogsApi that answers from a script and records what it was asked. */
function fakeLogs(script: Answer[]): LogsApi & { calls: GetLogEventsCommandInput[] } {
  const calls: GetLogEventsCommandInput[] = [];
  return {
    calls,
    getLogEvents(input: GetLogEventsCommandInput): Promise<GetLogEventsCommandOutput> {
      calls.push(input);
      const answer = script.shift();
      if (answer === undefined) return Promise.reject(new Error('no more answers scripted'));
      if (answer instanceof Error) return Promise.reject(answer);
      return Promise.resolve({
        $metadata: {},
        ...(answer.events === undefined
          ? {}
          : { events: answer.events.map((message, i) => ({ message, timestamp: i })) }),
        ...(answer.next === undefined ? {} : { nextForwardToken: answer.next }),
      });
    },
  };
}

const notFound = (): AwsError =>
  new AwsError(
    'not-found',
    OP,
    'ResourceNotFoundException',
    'The specified log stream does not exist.',
  );
const denied = (): AwsError =>
  new AwsError(
    'access-denied',
    OP,
    'AccessDeniedException',
    'User is not authorized to perform: logs:GetLogEvents',
  );
const throttled = (): AwsError =>
  new AwsError('throttling', OP, 'ThrottlingException', 'Rate exceeded');

function reader(logs: LogsApi): { reader: StreamReader; unreadable: AwsError[] } {
  const unreadable: AwsError[] = [];
  return {
    reader: new StreamReader(logs, '/ecs/web', 'web/app/abc', (error) => unreadable.push(error)),
    unreadable,
  };
}

/** What each call asked for: its token, or '-' for the first read. */
const tokens = (calls: GetLogEventsCommandInput[]): string[] =>
  calls.map((c) => c.nextToken ?? '-');

describe('StreamReader', () => {
  it('reads from the head of its stream, then pages forward with nextForwardToken', async () => {
    const logs = fakeLogs([
      { events: ['one', 'two'], next: 'f/1' },
      { events: ['three'], next: 'f/2' },
      { events: [], next: 'f/2' },
    ]);
    const { reader: r, unreadable } = reader(logs);
    expect(await r.read()).toEqual(['one', 'two', 'three']);
    expect(logs.calls[0]).toEqual({
      logGroupName: '/ecs/web',
      logStreamName: 'web/app/abc',
      startFromHead: true,
    });
    expect(logs.calls.every((c) => c.startFromHead === true)).toBe(true);
    expect(tokens(logs.calls)).toEqual(['-', 'f/1', 'f/2']);
    expect(unreadable).toEqual([]);
  });

  it('stops a read when the token comes back unchanged, and goes on from it next time', async () => {
    const logs = fakeLogs([
      { events: ['one'], next: 'f/1' },
      { events: [], next: 'f/1' },
      // The next read: new lines arrived since.
      { events: ['two'], next: 'f/2' },
      { events: [], next: 'f/2' },
      // Nothing new.
      { events: [], next: 'f/2' },
    ]);
    const { reader: r } = reader(logs);
    expect(await r.read()).toEqual(['one']);
    expect(tokens(logs.calls)).toEqual(['-', 'f/1']);
    expect(await r.read()).toEqual(['two']);
    expect(tokens(logs.calls)).toEqual(['-', 'f/1', 'f/1', 'f/2']);
    expect(await r.read()).toEqual([]);
    expect(tokens(logs.calls)).toEqual(['-', 'f/1', 'f/1', 'f/2', 'f/2']);
  });

  it('stops on a page with events whose token is unchanged, without asking again', async () => {
    const logs = fakeLogs([
      { events: ['one'], next: 'f/1' },
      { events: ['two'], next: 'f/1' },
    ]);
    const { reader: r } = reader(logs);
    expect(await r.read()).toEqual(['one', 'two']);
    expect(logs.calls).toHaveLength(2);
  });

  it('stops on an answer without a token, keeping the one it had', async () => {
    const logs = fakeLogs([{ events: ['one'], next: 'f/1' }, { events: ['two'] }, { events: [] }]);
    const { reader: r } = reader(logs);
    expect(await r.read()).toEqual(['one', 'two']);
    expect(await r.read()).toEqual([]);
    expect(tokens(logs.calls)).toEqual(['-', 'f/1', 'f/1']);
  });

  it('reads at most five pages a read', async () => {
    const pages = Array.from({ length: 7 }, (_, i) => ({ events: [`l${i}`], next: `f/${i}` }));
    const logs = fakeLogs([...pages, { events: [], next: 'f/6' }]);
    const { reader: r } = reader(logs);
    expect(await r.read()).toEqual(['l0', 'l1', 'l2', 'l3', 'l4']);
    expect(await r.read()).toEqual(['l5', 'l6']);
    expect(tokens(logs.calls)).toEqual(['-', 'f/0', 'f/1', 'f/2', 'f/3', 'f/4', 'f/5', 'f/6']);
  });

  it('reads an event without a message as an empty line', async () => {
    let calls = 0;
    const logs: LogsApi = {
      getLogEvents: () => {
        calls += 1;
        return Promise.resolve({
          $metadata: {},
          events: calls === 1 ? [{ timestamp: 1 }] : [],
          nextForwardToken: 't',
        });
      },
    };
    const { reader: r } = reader(logs);
    expect(await r.read()).toEqual(['']);
    expect(calls).toBe(2);
  });

  it('gives no lines for a stream not created yet, and keeps trying', async () => {
    const logs = fakeLogs([
      notFound(),
      notFound(),
      { events: ['started'], next: 'f/1' },
      { events: [], next: 'f/1' },
    ]);
    const { reader: r, unreadable } = reader(logs);
    expect(await r.read()).toEqual([]);
    expect(await r.read()).toEqual([]);
    expect(await r.read()).toEqual(['started']);
    expect(tokens(logs.calls)).toEqual(['-', '-', '-', 'f/1']);
    expect(unreadable).toEqual([]);
  });

  it('keeps the lines of earlier pages when the stream is not found mid-read', async () => {
    const logs = fakeLogs([
      { events: ['one'], next: 'f/1' },
      notFound(),
      { events: [], next: 'f/1' },
    ]);
    const { reader: r } = reader(logs);
    expect(await r.read()).toEqual(['one']);
    expect(await r.read()).toEqual([]);
    expect(tokens(logs.calls)).toEqual(['-', 'f/1', 'f/1']);
  });

  it.each<[string, () => AwsError]>([
    ['AccessDenied', denied],
    [
      'an invalid request',
      () => new AwsError('invalid-request', OP, 'InvalidParameterException', 'bad'),
    ],
  ])('tells once and stops reading on %s', async (_what, error) => {
    const failure = error();
    const logs = fakeLogs([{ events: ['one'], next: 'f/1' }, failure]);
    const { reader: r, unreadable } = reader(logs);
    expect(await r.read()).toEqual(['one']);
    expect(unreadable).toEqual([failure]);
    expect(await r.read()).toEqual([]);
    expect(await r.read()).toEqual([]);
    expect(unreadable).toEqual([failure]);
    expect(logs.calls).toHaveLength(2);
  });

  it.each<[string, () => Error]>([
    ['throttling', throttled],
    ['a network failure', () => new AwsError('network', OP, 'ECONNRESET', 'socket hang up')],
    ['an error that is not an AwsError', () => new TypeError('boom')],
  ])('rethrows %s, and reads again on the next call', async (_what, error) => {
    const failure = error();
    const logs = fakeLogs([failure, { events: ['one'], next: 'f/1' }, { events: [], next: 'f/1' }]);
    const { reader: r, unreadable } = reader(logs);
    await expect(r.read()).rejects.toBe(failure);
    expect(unreadable).toEqual([]);
    expect(await r.read()).toEqual(['one']);
  });
});

describe('Tail', () => {
  it.each<[number, string[], string[]]>([
    [3, ['a', 'b', 'c', 'd', 'e'], ['c', 'd', 'e']],
    [3, ['a', 'b'], ['a', 'b']],
    [1, ['a', 'b'], ['b']],
    [0, ['a', 'b'], []],
    [50, [], []],
    [2, ['', 'x', ''], ['x', '']],
  ])('keeps the last %i of %j', (n, lines, kept) => {
    const tail = new Tail(n);
    for (const line of lines) tail.push(line);
    expect(tail.all).toEqual(kept);
  });
});
