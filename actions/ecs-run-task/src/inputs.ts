import {
  InputError,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseInteger,
  parseList,
  type InputReader,
} from '@ecs-deploy/action-kit';
import { ParseError, parseCommand, readPairs } from '@ecs-deploy/task-definition';

/** Where the task definition comes from. */
export type DefinitionSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'registered'; readonly name: string };

/** Network settings given as inputs; each replaces the service's when a service is given. */
export interface NetworkInputs {
  readonly subnets?: readonly string[];
  readonly securityGroups?: readonly string[];
  readonly assignPublicIp?: 'ENABLED' | 'DISABLED';
  readonly launchType?: 'FARGATE' | 'EC2' | 'EXTERNAL';
  readonly platformVersion?: string;
}

/** ecs-run-task's inputs, checked. */
export interface RunInputs {
  readonly cluster: string;
  readonly definition: DefinitionSource;
  readonly service?: string;
  readonly network: NetworkInputs;
  readonly containerName?: string;
  /** The command as argv; absent: the container definition's own. */
  readonly command?: readonly string[];
  readonly environment: ReadonlyMap<string, string>;
  readonly startedBy?: string;
  readonly ifRunning: 'wait' | 'fail';
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly logLines: number;
}

/** A registered task definition: an ARN, or `family` / `family:revision`. */
const TASK_DEFINITION_ARN = /^arn:aws[\w-]*:ecs:[\w-]+:\d{12}:task-definition\/[\w-]{1,255}:\d+$/;
const FAMILY = /^[\w-]{1,255}(?::\d+)?$/;
/** ECS's rule for RunTask startedBy (docs/aws-behaviour.md#one-off-tasks). */
const STARTED_BY = /^[\w/-]{1,128}$/;

const DEFINITION_FORM =
  'a task definition file (the task-definition output of render-task-def), a task definition ARN, or family[:revision]';

/**
 * A file when a file of that name exists or the value looks like a path (`/`, `.json`); an ARN or
 * `family[:revision]` otherwise.
 */
export function definitionSource(raw: string, exists: (path: string) => boolean): DefinitionSource {
  if (raw.startsWith('arn:')) {
    if (!TASK_DEFINITION_ARN.test(raw))
      throw new InputError(
        'task-definition',
        `is "${raw}", not a task definition ARN`,
        DEFINITION_FORM,
      );
    return { kind: 'registered', name: raw };
  }
  if (exists(raw) || raw.includes('/') || raw.endsWith('.json')) return { kind: 'file', path: raw };
  if (FAMILY.test(raw)) return { kind: 'registered', name: raw };
  throw new InputError('task-definition', `is "${raw}"`, DEFINITION_FORM);
}

/**
 * The command: a JSON array of strings, or a shell-style line split into words. A JSON object is
 * refused, not split into words (`{"command":` is no program to run).
 */
export function readCommand(name: string, raw: string): string[] {
  if (raw.startsWith('[') || raw.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new InputError(
        name,
        `starts with "${raw.charAt(0)}" but is not JSON (${(error as Error).message})`,
        COMMAND_FORM,
      );
    }
    if (!Array.isArray(parsed) || !parsed.every((word) => typeof word === 'string'))
      throw new InputError(name, 'is a JSON value but not an array of strings', COMMAND_FORM);
    if (parsed.length === 0) throw new InputError(name, 'is an empty JSON array', COMMAND_FORM);
    return parsed;
  }
  try {
    return parseCommand(raw);
  } catch (error) {
    if (error instanceof ParseError) throw new InputError(name, error.message, COMMAND_FORM);
    throw error;
  }
}

const COMMAND_FORM =
  'a command line such as `python manage.py migrate --noinput` (quoted like a shell, nothing expanded) or a JSON array such as ["alembic", "upgrade", "head"]';

function startedBy(raw: string): string {
  if (!STARTED_BY.test(raw))
    throw new InputError(
      'started-by',
      `is "${raw}"`,
      'up to 128 letters, digits, hyphens, underscores and forward slashes (ECS RunTask startedBy)',
    );
  return raw;
}

/** Reads every input once, in the order of action.yml; every problem names its input. */
export function readInputs(inputs: InputReader, exists: (path: string) => boolean): RunInputs {
  const cluster = inputs.required('cluster', 'the ECS cluster name or ARN');
  const definition = definitionSource(inputs.required('task-definition', DEFINITION_FORM), exists);
  const service = inputs.optional('service');
  const subnets = inputs.maybe('subnets', (_, raw) => parseList(raw, { commas: true }));
  const securityGroups = inputs.maybe('security-groups', (_, raw) =>
    parseList(raw, { commas: true }),
  );
  const assignPublicIp = inputs.maybe('assign-public-ip', (name, raw) =>
    parseChoice(name, raw, ['ENABLED', 'DISABLED'] as const),
  );
  const launchType = inputs.maybe('launch-type', (name, raw) =>
    parseChoice(name, raw, ['FARGATE', 'EC2', 'EXTERNAL'] as const),
  );
  const platformVersion = inputs.optional('platform-version');
  const containerName = inputs.optional('container-name');
  const command = inputs.maybe('command', readCommand);
  const environment = inputs.maybe('environment-variables', readPairs) ?? new Map<string, string>();
  const by = inputs.maybe('started-by', (_, raw) => startedBy(raw));
  const ifRunning = parseChoice(
    'if-already-running',
    inputs.optional('if-already-running') ?? 'wait',
    ['wait', 'fail'] as const,
  );
  const wait = inputs.parsed('wait', parseBoolean, 'true or false');
  const timeoutMs = inputs.parsed('timeout', parseDuration, 'a duration such as 30m');
  if (timeoutMs <= 0) throw new InputError('timeout', 'is zero', 'a duration such as 30m');
  const logLines = inputs.parsed(
    'log-lines',
    (name, raw) => parseInteger(name, raw, { min: 0, max: 1000 }),
    'a whole number',
  );
  return {
    cluster,
    definition,
    ...(service === undefined ? {} : { service }),
    network: {
      ...(subnets === undefined ? {} : { subnets }),
      ...(securityGroups === undefined ? {} : { securityGroups }),
      ...(assignPublicIp === undefined ? {} : { assignPublicIp }),
      ...(launchType === undefined ? {} : { launchType }),
      ...(platformVersion === undefined ? {} : { platformVersion }),
    },
    ...(containerName === undefined ? {} : { containerName }),
    ...(command === undefined ? {} : { command }),
    environment,
    ...(by === undefined ? {} : { startedBy: by }),
    ifRunning,
    wait,
    timeoutMs,
    logLines,
  };
}
