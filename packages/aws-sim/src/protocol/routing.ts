import type { ServiceName } from '../log/request-log.js';
import type { WireProtocol } from './wire.js';

export type { WireProtocol } from './wire.js';

/** x-amz-target prefixes of the JSON services, also the rpc-v2 path's `/service/<prefix>/`. */
const TARGET_PREFIX: Readonly<Record<string, ServiceName>> = {
  AmazonEC2ContainerServiceV20141113: 'ecs',
  AmazonEC2ContainerRegistry_V20150921: 'ecr',
  Logs_20140328: 'logs',
  GraniteServiceVersion20100801: 'monitoring',
};

/** The awsJson version of a JSON service (botocore model `metadata.jsonVersion`). */
export function jsonProtocolOf(service: ServiceName | undefined): WireProtocol {
  return service === 'monitoring' ? 'awsJson1_0' : 'awsJson1_1';
}

/** The service an rpc-v2 path's `/service/<prefix>/` names, if the simulator speaks it. */
export function serviceOfPrefix(prefix: string): ServiceName | undefined {
  return TARGET_PREFIX[prefix];
}

/** Query API versions of the awsQuery services. */
const QUERY_VERSION: Readonly<Record<string, ServiceName>> = {
  '2011-06-15': 'sts',
  '2015-12-01': 'elasticloadbalancing',
  '2010-08-01': 'monitoring',
};

/** XML namespaces of the awsQuery services. */
export const QUERY_XMLNS: Readonly<Record<string, string>> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  elasticloadbalancing: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  monitoring: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
};

/** Splits `Prefix.Operation`; the service is undefined for an unknown prefix. */
export function routeJsonTarget(target: string): { service?: ServiceName; operation: string } {
  const dot = target.lastIndexOf('.');
  const prefix = dot >= 0 ? target.slice(0, dot) : '';
  const operation = dot >= 0 ? target.slice(dot + 1) : target;
  const service = TARGET_PREFIX[prefix];
  return service ? { service, operation } : { operation };
}

/** The SigV4 signing name from an Authorization header's credential scope, if present. */
export function signingName(authorization: string | undefined): string | undefined {
  const m = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return m?.[1];
}

/**
 * Picks the awsQuery service: the credential scope's signing name first (it is what AWS routes
 * by), then the API version, then whichever service implements the action.
 */
export function routeQuery(
  action: string,
  version: string | undefined,
  authorization: string | undefined,
  implemented: (service: ServiceName, action: string) => boolean,
): ServiceName {
  const scope = signingName(authorization);
  if (scope === 'sts' || scope === 'elasticloadbalancing' || scope === 'monitoring') return scope;
  const byVersion = version !== undefined ? QUERY_VERSION[version] : undefined;
  if (byVersion) return byVersion;
  if (implemented('sts', action)) return 'sts';
  return implemented('monitoring', action) ? 'monitoring' : 'elasticloadbalancing';
}
