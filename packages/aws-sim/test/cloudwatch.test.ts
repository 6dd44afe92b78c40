// CloudWatch metric alarms in the simulator through the real SDK v3 client, which speaks
// awsJson1_0 with `x-amzn-query-mode: true` (docs/aws-behaviour.md#cloudwatch-alarms). A manual
// clock makes the state timestamps exact.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  paginateDescribeAlarms,
  PutMetricAlarmCommand,
  ResourceNotFound,
  SetAlarmStateCommand,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { cbor } from '@smithy/core/cbor';
import { ManualClock, startSimulator, type Simulator } from '../src/index.js';

const T0 = Date.UTC(2026, 0, 1);

function alarm(
  name: string,
  extra: Partial<PutMetricAlarmCommandInput> = {},
): PutMetricAlarmCommandInput {
  return {
    AlarmName: name,
    Namespace: 'AWS/ApplicationELB',
    MetricName: 'HTTPCode_Target_5XX_Count',
    Dimensions: [{ Name: 'TargetGroup', Value: 'targetgroup/web/0123456789abcdef' }],
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 10,
    ComparisonOperator: 'GreaterThanThreshold',
    ...extra,
  };
}

describe('CloudWatch alarms over the SDK client', () => {
  let sim: Simulator;
  let clock: ManualClock;
  let cw: CloudWatchClient;
  const names = async (input: object): Promise<string[]> =>
    ((await cw.send(new DescribeAlarmsCommand(input))).MetricAlarms ?? []).map(
      (a) => a.AlarmName ?? '',
    );

  beforeAll(async () => {
    clock = new ManualClock(T0);
    sim = await startSimulator({ seed: {}, clock });
    cw = new CloudWatchClient({
      endpoint: sim.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    for (const name of ['web-5xx', 'web-latency', 'worker-errors', 'api-5xx'])
      await cw.send(
        new PutMetricAlarmCommand(
          alarm(
            name,
            name === 'api-5xx' ? { AlarmActions: ['arn:aws:sns:us-east-1:123456789012:ops'] } : {},
          ),
        ),
      );
  });
  afterAll(async () => {
    cw.destroy();
    await sim.close();
  });

  it('creates an alarm in INSUFFICIENT_DATA with its configuration and ARN', async () => {
    const out = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['web-5xx'] }));
    expect(out.MetricAlarms).toHaveLength(1);
    expect(out.CompositeAlarms).toBeUndefined();
    const a: MetricAlarm | undefined = out.MetricAlarms?.[0];
    if (!a) throw new Error('no alarm');
    expect(a).toMatchObject({
      AlarmName: 'web-5xx',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx',
      ActionsEnabled: true,
      AlarmActions: [],
      OKActions: [],
      InsufficientDataActions: [],
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'HTTPCode_Target_5XX_Count',
      Dimensions: [{ Name: 'TargetGroup', Value: 'targetgroup/web/0123456789abcdef' }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
    });
    expect(a.StateUpdatedTimestamp?.getTime()).toBe(T0);
    expect(a.StateTransitionedTimestamp?.getTime()).toBe(T0);
    expect(a.AlarmConfigurationUpdatedTimestamp?.getTime()).toBe(T0);
    // The SDK sent the awsJson1_0 target and the query-mode header; the log names the service.
    expect(sim.log.entries({ service: 'monitoring', operation: 'PutMetricAlarm' })).toHaveLength(4);
  });

  it.each<[string, object, string[]]>([
    ['all, sorted by name', {}, ['api-5xx', 'web-5xx', 'web-latency', 'worker-errors']],
    [
      'by names (unknown ones ignored)',
      { AlarmNames: ['worker-errors', 'nope'] },
      ['worker-errors'],
    ],
    ['by prefix', { AlarmNamePrefix: 'web-' }, ['web-5xx', 'web-latency']],
    ['by state', { StateValue: 'OK' }, []],
    ['by action prefix', { ActionPrefix: 'arn:aws:sns:us-east-1:123456789012:' }, ['api-5xx']],
    [
      'metric alarms asked for',
      { AlarmTypes: ['MetricAlarm'] },
      ['api-5xx', 'web-5xx', 'web-latency', 'worker-errors'],
    ],
    ['only composite alarms asked for', { AlarmTypes: ['CompositeAlarm'] }, []],
  ])('DescribeAlarms %s', async (_, input, expected) => {
    expect(await names(input)).toEqual(expected);
  });

  it('answers CompositeAlarms only when asked for them', async () => {
    const out = await cw.send(
      new DescribeAlarmsCommand({ AlarmTypes: ['CompositeAlarm', 'MetricAlarm'] }),
    );
    expect(out.CompositeAlarms).toEqual([]);
    expect(out.MetricAlarms).toHaveLength(4);
  });

  it('pages with MaxRecords and NextToken (the SDK paginator too)', async () => {
    const first = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 3 }));
    expect(first.MetricAlarms?.map((a) => a.AlarmName)).toEqual([
      'api-5xx',
      'web-5xx',
      'web-latency',
    ]);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await cw.send(
      new DescribeAlarmsCommand({ MaxRecords: 3, NextToken: first.NextToken }),
    );
    expect(second.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['worker-errors']);
    expect(second.NextToken).toBeUndefined();
    const pages: string[][] = [];
    for await (const page of paginateDescribeAlarms({ client: cw, pageSize: 2 }, {}))
      pages.push((page.MetricAlarms ?? []).map((a) => a.AlarmName ?? ''));
    expect(pages).toEqual([
      ['api-5xx', 'web-5xx'],
      ['web-latency', 'worker-errors'],
    ]);
  });

  it('sets the state with a reason and data; the transition time moves only when the value does', async () => {
    clock.advance(30_000);
    await cw.send(
      new SetAlarmStateCommand({
        AlarmName: 'web-latency',
        StateValue: 'ALARM',
        StateReason: 'testing the rollback',
        StateReasonData: '{"version":"1.0"}',
      }),
    );
    clock.advance(10_000);
    await cw.send(
      new SetAlarmStateCommand({
        AlarmName: 'web-latency',
        StateValue: 'ALARM',
        StateReason: 'still testing',
      }),
    );
    const [a] =
      (await cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }))).MetricAlarms ?? [];
    expect(a).toMatchObject({
      AlarmName: 'web-latency',
      StateValue: 'ALARM',
      StateReason: 'still testing',
    });
    expect(a?.StateReasonData).toBeUndefined();
    expect(a?.StateTransitionedTimestamp?.getTime()).toBe(T0 + 30_000);
    expect(a?.StateUpdatedTimestamp?.getTime()).toBe(T0 + 40_000);
    expect(a?.AlarmConfigurationUpdatedTimestamp?.getTime()).toBe(T0);
    // PutMetricAlarm on an existing alarm replaces its configuration and keeps its state.
    await cw.send(new PutMetricAlarmCommand(alarm('web-latency', { Threshold: 2.5 })));
    const [b] =
      (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['web-latency'] }))).MetricAlarms ??
      [];
    expect(b).toMatchObject({ Threshold: 2.5, StateValue: 'ALARM', StateReason: 'still testing' });
    expect(b?.AlarmConfigurationUpdatedTimestamp?.getTime()).toBe(T0 + 40_000);
  });

  it.each<[string, () => Promise<unknown>, string, string | RegExp]>([
    [
      'SetAlarmState on an unknown alarm',
      () =>
        cw.send(
          new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' }),
        ),
      'ResourceNotFound',
      'Alarm nope not found',
    ],
    [
      'SetAlarmState with StateReasonData that is not JSON',
      () =>
        cw.send(
          new SetAlarmStateCommand({
            AlarmName: 'web-5xx',
            StateValue: 'OK',
            StateReason: 'x',
            StateReasonData: '{not json',
          }),
        ),
      'InvalidFormatFault',
      'StateReasonData is not valid JSON.',
    ],
    [
      'DescribeAlarms with a token it did not issue',
      () => cw.send(new DescribeAlarmsCommand({ NextToken: 'bogus' })),
      'InvalidNextToken',
      'The service returned an invalid next token.',
    ],
    [
      'DescribeAlarms with MaxRecords out of range',
      // The wire code is the query-era ValidationError (x-amzn-query-error); the SDK's model maps
      // it to its ValidationException class.
      () => cw.send(new DescribeAlarmsCommand({ MaxRecords: 101 })),
      'ValidationException',
      /Value '101' at 'MaxRecords' failed to satisfy constraint: Member must be less than or equal to 100/,
    ],
  ])('%s is an error', async (_, call, name, message) => {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e as Error & { Code?: string; $metadata?: { httpStatusCode?: number } },
    );
    expect(error?.name).toBe(name);
    expect(error?.message).toMatch(message);
  });

  it('maps ResourceNotFound to the modelled exception class with HTTP 404', async () => {
    const error = await cw
      .send(new SetAlarmStateCommand({ AlarmName: 'gone', StateValue: 'OK', StateReason: 'x' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFound);
    expect((error as ResourceNotFound).$metadata.httpStatusCode).toBe(404);
  });

  it('deletes the named alarms and skips names that match none', async () => {
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['worker-errors', 'never-existed'] }));
    expect(await names({})).toEqual(['api-5xx', 'web-5xx', 'web-latency']);
  });
});

describe('CloudWatch on the wire (raw requests)', () => {
  let sim: Simulator;
  const PREFIX = 'GraniteServiceVersion20100801';

  beforeAll(async () => {
    sim = await startSimulator({ seed: {}, clock: new ManualClock(T0) });
  });
  afterAll(async () => {
    await sim.close();
  });

  const postCbor = async (
    operation: string,
    body: Uint8Array,
  ): Promise<{ status: number; headers: Headers; body: unknown }> => {
    const res = await fetch(`${sim.endpoint}/service/${PREFIX}/operation/${operation}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/cbor',
        accept: 'application/cbor',
        'smithy-protocol': 'rpc-v2-cbor',
      },
      body,
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return {
      status: res.status,
      headers: res.headers,
      body: bytes.length > 0 ? cbor.deserialize(bytes) : undefined,
    };
  };

  it('answers rpc-v2-cbor: an empty body without output, timestamps as tag 1', async () => {
    const put = await postCbor('PutMetricAlarm', cbor.serialize({ AlarmName: 'raw', Period: 60 }));
    expect(put).toMatchObject({ status: 200, body: undefined });
    expect(put.headers.get('smithy-protocol')).toBe('rpc-v2-cbor');
    const described = await postCbor('DescribeAlarms', cbor.serialize({}));
    expect(described.status).toBe(200);
    expect(described.headers.get('content-type')).toBe('application/cbor');
    const [alarm] = (described.body as { MetricAlarms: Record<string, unknown>[] }).MetricAlarms;
    expect(alarm).toMatchObject({ AlarmName: 'raw', Period: 60 });
    expect(alarm?.StateUpdatedTimestamp).toMatchObject({ tag: 1, value: T0 / 1000 });
    expect(
      sim.log.entries({ service: 'monitoring' }).map((e) => [e.operation, e.protocol, e.status]),
    ).toEqual([
      ['PutMetricAlarm', 'rpcv2Cbor', 200],
      ['DescribeAlarms', 'rpcv2Cbor', 200],
    ]);
  });

  it.each<[string, string, Uint8Array, number, string, string | undefined]>([
    [
      'an operation the simulator does not implement',
      'GetMetricData',
      cbor.serialize({}),
      400,
      'com.amazon.coral.service#UnknownOperationException',
      'UnknownOperationException;Sender',
    ],
    [
      'a body that is not CBOR',
      'DescribeAlarms',
      new Uint8Array([0xff, 0xff]),
      400,
      'SerializationException',
      'SerializationException;Sender',
    ],
    [
      'a request that breaks the model (required member missing)',
      'SetAlarmState',
      cbor.serialize({ AlarmName: 'raw', StateValue: 'ALARM' }),
      400,
      'ValidationError',
      'ValidationError;Sender',
    ],
    [
      'SetAlarmState of an unknown alarm',
      'SetAlarmState',
      cbor.serialize({ AlarmName: 'nope', StateValue: 'ALARM', StateReason: 'x' }),
      404,
      'com.amazonaws.cloudwatch#ResourceNotFound',
      'ResourceNotFound;Sender',
    ],
  ])(
    '%s: CBOR error with __type and x-amzn-query-error',
    async (_, op, body, status, type, query) => {
      const answer = await postCbor(op, body);
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ __type: type });
      expect(answer.headers.get('x-amzn-query-error')).toBe(query);
    },
  );

  it('applies faults with the query-era codes (cloudwatch: alias)', async () => {
    await sim.control.addFault({ target: 'cloudwatch:DescribeAlarms', kind: 'throttle', times: 1 });
    const json = await fetch(sim.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `${PREFIX}.DescribeAlarms`,
        'x-amzn-query-mode': 'true',
      },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect(json.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(json.headers.get('x-amzn-query-error')).toBe('Throttling;Sender');
    expect(await json.json()).toEqual({ __type: 'Throttling', message: 'Rate exceeded' });
  });
});
