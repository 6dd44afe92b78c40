import type { WireProtocol } from '../protocol/wire.js';
import type { Json } from '../util/json.js';

/** The AWS service a request was routed to (the SigV4 signing name). */
export type ServiceName = 'ecs' | 'ecr' | 'sts' | 'elasticloadbalancing' | 'logs' | 'monitoring';

/** One recorded API call. */
export interface LogEntry {
  /** 1-based position in the log. */
  readonly seq: number;
  readonly service: ServiceName;
  readonly operation: string;
  /** The protocol the request came in (and was answered) in. */
  readonly protocol: WireProtocol;
  /** The request parameters as parsed (JSON body, or the nested awsQuery form). */
  readonly params: Json;
  /** Wall-clock time the request arrived, epoch ms. */
  readonly time: number;
  /** Simulated time the request was handled at, epoch ms. */
  readonly simTime: number;
  readonly requestId: string;
  /** `amz-sdk-invocation-id`: the same on every retry of one SDK call. */
  readonly invocationId?: string;
  /** N from `amz-sdk-request: attempt=N; max=M`. */
  readonly attempt?: number;
  /** HTTP status answered, or 0 when the connection was reset. */
  readonly status: number;
  /** Error code, when the call failed. */
  readonly error?: string;
  /** True when the operation changes state (see isMutating). */
  readonly mutating: boolean;
}

const READ_PREFIXES = ['Describe', 'List', 'Get', 'BatchGet', 'BatchCheck'];

/** True for operations that can change state: anything not a Describe/List/Get/BatchGet call. */
export function isMutating(operation: string): boolean {
  return !READ_PREFIXES.some((p) => operation.startsWith(p));
}

/** Filter for RequestLog.entries; every given field must match. */
export interface LogFilter {
  service?: ServiceName;
  operation?: string;
  mutating?: boolean;
  /** Only entries with seq greater than this (for "since a mark" assertions). */
  afterSeq?: number;
}

/** Every call the simulator answered, in arrival order. */
export class RequestLog {
  private readonly items: LogEntry[] = [];
  private seq = 0;

  /** Appends an entry and returns it with its sequence number. */
  record(entry: Omit<LogEntry, 'seq' | 'mutating'>): LogEntry {
    this.seq += 1;
    const full: LogEntry = { ...entry, seq: this.seq, mutating: isMutating(entry.operation) };
    this.items.push(full);
    return full;
  }

  /** Entries matching the filter (all when none). */
  entries(filter: LogFilter = {}): LogEntry[] {
    return this.items.filter(
      (e) =>
        (filter.service === undefined || e.service === filter.service) &&
        (filter.operation === undefined || e.operation === filter.operation) &&
        (filter.mutating === undefined || e.mutating === filter.mutating) &&
        (filter.afterSeq === undefined || e.seq > filter.afterSeq),
    );
  }

  /** The sequence number of the latest entry (0 when none yet): a mark for `afterSeq`. */
  mark(): number {
    return this.seq;
  }

  /** Forgets the entries recorded so far; sequence numbers keep increasing. */
  clear(): void {
    this.items.length = 0;
  }
}
