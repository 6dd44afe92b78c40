import { randomBytes, randomUUID } from 'node:crypto';

/** A request id / event id, formatted as AWS does (a UUID). */
export function uuid(): string {
  return randomUUID();
}

/** A deployment id: `ecs-svc/` and 19 decimal digits. */
export function deploymentId(): string {
  return `ecs-svc/${digits(19)}`;
}

/** 19 random decimal digits, never starting with 0. */
export function digits(n: number): string {
  const bytes = randomBytes(n);
  let out = String(1 + ((bytes[0] ?? 0) % 9));
  for (let i = 1; i < n; i++) out += String((bytes[i] ?? 0) % 10);
  return out;
}

/** Lowercase hex of `bytes` random bytes (task ids are 32 hex digits). */
export function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A short url-safe id, like the tail of a service-deployment ARN. */
export function shortId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}
