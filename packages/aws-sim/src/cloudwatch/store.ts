import type { JsonObject } from '../util/json.js';
import { clone } from '../util/json.js';

/** A metric alarm's state (model `StateValue`). */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** One metric alarm: its configuration as PutMetricAlarm gave it, and its state. */
export interface MetricAlarmRecord {
  name: string;
  arn: string;
  /** PutMetricAlarm's input without AlarmName and Tags. */
  config: JsonObject;
  configUpdatedAt: number;
  state: AlarmState;
  stateReason: string;
  stateReasonData?: string;
  /** Last time the state or its reason was set (epoch ms). */
  stateUpdatedAt: number;
  /** Last time the state value changed (epoch ms). */
  stateTransitionedAt: number;
}

/** What a new alarm says before its first evaluation (docs/aws-behaviour.md#cloudwatch-alarms). */
export const INITIAL_STATE_REASON = 'Unchecked: Initial alarm creation';

/**
 * CloudWatch metric alarms of the account and region, by name. Nothing evaluates metrics here:
 * an alarm changes state only through SetAlarmState (or `setState` from a test).
 */
export class AlarmStore {
  private readonly alarms = new Map<string, MetricAlarmRecord>();

  constructor(
    private readonly region: string,
    private readonly account: string,
  ) {}

  /** `arn:aws:cloudwatch:<region>:<account>:alarm:<name>`. */
  arnOf(name: string): string {
    return `arn:aws:cloudwatch:${this.region}:${this.account}:alarm:${name}`;
  }

  /**
   * Creates the alarm in INSUFFICIENT_DATA, or replaces an existing alarm's whole configuration
   * and leaves its state alone.
   */
  put(name: string, config: JsonObject, now: number): MetricAlarmRecord {
    const existing = this.alarms.get(name);
    if (existing) {
      existing.config = clone(config);
      existing.configUpdatedAt = now;
      return existing;
    }
    const alarm: MetricAlarmRecord = {
      name,
      arn: this.arnOf(name),
      config: clone(config),
      configUpdatedAt: now,
      state: 'INSUFFICIENT_DATA',
      stateReason: INITIAL_STATE_REASON,
      stateUpdatedAt: now,
      stateTransitionedAt: now,
    };
    this.alarms.set(name, alarm);
    return alarm;
  }

  get(name: string): MetricAlarmRecord | undefined {
    return this.alarms.get(name);
  }

  /** Sets the state and its reason; undefined when there is no such alarm. */
  setState(
    name: string,
    state: AlarmState,
    reason: string,
    reasonData: string | undefined,
    now: number,
  ): MetricAlarmRecord | undefined {
    const alarm = this.alarms.get(name);
    if (!alarm) return undefined;
    if (alarm.state !== state) alarm.stateTransitionedAt = now;
    alarm.state = state;
    alarm.stateReason = reason;
    if (reasonData === undefined) delete alarm.stateReasonData;
    else alarm.stateReasonData = reasonData;
    alarm.stateUpdatedAt = now;
    return alarm;
  }

  /** Deletes the named alarms that exist; returns how many were deleted. */
  delete(names: readonly string[]): number {
    let n = 0;
    for (const name of names) if (this.alarms.delete(name)) n += 1;
    return n;
  }

  /** Every alarm, sorted by name. */
  list(): MetricAlarmRecord[] {
    return [...this.alarms.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }
}
