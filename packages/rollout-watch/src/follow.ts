import type { Logger, SummaryWriter } from '@ecs-deploy/action-kit';
import {
  follow,
  pickLogTasks,
  outputImage,
  renderSummary,
  rollbackLine,
  systemClock,
  withLogTails,
  type Clock,
  type FollowLog,
  type FollowResult,
  type TaskObservation,
} from '@ecs-deploy/deployment';
import type { PollingClients } from './clients.js';
import type { WaitInputs } from './inputs.js';
import { printLogTails, readLogTails } from './log-tails.js';
import { probeOnce } from './probe.js';
import { confirmRollback } from './rollback.js';
import { awsDeploymentSource } from './source.js';

/** How to follow one deployment; shared by wait-healthy, ecs-rolling-deploy and rollback-digest. */
export interface FollowOptions {
  /** From pollingClients: one attempt per call, since the driver retries within its budgets. */
  readonly clients: PollingClients;
  readonly cluster: string;
  readonly service: string;
  readonly deploymentId?: string;
  readonly taskDefinitionArn?: string;
  /** The shared waiting inputs, as readWaitInputs parsed them. */
  readonly wait: WaitInputs;
  readonly clock?: Clock;
}

/** Where the wait reports: the step log, the job summary, and the runner's cancel. */
export interface FollowIo {
  readonly log: Logger;
  readonly summary: SummaryWriter;
  readonly signal: AbortSignal;
}

/**
 * Follows our deployment to a verdict, printing each new event and stopped-task reason once and
 * a progress line on change (at least every 30 s), folded in one log group; appends the timeline
 * to the job summary and prints the one last line after the group. After `rolled-back`, with
 * wait-for-rollback, follows ECS's rollback deployment in a group of its own (confirmRollback)
 * and prints whether the service is healthy again; the outcome stays `rolled-back`. Never throws
 * for AWS trouble: the result says how it ended.
 */
export async function followDeployment(
  options: FollowOptions,
  io: FollowIo,
): Promise<FollowResult> {
  // When a task of our deployment was first seen stopped: where the degraded time starts.
  let firstStoppedSeenAt: number | undefined;
  const clock = options.clock ?? systemClock;
  // Every stopped task read, by ARN: a failure shows the last log lines of a few of them.
  const stopped = new Map<string, TaskObservation>();
  const followed = await followOne(options, io, {
    title: groupTitle(options),
    ...(options.deploymentId === undefined ? {} : { deploymentId: options.deploymentId }),
    ...(options.taskDefinitionArn === undefined
      ? {}
      : { taskDefinitionArn: options.taskDefinitionArn }),
    timeoutMs: options.wait.timeoutMs,
    onStoppedTasks: (tasks) => {
      if (tasks.length > 0) firstStoppedSeenAt ??= clock.now();
      for (const task of tasks) if (task.taskArn !== undefined) stopped.set(task.taskArn, task);
    },
  });
  let result = await withStoppedTaskLogs(options, io, followed, [...stopped.values()]);
  // Succeeds, but must not pass for health: no task ran the new revision.
  if (result.outcome === 'scaled-to-zero') io.log.warning(result.message);
  else io.log.info(result.message);
  if (result.outcome === 'rolled-back' && options.wait.waitForRollback && !io.signal.aborted) {
    const rollback = await confirmRollback(
      {
        ecs: options.clients.ecs,
        clock,
        warning: (line) => {
          io.log.warning(line);
        },
        readService: async () => {
          const answer = await options.clients.ecs.describeServices({
            cluster: options.cluster,
            services: [options.service],
          });
          return answer.services?.[0];
        },
        follow: (deploymentId, eventsSince) =>
          followOne(options, io, {
            title: `Following ${options.cluster}/${options.service}: ECS's rollback deployment ${deploymentId}`,
            deploymentId,
            timeoutMs: options.wait.rollbackTimeoutMs,
            ...(eventsSince === undefined ? {} : { eventsSince }),
          }),
      },
      result,
      firstStoppedSeenAt,
    );
    result = { ...result, rollback };
    const line = rollbackLine(result.label, rollback);
    if (rollback.result === 'healthy') io.log.info(line);
    else io.log.warning(line);
  }
  io.summary.add(renderSummary(result));
  return result;
}

/** Which deployment one wait follows, for how long, and who hears of its stopped tasks. */
interface OneWait {
  readonly title: string;
  readonly deploymentId?: string;
  readonly taskDefinitionArn?: string;
  readonly timeoutMs: number;
  /** Service events before this ECS time (ms) are not printed again. */
  readonly eventsSince?: number;
  readonly onStoppedTasks?: (tasks: readonly TaskObservation[]) => void;
}

/** One run of the follower over the AWS source, folded in a log group titled `which.title`. */
async function followOne(
  options: FollowOptions,
  io: FollowIo,
  which: OneWait,
): Promise<FollowResult> {
  const { wait } = options;
  const { probe } = wait;
  // Target health is read unless `check-target-health` is false (and only where the service has
  // load balancers).
  const elb = wait.checkTargetHealth === 'false' ? undefined : options.clients.elb;
  const source = awsDeploymentSource({
    ecs: options.clients.ecs,
    ...(elb === undefined ? {} : { elb }),
    cloudwatch: options.clients.cloudwatch,
    cluster: options.cluster,
    service: options.service,
    ...(probe === undefined ? {} : { probe: (signal?: AbortSignal) => probeOnce(probe, signal) }),
    ...(which.onStoppedTasks === undefined ? {} : { onStoppedTasks: which.onStoppedTasks }),
  });
  // The events and progress lines of a long wait are folded; the verdict line comes after.
  return io.log.group(which.title, () =>
    follow(
      source,
      {
        deploymentId: which.deploymentId,
        taskDefinitionArn: which.taskDefinitionArn,
        label: `${options.cluster}/${options.service}`,
        timeout: which.timeoutMs,
        ...(which.eventsSince === undefined ? {} : { eventsSince: which.eventsSince }),
        stableFor: wait.stableForMs,
        checkTargetHealth: elb !== undefined,
        ...(probe === undefined
          ? {}
          : { probe: probe.graceMs === undefined ? {} : { grace: probe.graceMs } }),
        minInterval: wait.minIntervalMs,
        maxInterval: wait.maxIntervalMs,
        checkHint: checkHint(options.cluster, options.service),
      },
      options.clock ?? systemClock,
      followLog(io.log),
      io.signal,
    ),
  );
}

/**
 * After a failing verdict, the last log lines of a few stopped tasks (one per reason group),
 * printed under their reason and kept in the result's reasons. Only then is CloudWatch Logs
 * (and its SDK client) touched.
 */
async function withStoppedTaskLogs(
  options: FollowOptions,
  io: FollowIo,
  result: FollowResult,
  tasks: readonly TaskObservation[],
): Promise<FollowResult> {
  const picks = options.wait.logLines > 0 ? pickLogTasks(result, tasks) : [];
  if (picks.length === 0) return result;
  const { clients } = options;
  const tails = await readLogTails(
    {
      ecs: clients.ecs,
      logsIn: (region) => clients.logsIn(region),
      region: clients.region,
      warning: (line) => {
        io.log.warning(line);
      },
      signal: io.signal,
    },
    picks,
    options.wait.logLines,
  );
  await printLogTails(io.log, picks, tails);
  return withLogTails(result, tails);
}

/** The log group's title: the service and which of its deployments. */
export function groupTitle(
  options: Pick<FollowOptions, 'cluster' | 'service' | 'deploymentId' | 'taskDefinitionArn'>,
): string {
  const which =
    options.deploymentId !== undefined
      ? `deployment ${options.deploymentId}`
      : options.taskDefinitionArn !== undefined
        ? `the deployment of ${options.taskDefinitionArn}`
        : 'the PRIMARY deployment';
  return `Following ${options.cluster}/${options.service}: ${which}`;
}

/** How to look at the deployment by hand when the polls keep failing (AWS CLI). */
function checkHint(cluster: string, service: string): string {
  return (
    `check it with \`aws ecs describe-services --cluster ${cluster} --services ${service} --query 'services[0].deployments'\`` +
    ` and \`aws ecs list-service-deployments --cluster ${cluster} --service ${service}\``
  );
}

/** The follower's log on the step log: stopped-task and health reasons become warnings. */
function followLog(log: Logger): FollowLog {
  return {
    info: (line) => {
      log.info(line);
    },
    warning: (line) => {
      log.warning(line);
    },
    debug: (line) => {
      log.debug(line);
    },
  };
}

/** The outputs every following action sets, in the same shape. */
export function followOutputs(result: FollowResult): Record<string, string | number | object> {
  return {
    result: result.outcome,
    'deployment-id': result.deployment?.id ?? '',
    'task-definition-arn': result.deployment?.taskDefinition ?? '',
    'duration-seconds': Math.round((result.endedAt - result.startedAt) / 1000),
    reasons: result.reasons,
  };
}

/**
 * The rollback outputs of the actions that follow (ecs-rolling-deploy, wait-healthy): all empty
 * unless ECS rolled the deployment back and wait-for-rollback followed its rollback.
 */
export function rollbackOutputs(result: FollowResult | undefined): Record<string, string | number> {
  const c = result?.rollback;
  if (c === undefined)
    return {
      'rollback-result': '',
      'rollback-task-definition-arn': '',
      'rollback-images': '',
      'rollback-commit': '',
      'degraded-seconds': '',
    };
  return {
    'rollback-result': c.result,
    'rollback-task-definition-arn': c.revision?.taskDefinitionArn ?? c.taskDefinitionArn ?? '',
    'rollback-images':
      c.revision === undefined
        ? ''
        : JSON.stringify(
            Object.fromEntries(
              Object.entries(c.revision.images).map(([name, image]) => [name, outputImage(image)]),
            ),
          ),
    'rollback-commit': c.revision?.commit ?? '',
    // Rounded up: any time degraded is at least 1 s.
    'degraded-seconds': Math.ceil(c.degradedMs / 1000),
  };
}
