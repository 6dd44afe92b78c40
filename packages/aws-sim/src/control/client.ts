import type { Seed } from '../seed/types.js';
import { httpRequest } from '../util/http.js';
import type {
  FaultRule,
  LogEntry,
  LogFilter,
  PushImageRequest,
  RateLimitSettings,
  ScenarioRule,
  SimState,
} from './types.js';

/** Error from the control API (bad request or unknown endpoint). */
export class SimControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimControlError';
  }
}

/** A typed client of the simulator's control API (`/_sim/...`), usable from any process. */
export class SimControlClient {
  constructor(readonly endpoint: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(`/_sim/${path}`, this.endpoint);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = payload
      ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
      : {};
    const res = await httpRequest(method, url, headers, payload);
    const parsed: unknown = res.body.length > 0 ? JSON.parse(res.body.toString('utf8')) : {};
    if (res.status !== 200) {
      const message =
        typeof parsed === 'object' && parsed !== null && 'error' in parsed
          ? String(parsed.error)
          : `HTTP ${res.status}`;
      throw new SimControlError(res.status, message);
    }
    return parsed as T;
  }

  /** True when the simulator answers. */
  async health(): Promise<boolean> {
    return (await this.call<{ ok: boolean }>('GET', 'health')).ok;
  }

  /** Recorded API calls matching the filter. */
  async log(filter: LogFilter = {}): Promise<LogEntry[]> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, String(v));
    const qs = q.toString();
    return (await this.call<{ entries: LogEntry[] }>('GET', `log${qs ? `?${qs}` : ''}`)).entries;
  }

  /** Forgets the recorded calls. */
  async clearLog(): Promise<void> {
    await this.call('DELETE', 'log');
  }

  /** Adds a fault rule (e.g. `{ target: 'ecs:DescribeServices', kind: 'throttle', times: 2 }`). */
  async addFault(rule: FaultRule): Promise<void> {
    await this.call('POST', 'faults', rule);
  }

  /** The fault rules in force. */
  async faults(): Promise<FaultRule[]> {
    return (await this.call<{ rules: FaultRule[] }>('GET', 'faults')).rules;
  }

  /** Removes every fault rule. */
  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  /** Switches ECS's token-bucket rate limits on or off. */
  async setRateLimits(settings: RateLimitSettings): Promise<void> {
    await this.call('PUT', 'rate-limits', settings);
  }

  /** Sets how an image behaves from now on (by digest or `repository:tag`). */
  async setScenario(rule: ScenarioRule): Promise<void> {
    await this.call('POST', 'scenarios', rule);
  }

  /** Removes every run-time scenario rule. */
  async clearScenarios(): Promise<void> {
    await this.call('DELETE', 'scenarios');
  }

  /** Moves simulated time forward by `seconds`. */
  async advance(seconds: number): Promise<{ now: number }> {
    return this.call('POST', 'clock/advance', { seconds });
  }

  /** Changes the clock's speed factor (scaled clock only). */
  async setSpeed(speed: number): Promise<{ now: number }> {
    return this.call('PUT', 'clock/speed', { speed });
  }

  /** Current simulated time and speed. */
  async time(): Promise<{ now: number; speed?: number }> {
    return this.call('GET', 'clock');
  }

  /** Adds the resources of a seed. */
  async applySeed(seed: Seed): Promise<void> {
    await this.call('POST', 'seed', seed);
  }

  /** Pushes a synthetic image and returns its digest. */
  async pushImage(image: PushImageRequest): Promise<string> {
    return (await this.call<{ digest: string }>('POST', 'images', image)).digest;
  }

  /** A compact view of all services. */
  async state(): Promise<SimState> {
    return this.call('GET', 'state');
  }
}
