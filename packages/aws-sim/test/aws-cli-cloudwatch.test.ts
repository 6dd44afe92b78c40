// The AWS CLI v1 against the simulator's CloudWatch alarms, and an ECS deployment that an alarm
// set through the CLI rolls back (docs/aws-behaviour.md#cloudwatch-alarms, #deployment-alarms).
// botocore 1.43.11 ranks `json` above `smithy-rpc-v2-cbor` (utils.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS),
// so the CLI as installed speaks awsJson1_0; every case also runs with copies of botocore's
// CloudWatch model that list only rpc-v2-cbor or only query (AWS_DATA_PATH), so botocore's own
// serializers and parsers check the simulator's CBOR and query answers in both directions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { awsCli, comparable, type AwsCli } from '@ecs-deploy/test-support/aws-cli';
import { AWS_CLI, requireTool } from '@ecs-deploy/test-support/tools';
import { DEFAULT_SEED, ManualClock, startSimulator, type Simulator } from '../src/index.js';
import type { WireProtocol } from '../src/protocol/wire.js';

const withAws = requireTool(AWS_CLI);

/** Each `aws` process costs about a CPU-second; the cases run several in a row. */
const CLI_TIMEOUT_MS = 180_000;

const T0 = Date.UTC(2026, 0, 1);

interface CliAlarm {
  AlarmName: string;
  StateValue: string;
  StateReason: string;
  StateReasonData?: string;
  StateUpdatedTimestamp: string;
  StateTransitionedTimestamp: string;
  Threshold: number;
}

/**
 * Writes botocore's CloudWatch model offering only `protocol` under `dir`, laid out as a botocore
 * data directory (the loader searches AWS_DATA_PATH before its own data).
 */
function narrowedModel(dir: string, protocol: string): void {
  const script = [
    'import json, os, sys',
    'from botocore.loaders import Loader',
    "model = Loader().load_service_model('cloudwatch', 'service-2', '2010-08-01')",
    "model['metadata']['protocols'] = [sys.argv[2]]",
    "model['metadata']['protocol'] = sys.argv[2]",
    "out = os.path.join(sys.argv[1], 'cloudwatch', '2010-08-01')",
    'os.makedirs(out, exist_ok=True)',
    "json.dump(model, open(os.path.join(out, 'service-2.json'), 'w'))",
  ].join('\n');
  execFileSync('python3', ['-c', script, dir, protocol]);
}

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** An environment whose botocore sees CloudWatch offering only `protocol`. */
function only(protocol: string): () => Record<string, string> {
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'botocore-model-'));
    dataDirs.push(dir);
    narrowedModel(dir, protocol);
    return { AWS_DATA_PATH: dir };
  };
}

/** The protocols botocore can speak to CloudWatch, and the environment that selects each. */
const PROTOCOLS: [WireProtocol, () => Record<string, string>][] = [
  ['awsJson1_0', () => ({})],
  ['rpcv2Cbor', only('smithy-rpc-v2-cbor')],
  ['awsQuery', only('query')],
];

withAws.describe('the AWS CLI against the simulator: CloudWatch alarms', () => {
  describe.each(PROTOCOLS)('over %s', (protocol, environment) => {
    let sim: Simulator;
    let clock: ManualClock;
    let cli: AwsCli;
    let sdk: CloudWatchClient;

    beforeAll(async () => {
      clock = new ManualClock(T0);
      sim = await startSimulator({ seed: DEFAULT_SEED, clock });
      cli = awsCli({ endpoint: sim.endpoint, env: { ...sim.env, ...environment() } });
      sdk = new CloudWatchClient({
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

    const describeAlarms = async (...args: string[]): Promise<CliAlarm[]> =>
      (await cli.json<{ MetricAlarms: CliAlarm[] }>(['cloudwatch', 'describe-alarms', ...args]))
        .MetricAlarms;

    it(
      'put-metric-alarm, describe-alarms, set-alarm-state; the SDK reads the same',
      async () => {
        for (const name of ['my-alarm', 'other-alarm'])
          await cli.json([
            'cloudwatch',
            'put-metric-alarm',
            '--alarm-name',
            name,
            '--namespace',
            'AWS/ECS',
            '--metric-name',
            'CPUUtilization',
            '--dimensions',
            'Name=ClusterName,Value=demo',
            '--statistic',
            'Average',
            '--period',
            '60',
            '--evaluation-periods',
            '2',
            '--threshold',
            '80.5',
            '--comparison-operator',
            'GreaterThanThreshold',
          ]);
        // botocore sent CBOR to the rpc-v2 path; the request log names the service and operation.
        expect(
          sim.log
            .entries({ service: 'monitoring', operation: 'PutMetricAlarm' })
            .map((e) => e.status),
        ).toEqual([200, 200]);

        const [created] = await describeAlarms('--alarm-names', 'my-alarm');
        expect(created).toMatchObject({
          AlarmName: 'my-alarm',
          StateValue: 'INSUFFICIENT_DATA',
          StateReason: 'Unchecked: Initial alarm creation',
          Threshold: 80.5,
        });
        expect(Date.parse(created?.StateUpdatedTimestamp ?? '')).toBe(T0);

        clock.advance(5_000);
        await cli.json([
          'cloudwatch',
          'set-alarm-state',
          '--alarm-name',
          'my-alarm',
          '--state-value',
          'ALARM',
          '--state-reason',
          'test',
          '--state-reason-data',
          '{"source":"cli"}',
        ]);
        const alarmed = await describeAlarms('--state-value', 'ALARM');
        expect(alarmed).toHaveLength(1);
        expect(alarmed[0]).toMatchObject({
          AlarmName: 'my-alarm',
          StateValue: 'ALARM',
          StateReason: 'test',
          StateReasonData: '{"source":"cli"}',
        });
        expect(Date.parse(alarmed[0]?.StateTransitionedTimestamp ?? '')).toBe(T0 + 5_000);

        // Paging: the CLI follows NextToken itself; --max-items/--page-size drive the token.
        const paged = await cli.json<{ MetricAlarms: CliAlarm[]; NextToken?: string }>([
          'cloudwatch',
          'describe-alarms',
          '--max-items',
          '1',
        ]);
        expect(paged.MetricAlarms.map((a) => a.AlarmName)).toEqual(['my-alarm']);
        expect(paged.NextToken).toEqual(expect.any(String));

        const all = await cli.json<{ MetricAlarms: unknown[] }>(['cloudwatch', 'describe-alarms']);
        const viaSdk = await sdk.send(new DescribeAlarmsCommand({}));
        expect(comparable(all.MetricAlarms)).toEqual(comparable(viaSdk.MetricAlarms));
      },
      CLI_TIMEOUT_MS,
    );

    it.each<[string, string[], string, string | RegExp]>([
      [
        'set-alarm-state of an unknown alarm',
        ['set-alarm-state', '--alarm-name', 'nope', '--state-value', 'OK', '--state-reason', 'x'],
        'ResourceNotFound',
        'Alarm nope not found',
      ],
      [
        'set-alarm-state with reason data that is not JSON',
        [
          'set-alarm-state',
          '--alarm-name',
          'my-alarm',
          '--state-value',
          'OK',
          '--state-reason',
          'x',
          '--state-reason-data',
          '{oops',
        ],
        'InvalidFormat',
        'StateReasonData is not valid JSON.',
      ],
      [
        'describe-alarms with a bad token',
        ['describe-alarms', '--starting-token', 'bogus'],
        'InvalidNextToken',
        'The service returned an invalid next token.',
      ],
    ])(
      '%s: the query-era code reaches the CLI',
      async (_, args, code, message) => {
        const result = await cli.run(['cloudwatch', ...args]);
        expect(result).toMatchObject({ ok: false, code });
        if (!result.ok) expect(result.message).toMatch(message);
      },
      CLI_TIMEOUT_MS,
    );

    it(
      'delete-alarms',
      async () => {
        await cli.json(['cloudwatch', 'delete-alarms', '--alarm-names', 'other-alarm', 'nope']);
        expect((await describeAlarms()).map((a) => a.AlarmName)).toEqual(['my-alarm']);
      },
      CLI_TIMEOUT_MS,
    );

    it(
      'update-service with deployment alarms, then set-alarm-state ALARM: the deployment fails and rolls back',
      async () => {
        const mark = sim.log.mark();
        await cli.json([
          'cloudwatch',
          'put-metric-alarm',
          '--alarm-name',
          'deploy-alarm',
          '--namespace',
          'AWS/ApplicationELB',
          '--metric-name',
          'HTTPCode_Target_5XX_Count',
          '--statistic',
          'Sum',
          '--period',
          '60',
          '--evaluation-periods',
          '1',
          '--threshold',
          '10',
          '--comparison-operator',
          'GreaterThanThreshold',
        ]);
        const before = await cli.json<{ services: { deployments: { id: string }[] }[] }>([
          'ecs',
          'describe-services',
          '--cluster',
          'demo',
          '--services',
          'web',
        ]);
        const goodId = before.services[0]?.deployments[0]?.id ?? '';
        const updated = await cli.json<{
          service: { deployments: { id: string }[]; deploymentConfiguration: unknown };
        }>([
          'ecs',
          'update-service',
          '--cluster',
          'demo',
          '--service',
          'web',
          '--deployment-configuration',
          'alarms={alarmNames=[deploy-alarm],enable=true,rollback=true}',
          '--force-new-deployment',
        ]);
        const newId = updated.service.deployments[0]?.id ?? '';
        expect(updated.service.deploymentConfiguration).toMatchObject({
          alarms: { alarmNames: ['deploy-alarm'], enable: true, rollback: true },
        });
        // Let the new deployment start a task (ECS watches the alarms from then on).
        const world = sim.ctx.world;
        for (let s = 0; s < 120; s++) {
          if ([...world.tasks.values()].some((t) => t.deploymentId === newId && t.startedAt)) break;
          sim.advance(1);
        }
        await cli.json([
          'cloudwatch',
          'set-alarm-state',
          '--alarm-name',
          'deploy-alarm',
          '--state-value',
          'ALARM',
          '--state-reason',
          'test',
        ]);
        sim.advance(1);

        interface CliService {
          taskDefinition: string;
          deployments: {
            id: string;
            status: string;
            rolloutState: string;
            rolloutStateReason: string;
          }[];
          events: { message: string }[];
        }
        const after = await cli.json<{ services: CliService[] }>([
          'ecs',
          'describe-services',
          '--cluster',
          'demo',
          '--services',
          'web',
        ]);
        const svc = after.services[0];
        // The rollback (a new PRIMARY), the failed deployment, and the one rolled back to, still
        // running its tasks until the rollback completes.
        expect(svc?.deployments.map((d) => [d.id, d.status, d.rolloutState])).toEqual([
          [expect.any(String), 'PRIMARY', 'IN_PROGRESS'],
          [newId, 'ACTIVE', 'FAILED'],
          [goodId, 'ACTIVE', 'COMPLETED'],
        ]);
        expect(svc?.deployments[0]?.rolloutStateReason).toBe(
          `ECS deployment alarms: rolling back to deploymentId ${goodId}.`,
        );
        expect(svc?.deployments[1]?.rolloutStateReason).toBe(
          'ECS deployment alarms: alarm(s) deploy-alarm in ALARM state.',
        );
        const messages = svc?.events.map((e) => e.message) ?? [];
        const failedAt = messages.indexOf(
          `(service web) (deployment ${newId}) deployment failed: alarm detected.`,
        );
        expect(failedAt).toBeGreaterThan(0);
        // Newest first: "rolling back" right after "deployment failed".
        expect(messages[failedAt - 1]).toBe(`(service web) rolling back to deployment ${goodId}.`);

        const listed = await cli.json<{ serviceDeployments: { serviceDeploymentArn: string }[] }>([
          'ecs',
          'list-service-deployments',
          '--cluster',
          'demo',
          '--service',
          'web',
        ]);
        const arn = listed.serviceDeployments[0]?.serviceDeploymentArn ?? '';
        const described = await cli.json<{ serviceDeployments: unknown[] }>([
          'ecs',
          'describe-service-deployments',
          '--service-deployment-arns',
          arn,
        ]);
        expect(described.serviceDeployments[0]).toMatchObject({
          status: 'ROLLBACK_IN_PROGRESS',
          alarms: {
            status: 'TRIGGERED',
            alarmNames: ['deploy-alarm'],
            triggeredAlarmNames: ['deploy-alarm'],
          },
          rollback: { reason: 'ECS deployment alarms: alarm(s) deploy-alarm in ALARM state.' },
        });
        const protocols = sim.log
          .entries({ service: 'monitoring', afterSeq: mark })
          .map((e) => e.protocol);
        expect(new Set(protocols)).toEqual(new Set([protocol]));
      },
      CLI_TIMEOUT_MS,
    );
  });
});
