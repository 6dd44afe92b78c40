import type { ServerResponse } from 'node:http';
import type { AwsError } from '../errors.js';
import { QUERY_XMLNS } from '../protocol/routing.js';
import { queryError, queryResponse } from '../protocol/xml.js';
import type { ServiceName } from '../log/request-log.js';
import type { Json } from '../util/json.js';

/** True for the awsQuery services. */
export function isQueryService(service: ServiceName): boolean {
  return service === 'sts' || service === 'elasticloadbalancing';
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/** A successful answer in the service's protocol. */
export function sendResult(
  res: ServerResponse,
  service: ServiceName,
  operation: string,
  result: Json,
  requestId: string,
): void {
  if (isQueryService(service)) {
    const xml = queryResponse(operation, QUERY_XMLNS[service] ?? '', result, requestId);
    send(res, 200, 'text/xml', xml, { 'x-amzn-RequestId': requestId });
    return;
  }
  send(res, 200, 'application/x-amz-json-1.1', JSON.stringify(result), {
    'x-amzn-RequestId': requestId,
  });
}

/** An error answer in the service's protocol (JSON `__type` + header, or query XML). */
export function sendError(
  res: ServerResponse,
  service: ServiceName,
  error: AwsError,
  requestId: string,
): void {
  if (isQueryService(service)) {
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
  send(
    res,
    error.status,
    'application/x-amz-json-1.1',
    JSON.stringify({ __type: error.code, message: error.message }),
    {
      'x-amzn-RequestId': requestId,
      'x-amzn-ErrorType': code,
    },
  );
}

/** A plain JSON answer (control API). */
export function sendJson(res: ServerResponse, status: number, body: Json): void {
  send(res, status, 'application/json', JSON.stringify(body), {});
}
