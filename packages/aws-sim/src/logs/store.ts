/**
 * CloudWatch Logs state: log groups → log streams → events (pure; no I/O, no clock of its own).
 *
 * Events may be appended ahead of time with future timestamps (a container's output planned on
 * the simulated clock). Every read takes `now` and sees only the events whose timestamp has been
 * reached; an event's ingestionTime is the later of its timestamp and the time it was appended
 * (docs/aws-behaviour.md#cloudwatch-logs).
 */

/** One log event as stored. Events of a stream are ordered by (timestamp, seq). */
export interface StoredEvent {
  readonly timestamp: number;
  readonly message: string;
  /** When CloudWatch took the event in: max(timestamp, time appended). */
  readonly ingestionTime: number;
  /** Store-wide insertion counter: breaks timestamp ties and identifies the event. */
  readonly seq: number;
}

/** A visible event together with the stream it belongs to (FilterLogEvents). */
export interface GroupEvent {
  readonly stream: string;
  readonly event: StoredEvent;
}

/** What DescribeLogGroups shows of a group. */
export interface GroupSummary {
  readonly name: string;
  readonly creationTime: number;
  readonly logGroupClass: LogGroupClass;
}

/** What DescribeLogStreams shows of a stream at a given time (event fields: visible events only). */
export interface StreamSummary {
  readonly name: string;
  readonly creationTime: number;
  readonly firstEventTimestamp?: number;
  readonly lastEventTimestamp?: number;
  readonly lastIngestionTime?: number;
}

/** The log classes of the model's LogGroupClass enum. */
export type LogGroupClass = 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';

interface StreamRecord {
  readonly name: string;
  readonly creationTime: number;
  readonly events: StoredEvent[];
}

interface GroupRecord {
  readonly name: string;
  readonly creationTime: number;
  readonly logGroupClass: LogGroupClass;
  readonly streams: Map<string, StreamRecord>;
}

/** Orders two events of the store: by timestamp, then by insertion. */
export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

/** Index of the first event with timestamp > t (events sorted by timestamp). */
function firstAfter(events: readonly StoredEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid]?.timestamp ?? 0) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** All log groups of one account and region. */
export class LogStore {
  private readonly groups = new Map<string, GroupRecord>();
  private seq = 0;

  /** Creates the group if it does not exist yet. */
  ensureGroup(name: string, now: number): void {
    if (!this.groups.has(name)) this.createGroup(name, now);
  }

  /** Creates a group; false when it already exists (nothing changes then). */
  createGroup(name: string, now: number, logGroupClass: LogGroupClass = 'STANDARD'): boolean {
    if (this.groups.has(name)) return false;
    this.groups.set(name, { name, creationTime: now, logGroupClass, streams: new Map() });
    return true;
  }

  /** Creates a stream in an existing group. */
  createStream(group: string, stream: string, now: number): 'created' | 'exists' | 'no-group' {
    const g = this.groups.get(group);
    if (!g) return 'no-group';
    if (g.streams.has(stream)) return 'exists';
    g.streams.set(stream, { name: stream, creationTime: now, events: [] });
    return 'created';
  }

  hasGroup(group: string): boolean {
    return this.groups.has(group);
  }

  hasStream(group: string, stream: string): boolean {
    return this.groups.get(group)?.streams.has(stream) ?? false;
  }

  /**
   * Adds events to a stream, creating the group and the stream (creationTime `now`) when missing.
   * Timestamps may lie in the future: such events stay invisible until a read's `now` reaches
   * them. The stream stays ordered by timestamp; equal timestamps keep their append order.
   */
  append(
    group: string,
    stream: string,
    events: readonly { timestamp: number; message: string }[],
    now: number,
  ): void {
    this.ensureGroup(group, now);
    if (!this.hasStream(group, stream)) this.createStream(group, stream, now);
    const record = this.groups.get(group)?.streams.get(stream);
    if (!record) return;
    for (const e of events) {
      this.seq += 1;
      const stored: StoredEvent = {
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: Math.max(e.timestamp, now),
        seq: this.seq,
      };
      record.events.splice(firstAfter(record.events, e.timestamp), 0, stored);
    }
  }

  /** Removes the stream's events with timestamp > t (a task stopped early writes nothing more). */
  dropAfter(group: string, stream: string, t: number): void {
    const record = this.groups.get(group)?.streams.get(stream);
    if (!record) return;
    record.events.length = firstAfter(record.events, t);
  }

  /** Every group, by name. */
  listGroups(): GroupSummary[] {
    return [...this.groups.values()]
      .map(({ name, creationTime, logGroupClass }) => ({ name, creationTime, logGroupClass }))
      .sort(byName);
  }

  /** The group's streams by name, with the event times visible at `now`; undefined: no group. */
  listStreams(group: string, now: number): StreamSummary[] | undefined {
    const g = this.groups.get(group);
    if (!g) return undefined;
    return [...g.streams.values()].map((s) => summarize(s, now)).sort(byName);
  }

  /** The stream's events visible at `now`, in order; undefined when group or stream is missing. */
  visibleEvents(group: string, stream: string, now: number): readonly StoredEvent[] | undefined {
    const record = this.groups.get(group)?.streams.get(stream);
    if (!record) return undefined;
    return record.events.slice(0, firstAfter(record.events, now));
  }

  /**
   * The visible events of the group's streams that `includeStream` accepts, merged in (timestamp,
   * insertion) order; undefined when the group is missing.
   */
  visibleGroupEvents(
    group: string,
    now: number,
    includeStream: (name: string) => boolean = () => true,
  ): GroupEvent[] | undefined {
    const g = this.groups.get(group);
    if (!g) return undefined;
    const out: GroupEvent[] = [];
    for (const s of g.streams.values()) {
      if (!includeStream(s.name)) continue;
      for (const event of s.events.slice(0, firstAfter(s.events, now)))
        out.push({ stream: s.name, event });
    }
    return out.sort((a, b) => compareEvents(a.event, b.event));
  }
}

function summarize(s: StreamRecord, now: number): StreamSummary {
  const visible = s.events.slice(0, firstAfter(s.events, now));
  const first = visible[0];
  const last = visible[visible.length - 1];
  if (!first || !last) return { name: s.name, creationTime: s.creationTime };
  return {
    name: s.name,
    creationTime: s.creationTime,
    firstEventTimestamp: first.timestamp,
    lastEventTimestamp: last.timestamp,
    lastIngestionTime: visible.reduce((m, e) => Math.max(m, e.ingestionTime), 0),
  };
}
