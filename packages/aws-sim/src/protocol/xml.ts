import type { Json } from '../util/json.js';
import { isObject } from '../util/json.js';

/** Escapes text for an XML element body. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Renders a JSON value as awsQuery XML: members as elements, lists as `<member>` items. */
export function toXml(value: Json): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (isObject(value)) {
    let out = '';
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined || child === null) continue;
      out += `<${key}>${toXml(child)}</${key}>`;
    }
    return out;
  }
  return escapeXml(String(value));
}

/** A successful awsQuery response document (without `<ActionResult>` when `withResult` is false). */
export function queryResponse(
  action: string,
  xmlns: string,
  result: Json,
  requestId: string,
  withResult = true,
): string {
  const body = withResult ? `<${action}Result>${toXml(result)}</${action}Result>` : '';
  return (
    `<${action}Response xmlns="${xmlns}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** An awsQuery error document (`Type` is Sender for 4xx, Receiver for 5xx). */
export function queryError(
  xmlns: string,
  code: string,
  message: string,
  status: number,
  requestId: string,
): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
