import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { AwsError } from '../errors.js';
import type { FaultInjector } from '../faults/faults.js';
import { uuid } from '../ids.js';
import type { RequestLog, ServiceName } from '../log/request-log.js';
import type { ModelChecker } from '../model/check.js';
import { modelOf } from '../model/models.js';
import { decodeCborInput, parseRpcV2Path } from '../protocol/cbor.js';
import { typedQueryInput } from '../protocol/query-shapes.js';
import { parseQueryBody } from '../protocol/query.js';
import {
  jsonProtocolOf,
  routeJsonTarget,
  routeQuery,
  serviceOfPrefix,
  type WireProtocol,
} from '../protocol/routing.js';
import type { Handler, SimContext } from '../state/context.js';
import type { JsonObject } from '../util/json.js';
import { isObject } from '../util/json.js';
import { isQueryService, sendError, sendResult } from './respond.js';

/** Operation tables by service. */
export type OperationTables = Readonly<Record<ServiceName, Readonly<Record<string, Handler>>>>;

/** What the API dispatcher needs. */
export interface ApiDeps {
  ctx: SimContext;
  operations: OperationTables;
  log: RequestLog;
  faults: FaultInjector;
  /** Validates requests and responses against the AWS models. */
  models: ModelChecker;
}

interface Routed {
  service: ServiceName;
  /** The protocol the request came in, and the answer goes out, in. */
  protocol: WireProtocol;
  operation: string;
  input: JsonObject;
  /** Set when the request cannot be routed to an implemented operation. */
  error?: AwsError;
}

function unknownJsonOperation(target: string): AwsError {
  // AWS answers an unknown x-amz-target with coral's UnknownOperationException (HTTP 400).
  return new AwsError(
    'com.amazon.coral.service#UnknownOperationException',
    `Unknown operation ${target}: the simulator does not implement it.`,
  );
}

/** `POST /service/<prefix>/operation/<Operation>` with a CBOR body (rpc-v2-cbor). */
function routeRpcV2(
  prefix: string,
  operation: string,
  raw: Buffer,
  operations: OperationTables,
): Routed {
  const known = serviceOfPrefix(prefix);
  const service = known ?? 'monitoring';
  const protocol: WireProtocol = 'rpcv2Cbor';
  let input: JsonObject;
  try {
    input = decodeCborInput(raw);
  } catch {
    return {
      service,
      protocol,
      operation,
      input: {},
      error: new AwsError('SerializationException', 'Malformed CBOR in the request body.'),
    };
  }
  if (!known || !(operation in operations[known])) {
    return {
      service,
      protocol,
      operation,
      input,
      error: unknownJsonOperation(`${prefix}.${operation}`),
    };
  }
  return { service, protocol, operation, input };
}

/** Works out protocol, service, operation and input from the raw request. */
export function route(req: IncomingMessage, raw: Buffer, operations: OperationTables): Routed {
  const rpc = parseRpcV2Path(new URL(req.url ?? '/', 'http://sim').pathname);
  if (rpc) return routeRpcV2(rpc.prefix, rpc.operation, raw, operations);
  const body = raw.toString('utf8');
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const { service, operation } = routeJsonTarget(target);
    const protocol = jsonProtocolOf(service);
    let input: JsonObject = {};
    try {
      const parsed: unknown = body.trim() === '' ? {} : JSON.parse(body);
      if (isObject(parsed)) input = parsed;
    } catch {
      return {
        service: service ?? 'ecs',
        protocol,
        operation,
        input,
        error: new AwsError('SerializationException', 'Malformed JSON in the request body.'),
      };
    }
    if (!service || !(operation in operations[service])) {
      return {
        service: service ?? 'ecs',
        protocol,
        operation,
        input,
        error: unknownJsonOperation(target),
      };
    }
    return { service, protocol, operation, input };
  }
  const protocol: WireProtocol = 'awsQuery';
  const input = parseQueryBody(body);
  const action = typeof input.Action === 'string' ? input.Action : '';
  const version = typeof input.Version === 'string' ? input.Version : undefined;
  const service = routeQuery(
    action,
    version,
    req.headers.authorization,
    (s, a) => a in operations[s],
  );
  if (!(action in operations[service])) {
    return {
      service,
      protocol,
      operation: action || 'Unknown',
      input,
      error: new AwsError(
        'InvalidAction',
        `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`,
      ),
    };
  }
  return { service, protocol, operation: action, input };
}

/**
 * The input a handler gets. CloudWatch's handlers serve three protocols and take typed JSON: its
 * query form is converted by the model (the query-only services' handlers read the strings).
 */
function handlerInput(
  service: ServiceName,
  operation: string,
  protocol: WireProtocol,
  input: JsonObject,
): JsonObject {
  if (service !== 'monitoring' || protocol !== 'awsQuery') return input;
  const model = modelOf(service);
  const members: JsonObject = { ...input };
  delete members.Action;
  delete members.Version;
  const typed = typedQueryInput(model, model.operations[operation]?.input?.shape, members);
  return isObject(typed) ? typed : {};
}

function attemptOf(req: IncomingMessage): number | undefined {
  const m = /attempt=(\d+)/.exec(String(req.headers['amz-sdk-request'] ?? ''));
  return m ? Number(m[1]) : undefined;
}

/**
 * Handles one AWS API request end to end: route, faults, model check of the request, catch the
 * world up, handler, model check of the response, log.
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  deps: ApiDeps,
): Promise<void> {
  const requestId = uuid();
  const arrived = Date.now();
  const routed = route(req, body, deps.operations);
  const { service, operation, protocol } = routed;
  const invocation = req.headers['amz-sdk-invocation-id'];
  const attempt = attemptOf(req);
  const record = (status: number, error?: string): void => {
    deps.log.record({
      service,
      operation,
      protocol,
      params: routed.input,
      time: arrived,
      simTime: deps.ctx.engine.time,
      requestId,
      ...(typeof invocation === 'string' ? { invocationId: invocation } : {}),
      ...(attempt !== undefined ? { attempt } : {}),
      status,
      ...(error !== undefined ? { error } : {}),
    });
  };
  if (routed.error) {
    sendError(res, protocol, service, routed.error, requestId);
    record(routed.error.status, routed.error.code);
    return;
  }
  const decision = deps.faults.decide(service, operation);
  if (decision.latencyMs > 0) await delay(decision.latencyMs);
  if (decision.reset) {
    record(0, 'ConnectionReset');
    req.socket.destroy();
    return;
  }
  if (decision.error) {
    sendError(res, protocol, service, decision.error, requestId);
    record(decision.error.status, decision.error.code);
    return;
  }
  const invalid = deps.models.checkRequest(service, operation, routed.input, protocol);
  if (invalid) {
    sendError(res, protocol, service, invalid, requestId);
    record(invalid.status, invalid.code);
    return;
  }
  const input = handlerInput(service, operation, protocol, routed.input);
  deps.ctx.engine.sync();
  const handler = deps.operations[service][operation];
  try {
    if (!handler) throw new AwsError('InvalidAction', `Could not find operation ${operation}`);
    const result = await handler(input, deps.ctx, deps.ctx.engine.time);
    const broken = deps.models.checkResponse(service, operation, result, requestId);
    if (broken) {
      sendError(res, protocol, service, broken, requestId);
      record(broken.status, broken.code);
      return;
    }
    sendResult(res, protocol, service, operation, result, requestId);
    record(200);
  } catch (e) {
    const err =
      e instanceof AwsError
        ? e
        : new AwsError(
            isQueryService(service) || service === 'monitoring'
              ? 'InternalFailure'
              : 'ServerException',
            `Simulator error: ${e instanceof Error ? e.message : String(e)}`,
            500,
          );
    const answer = deps.models.checkError(service, operation, err, requestId) ?? err;
    sendError(res, protocol, service, answer, requestId);
    record(answer.status, answer.code);
  }
}
