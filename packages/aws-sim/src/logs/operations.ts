/**
 * CloudWatch Logs (awsJson1_1, `Logs_20140328.<Operation>`): log groups, streams and events over
 * the world's LogStore. Only events whose timestamp the simulated clock has reached are read
 * (docs/aws-behaviour.md#cloudwatch-logs). The model check has already enforced required members,
 * types, enums, lengths, patterns and ranges (e.g. `limit` 1–50 or 1–10000); the handlers add the
 * rules the model cannot express.
 */
import { paginate } from '../ecs/tasks-api.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../state/context.js';
import type { World } from '../state/world.js';
import type { Json, JsonObject } from '../util/json.js';
import {
  compact,
  objectArray,
  optBoolean,
  optNumber,
  optString,
  stringArray,
} from '../util/json.js';
import { compileFilterPattern } from './filter-pattern.js';
import { compareEvents, type LogGroupClass, type StoredEvent } from './store.js';

/** PutLogEvents: a batch is at most 1,048,576 bytes, counting each message's UTF-8 bytes + 26. */
const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
/** PutLogEvents: events more than 2 hours ahead or 14 days behind are rejected, not stored. */
const MAX_FUTURE_MS = 2 * 3600_000;
const MAX_AGE_MS = 14 * 24 * 3600_000;
/** PutLogEvents: one batch may not span more than 24 hours. */
const MAX_BATCH_SPAN_MS = 24 * 3600_000;
/** Default page sizes: DescribeLogGroups/Streams 50, GetLogEvents/FilterLogEvents 10,000. */
const DESCRIBE_LIMIT = 50;
const EVENTS_LIMIT = 10_000;

function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

function noGroup(): AwsError {
  return new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
}

function noStream(): AwsError {
  return new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>` (LogGroup.logGroupArn). */
function groupArn(world: World, group: string): string {
  return `arn:aws:logs:${world.region}:${world.account}:log-group:${group}`;
}

const GROUP_ARN = /^arn:[^:]+:logs:([^:]*):([^:]*):log-group:([^:]+)(?::\*)?$/;

/**
 * The log group a request names, by `logGroupName` or `logGroupIdentifier` (a name or an ARN,
 * with or without the trailing `:*`) — exactly one of the two. An ARN of another account or
 * region names a group that does not exist here.
 */
function groupOf(world: World, input: JsonObject): string {
  const name = optString(input, 'logGroupName');
  const identifier = optString(input, 'logGroupIdentifier');
  if (name !== undefined && identifier !== undefined)
    throw invalidParameter(
      'LogGroupName and LogGroupIdentifier are mutually exclusive parameters.',
    );
  if (name !== undefined) return name;
  if (identifier === undefined)
    throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
  const arn = GROUP_ARN.exec(identifier);
  if (!arn) return identifier;
  if (arn[1] !== world.region || arn[2] !== world.account) throw noGroup();
  return arn[3] ?? identifier;
}

/** DescribeLogGroups and DescribeLogStreams page by `limit`, with their own token wording. */
const LOGS_PAGING = { limitKey: 'limit', invalidToken: 'The specified nextToken is invalid.' };

// ---------------------------------------------------------------------------------------------
// Groups and streams

const createLogGroup: Handler = (input, ctx, now) => {
  const name = optString(input, 'logGroupName') ?? '';
  const logGroupClass = (optString(input, 'logGroupClass') ?? 'STANDARD') as LogGroupClass;
  if (!ctx.world.logs.createGroup(name, now, logGroupClass))
    throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  return {};
};

const createLogStream: Handler = (input, ctx, now) => {
  const group = optString(input, 'logGroupName') ?? '';
  const stream = optString(input, 'logStreamName') ?? '';
  const outcome = ctx.world.logs.createStream(group, stream, now);
  if (outcome === 'no-group') throw noGroup();
  if (outcome === 'exists')
    throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  return {};
};

const describeLogGroups: Handler = (input, ctx) => {
  const prefix = optString(input, 'logGroupNamePrefix');
  const pattern = optString(input, 'logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined)
    throw invalidParameter(
      'LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.',
    );
  const identifiers = stringArray(input, 'logGroupIdentifiers');
  const wanted =
    identifiers.length > 0
      ? new Set(identifiers.map((id) => GROUP_ARN.exec(id)?.[3] ?? id))
      : undefined;
  const logGroupClass = optString(input, 'logGroupClass');
  const needle = pattern?.toLowerCase();
  const groups = ctx.world.logs
    .listGroups()
    .filter(
      (g) =>
        (prefix === undefined || g.name.startsWith(prefix)) &&
        (needle === undefined || g.name.toLowerCase().includes(needle)) &&
        (wanted === undefined || wanted.has(g.name)) &&
        (logGroupClass === undefined || g.logGroupClass === logGroupClass),
    );
  const { page, nextToken } = paginate(groups, input, DESCRIBE_LIMIT, LOGS_PAGING);
  return compact({
    logGroups: page.map((g) => ({
      logGroupName: g.name,
      creationTime: g.creationTime,
      metricFilterCount: 0,
      arn: `${groupArn(ctx.world, g.name)}:*`,
      logGroupArn: groupArn(ctx.world, g.name),
      storedBytes: 0,
      logGroupClass: g.logGroupClass,
    })),
    nextToken,
  });
};

const describeLogStreams: Handler = (input, ctx, now) => {
  const group = groupOf(ctx.world, input);
  const prefix = optString(input, 'logStreamNamePrefix');
  const orderBy = optString(input, 'orderBy') ?? 'LogStreamName';
  if (orderBy === 'LastEventTime' && prefix !== undefined)
    throw invalidParameter(
      'Cannot order by LastEventTime with a logStreamNamePrefix: the two are mutually exclusive.',
    );
  const streams = ctx.world.logs.listStreams(group, now);
  if (!streams) throw noGroup();
  const selected = streams.filter((s) => prefix === undefined || s.name.startsWith(prefix));
  if (orderBy === 'LastEventTime') {
    // Streams without a visible event sort as the oldest; ties keep name order (sort is stable).
    selected.sort((a, b) => (a.lastEventTimestamp ?? -1) - (b.lastEventTimestamp ?? -1));
  }
  if (optBoolean(input, 'descending') === true) selected.reverse();
  const { page, nextToken } = paginate(selected, input, DESCRIBE_LIMIT, LOGS_PAGING);
  return compact({
    logStreams: page.map((s) =>
      compact({
        logStreamName: s.name,
        creationTime: s.creationTime,
        firstEventTimestamp: s.firstEventTimestamp,
        lastEventTimestamp: s.lastEventTimestamp,
        lastIngestionTime: s.lastIngestionTime,
        arn: `${groupArn(ctx.world, group)}:log-stream:${s.name}`,
        storedBytes: 0,
      }),
    ),
    nextToken,
  });
};

// ---------------------------------------------------------------------------------------------
// Writing events

const putLogEvents: Handler = (input, ctx, now) => {
  const group = optString(input, 'logGroupName') ?? '';
  const stream = optString(input, 'logStreamName') ?? '';
  const logs = ctx.world.logs;
  if (!logs.hasGroup(group)) throw noGroup();
  if (!logs.hasStream(group, stream)) throw noStream();
  const events = objectArray(input, 'logEvents').map((e) => ({
    timestamp: optNumber(e, 'timestamp') ?? 0,
    message: optString(e, 'message') ?? '',
  }));
  let bytes = 0;
  for (const [i, e] of events.entries()) {
    const before = events[i - 1];
    if (before && e.timestamp < before.timestamp)
      throw invalidParameter(
        'Log events in a single PutLogEvents request must be in chronological order.',
      );
    bytes += Buffer.byteLength(e.message, 'utf8') + EVENT_OVERHEAD_BYTES;
  }
  if (bytes > MAX_BATCH_BYTES)
    throw invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  const first = events[0];
  const last = events[events.length - 1];
  if (first && last && last.timestamp - first.timestamp > MAX_BATCH_SPAN_MS)
    throw invalidParameter(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  // The batch is in order, so the too-old events are a prefix and the too-new ones a suffix.
  const tooOldEnd = events.findLastIndex((e) => e.timestamp < now - MAX_AGE_MS);
  const tooNewStart = events.findIndex((e) => e.timestamp > now + MAX_FUTURE_MS);
  const accepted = events.slice(tooOldEnd + 1, tooNewStart === -1 ? events.length : tooNewStart);
  logs.append(group, stream, accepted, now);
  const rejected = compact({
    tooOldLogEventEndIndex: tooOldEnd === -1 ? undefined : tooOldEnd,
    tooNewLogEventStartIndex: tooNewStart === -1 ? undefined : tooNewStart,
  });
  return Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {};
};

// ---------------------------------------------------------------------------------------------
// Reading events

/** A position between two events of a stream: events compare against it by (timestamp, seq). */
interface Cursor {
  timestamp: number;
  seq: number;
}

const TOKEN = /^([fb])\/(\d+)\/(\d+)$/;

function formatToken(direction: 'f' | 'b', at: Cursor): string {
  return `${direction}/${at.timestamp}/${at.seq}`;
}

function parseToken(token: string): { direction: 'f' | 'b'; at: Cursor } {
  const m = TOKEN.exec(token);
  if (!m) throw invalidParameter('The specified nextToken is invalid.');
  return {
    direction: m[1] === 'b' ? 'b' : 'f',
    at: { timestamp: Number(m[2]), seq: Number(m[3]) },
  };
}

function compareToCursor(e: StoredEvent, at: Cursor): number {
  return compareEvents(e, { ...at, message: '', ingestionTime: 0 });
}

/**
 * GetLogEvents. Without a token: the first `limit` events of the time range when startFromHead is
 * true, else (the default) the last `limit`. A forward token `f/…` returns the next `limit` events
 * after the previous page; a backward token `b/…` the `limit` events before it. When there is
 * nothing further in that direction the token comes back unchanged — the SDK's paginator stops on
 * a repeated token, and a follower polls with it until new events arrive.
 */
const getLogEvents: Handler = (input, ctx, now) => {
  const group = groupOf(ctx.world, input);
  const stream = optString(input, 'logStreamName') ?? '';
  if (!ctx.world.logs.hasGroup(group)) throw noGroup();
  const visible = ctx.world.logs.visibleEvents(group, stream, now);
  if (!visible) throw noStream();
  const startTime = optNumber(input, 'startTime');
  const endTime = optNumber(input, 'endTime');
  const limit = optNumber(input, 'limit') ?? EVENTS_LIMIT;
  const token = optString(input, 'nextToken');
  // startTime is inclusive, endTime exclusive.
  const inRange = visible.filter(
    (e) =>
      (startTime === undefined || e.timestamp >= startTime) &&
      (endTime === undefined || e.timestamp < endTime),
  );
  const origin: Cursor = { timestamp: startTime ?? 0, seq: 0 };
  let page: readonly StoredEvent[];
  let forward: string;
  let backward: string;
  if (token === undefined) {
    page =
      optBoolean(input, 'startFromHead') === true
        ? inRange.slice(0, limit)
        : inRange.slice(Math.max(0, inRange.length - limit));
    forward = formatToken('f', page[page.length - 1] ?? origin);
    backward = formatToken('b', page[0] ?? origin);
  } else {
    const { direction, at } = parseToken(token);
    if (direction === 'f') {
      page = inRange.filter((e) => compareToCursor(e, at) > 0).slice(0, limit);
    } else {
      const before = inRange.filter((e) => compareToCursor(e, at) < 0);
      page = before.slice(Math.max(0, before.length - limit));
    }
    const firstEvent = page[0];
    const lastEvent = page[page.length - 1];
    forward =
      lastEvent !== undefined
        ? formatToken('f', lastEvent)
        : direction === 'f'
          ? token
          : formatToken('f', at);
    backward =
      firstEvent !== undefined
        ? formatToken('b', firstEvent)
        : direction === 'b'
          ? token
          : formatToken('b', at);
  }
  return {
    events: page.map((e) => ({
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
    })),
    nextForwardToken: forward,
    nextBackwardToken: backward,
  };
};

/** An event id: 56 decimal digits, as CloudWatch's look, unique in the store. */
function eventId(e: StoredEvent): string {
  return `${String(e.timestamp).padStart(20, '0')}${String(e.seq).padStart(36, '0')}`;
}

function filterToken(at: Cursor): string {
  return Buffer.from(`${at.timestamp}/${at.seq}`).toString('base64url');
}

function parseFilterToken(token: string): Cursor {
  const m = /^(\d+)\/(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw invalidParameter('The specified nextToken is invalid.');
  return { timestamp: Number(m[1]), seq: Number(m[2]) };
}

/**
 * FilterLogEvents: the group's visible events (of the named streams, or those with the prefix),
 * in timestamp order across streams, startTime and endTime both inclusive, matching the filter
 * pattern (see filter-pattern.ts); `nextToken` while more matching events remain.
 */
const filterLogEvents: Handler = (input, ctx, now) => {
  const group = groupOf(ctx.world, input);
  const names = input.logStreamNames !== undefined ? stringArray(input, 'logStreamNames') : [];
  const prefix = optString(input, 'logStreamNamePrefix');
  if (names.length > 0 && prefix !== undefined)
    throw invalidParameter(
      'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
    );
  const matches = compileFilterPattern(optString(input, 'filterPattern'));
  const startTime = optNumber(input, 'startTime');
  const endTime = optNumber(input, 'endTime');
  const limit = optNumber(input, 'limit') ?? EVENTS_LIMIT;
  const token = optString(input, 'nextToken');
  const after = token !== undefined ? parseFilterToken(token) : undefined;
  const wanted = new Set(names);
  const events = ctx.world.logs.visibleGroupEvents(
    group,
    now,
    (s) => (wanted.size === 0 || wanted.has(s)) && (prefix === undefined || s.startsWith(prefix)),
  );
  if (!events) throw noGroup();
  const selected = events.filter(
    ({ event: e }) =>
      (startTime === undefined || e.timestamp >= startTime) &&
      (endTime === undefined || e.timestamp <= endTime) &&
      (after === undefined || compareToCursor(e, after) > 0) &&
      matches(e.message),
  );
  const page = selected.slice(0, limit);
  const last = page[page.length - 1];
  return compact({
    events: page.map(({ stream, event: e }): Json => ({
      logStreamName: stream,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: eventId(e),
    })),
    searchedLogStreams: [],
    nextToken: selected.length > page.length && last ? filterToken(last.event) : undefined,
  });
};

/** Every CloudWatch Logs operation the simulator implements. */
export const LOGS_OPERATIONS: Readonly<Record<string, Handler>> = {
  CreateLogGroup: createLogGroup,
  CreateLogStream: createLogStream,
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  PutLogEvents: putLogEvents,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
};
