import { SimConfigError } from '../errors.js';
import type { FaultKind, FaultRule } from '../faults/faults.js';
import type { LogFilter, ServiceName } from '../log/request-log.js';
import { checkSeed } from '../seed/parse.js';
import type { Json } from '../util/json.js';
import { isObject } from '../util/json.js';
import type { PushImageRequest, ScenarioRule } from './types.js';
import type { Simulator } from '../simulator.js';

/** The path prefix of the control API: no AWS protocol posts there. */
export const CONTROL_PREFIX = '/_sim/';

/** A control API answer. */
export interface ControlReply {
  status: number;
  body: Json;
}

const FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'server-error',
  'reset',
  'latency',
  'expired-token',
  'access-denied',
];

function faultRule(v: unknown): FaultRule {
  if (!isObject(v) || typeof v.target !== 'string' || typeof v.kind !== 'string') {
    throw new SimConfigError('a fault rule needs `target` (e.g. ecs:DescribeServices) and `kind`');
  }
  if (!FAULT_KINDS.includes(v.kind as FaultKind)) {
    throw new SimConfigError(`unknown fault kind '${v.kind}' (expected ${FAULT_KINDS.join(', ')})`);
  }
  return v as unknown as FaultRule;
}

function logFilter(q: URLSearchParams): LogFilter {
  const f: LogFilter = {};
  const service = q.get('service');
  if (service) f.service = service as ServiceName;
  const op = q.get('operation');
  if (op) f.operation = op;
  const mutating = q.get('mutating');
  if (mutating) f.mutating = mutating === 'true';
  const after = q.get('afterSeq');
  if (after) f.afterSeq = Number(after);
  return f;
}

/** Serves one control API request. */
export async function handleControl(
  sim: Simulator,
  method: string,
  url: URL,
  body: string,
): Promise<ControlReply> {
  const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
  const input: unknown = body.trim() === '' ? {} : JSON.parse(body);
  const ok = (b: Json = { ok: true }): ControlReply => ({ status: 200, body: b });
  switch (`${method} ${path}`) {
    case 'GET health':
      return ok({ ok: true, endpoint: sim.endpoint });
    case 'GET log':
      return ok({ entries: sim.log.entries(logFilter(url.searchParams)) as unknown as Json });
    case 'DELETE log':
      sim.log.clear();
      return ok();
    case 'GET faults':
      return ok({ rules: sim.faults.list() as unknown as Json });
    case 'POST faults':
      for (const r of Array.isArray(input) ? input : [input]) sim.faults.add(faultRule(r));
      return ok();
    case 'DELETE faults':
      sim.faults.clear();
      return ok();
    case 'PUT rate-limits': {
      const enabled = isObject(input) && input.enabled === true;
      const scale = isObject(input) && typeof input.scale === 'number' ? input.scale : undefined;
      sim.faults.setRateLimits({ enabled, ...(scale !== undefined ? { scale } : {}) });
      return ok();
    }
    case 'POST scenarios':
      for (const r of Array.isArray(input) ? input : [input]) sim.setScenario(r as ScenarioRule);
      return ok();
    case 'DELETE scenarios':
      sim.ctx.world.scenarios.clear();
      return ok();
    case 'GET clock':
      return ok(sim.timeInfo());
    case 'POST clock/advance': {
      const seconds = isObject(input) && typeof input.seconds === 'number' ? input.seconds : NaN;
      if (!(seconds >= 0)) throw new SimConfigError('advance needs { "seconds": <number ≥ 0> }');
      sim.advance(seconds);
      return ok(sim.timeInfo());
    }
    case 'PUT clock/speed': {
      const speed = isObject(input) && typeof input.speed === 'number' ? input.speed : NaN;
      sim.setSpeed(speed);
      return ok(sim.timeInfo());
    }
    case 'GET state':
      return ok(sim.state() as unknown as Json);
    case 'POST seed':
      await sim.applySeed(checkSeed(input, 'control seed'));
      return ok();
    case 'POST images':
      return ok({ digest: await sim.pushImage(input as PushImageRequest) });
    default:
      return { status: 404, body: { error: `no control endpoint ${method} ${url.pathname}` } };
  }
}
