import { createHash } from 'node:crypto';
import type {
  AssignPublicIp,
  CapacityProviderStrategyItem,
  ContainerOverride,
  LaunchType,
  NetworkConfiguration,
  Service,
} from '@aws-sdk/client-ecs';
import { ActionError, InputError } from '@ecs-deploy/action-kit';
import { awslogsTarget, type AwslogsTarget } from '@ecs-deploy/aws';
import type { RunInputs } from './inputs.js';

/** A task definition as JSON (a file, or DescribeTaskDefinition's answer). */
export type Definition = Readonly<Record<string, unknown>>;

/** Where the awslogs driver sends a container's output. */
export type LogTarget = AwslogsTarget;

/** What to ask RunTask for, worked out before any change in AWS. */
export interface RunPlan {
  readonly family: string;
  /** The container whose command runs and whose output is followed. */
  readonly container: string;
  readonly essential: readonly string[];
  readonly command?: readonly string[];
  readonly containerOverride: ContainerOverride;
  readonly networkConfiguration?: NetworkConfiguration;
  readonly launchType?: LaunchType;
  readonly capacityProviderStrategy?: CapacityProviderStrategyItem[];
  readonly platformVersion?: string;
  readonly startedBy: string;
  readonly logs?: LogTarget;
}

interface ContainerDefinition {
  readonly name: string;
  readonly essential: boolean;
  readonly command?: unknown;
  readonly logConfiguration?: { logDriver?: unknown; options?: Record<string, unknown> };
}

function containersOf(definition: Definition): ContainerDefinition[] {
  const list = Array.isArray(definition.containerDefinitions)
    ? definition.containerDefinitions
    : [];
  return list.flatMap((c: unknown) => {
    if (typeof c !== 'object' || c === null) return [];
    const o = c as Record<string, unknown>;
    if (typeof o.name !== 'string') return [];
    return [
      {
        name: o.name,
        essential: o.essential !== false,
        command: o.command,
        ...(typeof o.logConfiguration === 'object' && o.logConfiguration !== null
          ? { logConfiguration: o.logConfiguration }
          : {}),
      },
    ];
  });
}

/** The container to run: the one named, else the only (essential) one. */
export function chooseContainer(
  definition: Definition,
  wanted: string | undefined,
): ContainerDefinition {
  const containers = containersOf(definition);
  const names = containers.map((c) => c.name).join(', ');
  if (wanted !== undefined) {
    const found = containers.find((c) => c.name === wanted);
    if (!found)
      throw new InputError(
        'container-name',
        `is "${wanted}", which is not a container of the task definition`,
        `one of: ${names}`,
      );
    return found;
  }
  const essential = containers.filter((c) => c.essential);
  const only =
    containers.length === 1 ? containers[0] : essential.length === 1 ? essential[0] : undefined;
  if (!only)
    throw new InputError(
      'container-name',
      `is empty, and the task definition has ${containers.length} containers (${names})`,
      'the name of the container whose command to run',
    );
  return only;
}

function awslogsOf(c: ContainerDefinition): LogTarget | undefined {
  return awslogsTarget(c.logConfiguration);
}

/**
 * Ours, across attempts and re-runs: the same family, container and command give the same
 * `startedBy`, so an earlier run of this very task is found by ListTasks and a different one-off
 * task of the family (collectstatic beside migrate) is not.
 */
export function defaultStartedBy(
  family: string,
  container: string,
  command: readonly string[] | undefined,
): string {
  // The hash covers the whole names too: two long families that share their first 60
  // characters must not take each other's runs for their own.
  const hash = createHash('sha256')
    .update(JSON.stringify([family, container, command ?? null]))
    .digest('hex')
    .slice(0, 8);
  const safe = (s: string, max: number): string => s.replace(/[^\w-]/g, '-').slice(0, max);
  return `ecs-run-task/${safe(family, 60)}/${safe(container, 40)}/${hash}`;
}

/** The network, launch type and platform: the inputs', else the service's. */
function placement(
  inputs: RunInputs,
  definition: Definition,
  service: Service | undefined,
): Pick<
  RunPlan,
  'networkConfiguration' | 'launchType' | 'capacityProviderStrategy' | 'platformVersion'
> {
  const net = inputs.network;
  const vpc = service?.networkConfiguration?.awsvpcConfiguration;
  const subnets = net.subnets ?? vpc?.subnets ?? [];
  const securityGroups = net.securityGroups ?? vpc?.securityGroups ?? [];
  const assignPublicIp: AssignPublicIp = net.assignPublicIp ?? vpc?.assignPublicIp ?? 'DISABLED';
  const awsvpc = definition.networkMode === 'awsvpc';
  if (!awsvpc && net.subnets !== undefined) {
    throw new InputError(
      'subnets',
      `is set, but the task definition's networkMode is ${typeof definition.networkMode === 'string' ? definition.networkMode : 'bridge (the default)'}`,
      'subnets only for an awsvpc task definition',
      'ECS refuses a network configuration for other network modes: leave subnets and security-groups empty.',
    );
  }
  if (awsvpc && subnets.length === 0) {
    throw new InputError(
      'subnets',
      inputs.service === undefined
        ? 'is empty and no service is given to copy the network from'
        : `is empty and service '${inputs.service}' has no awsvpc network configuration`,
      'the subnet ids the task runs in (comma-separated), or `service:` to copy the network configuration of the service the task belongs to',
      'The task definition uses networkMode awsvpc, for which RunTask needs subnets.',
    );
  }
  const strategy = service?.capacityProviderStrategy ?? [];
  const compat = Array.isArray(definition.requiresCompatibilities)
    ? definition.requiresCompatibilities
    : [];
  const launchType: LaunchType | undefined =
    net.launchType ??
    (strategy.length > 0 ? undefined : service?.launchType) ??
    (service === undefined && compat.includes('FARGATE') ? 'FARGATE' : undefined);
  const byStrategy = net.launchType === undefined && strategy.length > 0;
  const platformVersion = net.platformVersion ?? service?.platformVersion;
  const fargate = launchType === 'FARGATE' || byStrategy;
  return {
    ...(awsvpc
      ? {
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: [...subnets],
              securityGroups: [...securityGroups],
              assignPublicIp,
            },
          },
        }
      : {}),
    ...(launchType === undefined ? {} : { launchType }),
    ...(byStrategy ? { capacityProviderStrategy: strategy } : {}),
    ...(fargate && platformVersion !== undefined ? { platformVersion } : {}),
  };
}

/**
 * The container to run, once the definition can run the command: the container exists, and a
 * command is given or the definition has one. Needs no service, so it runs before any AWS call.
 */
export function checkRunnable(inputs: RunInputs, definition: Definition): ContainerDefinition {
  const container = chooseContainer(definition, inputs.containerName);
  if (inputs.command === undefined && !Array.isArray(container.command)) {
    throw new InputError(
      'command',
      `is empty, and container '${container.name}' has no command in the task definition`,
      'the one-off command, e.g. `python manage.py migrate --noinput`',
      "Without one the container runs its image's default command; for a web image that is the server, which never exits.",
    );
  }
  return container;
}

/**
 * Everything RunTask will be asked, checked against the task definition and the service (when
 * one is given) before anything changes in AWS.
 */
export function planRun(
  inputs: RunInputs,
  definition: Definition,
  service: Service | undefined,
): RunPlan {
  const family = typeof definition.family === 'string' ? definition.family : '';
  const container = checkRunnable(inputs, definition);
  if (service?.status !== undefined && service.status !== 'ACTIVE')
    throw new ActionError(
      `Service '${inputs.service ?? ''}' is ${service.status}; its network configuration cannot be copied.`,
      'Name an ACTIVE service, or give subnets and security-groups instead.',
    );
  const environment = [...inputs.environment].map(([name, value]) => ({ name, value }));
  const logs = awslogsOf(container);
  return {
    family,
    container: container.name,
    essential: containersOf(definition)
      .filter((c) => c.essential)
      .map((c) => c.name),
    ...(inputs.command === undefined ? {} : { command: inputs.command }),
    containerOverride: {
      name: container.name,
      ...(inputs.command === undefined ? {} : { command: [...inputs.command] }),
      ...(environment.length > 0 ? { environment } : {}),
    },
    ...placement(inputs, definition, service),
    startedBy: inputs.startedBy ?? defaultStartedBy(family, container.name, inputs.command),
    ...(logs ? { logs } : {}),
  };
}

/** The ECS console's page of a task, for tasks without awslogs. */
export function taskConsoleUrl(region: string, cluster: string, taskId: string): string {
  const name = cluster.slice(cluster.lastIndexOf('/') + 1);
  return `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${encodeURIComponent(name)}/tasks/${taskId}/configuration?region=${region}`;
}
