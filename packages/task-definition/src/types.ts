/*
 * Plain shapes of the RegisterTaskDefinition input, written here rather than imported from
 * @aws-sdk/client-ecs so this package stays dependency-free and small in every bundle. Only the
 * members this package reads are spelled out; the index signatures carry everything else, which
 * is preserved untouched. A value is only guaranteed to have these types after `assertValid`.
 */
import type { JsonObject } from './json.js';

/** A parsed task definition document before validation: any JSON object, key order kept. */
export type TaskDefinitionDocument = JsonObject;

/** `{ name, value }` as used by `environment` and `proxyConfiguration.properties`. */
export interface KeyValuePair {
  name: string;
  value: string;
  [key: string]: unknown;
}

/** A secret injected as an environment variable: Secrets Manager ARN or SSM parameter. */
export interface Secret {
  name: string;
  valueFrom: string;
  [key: string]: unknown;
}

/** A resource tag, as in the `tags` request member and the describe wrapper. */
export interface Tag {
  key: string;
  value: string;
  [key: string]: unknown;
}

/** A container port mapping. */
export interface PortMapping {
  containerPort?: number;
  hostPort?: number;
  protocol?: string;
  name?: string;
  [key: string]: unknown;
}

/** A container's log driver and its options. */
export interface LogConfiguration {
  logDriver: string;
  options?: Record<string, string>;
  secretOptions?: Secret[];
  [key: string]: unknown;
}

/** One entry of `containerDefinitions`. */
export interface ContainerDefinition {
  name: string;
  image: string;
  essential?: boolean;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  command?: string[];
  entryPoint?: string[];
  environment?: KeyValuePair[];
  secrets?: Secret[];
  portMappings?: PortMapping[];
  links?: string[];
  hostname?: string;
  dockerLabels?: Record<string, string>;
  logConfiguration?: LogConfiguration;
  [key: string]: unknown;
}

/** RegisterTaskDefinition input (read-only describe fields removed), validated. */
export interface TaskDefinition {
  family: string;
  containerDefinitions: ContainerDefinition[];
  taskRoleArn?: string;
  executionRoleArn?: string;
  networkMode?: string;
  requiresCompatibilities?: string[];
  cpu?: string;
  memory?: string;
  tags?: Tag[];
  [key: string]: unknown;
}
