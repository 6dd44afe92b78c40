import type { ServerResponse } from 'node:http';
import type { AwsError } from '../errors.js';
import type { ServiceName } from '../log/request-log.js';
import { modelOf } from '../model/models.js';
import {
  encodeCborError,
  encodeCborOutput,
  RPC_V2_CBOR,
  SMITHY_PROTOCOL_HEADER,
} from '../protocol/cbor.js';
import { queryOutput } from '../protocol/query-shapes.js';
import { QUERY_XMLNS, type WireProtocol } from '../protocol/routing.js';
import { queryError, queryResponse } from '../protocol/xml.js';
import type { Json } from '../util/json.js';

/** True for the awsQuery services. */
export function isQueryService(service: ServiceName): boolean {
  return service === 'sts' || service === 'elasticloadbalancing';
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string | undefined,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    ...(contentType !== undefined ? { 'content-type': contentType } : {}),
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

const JSON_CONTENT_TYPE: Partial<Record<WireProtocol, string>> = {
  awsJson1_0: 'application/x-amz-json-1.0',
  awsJson1_1: 'application/x-amz-json-1.1',
};

/**
 * The query XML of a service whose handlers answer typed JSON (CloudWatch): timestamps as ISO
 * 8601, and no `<OpResult>` for an operation without output.
 */
function typedQueryResponse(
  service: ServiceName,
  operation: string,
  result: Json,
  requestId: string,
): string {
  const model = modelOf(service);
  const output = model.operations[operation]?.output?.shape;
  const xmlns = QUERY_XMLNS[service] ?? '';
  if (output === undefined) return queryResponse(operation, xmlns, null, requestId, false);
  return queryResponse(operation, xmlns, queryOutput(model, output, result), requestId);
}

/** A successful answer in the request's protocol. */
export function sendResult(
  res: ServerResponse,
  protocol: WireProtocol,
  service: ServiceName,
  operation: string,
  result: Json,
  requestId: string,
): void {
  if (protocol === 'awsQuery') {
    const xml =
      service === 'monitoring'
        ? typedQueryResponse(service, operation, result, requestId)
        : queryResponse(operation, QUERY_XMLNS[service] ?? '', result, requestId);
    send(res, 200, 'text/xml', xml, { 'x-amzn-RequestId': requestId });
    return;
  }
  if (protocol === 'rpcv2Cbor') {
    const model = modelOf(service);
    const output = model.operations[operation]?.output?.shape;
    // An operation without output answers an empty body (docs/aws-behaviour.md#cloudwatch-alarms).
    const body = output === undefined ? Buffer.alloc(0) : encodeCborOutput(model, output, result);
    send(res, 200, body.length > 0 ? 'application/cbor' : undefined, body, {
      'x-amzn-RequestId': requestId,
      [SMITHY_PROTOCOL_HEADER]: RPC_V2_CBOR,
    });
    return;
  }
  send(res, 200, JSON_CONTENT_TYPE[protocol], JSON.stringify(result), {
    'x-amzn-RequestId': requestId,
  });
}

/**
 * The error's shape id for `__type` and the `x-amzn-query-error` header, for a service marked
 * `awsQueryCompatible` (CloudWatch): `__type` names the model's error shape
 * (`com.amazonaws.cloudwatch#LimitExceededFault`), the header carries the query-era code and the
 * fault (`LimitExceeded;Sender`). Codes the model does not declare go out as they are.
 */
function queryCompatible(
  service: ServiceName,
  error: AwsError,
): { type: string; header: Record<string, string> } {
  const code = error.code.slice(error.code.indexOf('#') + 1);
  const model = modelOf(service);
  const shape = Object.entries(model.shapes).find(
    ([name, s]) => s.exception === true && (s.error?.code ?? name) === code,
  );
  const type = shape ? `com.amazonaws.cloudwatch#${shape[0]}` : error.code;
  const fault = error.status >= 500 ? 'Receiver' : 'Sender';
  return { type, header: { 'x-amzn-query-error': `${code};${fault}` } };
}

/** An error answer in the request's protocol (JSON or CBOR `__type` + header, or query XML). */
export function sendError(
  res: ServerResponse,
  protocol: WireProtocol,
  service: ServiceName,
  error: AwsError,
  requestId: string,
): void {
  if (protocol === 'awsQuery') {
    const xml = queryError(
      QUERY_XMLNS[service] ?? '',
      error.code,
      error.message,
      error.status,
      requestId,
    );
    send(res, error.status, 'text/xml', xml, { 'x-amzn-RequestId': requestId });
    return;
  }
  const code = error.code.slice(error.code.indexOf('#') + 1);
  const compat =
    service === 'monitoring'
      ? queryCompatible(service, error)
      : { type: error.code, header: {} as Record<string, string> };
  const headers = { 'x-amzn-RequestId': requestId, ...compat.header };
  if (protocol === 'rpcv2Cbor') {
    send(res, error.status, 'application/cbor', encodeCborError(compat.type, error.message), {
      ...headers,
      [SMITHY_PROTOCOL_HEADER]: RPC_V2_CBOR,
    });
    return;
  }
  send(
    res,
    error.status,
    JSON_CONTENT_TYPE[protocol],
    JSON.stringify({ __type: compat.type, message: error.message }),
    { ...headers, 'x-amzn-ErrorType': code },
  );
}

/** A plain JSON answer (control API). */
export function sendJson(res: ServerResponse, status: number, body: Json): void {
  send(res, status, 'application/json', JSON.stringify(body), {});
}
