/*
 * The types of RegisterTaskDefinition members (docs/aws-behaviour.md#task-definition-members), as far as validation
 * checks them. Members not listed at task or container level are reported as unknown; nested
 * objects not described here are only checked for being objects.
 */

/** The JSON type a member must have. */
export type FieldType =
  'string' | 'integer' | 'boolean' | 'object' | 'string[]' | 'object[]' | 'string-map';

/** One member: its type, the shape of its object(s), and a fix to suggest when it is wrong. */
export interface FieldSpec {
  readonly type: FieldType;
  readonly shape?: Shape;
  readonly fix?: string;
}

/** The members of an object. */
export interface Shape {
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly required?: readonly string[];
  /** Report members not in `fields` as warnings (only where the member list is complete). */
  readonly closed?: boolean;
}

const str: FieldSpec = { type: 'string' };
const int: FieldSpec = { type: 'integer' };
const bool: FieldSpec = { type: 'boolean' };
const obj: FieldSpec = { type: 'object' };
const strs: FieldSpec = { type: 'string[]' };
const objs: FieldSpec = { type: 'object[]' };
const quoteIt = 'ECS wants a string here; put the value in quotes.';

const NAME_VALUE: Shape = {
  fields: { name: str, value: { type: 'string', fix: quoteIt } },
  required: ['name'],
};
const SECRET: Shape = { fields: { name: str, valueFrom: str }, required: ['name', 'valueFrom'] };

const LOG_CONFIGURATION: Shape = {
  fields: {
    logDriver: str,
    options: { type: 'string-map', fix: quoteIt },
    secretOptions: { type: 'object[]', shape: SECRET },
  },
  required: ['logDriver'],
};

const PORT_MAPPING: Shape = {
  fields: {
    containerPort: int,
    hostPort: int,
    protocol: str,
    name: str,
    appProtocol: str,
    containerPortRange: str,
  },
};

const HEALTH_CHECK: Shape = {
  fields: { command: strs, interval: int, timeout: int, retries: int, startPeriod: int },
  required: ['command'],
};

/** Members of one `containerDefinitions` entry. */
export const CONTAINER_SHAPE: Shape = {
  closed: true,
  fields: {
    name: str,
    image: str,
    repositoryCredentials: obj,
    cpu: int,
    memory: int,
    memoryReservation: int,
    links: strs,
    portMappings: { type: 'object[]', shape: PORT_MAPPING },
    essential: bool,
    restartPolicy: obj,
    entryPoint: strs,
    command: strs,
    environment: { type: 'object[]', shape: NAME_VALUE },
    environmentFiles: objs,
    mountPoints: objs,
    volumesFrom: objs,
    linuxParameters: obj,
    secrets: { type: 'object[]', shape: SECRET },
    dependsOn: objs,
    startTimeout: int,
    stopTimeout: int,
    versionConsistency: str,
    hostname: str,
    user: str,
    workingDirectory: str,
    disableNetworking: bool,
    privileged: bool,
    readonlyRootFilesystem: bool,
    dnsServers: strs,
    dnsSearchDomains: strs,
    extraHosts: objs,
    dockerSecurityOptions: strs,
    interactive: bool,
    pseudoTerminal: bool,
    dockerLabels: { type: 'string-map', fix: quoteIt },
    ulimits: objs,
    logConfiguration: { type: 'object', shape: LOG_CONFIGURATION },
    healthCheck: { type: 'object', shape: HEALTH_CHECK },
    systemControls: objs,
    resourceRequirements: objs,
    firelensConfiguration: obj,
    credentialSpecs: strs,
  },
};

const asString =
  'Task-level cpu and memory are strings in RegisterTaskDefinition: write "256", not 256.';

/** Members of RegisterTaskDefinition input (read-only describe fields are handled apart). */
export const TASK_SHAPE: Shape = {
  closed: true,
  fields: {
    family: str,
    taskRoleArn: str,
    executionRoleArn: str,
    networkMode: str,
    containerDefinitions: { type: 'object[]', shape: CONTAINER_SHAPE },
    volumes: objs,
    placementConstraints: objs,
    requiresCompatibilities: strs,
    cpu: { type: 'string', fix: asString },
    memory: { type: 'string', fix: asString },
    tags: { type: 'object[]', shape: { fields: { key: str, value: str }, required: ['key'] } },
    pidMode: str,
    ipcMode: str,
    proxyConfiguration: obj,
    inferenceAccelerators: objs,
    ephemeralStorage: obj,
    runtimePlatform: obj,
    enableFaultInjection: bool,
  },
};
