// Deployment alarms (deploymentConfiguration.alarms): which are watched, when their state is worth
// reading (DescribeAlarms), and how an alarm that failed our deployment is told
// (docs/aws-behaviour.md#deployment-alarms).
import { findDeployment } from './deployments.js';
import { epochMs } from './format.js';
import { newEvents } from './reads.js';
import type { AlarmObservation, DeploymentObservation, ServiceObservation } from './types.js';
import type { AlarmState } from './verdict.js';

/** The alarms ECS watches in this service's deployments: their names when enabled, else none. */
export function watchedAlarms(service: ServiceObservation | undefined): readonly string[] {
  const alarms = service?.deploymentConfiguration?.alarms;
  if (alarms?.enable !== true) return [];
  return [...new Set((alarms.alarmNames ?? []).filter((name) => name !== ''))];
}

const alarmNews = /\balarms?\b/i;

/** True when a text (rolloutStateReason, event) tells of an alarm failing a deployment. */
export function mentionsAlarm(text: string | undefined): boolean {
  return text !== undefined && alarmNews.test(text);
}

function rollout(d: DeploymentObservation | undefined): string {
  return `${d?.status ?? '-'} ${d?.rolloutState ?? '-'} ${d?.rolloutStateReason ?? '-'}`;
}

/**
 * Why the alarms' state is worth reading now, or undefined. Only while the service names alarms
 * (none: never). On the first poll; when our deployment's status, rolloutState or
 * rolloutStateReason changed, or a new event mentions an alarm, since `previous`; and whenever
 * the last read is `every` ms old.
 */
export function alarmsTrigger(
  previous: ServiceObservation | undefined,
  service: ServiceObservation,
  oursId: string,
  sinceLastRead: number,
  every: number,
): string | undefined {
  if (watchedAlarms(service).length === 0) return undefined;
  if (previous === undefined) return 'first poll';
  const ours = findDeployment(service, oursId);
  const before = findDeployment(previous, oursId);
  if (rollout(ours) !== rollout(before)) return 'our rollout state changed';
  if (newEvents(previous, service).some((e) => mentionsAlarm(e.message))) {
    return 'an event tells of an alarm';
  }
  if (JSON.stringify(watchedAlarms(previous)) !== JSON.stringify(watchedAlarms(service))) {
    return 'the alarms changed';
  }
  if (sinceLastRead >= every) return 'last read is old';
  return undefined;
}

/** `12:03:10Z` — the UTC time of day an alarm changed state. */
function clockTime(at: Date | undefined): string | undefined {
  const ms = epochMs(at);
  return ms === undefined ? undefined : `${new Date(ms).toISOString().slice(11, 19)}Z`;
}

/**
 * The watched alarms with their last read state, in the service's order; `undefined` state for
 * an alarm never read, `MISSING` for one DescribeAlarms did not return.
 */
export function alarmStates(
  names: readonly string[],
  read: readonly AlarmObservation[] | undefined,
): AlarmState[] {
  return names.map((name) => {
    const alarm = read?.find((a) => a.AlarmName === name);
    const state: AlarmState = { name };
    if (read === undefined) return state;
    state.state = alarm?.StateValue ?? 'MISSING';
    if (alarm?.StateReason !== undefined) state.reason = alarm.StateReason;
    const since = epochMs(alarm?.StateUpdatedTimestamp);
    if (since !== undefined) state.since = new Date(since).toISOString();
    return state;
  });
}

/** One alarm as a line: `web-5xx: ALARM since 12:03:10Z (Threshold Crossed: …)`. */
export function alarmLine(alarm: AlarmState): string {
  const since = alarm.since === undefined ? '' : ` since ${clockTime(new Date(alarm.since)) ?? ''}`;
  const why = alarm.reason === undefined ? '' : ` (${alarm.reason})`;
  return `${alarm.name}: ${alarm.state ?? 'not read'}${since}${why}`;
}

/**
 * The alarms that can have failed a deployment created at `createdAt`: the watched ones in ALARM
 * that went there at or after it (ECS ignores an alarm already in ALARM when the deployment
 * starts); any watched one in ALARM when none qualifies by time.
 */
export function firedAlarms(
  names: readonly string[],
  read: readonly AlarmObservation[] | undefined,
  createdAt: Date | undefined,
): AlarmObservation[] {
  const inAlarm = (read ?? []).filter(
    (a) => a.StateValue === 'ALARM' && a.AlarmName !== undefined && names.includes(a.AlarmName),
  );
  const created = epochMs(createdAt);
  const since = inAlarm.filter(
    (a) => created === undefined || (epochMs(a.StateUpdatedTimestamp) ?? created) >= created,
  );
  return since.length > 0 ? since : inAlarm;
}

/** `alarm web-5xx went to ALARM at 12:03:10Z: Threshold Crossed: …` */
export function firedLine(alarm: AlarmObservation): string {
  const at = clockTime(alarm.StateUpdatedTimestamp);
  const when = at === undefined ? '' : ` at ${at}`;
  const why = alarm.StateReason === undefined ? '' : `: ${alarm.StateReason}`;
  return `alarm ${alarm.AlarmName ?? '?'} went to ALARM${when}${why}`;
}

/**
 * What to say about the alarms when ECS failed our deployment, or undefined when no alarm had a
 * part in it: the alarms that fired, when ECS's reason or event names an alarm or a watched alarm
 * is in ALARM; when ECS blames an alarm that was not read in ALARM, that it was not.
 */
export function alarmFailure(
  service: ServiceObservation,
  read: readonly AlarmObservation[] | undefined,
  ours: DeploymentObservation | undefined,
  ecsSays: readonly (string | undefined)[],
): { lines: string[]; blamed: boolean } | undefined {
  const names = watchedAlarms(service);
  const blamed = ecsSays.some(mentionsAlarm);
  if (names.length === 0 && !blamed) return undefined;
  const fired = firedAlarms(names, read, ours?.createdAt);
  if (fired.length > 0) return { lines: fired.map(firedLine), blamed };
  if (!blamed) return undefined;
  const which = names.length === 0 ? 'its alarms' : names.join(', ');
  const state = read === undefined ? 'were not read' : 'are not in ALARM as last read';
  return { lines: [`${which} ${state}`], blamed };
}
