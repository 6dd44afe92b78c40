import {
  InputError,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseInteger,
  parseKeyValueLines,
  type InputReader,
} from '@ecs-deploy/action-kit';
import { readWaitInputs, type WaitInputs } from '@ecs-deploy/rollout-watch';

/** The action's inputs, parsed once. */
export interface DeployInputs {
  readonly cluster: string;
  readonly service: string;
  /** Path of the rendered task definition. */
  readonly taskDefinitionPath: string;
  readonly desiredCount?: number;
  readonly forceNewDeployment: boolean;
  readonly minimumHealthyPercent?: number;
  readonly maximumPercent?: number;
  /** `keep` leaves the service's own setting. */
  readonly circuitBreaker: 'rollback' | 'on' | 'off' | 'keep';
  /** Extra revision tags; ours are added by the action. */
  readonly tags: ReadonlyMap<string, string>;
  readonly keepRevisions: number;
  readonly ifInProgress: 'wait' | 'fail';
  readonly inProgressTimeoutMs: number;
  /** Follow the deployment; undefined when `wait` is off. */
  readonly wait?: WaitInputs;
}

/** Reads and checks every input before anything is called. */
export function readInputs(inputs: InputReader): DeployInputs {
  const bool = (name: string): boolean => inputs.parsed(name, parseBoolean, 'true or false');
  const minimum = inputs.maybe('minimum-healthy-percent', (name, raw) =>
    parseInteger(name, raw, { min: 0, max: 100 }),
  );
  const maximum = inputs.maybe('maximum-percent', (name, raw) =>
    parseInteger(name, raw, { min: 100, max: 200 }),
  );
  const tags =
    inputs.maybe('tags', (name, raw) => parseKeyValueLines(name, raw, /^[\w.:/=+\-@ ]{1,128}$/)) ??
    new Map<string, string>();
  for (const [key, value] of tags) {
    if (key.startsWith('aws:'))
      throw new InputError(
        'tags',
        `has the key "${key}"`,
        'keys that do not start with aws: (reserved by AWS)',
      );
    if (value.length > 256)
      throw new InputError(
        'tags',
        `has a value of ${value.length} characters for "${key}"`,
        'values of at most 256 characters',
      );
  }
  return {
    cluster: inputs.required('cluster', 'the ECS cluster name or ARN'),
    service: inputs.required('service', 'the ECS service name or ARN'),
    taskDefinitionPath: inputs.required(
      'task-definition',
      'the path of a task definition file (the task-definition output of render-task-def)',
    ),
    ...(inputs.optional('desired-count') === undefined
      ? {}
      : {
          desiredCount: inputs.parsed(
            'desired-count',
            (n, r) => parseInteger(n, r, { min: 0, max: 5000 }),
            'a whole number of tasks',
          ),
        }),
    forceNewDeployment: bool('force-new-deployment'),
    ...(minimum === undefined ? {} : { minimumHealthyPercent: minimum }),
    ...(maximum === undefined ? {} : { maximumPercent: maximum }),
    circuitBreaker: inputs.parsed(
      'circuit-breaker',
      (n, r) => parseChoice(n, r, ['rollback', 'on', 'off', 'keep'] as const),
      'rollback, on, off or keep',
    ),
    tags,
    keepRevisions: inputs.parsed(
      'keep-revisions',
      (n, r) => parseInteger(n, r, { min: 0, max: 1000 }),
      'a whole number (0 keeps all)',
    ),
    ifInProgress: inputs.parsed(
      'if-deployment-in-progress',
      (n, r) => parseChoice(n, r, ['wait', 'fail'] as const),
      'wait or fail',
    ),
    inProgressTimeoutMs: inputs.parsed(
      'in-progress-timeout',
      parseDuration,
      'a duration such as 10m',
    ),
    ...(bool('wait') ? { wait: readWaitInputs(inputs) } : {}),
  };
}
