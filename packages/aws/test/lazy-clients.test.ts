// sdkElbApi, sdkStsApi and sdkCloudWatchApi load their SDK module on the first call (a dynamic import, a separate
// chunk in the bundles): these calls go through that path to a local endpoint and back.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AwsError, awsSettingsFrom, sdkCloudWatchApi, sdkElbApi, sdkStsApi } from '../src/index.js';

const STS_ANSWER = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::210987654321:assumed-role/deploy/gha</Arn>
    <UserId>AROAEXAMPLE:gha</UserId>
    <Account>210987654321</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`;

const ELB_ANSWER = `<DescribeTargetHealthResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
  <DescribeTargetHealthResult>
    <TargetHealthDescriptions>
      <member>
        <Target><Id>10.0.1.7</Id><Port>8080</Port></Target>
        <TargetHealth><State>healthy</State></TargetHealth>
      </member>
    </TargetHealthDescriptions>
  </DescribeTargetHealthResult>
  <ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata>
</DescribeTargetHealthResponse>`;

const DENIED = `<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error>
  <RequestId>r-3</RequestId>
</ErrorResponse>`;

// awsJson1_0, as @aws-sdk/client-cloudwatch speaks it (docs/aws-behaviour.md#cloudwatch-alarms).
const ALARMS_ANSWER = JSON.stringify({
  MetricAlarms: [
    {
      AlarmName: 'web-5xx',
      StateValue: 'ALARM',
      StateReason: 'Threshold Crossed',
      StateUpdatedTimestamp: 1_780_000_000,
    },
  ],
  CompositeAlarms: [],
});

let server: Server;
/** The JSON bodies of the CloudWatch requests. */
const cloudwatchBodies: unknown[] = [];
let denyElb = false;
const actions: string[] = [];
const saved = { ...process.env };

function body(request: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    let text = '';
    request.setEncoding('utf8').on('data', (c: string) => (text += c));
    request.on('end', () => {
      done(text);
    });
  });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void body(request).then((text) => {
      const target = request.headers['x-amz-target'];
      if (typeof target === 'string' && target.endsWith('.DescribeAlarms')) {
        actions.push('DescribeAlarms');
        cloudwatchBodies.push(JSON.parse(text));
        response
          .writeHead(200, { 'content-type': 'application/x-amz-json-1.0' })
          .end(ALARMS_ANSWER);
        return;
      }
      const action = new URLSearchParams(text).get('Action') ?? '';
      actions.push(action);
      const [status, answer] =
        action === 'GetCallerIdentity'
          ? [200, STS_ANSWER]
          : action === 'DescribeTargetHealth'
            ? denyElb
              ? [403, DENIED]
              : [200, ELB_ANSWER]
            : [400, DENIED];
      response.writeHead(status, { 'content-type': 'text/xml' }).end(answer);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_REGION: 'eu-west-1',
  });
});

afterAll(async () => {
  process.env = saved;
  await new Promise((done) => server.close(done));
});

const settings = (): ReturnType<typeof awsSettingsFrom> => ({
  ...awsSettingsFrom({ AWS_REGION: 'eu-west-1' }, 'test', '0.0.0'),
  maxAttempts: 1,
});

describe('clients loaded on first use', () => {
  it('sdkStsApi answers the caller identity through the lazily loaded STS client', async () => {
    const sts = sdkStsApi(settings());
    expect(actions).toEqual([]);
    await expect(sts.callerIdentity()).resolves.toEqual({
      account: '210987654321',
      arn: 'arn:aws:sts::210987654321:assumed-role/deploy/gha',
    });
    // The second call reuses the loaded client.
    await expect(sts.callerIdentity()).resolves.toMatchObject({ account: '210987654321' });
    expect(actions).toEqual(['GetCallerIdentity', 'GetCallerIdentity']);
  });

  it('sdkElbApi answers target health through the lazily loaded ELBv2 client', async () => {
    actions.length = 0;
    const elb = sdkElbApi(settings());
    expect(actions).toEqual([]);
    const health = await elb.targetHealth(
      'arn:aws:elasticloadbalancing:eu-west-1:210987654321:targetgroup/web/0123456789abcdef',
    );
    expect(health).toEqual([
      { Target: { Id: '10.0.1.7', Port: 8080 }, TargetHealth: { State: 'healthy' } },
    ]);
    expect(actions).toEqual(['DescribeTargetHealth']);
  });

  it('a failed ELBv2 call is classified like any other call', async () => {
    denyElb = true;
    try {
      const error = await sdkElbApi(settings())
        .targetHealth('arn:aws:elasticloadbalancing:eu-west-1:210987654321:targetgroup/web/0')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsError);
      expect(error).toMatchObject({
        kind: 'access-denied',
        operation: 'elasticloadbalancing:DescribeTargetHealth',
      });
    } finally {
      denyElb = false;
    }
  });

  it('sdkCloudWatchApi reads alarms through the lazily loaded CloudWatch client, all names in one call', async () => {
    actions.length = 0;
    const cloudwatch = sdkCloudWatchApi(settings());
    // No names: no call, and the SDK module is not even loaded.
    await expect(cloudwatch.describeAlarms([])).resolves.toEqual([]);
    expect(actions).toEqual([]);
    const alarms = await cloudwatch.describeAlarms(['web-5xx', 'web-latency']);
    expect(alarms).toEqual([
      {
        AlarmName: 'web-5xx',
        StateValue: 'ALARM',
        StateReason: 'Threshold Crossed',
        StateUpdatedTimestamp: new Date(1_780_000_000_000),
      },
    ]);
    expect(actions).toEqual(['DescribeAlarms']);
    expect(cloudwatchBodies).toEqual([
      {
        AlarmNames: ['web-5xx', 'web-latency'],
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        MaxRecords: 100,
      },
    ]);
  });
});
