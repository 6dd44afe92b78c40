// CloudWatch Logs in the simulator: the pure LogStore, then the real SDK client over the wire
// (docs/aws-behaviour.md#cloudwatch-logs). A manual clock makes "not visible yet" exact.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  paginateGetLogEvents,
  PutLogEventsCommand,
  type GetLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { LogStore } from '../src/logs/store.js';
import { compileFilterPattern } from '../src/logs/filter-pattern.js';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';

const T0 = Date.UTC(2026, 0, 1);

describe('LogStore', () => {
  it('keeps future events invisible until the read time reaches them', () => {
    const store = new LogStore();
    store.append(
      'g',
      's',
      [
        { timestamp: T0 + 2000, message: 'two' },
        { timestamp: T0, message: 'zero' },
        { timestamp: T0 + 1000, message: 'one' },
      ],
      T0,
    );
    const cases: [number, string[]][] = [
      [T0 - 1, []],
      [T0, ['zero']],
      [T0 + 999, ['zero']],
      [T0 + 1000, ['zero', 'one']],
      [T0 + 5000, ['zero', 'one', 'two']],
    ];
    for (const [now, messages] of cases)
      expect(store.visibleEvents('g', 's', now)?.map((e) => e.message)).toEqual(messages);
  });

  it('orders by timestamp, keeps append order for equal timestamps, and sets ingestionTime', () => {
    const store = new LogStore();
    store.append('g', 's', [{ timestamp: T0 + 5, message: 'a' }], T0 + 10);
    store.append(
      'g',
      's',
      [
        { timestamp: T0 + 5, message: 'b' },
        { timestamp: T0 + 1, message: 'c' },
        { timestamp: T0 + 20, message: 'd' },
      ],
      T0 + 10,
    );
    const events = store.visibleEvents('g', 's', T0 + 100) ?? [];
    expect(events.map((e) => [e.message, e.ingestionTime])).toEqual([
      ['c', T0 + 10],
      ['a', T0 + 10],
      ['b', T0 + 10],
      ['d', T0 + 20],
    ]);
  });

  it('creates group and stream on append (stream creationTime = now) and summarises visible events', () => {
    const store = new LogStore();
    store.append(
      'g',
      's',
      [
        { timestamp: T0 + 1000, message: 'x' },
        { timestamp: T0 + 9000, message: 'y' },
      ],
      T0,
    );
    expect(store.hasGroup('g')).toBe(true);
    expect(store.listStreams('g', T0)).toEqual([{ name: 's', creationTime: T0 }]);
    expect(store.listStreams('g', T0 + 1000)).toEqual([
      {
        name: 's',
        creationTime: T0,
        firstEventTimestamp: T0 + 1000,
        lastEventTimestamp: T0 + 1000,
        lastIngestionTime: T0 + 1000,
      },
    ]);
    expect(store.listStreams('nope', T0)).toBeUndefined();
  });

  it('dropAfter removes the events after t, and ensureGroup leaves an existing group alone', () => {
    const store = new LogStore();
    store.append(
      'g',
      's',
      [1, 2, 3, 4].map((i) => ({ timestamp: T0 + i * 1000, message: `m${i}` })),
      T0,
    );
    store.dropAfter('g', 's', T0 + 2000);
    store.dropAfter('g', 'missing', T0);
    store.dropAfter('missing', 's', T0);
    store.ensureGroup('g', T0 + 99);
    expect(store.visibleEvents('g', 's', T0 + 10_000)?.map((e) => e.message)).toEqual(['m1', 'm2']);
    expect(store.listGroups()).toEqual([
      { name: 'g', creationTime: T0, logGroupClass: 'STANDARD' },
    ]);
  });

  it('merges the streams of a group in timestamp order', () => {
    const store = new LogStore();
    store.append('g', 'b', [{ timestamp: T0 + 2, message: 'b2' }], T0);
    store.append('g', 'a', [{ timestamp: T0 + 1, message: 'a1' }], T0);
    store.append('g', 'a', [{ timestamp: T0 + 3, message: 'a3' }], T0);
    expect(
      store.visibleGroupEvents('g', T0 + 10)?.map((e) => `${e.stream}:${e.event.message}`),
    ).toEqual(['a:a1', 'b:b2', 'a:a3']);
    expect(store.visibleGroupEvents('g', T0 + 10, (s) => s === 'b')?.length).toBe(1);
  });
});

describe('filter patterns', () => {
  it.each<[string | undefined, string, boolean]>([
    [undefined, 'anything', true],
    ['', 'anything', true],
    ['ERROR', 'level=ERROR boom', true],
    ['ERROR', 'level=error boom', false],
    ['ERROR boom', 'boom ERROR', true],
    ['ERROR boom', 'ERROR only', false],
    ['"connection refused"', 'dial: connection refused', true],
    ['"connection refused"', 'connection was refused', false],
    ['"say \\"hi\\""', 'they say "hi" there', true],
    ['"a.b" ERROR', 'ERROR in a.b', true],
  ])('%p against %p → %p', (pattern, message, expected) => {
    expect(compileFilterPattern(pattern)(message)).toBe(expected);
  });

  it.each([
    ['?ERROR ?WARN', /OR term/],
    ['ERROR -DEBUG', /exclusion term/],
    ['{ $.level = "ERROR" }', /JSON pattern/],
    ['[ip, user]', /space-delimited/],
    ['%ERR.*%', /regular expression/],
    ['a.b', /the term 'a\.b' has characters other than letters, digits and _/],
    ['"unterminated', /unterminated quoted phrase/],
  ])('%p is refused', (pattern, message) => {
    expect(() => compileFilterPattern(pattern)).toThrow(message);
  });
});

describe('CloudWatch Logs over the wire (SDK client)', () => {
  let sim: Simulator;
  let logs: CloudWatchLogsClient;
  const now = (): number => sim.ctx.engine.time;

  beforeAll(async () => {
    sim = await startSimulator({ seed: {}, clock: new ManualClock(T0) });
    logs = new CloudWatchLogsClient({
      endpoint: sim.endpoint,
      region: sim.env.AWS_REGION ?? 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    logs.destroy();
    await sim.close();
  });

  /** Creates a group and a stream and puts `messages`, 1 ms apart, ending at the current time. */
  async function stream(group: string, name: string, messages: string[]): Promise<void> {
    await logs.send(new CreateLogGroupCommand({ logGroupName: group })).catch((e: unknown) => {
      if (!(e instanceof Error) || e.name !== 'ResourceAlreadyExistsException') throw e;
    });
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: name }));
    const start = now() - messages.length + 1;
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: name,
        logEvents: messages.map((message, i) => ({ timestamp: start + i, message })),
      }),
    );
  }

  it('creates and describes log groups; a second create is ResourceAlreadyExistsException', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/alpha' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/beta' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/other' }));
    await expect(
      logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/alpha' })),
    ).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log group already exists',
    });
    const out = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/' }));
    expect(out.logGroups?.map((g) => g.logGroupName)).toEqual(['/ecs/alpha', '/ecs/beta']);
    expect(out.logGroups?.[0]).toMatchObject({
      creationTime: now(),
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/alpha:*',
      logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/alpha',
    });
    const paged = await logs.send(new DescribeLogGroupsCommand({ limit: 2 }));
    expect(paged.logGroups).toHaveLength(2);
    const rest = await logs.send(
      new DescribeLogGroupsCommand({ limit: 2, nextToken: paged.nextToken }),
    );
    expect(rest.logGroups?.map((g) => g.logGroupName)).toEqual(['/other']);
    expect(rest.nextToken).toBeUndefined();
  });

  it('shows events planned ahead only once the simulated clock reaches them', async () => {
    const start = now();
    sim.ctx.world.logs.append(
      '/ecs/planned',
      'web/app/task1',
      [
        { timestamp: start, message: 'starting' },
        { timestamp: start + 5000, message: 'listening on :8080' },
        { timestamp: start + 60_000, message: 'shutting down' },
      ],
      start,
    );
    const read = async (): Promise<string[]> =>
      (
        await logs.send(
          new GetLogEventsCommand({
            logGroupName: '/ecs/planned',
            logStreamName: 'web/app/task1',
            startFromHead: true,
          }),
        )
      ).events?.map((e) => e.message ?? '') ?? [];
    const described = async (): Promise<unknown> =>
      (await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/ecs/planned' })))
        .logStreams?.[0];

    expect(await read()).toEqual(['starting']);
    expect(await described()).toMatchObject({
      logStreamName: 'web/app/task1',
      creationTime: start,
      firstEventTimestamp: start,
      lastEventTimestamp: start,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/planned:log-stream:web/app/task1',
    });
    sim.advance(5);
    expect(await read()).toEqual(['starting', 'listening on :8080']);
    expect(await described()).toMatchObject({
      lastEventTimestamp: start + 5000,
      lastIngestionTime: start + 5000,
    });
    // The task stops at +10 s: what it had planned after that is never written.
    sim.ctx.world.logs.dropAfter('/ecs/planned', 'web/app/task1', start + 10_000);
    sim.advance(120);
    expect(await read()).toEqual(['starting', 'listening on :8080']);
    const filtered = await logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/planned' }));
    expect(filtered.events?.map((e) => e.message)).toEqual(['starting', 'listening on :8080']);
  });

  it('pages forward with nextForwardToken and returns the same token when nothing is new', async () => {
    const messages = Array.from({ length: 25 }, (_, i) => `line ${i}`);
    await stream('/ecs/paging', 's', messages);
    const base = { logGroupName: '/ecs/paging', logStreamName: 's', limit: 10 };
    const seen: string[] = [];
    let out: GetLogEventsCommandOutput = await logs.send(
      new GetLogEventsCommand({ ...base, startFromHead: true }),
    );
    const sizes: number[] = [];
    let token = '';
    for (;;) {
      sizes.push(out.events?.length ?? 0);
      seen.push(...(out.events ?? []).map((e) => e.message ?? ''));
      if (out.nextForwardToken === token) break;
      token = out.nextForwardToken ?? '';
      expect(token).toMatch(/^f\//);
      out = await logs.send(
        new GetLogEventsCommand({ ...base, startFromHead: true, nextToken: token }),
      );
    }
    expect(sizes).toEqual([10, 10, 5, 0]);
    expect(seen).toEqual(messages);
    // The unchanged token keeps working: new events arrive on it.
    sim.advance(1);
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/ecs/paging',
        logStreamName: 's',
        logEvents: [{ timestamp: now(), message: 'late' }],
      }),
    );
    const next = await logs.send(new GetLogEventsCommand({ ...base, nextToken: token }));
    expect(next.events?.map((e) => e.message)).toEqual(['late']);
    expect(next.nextForwardToken).not.toBe(token);

    // The SDK's own paginator stops on the repeated token — when asked to: without
    // stopOnSameToken it would poll the unchanged token for ever.
    const pages: number[] = [];
    for await (const page of paginateGetLogEvents(
      { client: logs, stopOnSameToken: true },
      { ...base, startFromHead: true },
    ))
      pages.push(page.events?.length ?? 0);
    expect(pages).toEqual([10, 10, 6, 0]);
  });

  it('startFromHead=false (the default) returns the last `limit` events; backward tokens page back', async () => {
    const messages = Array.from({ length: 7 }, (_, i) => `tail ${i}`);
    await stream('/ecs/tail', 's', messages);
    const base = { logGroupName: '/ecs/tail', logStreamName: 's', limit: 3 };
    const last = await logs.send(new GetLogEventsCommand(base));
    expect(last.events?.map((e) => e.message)).toEqual(['tail 4', 'tail 5', 'tail 6']);
    const pages: string[][] = [];
    let token = last.nextBackwardToken;
    for (;;) {
      const out = await logs.send(new GetLogEventsCommand({ ...base, nextToken: token }));
      pages.push(out.events?.map((e) => e.message ?? '') ?? []);
      if (out.nextBackwardToken === token) break;
      token = out.nextBackwardToken;
      expect(token).toMatch(/^b\//);
    }
    expect(pages).toEqual([['tail 1', 'tail 2', 'tail 3'], ['tail 0'], []]);
    // Following the tail: nothing new yet, so the forward token comes back unchanged.
    const follow = await logs.send(
      new GetLogEventsCommand({ ...base, nextToken: last.nextForwardToken }),
    );
    expect(follow.events).toEqual([]);
    expect(follow.nextForwardToken).toBe(last.nextForwardToken);
  });

  it('applies startTime (inclusive) and endTime (exclusive) to GetLogEvents', async () => {
    sim.ctx.world.logs.append(
      '/ecs/range',
      's',
      [0, 1, 2, 3].map((i) => ({ timestamp: T0 + i * 1000, message: `r${i}` })),
      T0,
    );
    const out = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/ecs/range',
        logStreamName: 's',
        startTime: T0 + 1000,
        endTime: T0 + 3000,
        startFromHead: true,
      }),
    );
    expect(out.events?.map((e) => e.message)).toEqual(['r1', 'r2']);
  });

  it('FilterLogEvents merges streams by time, by prefix or names, and matches terms', async () => {
    const group = '/ecs/filter';
    const w = sim.ctx.world.logs;
    const t = now();
    w.append(group, 'web/app/1', [{ timestamp: t - 30, message: 'GET / 200' }], t);
    w.append(group, 'web/app/2', [{ timestamp: t - 20, message: 'GET /health 500 ERROR' }], t);
    w.append(group, 'web/app/1', [{ timestamp: t - 10, message: 'ERROR connection refused' }], t);
    w.append(group, 'worker/1', [{ timestamp: t - 15, message: 'ERROR job failed' }], t);
    w.append(group, 'web/app/1', [{ timestamp: t + 10_000, message: 'ERROR from the future' }], t);
    const cases: [string, Record<string, unknown>, string[]][] = [
      [
        'everything visible',
        {},
        [
          'web/app/1:GET / 200',
          'web/app/2:GET /health 500 ERROR',
          'worker/1:ERROR job failed',
          'web/app/1:ERROR connection refused',
        ],
      ],
      [
        'prefix and a term',
        { logStreamNamePrefix: 'web/', filterPattern: 'ERROR' },
        ['web/app/2:GET /health 500 ERROR', 'web/app/1:ERROR connection refused'],
      ],
      [
        'named streams and a phrase',
        { logStreamNames: ['web/app/1', 'worker/1'], filterPattern: '"connection refused"' },
        ['web/app/1:ERROR connection refused'],
      ],
      ['two terms', { filterPattern: 'ERROR job' }, ['worker/1:ERROR job failed']],
      [
        'a time window (both ends inclusive)',
        { startTime: t - 20, endTime: t - 15 },
        ['web/app/2:GET /health 500 ERROR', 'worker/1:ERROR job failed'],
      ],
    ];
    for (const [, params, expected] of cases) {
      const out = await logs.send(new FilterLogEventsCommand({ logGroupName: group, ...params }));
      expect(out.events?.map((e) => `${e.logStreamName}:${e.message}`)).toEqual(expected);
      for (const e of out.events ?? []) {
        expect(e.eventId).toMatch(/^\d{56}$/);
        expect(e.ingestionTime).toBe(t);
      }
    }
    // Paging: limit 3 of 4, then the rest without a further token.
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName: group, limit: 3 }));
    expect(first.events).toHaveLength(3);
    const second = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, limit: 3, nextToken: first.nextToken }),
    );
    expect(second.events?.map((e) => e.message)).toEqual(['ERROR connection refused']);
    expect(second.nextToken).toBeUndefined();
    // The planned event shows once its time comes.
    sim.advance(10);
    const later = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, filterPattern: 'future' }),
    );
    expect(later.events?.map((e) => e.message)).toEqual(['ERROR from the future']);
  });

  it('orders DescribeLogStreams by name or last event time, with prefix, descending and limit', async () => {
    const group = '/ecs/streams';
    const w = sim.ctx.world.logs;
    const t = now();
    w.append(group, 'b', [{ timestamp: t - 100, message: 'x' }], t);
    w.append(group, 'a', [{ timestamp: t - 50, message: 'x' }], t);
    w.append(group, 'c', [{ timestamp: t - 300, message: 'x' }], t);
    w.append(group, 'ab', [], t);
    const names = async (params: Record<string, unknown>): Promise<string[]> =>
      (
        await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, ...params }))
      ).logStreams?.map((s) => s.logStreamName ?? '') ?? [];
    expect(await names({})).toEqual(['a', 'ab', 'b', 'c']);
    expect(await names({ logStreamNamePrefix: 'a' })).toEqual(['a', 'ab']);
    expect(await names({ descending: true })).toEqual(['c', 'b', 'ab', 'a']);
    expect(await names({ orderBy: 'LastEventTime' })).toEqual(['ab', 'c', 'b', 'a']);
    expect(await names({ orderBy: 'LastEventTime', descending: true, limit: 2 })).toEqual([
      'a',
      'b',
    ]);
    const page = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, limit: 3 }));
    const rest = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: group, limit: 3, nextToken: page.nextToken }),
    );
    expect(rest.logStreams?.map((s) => s.logStreamName)).toEqual(['c']);
    // By ARN (logGroupIdentifier) as well as by name.
    expect(
      (
        await logs.send(
          new DescribeLogStreamsCommand({
            logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${group}`,
          }),
        )
      ).logStreams,
    ).toHaveLength(4);
  });

  it('PutLogEvents rejects events too far in the future and refuses an unordered batch', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/put' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/ecs/put', logStreamName: 's' }));
    const t = now();
    const out = await logs
      .send(
        new PutLogEventsCommand({
          logGroupName: '/ecs/put',
          logStreamName: 's',
          logEvents: [
            { timestamp: t - 15 * 24 * 3600_000, message: 'too old' },
            { timestamp: t, message: 'fine' },
            { timestamp: t + 3 * 3600_000, message: 'too new' },
          ],
        }),
      )
      .catch((e: unknown) => e);
    expect(out).toMatchObject({ name: 'InvalidParameterException' }); // spans more than 24 h
    const ok = await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/ecs/put',
        logStreamName: 's',
        logEvents: [
          { timestamp: t, message: 'fine' },
          { timestamp: t + 3 * 3600_000, message: 'too new' },
        ],
      }),
    );
    expect(ok.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    await expect(
      logs.send(
        new PutLogEventsCommand({
          logGroupName: '/ecs/put',
          logStreamName: 's',
          logEvents: [
            { timestamp: t, message: 'b' },
            { timestamp: t - 1, message: 'a' },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Log events in a single PutLogEvents request must be in chronological order.',
    });
  });

  describe('errors', () => {
    const NO_GROUP = 'The specified log group does not exist.';
    const NO_STREAM = 'The specified log stream does not exist.';
    beforeAll(async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/errors' }));
    });
    const cases: [string, () => Promise<unknown>, string, string | RegExp][] = [
      [
        'GetLogEvents, missing group',
        () => logs.send(new GetLogEventsCommand({ logGroupName: '/nope', logStreamName: 's' })),
        'ResourceNotFoundException',
        NO_GROUP,
      ],
      [
        'GetLogEvents, missing stream',
        () =>
          logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/errors', logStreamName: 's' })),
        'ResourceNotFoundException',
        NO_STREAM,
      ],
      [
        'PutLogEvents, missing group',
        () =>
          logs.send(
            new PutLogEventsCommand({
              logGroupName: '/nope',
              logStreamName: 's',
              logEvents: [{ timestamp: T0, message: 'x' }],
            }),
          ),
        'ResourceNotFoundException',
        NO_GROUP,
      ],
      [
        'PutLogEvents, missing stream',
        () =>
          logs.send(
            new PutLogEventsCommand({
              logGroupName: '/ecs/errors',
              logStreamName: 's',
              logEvents: [{ timestamp: T0, message: 'x' }],
            }),
          ),
        'ResourceNotFoundException',
        NO_STREAM,
      ],
      [
        'CreateLogStream, missing group',
        () => logs.send(new CreateLogStreamCommand({ logGroupName: '/nope', logStreamName: 's' })),
        'ResourceNotFoundException',
        NO_GROUP,
      ],
      [
        'DescribeLogStreams, missing group',
        () => logs.send(new DescribeLogStreamsCommand({ logGroupName: '/nope' })),
        'ResourceNotFoundException',
        NO_GROUP,
      ],
      [
        'FilterLogEvents, missing group',
        () => logs.send(new FilterLogEventsCommand({ logGroupName: '/nope' })),
        'ResourceNotFoundException',
        NO_GROUP,
      ],
      [
        'FilterLogEvents, an unsupported pattern',
        () =>
          logs.send(
            new FilterLogEventsCommand({ logGroupName: '/ecs/errors', filterPattern: '?a ?b' }),
          ),
        'InvalidParameterException',
        /OR term/,
      ],
      [
        'FilterLogEvents, both logStreamNames and a prefix',
        () =>
          logs.send(
            new FilterLogEventsCommand({
              logGroupName: '/ecs/errors',
              logStreamNames: ['a'],
              logStreamNamePrefix: 'a',
            }),
          ),
        'InvalidParameterException',
        /mutually exclusive/,
      ],
      [
        'DescribeLogStreams, both name and identifier',
        () =>
          logs.send(
            new DescribeLogStreamsCommand({
              logGroupName: '/ecs/errors',
              logGroupIdentifier: '/ecs/errors',
            }),
          ),
        'InvalidParameterException',
        /mutually exclusive/,
      ],
      [
        'DescribeLogStreams, LastEventTime with a prefix',
        () =>
          logs.send(
            new DescribeLogStreamsCommand({
              logGroupName: '/ecs/errors',
              orderBy: 'LastEventTime',
              logStreamNamePrefix: 'a',
            }),
          ),
        'InvalidParameterException',
        /LastEventTime/,
      ],
      [
        'GetLogEvents, a limit over the model’s 10000',
        () =>
          logs.send(
            new GetLogEventsCommand({
              logGroupName: '/ecs/errors',
              logStreamName: 's',
              limit: 10001,
            }),
          ),
        'InvalidParameterException',
        /limit/,
      ],
      [
        'GetLogEvents, a token it never gave',
        () =>
          logs.send(
            new GetLogEventsCommand({
              logGroupName: '/ecs/planned',
              logStreamName: 'web/app/task1',
              nextToken: 'garbage',
            }),
          ),
        'InvalidParameterException',
        'The specified nextToken is invalid.',
      ],
    ];
    it.each(cases)('%s', async (_name, call, code, message) => {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: code });
      expect((error as Error).message).toMatch(message);
    });
  });
});
