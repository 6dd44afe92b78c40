import { randomUUID } from 'node:crypto';
import type { Service, Task } from '@aws-sdk/client-ecs';
import {
  ActionError,
  cell,
  codeBlock,
  formatDuration,
  markdownTable,
  type Logger,
  type SummaryWriter,
} from '@ecs-deploy/action-kit';
import {
  describeTaskDefinitionDocument,
  logConsoleUrl,
  logStreamName,
  type EcsApi,
  type LogsApi,
} from '@ecs-deploy/aws';
import type { Clock } from '@ecs-deploy/deployment';
import {
  checkRoleAccounts,
  readDefinitionFile,
  registerUnlessLive,
  revisionTags,
} from '@ecs-deploy/revision';
import type { RunInputs } from './inputs.js';
import { StreamReader, Tail } from './logs.js';
import { checkRunnable, planRun, taskConsoleUrl, type Definition, type RunPlan } from './plan.js';
import { judgeStoppedTask, timedOutVerdict, type RunVerdict } from './verdict.js';

/** What running a task needs from outside. */
export interface RunDeps {
  readonly ecs: EcsApi;
  /** A CloudWatch Logs client in `region` (a container's awslogs-region may differ). */
  readonly logsIn: (region: string) => LogsApi;
  /** The region of the cluster. */
  readonly region: string;
  readonly readFile: (path: string) => string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly summary: SummaryWriter;
  readonly signal: AbortSignal;
}

/** How the run ended. */
export interface RunOutcome {
  readonly taskArn: string;
  /** The task definition revision the task ran (registered from the file, or as named). */
  readonly taskDefinitionArn: string;
  readonly logUrl: string;
  /** Absent when `wait` is false. */
  readonly verdict?: RunVerdict;
}

/** Polling pace while the task runs: a verdict within two seconds of STOPPED. */
const POLL_MS = 1000;
/**
 * After STOPPED the stream is read until it is quiet, until at most this long after the task's
 * stoppedAt (at least one read): lines written just before the exit still arrive, and the
 * verdict stays within two seconds of the stop.
 */
const DRAIN_MS = 1800;
/** How long a task asked to stop (timeout) is followed to STOPPED for its last lines. */
const STOP_GRACE_MS = 60_000;

function taskId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

async function describeService(deps: RunDeps, cluster: string, name: string): Promise<Service> {
  const answer = await deps.ecs.describeServices({ cluster, services: [name] });
  const service = answer.services?.[0];
  if (!service)
    throw new ActionError(
      `Service '${name}' was not found in cluster '${cluster}' (${answer.failures?.[0]?.reason ?? 'MISSING'}).`,
      'Check the service input, or give subnets and security-groups instead.',
    );
  return service;
}

async function describeTask(deps: RunDeps, cluster: string, arn: string): Promise<Task> {
  const answer = await deps.ecs.describeTasks({ cluster, tasks: [arn] });
  const task = answer.tasks?.[0];
  if (!task)
    throw new ActionError(
      `Task ${taskId(arn)} is no longer described by ECS (${answer.failures?.[0]?.reason ?? 'MISSING'}).`,
    );
  return task;
}

/** Earlier runs of this task still going: reported, then waited for or refused. */
async function settleEarlierRuns(inputs: RunInputs, plan: RunPlan, deps: RunDeps): Promise<void> {
  const listed = await deps.ecs.listTasks({
    cluster: inputs.cluster,
    startedBy: plan.startedBy,
    desiredStatus: 'RUNNING',
  });
  const arns = listed.taskArns ?? [];
  if (arns.length === 0) return;
  const ids = arns.map(taskId).join(', ');
  deps.log.warning(
    `An earlier run of this task is still running (startedBy ${plan.startedBy}): ${ids}.`,
  );
  if (inputs.ifRunning === 'fail')
    throw new ActionError(
      `Refusing to start a second run while ${ids} (startedBy ${plan.startedBy}) is still running.`,
      'Wait for it (if-already-running: wait), or stop it in the ECS console if it is stuck.',
    );
  const deadline = deps.clock.now() + inputs.timeoutMs;
  for (;;) {
    const answer = await deps.ecs.describeTasks({ cluster: inputs.cluster, tasks: arns });
    const live = (answer.tasks ?? []).filter((t) => t.lastStatus !== 'STOPPED');
    if (live.length === 0) {
      deps.log.info(`The earlier run (${ids}) has stopped; starting this one.`);
      return;
    }
    if (deps.signal.aborted) throw new ActionError('Cancelled while waiting for the earlier run.');
    if (deps.clock.now() >= deadline)
      throw new ActionError(
        `The earlier run ${ids} was still running after ${formatDuration(inputs.timeoutMs)}; nothing was started.`,
      );
    await deps.clock.sleep(POLL_MS * 5, deps.signal);
  }
}

/** The definition to run: the file (checked, then registered unless an equal revision exists), or the named revision. */
async function resolveDefinition(
  inputs: RunInputs,
  deps: RunDeps,
): Promise<{ definition: Definition; arn?: string }> {
  if (inputs.definition.kind === 'file')
    return {
      definition: readDefinitionFile(
        deps.readFile,
        inputs.definition.path,
        'Pass the task-definition output of render-task-def from this job, or a task definition ARN.',
      ),
    };
  const { definition } = await describeTaskDefinitionDocument(
    deps.ecs,
    inputs.definition.name,
    false,
  );
  const arn = definition.taskDefinitionArn;
  return { definition, ...(typeof arn === 'string' ? { arn } : {}) };
}

/**
 * Runs the one-off task: every check first (nothing changes in AWS before they pass), then
 * registration of a file, RunTask, and — with `wait` — the task followed to STOPPED with its
 * container's log lines streamed into the job log, stopped with StopTask on timeout or cancel.
 */
export async function runOneOff(inputs: RunInputs, deps: RunDeps): Promise<RunOutcome> {
  const { ecs, log } = deps;
  const resolved = await resolveDefinition(inputs, deps);
  checkRunnable(inputs, resolved.definition);
  const service =
    inputs.service === undefined
      ? undefined
      : await describeService(deps, inputs.cluster, inputs.service);
  const plan = planRun(inputs, resolved.definition, service);
  if (inputs.definition.kind === 'file' && service?.serviceArn !== undefined)
    // The service's ARN names the account the task runs in.
    checkRoleAccounts(
      resolved.definition as Parameters<typeof checkRoleAccounts>[0],
      service.serviceArn.split(':')[4] ?? '',
      inputs.definition.path,
    );
  // An earlier run still going is a check too: with `fail` nothing is registered.
  await settleEarlierRuns(inputs, plan, deps);
  let definitionArn = resolved.arn;
  if (definitionArn === undefined) {
    const revision = await registerUnlessLive(
      ecs,
      resolved.definition as Parameters<typeof registerUnlessLive>[1],
      undefined,
      revisionTags(deps.env, new Map(), inputs.service ?? ''),
    );
    definitionArn = revision.arn;
    log.info(
      `${revision.registered ? 'Registered' : 'Reusing the equal revision'} ${definitionArn.split('/').pop() ?? definitionArn}.`,
    );
  }
  const answer = await ecs.runTask({
    cluster: inputs.cluster,
    taskDefinition: definitionArn,
    count: 1,
    startedBy: plan.startedBy,
    clientToken: randomUUID(),
    overrides: { containerOverrides: [plan.containerOverride] },
    ...(plan.networkConfiguration ? { networkConfiguration: plan.networkConfiguration } : {}),
    ...(plan.launchType ? { launchType: plan.launchType } : {}),
    ...(plan.capacityProviderStrategy
      ? { capacityProviderStrategy: plan.capacityProviderStrategy }
      : {}),
    ...(plan.platformVersion ? { platformVersion: plan.platformVersion } : {}),
    tags: [{ key: 'ecs-deploy:started-by', value: plan.startedBy }],
  });
  const started = answer.tasks?.[0];
  if (!started?.taskArn) {
    const why = (answer.failures ?? []).map(
      (f) => `${f.reason ?? '?'}${f.detail ? ` (${f.detail})` : ''}`,
    );
    throw new ActionError(
      `RunTask started no task: ${why.join('; ') || 'no reason given'}.`,
      'A failure such as RESOURCE:MEMORY or AGENT means no capacity could take the task: check the cluster’s capacity providers or use FARGATE.',
    );
  }
  const arn = started.taskArn;
  const id = taskId(arn);
  const logsRegion = plan.logs?.region ?? deps.region;
  const stream = plan.logs ? logStreamName(plan.logs, plan.container, id) : undefined;
  const logUrl =
    plan.logs && stream !== undefined
      ? logConsoleUrl(logsRegion, plan.logs.group, stream)
      : taskConsoleUrl(deps.region, inputs.cluster, id);
  log.info(
    `Started task ${id} of ${definitionArn.split('/').pop() ?? definitionArn}: ${plan.container} ${JSON.stringify(plan.command ?? 'the definition’s command')}.`,
  );
  if (!inputs.wait) {
    log.info(`Not waiting (wait: false). Logs: ${logUrl}`);
    return { taskArn: arn, taskDefinitionArn: definitionArn, logUrl };
  }
  if (!plan.logs)
    log.warning(
      `Container '${plan.container}' has no awslogs log configuration, so its output cannot be shown here.`,
    );
  const tail = new Tail(inputs.logLines);
  const reader =
    plan.logs && stream !== undefined
      ? new StreamReader(deps.logsIn(logsRegion), plan.logs.group, stream, (error) => {
          log.warning(`Cannot read the task's log stream ${stream}: ${error.message}`);
        })
      : undefined;
  const startedAt = deps.clock.now();
  const { task, timedOut } = await log.group(`Task ${id}: ${plan.container} (${plan.family})`, () =>
    log.verbatim((write) =>
      follow(inputs, deps, arn, reader, {
        status: write,
        output: (line) => {
          tail.push(line);
          write(line);
        },
      }),
    ),
  );
  const judged = timedOut
    ? timedOutVerdict(task, plan.container, formatDuration(inputs.timeoutMs))
    : judgeStoppedTask(task, plan.container, plan.essential);
  const verdict = judged.ok ? judged : withLastLines(judged, tail.all);
  writeSummary(deps.summary, {
    plan,
    task,
    // The summary shows the last lines in a block of their own.
    verdict: judged,
    logUrl,
    tail: tail.all,
    ms: deps.clock.now() - startedAt,
  });
  return { taskArn: arn, taskDefinitionArn: definitionArn, logUrl, verdict };
}

/**
 * Follows the task to STOPPED, reading its log stream each poll and writing each status change
 * and line. Timeout and cancel stop the task with StopTask.
 */
async function follow(
  inputs: RunInputs,
  deps: RunDeps,
  arn: string,
  reader: StreamReader | undefined,
  write: { status: (line: string) => void; output: (line: string) => void },
): Promise<{ task: Task; timedOut: boolean }> {
  const { ecs, clock, signal } = deps;
  const deadline = clock.now() + inputs.timeoutMs;
  let status = '';
  let stopAsked = false;
  for (;;) {
    const task = await describeTask(deps, inputs.cluster, arn);
    if (task.lastStatus !== status) {
      write.status(`[ecs-run-task] ${statusPath(status, task).join(' → ')}`);
      status = task.lastStatus ?? '';
    }
    if (reader && status !== 'PROVISIONING' && status !== 'PENDING')
      for (const line of await reader.read()) write.output(line);
    if (status === 'STOPPED') {
      if (reader) await drain(reader, clock, task.stoppedAt?.getTime(), write.output);
      return { task, timedOut: stopAsked && task.stopCode === 'UserInitiated' };
    }
    if (signal.aborted) {
      await ecs.stopTask({
        cluster: inputs.cluster,
        task: arn,
        reason: 'ecs-run-task: the workflow run was cancelled',
      });
      write.status(
        `[ecs-run-task] The run was cancelled: stopped task ${taskId(arn)} with StopTask.`,
      );
      throw new ActionError(
        `Task ${taskId(arn)} was stopped (StopTask) because the run was cancelled.`,
      );
    }
    if (!stopAsked && clock.now() >= deadline) {
      stopAsked = true;
      await ecs.stopTask({
        cluster: inputs.cluster,
        task: arn,
        reason: `ecs-run-task: timed out after ${formatDuration(inputs.timeoutMs)}`,
      });
      write.status(
        `[ecs-run-task] Timed out after ${formatDuration(inputs.timeoutMs)}: asked ECS to stop the task (StopTask).`,
      );
    }
    if (stopAsked && clock.now() >= deadline + STOP_GRACE_MS)
      throw new ActionError(
        `Task ${taskId(arn)} timed out after ${formatDuration(inputs.timeoutMs)}; StopTask was sent but it had not stopped ${formatDuration(STOP_GRACE_MS)} later.`,
      );
    await clock.sleep(POLL_MS, signal);
  }
}

/** How many of the last lines a failure's message repeats (the summary has `log-lines`). */
const FAILURE_LINES = 10;

/** A failure's message followed by the container's last lines: the traceback is the reason. */
export function withLastLines(verdict: RunVerdict, lines: readonly string[]): RunVerdict {
  const last = lines.slice(-FAILURE_LINES);
  if (last.length === 0) return verdict;
  return {
    ...verdict,
    message: `${verdict.message}\nLast ${last.length === 1 ? 'line' : `${last.length} lines`} of its log:\n${last.map((l) => `  ${l}`).join('\n')}`,
  };
}

const LIFECYCLE = ['PROVISIONING', 'PENDING', 'RUNNING', 'STOPPED'];

/**
 * The statuses from `from` to the task's current one, including those passed between two polls
 * (the task's pullStartedAt and startedAt say it was PENDING and RUNNING).
 */
export function statusPath(from: string, task: Task): string[] {
  const to = task.lastStatus ?? '?';
  const start = LIFECYCLE.indexOf(from);
  const end = LIFECYCLE.indexOf(to);
  if (start < 0 || end <= start) return from === '' ? [to] : [from, to];
  const passed = LIFECYCLE.slice(start + 1, end).filter(
    (s) =>
      (s === 'PENDING' && task.pullStartedAt !== undefined) ||
      (s === 'RUNNING' && task.startedAt !== undefined),
  );
  return [from, ...passed, to];
}

/** Reads the stream until a read brings nothing new or DRAIN_MS after the stop has passed. */
async function drain(
  reader: StreamReader,
  clock: Clock,
  stoppedAt: number | undefined,
  write: (line: string) => void,
): Promise<void> {
  const until = (stoppedAt ?? clock.now()) + DRAIN_MS;
  for (;;) {
    const lines = await reader.read();
    for (const line of lines) write(line);
    if (lines.length === 0 || clock.now() >= until) return;
    await clock.sleep(Math.min(500, until - clock.now()));
  }
}

function writeSummary(
  summary: SummaryWriter,
  r: {
    plan: RunPlan;
    task: Task;
    verdict: RunVerdict;
    logUrl: string;
    tail: readonly string[];
    ms: number;
  },
): void {
  const command = r.plan.command === undefined ? '(the definition’s)' : r.plan.command.join(' ');
  summary.heading(`ecs-run-task: ${r.verdict.ok ? 'succeeded' : 'failed'}`);
  summary.add(
    markdownTable(
      ['task', 'container', 'command', 'exit code', 'stop code', 'took', 'logs'],
      [
        [
          taskId(r.task.taskArn ?? ''),
          r.plan.container,
          `\`${command}\``,
          r.verdict.exitCode === undefined ? '—' : String(r.verdict.exitCode),
          r.verdict.stopCode,
          formatDuration(r.ms),
          `[open](${r.logUrl})`,
        ],
      ],
    ),
  );
  if (!r.verdict.ok) summary.add(`\n${cell(r.verdict.message)}\n`);
  if (r.tail.length > 0) {
    summary.add(`\nLast ${r.tail.length} log line${r.tail.length === 1 ? '' : 's'}:\n\n`);
    summary.add(codeBlock(r.tail.join('\n')));
  }
}
