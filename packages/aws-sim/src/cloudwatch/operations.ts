/**
 * CloudWatch metric alarms (service `monitoring`): PutMetricAlarm, DescribeAlarms, SetAlarmState
 * and DeleteAlarms over the world's AlarmStore, with the rules of
 * docs/aws-behaviour.md#cloudwatch-alarms. The same handlers answer the SDK's awsJson1_0 and the
 * AWS CLI's rpc-v2-cbor requests (src/server/api.ts picks the protocol). The model check has
 * already enforced required members, types, enums, lengths and ranges (e.g. MaxRecords 1–100).
 */
import { AwsError } from '../errors.js';
import type { Handler } from '../state/context.js';
import type { JsonObject } from '../util/json.js';
import {
  compact,
  epochSeconds,
  optNumber,
  optString,
  reqString,
  stringArray,
} from '../util/json.js';
import type { AlarmState, MetricAlarmRecord } from './store.js';

/** DescribeAlarms' default page size (API reference: MaxRecords, 1–100, default 50). */
const DEFAULT_MAX_RECORDS = 50;

/** Members of PutMetricAlarm's input that are not part of the alarm's configuration. */
const NOT_CONFIG = new Set(['AlarmName', 'Tags']);

/** A query-era ValidationError (the code CloudWatch answers for bad parameter combinations). */
function validation(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

/** The MetricAlarm shape of DescribeAlarms: configuration, defaults, state. */
function render(alarm: MetricAlarmRecord): JsonObject {
  return compact({
    AlarmName: alarm.name,
    AlarmArn: alarm.arn,
    AlarmConfigurationUpdatedTimestamp: epochSeconds(alarm.configUpdatedAt),
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
    Dimensions: [],
    ...alarm.config,
    StateValue: alarm.state,
    StateReason: alarm.stateReason,
    StateReasonData: alarm.stateReasonData,
    StateUpdatedTimestamp: epochSeconds(alarm.stateUpdatedAt),
    StateTransitionedTimestamp: epochSeconds(alarm.stateTransitionedAt),
  });
}

function actionsOf(alarm: MetricAlarmRecord): string[] {
  return ['AlarmActions', 'OKActions', 'InsufficientDataActions'].flatMap((key) =>
    stringArray(alarm.config, key),
  );
}

const putMetricAlarm: Handler = (input, ctx, now) => {
  const name = reqString(input, 'AlarmName');
  const config: JsonObject = {};
  for (const [key, value] of Object.entries(input))
    if (!NOT_CONFIG.has(key) && value !== null) config[key] = value;
  ctx.world.alarms.put(name, config, now);
  return {};
};

/** The opaque token: the name of the last alarm on the page (stable when alarms come and go). */
function encodeToken(name: string): string {
  return Buffer.from(`alarm:${name}`, 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith('alarm:') || encodeToken(text.slice(6)) !== token)
    throw new AwsError('InvalidNextToken', 'The service returned an invalid next token.');
  return text.slice(6);
}

const describeAlarms: Handler = (input, ctx) => {
  const names = stringArray(input, 'AlarmNames');
  const prefix = optString(input, 'AlarmNamePrefix');
  if (names.length > 0 && prefix !== undefined)
    throw validation('AlarmNames and AlarmNamePrefix cannot be specified together.');
  const types = stringArray(input, 'AlarmTypes');
  const wantMetric = types.length === 0 || types.includes('MetricAlarm');
  const wantComposite = types.includes('CompositeAlarm');
  const state = optString(input, 'StateValue');
  const actionPrefix = optString(input, 'ActionPrefix');
  // Children and parents exist only among composite alarms, which the simulator does not keep.
  const related =
    optString(input, 'ChildrenOfAlarmName') !== undefined ||
    optString(input, 'ParentsOfAlarmName') !== undefined;
  const matching =
    wantMetric && !related
      ? ctx.world.alarms
          .list()
          .filter(
            (a) =>
              (names.length === 0 || names.includes(a.name)) &&
              (prefix === undefined || a.name.startsWith(prefix)) &&
              (state === undefined || a.state === state) &&
              (actionPrefix === undefined ||
                actionsOf(a).some((action) => action.startsWith(actionPrefix))),
          )
      : [];
  const token = optString(input, 'NextToken');
  const after = token === undefined ? undefined : decodeToken(token);
  const rest = after === undefined ? matching : matching.filter((a) => a.name > after);
  const max = optNumber(input, 'MaxRecords') ?? DEFAULT_MAX_RECORDS;
  const page = rest.slice(0, max);
  const last = page[page.length - 1];
  const out: JsonObject = { MetricAlarms: page.map(render) };
  if (wantComposite) out.CompositeAlarms = [];
  if (rest.length > max && last) out.NextToken = encodeToken(last.name);
  return out;
};

const setAlarmState: Handler = (input, ctx, now) => {
  const name = reqString(input, 'AlarmName');
  const state = reqString(input, 'StateValue') as AlarmState;
  const reason = optString(input, 'StateReason') ?? '';
  const data = optString(input, 'StateReasonData');
  if (data !== undefined) {
    try {
      JSON.parse(data);
    } catch {
      throw new AwsError('InvalidFormat', 'StateReasonData is not valid JSON.');
    }
  }
  if (!ctx.world.alarms.setState(name, state, reason, data, now))
    throw new AwsError('ResourceNotFound', `Alarm ${name} not found`, 404);
  return {};
};

const deleteAlarms: Handler = (input, ctx) => {
  // Names that match no alarm are skipped; the others are still deleted (API reference).
  ctx.world.alarms.delete(stringArray(input, 'AlarmNames'));
  return {};
};

/** The implemented CloudWatch operations (scripts/extract-aws-models.py keeps their models). */
export const CLOUDWATCH_OPERATIONS: Readonly<Record<string, Handler>> = {
  PutMetricAlarm: putMetricAlarm,
  DescribeAlarms: describeAlarms,
  SetAlarmState: setAlarmState,
  DeleteAlarms: deleteAlarms,
};
