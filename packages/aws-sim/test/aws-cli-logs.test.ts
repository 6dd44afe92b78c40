// The AWS CLI (botocore, built from AWS's own CloudWatch Logs model) against the simulator's
// CloudWatch Logs: requests it builds are accepted, answers it parses read as the SDK reads them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { awsCli, comparable, type AwsCli } from '@ecs-deploy/test-support/aws-cli';
import { AWS_CLI, requireTool } from '@ecs-deploy/test-support/tools';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';

const withAws = requireTool(AWS_CLI);

/** Each `aws` process costs about a CPU-second; the cases run several in a row. */
const CLI_TIMEOUT_MS = 180_000;

const T0 = Date.UTC(2026, 0, 1);
const GROUP = '/ecs/web';

interface CliEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  logStreamName?: string;
}

withAws.describe('the AWS CLI against the simulator: CloudWatch Logs', () => {
  let sim: Simulator;
  let cli: AwsCli;
  let sdk: CloudWatchLogsClient;

  beforeAll(async () => {
    sim = await startSimulator({ seed: {}, clock: new ManualClock(T0) });
    cli = awsCli(sim);
    sdk = new CloudWatchLogsClient({
      endpoint: sim.endpoint,
      region: sim.env.AWS_REGION ?? 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    cli.close();
    sdk.destroy();
    await sim.close();
  });

  it(
    'create-log-group, create-log-stream, put-log-events, describe-log-streams',
    async () => {
      await cli.json(['logs', 'create-log-group', '--log-group-name', GROUP]);
      const again = await cli.run(['logs', 'create-log-group', '--log-group-name', GROUP]);
      expect(again).toMatchObject({
        ok: false,
        code: 'ResourceAlreadyExistsException',
        message: 'The specified log group already exists',
      });
      for (const stream of ['web/app/1', 'web/app/2', 'worker/1'])
        await cli.json([
          'logs',
          'create-log-stream',
          '--log-group-name',
          GROUP,
          '--log-stream-name',
          stream,
        ]);
      const put = (
        stream: string,
        events: { timestamp: number; message: string }[],
      ): Promise<unknown> =>
        cli.json([
          'logs',
          'put-log-events',
          '--log-group-name',
          GROUP,
          '--log-stream-name',
          stream,
          '--log-events',
          cli.inputFile(`${stream.replaceAll('/', '-')}.json`, events),
        ]);
      await put('web/app/1', [
        { timestamp: T0 - 3000, message: 'GET / 200' },
        { timestamp: T0 - 1000, message: 'ERROR connection refused' },
      ]);
      await put('web/app/2', [{ timestamp: T0 - 2000, message: 'GET /health 500 ERROR' }]);
      await put('worker/1', [{ timestamp: T0 - 1500, message: 'ERROR job failed' }]);

      const described = await cli.json<{ logStreams: unknown[] }>([
        'logs',
        'describe-log-streams',
        '--log-group-name',
        GROUP,
      ]);
      expect(described.logStreams).toHaveLength(3);
      expect(described.logStreams[0]).toMatchObject({
        logStreamName: 'web/app/1',
        creationTime: T0,
        firstEventTimestamp: T0 - 3000,
        lastEventTimestamp: T0 - 1000,
        lastIngestionTime: T0,
      });
      const viaSdk = await sdk.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
      expect(comparable(described.logStreams)).toEqual(comparable(viaSdk.logStreams));
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'get-log-events: from the head, paged with --next-token, and the token unchanged at the end',
    async () => {
      const base = ['logs', 'get-log-events', '--log-group-name', GROUP];
      const head = await cli.json<{ events: CliEvent[]; nextForwardToken: string }>([
        ...base,
        '--log-stream-name',
        'web/app/1',
        '--start-from-head',
        '--limit',
        '1',
      ]);
      expect(head.events.map((e) => e.message)).toEqual(['GET / 200']);
      const next = await cli.json<{ events: CliEvent[]; nextForwardToken: string }>([
        ...base,
        '--log-stream-name',
        'web/app/1',
        '--start-from-head',
        '--next-token',
        head.nextForwardToken,
      ]);
      expect(next.events.map((e) => e.message)).toEqual(['ERROR connection refused']);
      const end = await cli.json<{ events: CliEvent[]; nextForwardToken: string }>([
        ...base,
        '--log-stream-name',
        'web/app/1',
        '--start-from-head',
        '--next-token',
        next.nextForwardToken,
      ]);
      expect(end).toMatchObject({ events: [], nextForwardToken: next.nextForwardToken });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'filter-log-events across streams with a prefix and a term, as the SDK reads it',
    async () => {
      const args = [
        'logs',
        'filter-log-events',
        '--log-group-name',
        GROUP,
        '--log-stream-name-prefix',
        'web/',
        '--filter-pattern',
        'ERROR',
      ];
      const out = await cli.json<{ events: CliEvent[] }>(args);
      expect(out.events.map((e) => `${e.logStreamName ?? ''}:${e.message}`)).toEqual([
        'web/app/2:GET /health 500 ERROR',
        'web/app/1:ERROR connection refused',
      ]);
      const viaSdk = await sdk.send(
        new FilterLogEventsCommand({
          logGroupName: GROUP,
          logStreamNamePrefix: 'web/',
          filterPattern: 'ERROR',
        }),
      );
      expect(comparable(out.events)).toEqual(comparable(viaSdk.events));
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'sees a planned event only once the simulated clock reaches it',
    async () => {
      sim.ctx.world.logs.append(
        GROUP,
        'web/app/3',
        [
          { timestamp: T0, message: 'started' },
          { timestamp: T0 + 30_000, message: 'ready' },
        ],
        T0,
      );
      const read = async (): Promise<string[]> =>
        (
          await cli.json<{ events: CliEvent[] }>([
            'logs',
            'get-log-events',
            '--log-group-name',
            GROUP,
            '--log-stream-name',
            'web/app/3',
          ])
        ).events.map((e) => e.message);
      expect(await read()).toEqual(['started']);
      sim.advance(30);
      expect(await read()).toEqual(['started', 'ready']);
    },
    CLI_TIMEOUT_MS,
  );

  describe('errors', () => {
    it.each([
      ['a missing log group', '/nope', 's', 'The specified log group does not exist.'],
      ['a missing log stream', GROUP, 'nope', 'The specified log stream does not exist.'],
    ])(
      'get-log-events on %s',
      async (_name, group, stream, message) => {
        const out = await cli.run([
          'logs',
          'get-log-events',
          '--log-group-name',
          group,
          '--log-stream-name',
          stream,
        ]);
        expect(out).toMatchObject({ ok: false, code: 'ResourceNotFoundException', message });
      },
      CLI_TIMEOUT_MS,
    );
  });
});
