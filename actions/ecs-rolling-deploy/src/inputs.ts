import {
  InputError,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseInteger,
  parseKeyValueLines,
  parseList,
  type InputReader,
} from '@ecs-deploy/action-kit';
import { MAX_ALARM_NAMES } from '@ecs-deploy/aws';
import { readWaitInputs, type WaitInputs } from '@ecs-deploy/rollout-watch';

/** The action's inputs, parsed once. */
export interface DeployInputs {
  readonly cluster: string;
  readonly service: string;
  /** Path of the rendered task definition. */
  readonly taskDefinitionPath: string;
  readonly desiredCount?: number;
  readonly forceNewDeployment: boolean;
  readonly minimumHealthyPercent?: number;
  readonly maximumPercent?: number;
  /** `keep` leaves the service's own setting. */
  readonly circuitBreaker: 'rollback' | 'on' | 'off' | 'keep';
  /** Deployment alarms to set (enabled); undefined keeps the service's own. */
  readonly alarms?: DeploymentAlarmsInput;
  /** bakeTimeInMinutes for a BLUE_GREEN, LINEAR or CANARY service; undefined keeps the service's. */
  readonly bakeTimeMinutes?: number;
  /** Extra revision tags; ours are added by the action. */
  readonly tags: ReadonlyMap<string, string>;
  readonly keepRevisions: number;
  readonly ifInProgress: 'wait' | 'fail';
  readonly inProgressTimeoutMs: number;
  /** Follow the deployment; undefined when `wait` is off. */
  readonly wait?: WaitInputs;
}

/** The `alarms` and `alarm-rollback` inputs. */
export interface DeploymentAlarmsInput {
  readonly alarmNames: readonly string[];
  readonly rollback: boolean;
}

/** CloudWatch alarm names are 1 to 255 characters (PutMetricAlarm's AlarmName). */
const MAX_ALARM_NAME_LENGTH = 255;

/**
 * `alarms` (names, comma-separated on one line or one a line) and `alarm-rollback`; undefined
 * when `alarms` is empty, which keeps the service's own alarms. At most MAX_ALARM_NAMES names:
 * the follower reads their state in one DescribeAlarms call, which takes no more.
 */
export function readAlarms(inputs: InputReader): DeploymentAlarmsInput | undefined {
  const rollback = inputs.parsed('alarm-rollback', parseBoolean, 'true or false');
  const raw = inputs.optional('alarms');
  if (raw === undefined) {
    if (!rollback)
      throw new InputError(
        'alarm-rollback',
        'is false but no alarms are given',
        'it only together with `alarms` (without them the service keeps its own alarm settings)',
      );
    return undefined;
  }
  const alarmNames = parseList(raw, { commas: true });
  const expected = `alarm names, comma-separated or one a line, at most ${MAX_ALARM_NAMES}`;
  if (alarmNames.length === 0) throw new InputError('alarms', 'names no alarm', expected);
  if (alarmNames.length > MAX_ALARM_NAMES)
    throw new InputError('alarms', `names ${alarmNames.length} alarms`, expected);
  const seen = new Set<string>();
  for (const name of alarmNames) {
    if (name.length > MAX_ALARM_NAME_LENGTH)
      throw new InputError(
        'alarms',
        `has a name of ${name.length} characters ("${name.slice(0, 40)}…")`,
        `names of at most ${MAX_ALARM_NAME_LENGTH} characters`,
      );
    if (seen.has(name)) throw new InputError('alarms', `names "${name}" twice`, expected);
    seen.add(name);
  }
  return { alarmNames, rollback };
}

/** ECS's bakeTimeInMinutes: whole minutes, 0 to 1440 (docs/aws-behaviour.md#native-deployment-strategies). */
const MAX_BAKE_MINUTES = 1440;

/** The `bake-time` input (a duration) in whole minutes. */
export function readBakeTime(name: string, raw: string): number {
  const expected = `whole minutes from 0m to ${MAX_BAKE_MINUTES / 60}h (ECS counts bake time in minutes)`;
  const ms = parseDuration(name, raw);
  if (ms % 60_000 !== 0) throw new InputError(name, `is "${raw}", not whole minutes`, expected);
  const minutes = ms / 60_000;
  if (minutes > MAX_BAKE_MINUTES) throw new InputError(name, `is ${minutes} minutes`, expected);
  return minutes;
}

/** Reads and checks every input before anything is called. */
export function readInputs(inputs: InputReader): DeployInputs {
  const bool = (name: string): boolean => inputs.parsed(name, parseBoolean, 'true or false');
  const minimum = inputs.maybe('minimum-healthy-percent', (name, raw) =>
    parseInteger(name, raw, { min: 0, max: 100 }),
  );
  const maximum = inputs.maybe('maximum-percent', (name, raw) =>
    parseInteger(name, raw, { min: 100, max: 200 }),
  );
  const alarms = readAlarms(inputs);
  const bakeTimeMinutes = inputs.maybe('bake-time', readBakeTime);
  const tags =
    inputs.maybe('tags', (name, raw) => parseKeyValueLines(name, raw, /^[\w.:/=+\-@ ]{1,128}$/)) ??
    new Map<string, string>();
  for (const [key, value] of tags) {
    if (key.startsWith('aws:'))
      throw new InputError(
        'tags',
        `has the key "${key}"`,
        'keys that do not start with aws: (reserved by AWS)',
      );
    if (value.length > 256)
      throw new InputError(
        'tags',
        `has a value of ${value.length} characters for "${key}"`,
        'values of at most 256 characters',
      );
  }
  return {
    cluster: inputs.required('cluster', 'the ECS cluster name or ARN'),
    service: inputs.required('service', 'the ECS service name or ARN'),
    taskDefinitionPath: inputs.required(
      'task-definition',
      'the path of a task definition file (the task-definition output of render-task-def)',
    ),
    ...(inputs.optional('desired-count') === undefined
      ? {}
      : {
          desiredCount: inputs.parsed(
            'desired-count',
            (n, r) => parseInteger(n, r, { min: 0, max: 5000 }),
            'a whole number of tasks',
          ),
        }),
    forceNewDeployment: bool('force-new-deployment'),
    ...(minimum === undefined ? {} : { minimumHealthyPercent: minimum }),
    ...(maximum === undefined ? {} : { maximumPercent: maximum }),
    circuitBreaker: inputs.parsed(
      'circuit-breaker',
      (n, r) => parseChoice(n, r, ['rollback', 'on', 'off', 'keep'] as const),
      'rollback, on, off or keep',
    ),
    ...(alarms === undefined ? {} : { alarms }),
    ...(bakeTimeMinutes === undefined ? {} : { bakeTimeMinutes }),
    tags,
    keepRevisions: inputs.parsed(
      'keep-revisions',
      (n, r) => parseInteger(n, r, { min: 0, max: 1000 }),
      'a whole number (0 keeps all)',
    ),
    ifInProgress: inputs.parsed(
      'if-deployment-in-progress',
      (n, r) => parseChoice(n, r, ['wait', 'fail'] as const),
      'wait or fail',
    ),
    inProgressTimeoutMs: inputs.parsed(
      'in-progress-timeout',
      parseDuration,
      'a duration such as 10m',
    ),
    ...(bool('wait') ? { wait: readWaitInputs(inputs) } : {}),
  };
}
