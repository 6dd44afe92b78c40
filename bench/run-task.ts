// One-off tasks: how soon after its task stops ecs-run-task gives its verdict, and how long a
// container's log line takes to reach the job log.
//
// One simulator at speed 1 (its ScaledClock is then Date.now(), so simulated and wall times are
// the same epoch ms in this process) with the bench seed's fast task timings. An image labelled
// `sim.run-task: exit-after:<s>:0` and `sim.logs: <k numbered lines>` is run `runs` times, one
// after another, by the bundle dist/ecs-run-task/index.js in the runner's step environment
// (`stepEnvironment`), its stdout read line by line and each line stamped on arrival. Each start
// is delayed by a random 0–1 s, so the action's 1 s polls fall at a different phase of the task's
// lifecycle every run.
//
//   verdict latency  the task's stoppedAt (DescribeTasks after the run) → the step's exit
//   STOPPED seen     stoppedAt → the action's `… → STOPPED` status line (its poll caught it)
//   log latency      each event's timestamp (GetLogEvents after the run) → that line on stdout
//
// Baseline, same run: a probe in this process looks at the simulator's state every 50 ms (as an
// API call would: the engine caught up to the clock, then the task and the stream's visible
// events), so "first observable" is the earliest any poller could have seen the stop or the line.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimulator, type Simulator } from '@ecs-deploy/aws-sim';
import { awsSettingsFrom, sdkEcsApi, sdkLogsApi, type EcsApi, type LogsApi } from '@ecs-deploy/aws';
import { actionNode, parseEnvFile } from '@ecs-deploy/runner-harness';
import {
  GITHUB_ENV,
  resetRunnerFiles,
  stepEnvironment,
  taskDefinition,
  type ActionInfo,
} from './actions.js';
import { onCleanup, removeAtEnd, trackChild } from './cleanup.js';
import { CLUSTER, FAST_TIMINGS, benchSeed } from './sim-seed.js';
import { summarize, type Summary } from './stats.js';
import { renderTable, seconds } from './table.js';

export const RUN_TASK_ACTION = 'ecs-run-task';

/** The issue's goal: a verdict within 2 s of the task stopping. */
export const VERDICT_GOAL_MS = 2000;

/** How often the in-process probe looks at the simulator. */
const PROBE_MS = 50;

const FAMILY = 'migrate';
const CONTAINER = 'app';
const LOG_GROUP = `/ecs/${FAMILY}`;
const STREAM_PREFIX = FAMILY;

export interface RunTaskSettings {
  readonly runs: number;
  /** The container exits (code 0) this many seconds after RUNNING. */
  readonly exitAfterSeconds: number;
  /** Lines it writes, spread evenly before the exit (at most one a second). */
  readonly lines: number;
}

/** One run of the step. */
export interface RunTaskRun {
  readonly taskId: string;
  readonly exitCode: number | null;
  readonly error?: string;
  /** Spawn → exit of the step. */
  readonly wallMs: number;
  /** stoppedAt → exit of the step. */
  readonly verdictMs?: number;
  /** stoppedAt → the `→ STOPPED` status line on stdout. */
  readonly stoppedSeenMs?: number;
  /** stoppedAt → the probe's first sight of STOPPED. */
  readonly stoppedObservableMs?: number;
  /** Per line: event timestamp → the line on stdout. */
  readonly lineMs: number[];
  /** Per line: event timestamp → the probe's first sight of the event. */
  readonly lineObservableMs: number[];
  /** Per line: the probe's first sight of the event → the line on stdout (the action's share). */
  readonly lineOwnMs: number[];
  readonly linesWritten: number;
  readonly linesShown: number;
  /** The action's own calls during the run, by operation. */
  readonly calls: Record<string, number>;
}

export interface RunTaskResult {
  readonly settings: RunTaskSettings;
  readonly timings: typeof FAST_TIMINGS;
  readonly runs: RunTaskRun[];
  readonly verdictMs: Summary | undefined;
  readonly stoppedSeenMs: Summary | undefined;
  readonly stoppedObservableMs: Summary | undefined;
  readonly lineMs: Summary | undefined;
  readonly lineObservableMs: Summary | undefined;
  readonly lineOwnMs: Summary | undefined;
  readonly goalMs: number;
}

interface StampedLine {
  readonly at: number;
  readonly text: string;
}

/** Runs the bundle `settings.runs` times against one simulator at speed 1. */
export async function runTaskBench(
  action: ActionInfo,
  settings: RunTaskSettings,
  log: (line: string) => void,
): Promise<RunTaskResult> {
  if (!action.built)
    throw new Error(
      `run-task: dist/${action.name} is missing (node scripts/build.mjs ${action.name})`,
    );
  const sim = await startSimulator({
    seed: benchSeed([{ name: 'web', breaker: 'rollback' }]),
    speed: 1,
  });
  const close = onCleanup('run-task simulator', () => sim.close());
  // The bench's own SDK clients (DescribeTasks, GetLogEvents after each run) find the simulator
  // through the environment, as the step's do.
  const savedEnv = { ...process.env };
  Object.assign(process.env, sim.env);
  try {
    const aws = awsSettingsFrom(sim.env, 'bench', '0');
    const api: Api = { ecs: sdkEcsApi(aws), logs: sdkLogsApi(aws) };
    if (sim.timeInfo().speed !== 1) throw new Error('run-task: the simulator must run at speed 1');
    const dir = removeAtEnd(mkdtempSync(join(tmpdir(), 'bench-run-task-')));
    const runnerTemp = join(dir, 'runner');
    mkdirSync(runnerTemp);
    const lines = Array.from(
      { length: settings.lines },
      (_, i) => `Applying migration ${String(i + 1).padStart(4, '0')} of ${settings.lines}`,
    );
    await sim.pushImage({
      repository: 'app',
      tag: FAMILY,
      labels: {
        'sim.run-task': `exit-after:${settings.exitAfterSeconds}:0`,
        'sim.logs': lines.join('\n'),
      },
    });
    const definition = taskDefinition(FAMILY, `${sim.ctx.registry.host}/app:${FAMILY}`);
    const [container] = definition.containerDefinitions as Record<string, unknown>[];
    if (container === undefined) throw new Error('run-task: no container in the definition');
    container.logConfiguration = {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': LOG_GROUP,
        'awslogs-region': sim.env.AWS_REGION ?? 'us-east-1',
        'awslogs-stream-prefix': STREAM_PREFIX,
      },
    };
    writeFileSync(join(dir, 'task-definition.json'), JSON.stringify(definition, null, 2));
    const runs: RunTaskRun[] = [];
    for (let i = 0; i < settings.runs; i++) {
      await sleep(Math.random() * 1000);
      const run = await runOnce(action, sim, api, dir, runnerTemp, settings);
      runs.push(run);
      log(
        `  run-task ${i + 1}/${settings.runs}: ${run.error ?? `exit ${run.exitCode}`}, verdict ${seconds(run.verdictMs)} after STOPPED, ${run.linesShown}/${run.linesWritten} lines`,
      );
    }
    const all = (pick: (r: RunTaskRun) => number | undefined): Summary | undefined =>
      summarize(
        runs.flatMap((r) => {
          const v = pick(r);
          return v === undefined ? [] : [v];
        }),
      );
    return {
      settings,
      timings: FAST_TIMINGS,
      runs,
      verdictMs: all((r) => r.verdictMs),
      stoppedSeenMs: all((r) => r.stoppedSeenMs),
      stoppedObservableMs: all((r) => r.stoppedObservableMs),
      lineMs: summarize(runs.flatMap((r) => r.lineMs)),
      lineObservableMs: summarize(runs.flatMap((r) => r.lineObservableMs)),
      lineOwnMs: summarize(runs.flatMap((r) => r.lineOwnMs)),
      goalMs: VERDICT_GOAL_MS,
    };
  } finally {
    for (const key of Object.keys(sim.env)) {
      if (savedEnv[key] === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = savedEnv[key];
    }
    await close();
  }
}

interface Api {
  readonly ecs: EcsApi;
  readonly logs: LogsApi;
}

/**
 * Watches the simulator every PROBE_MS from this process: when each standalone task started
 * after `since` is first seen STOPPED, and when each of its log events first becomes visible.
 */
function startProbe(
  sim: Simulator,
  since: number,
): {
  stop: () => void;
  stoppedAt: Map<string, number>;
  eventAt: Map<number, number>;
} {
  const stoppedAt = new Map<string, number>();
  const eventAt = new Map<number, number>();
  const look = (): void => {
    const { engine, world } = sim.ctx;
    engine.sync();
    const now = Date.now();
    for (const task of world.tasks.values()) {
      if (task.standalone === undefined || task.createdAt < since) continue;
      if (task.lastStatus === 'STOPPED' && !stoppedAt.has(task.id)) stoppedAt.set(task.id, now);
      for (const s of task.logStreams)
        for (const e of world.logs.visibleEvents(s.group, s.stream, engine.time) ?? [])
          if (!eventAt.has(e.seq)) eventAt.set(e.seq, now);
    }
  };
  const timer = setInterval(look, PROBE_MS);
  return {
    stop: () => {
      clearInterval(timer);
    },
    stoppedAt,
    eventAt,
  };
}

async function runOnce(
  action: ActionInfo,
  sim: Simulator,
  { ecs, logs }: Api,
  dir: string,
  runnerTemp: string,
  settings: RunTaskSettings,
): Promise<RunTaskRun> {
  resetRunnerFiles(runnerTemp);
  const inputs = {
    cluster: CLUSTER,
    service: 'web',
    'task-definition': 'task-definition.json',
    'container-name': CONTAINER,
    command: 'python manage.py migrate --noinput',
  };
  const env = stepEnvironment(
    runnerTemp,
    { ...sim.env, ...GITHUB_ENV, GITHUB_WORKSPACE: dir },
    action,
    inputs,
  );
  const mark = sim.log.mark();
  const probe = startProbe(sim, sim.ctx.engine.time);
  const started = Date.now();
  const child = trackChild(
    spawn(actionNode(), [action.main], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const stdout: StampedLine[] = [];
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const at = Date.now();
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) stdout.push({ at, text: text.replace(/\r$/, '') });
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), (settings.exitAfterSeconds + 60) * 1000);
  let exitedAt = 0;
  const exitCode = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('exit', () => (exitedAt = Date.now()));
    child.once('close', (code) => {
      done(code);
    });
  });
  clearTimeout(timer);
  probe.stop();
  if (partial !== '') stdout.push({ at: exitedAt, text: partial });

  const calls: Record<string, number> = {};
  for (const e of sim.log.entries({ afterSeq: mark })) {
    const key = `${e.service}:${e.operation}`;
    calls[key] = (calls[key] ?? 0) + 1;
  }
  const outputs = parseEnvFile(readFileSync(join(runnerTemp, 'output'), 'utf8'));
  const arn = outputs.get('task-arn') ?? '';
  const taskId = arn.slice(arn.lastIndexOf('/') + 1);
  const failed = (error: string): RunTaskRun => ({
    taskId,
    exitCode,
    error,
    wallMs: exitedAt - started,
    lineMs: [],
    lineObservableMs: [],
    lineOwnMs: [],
    linesWritten: 0,
    linesShown: 0,
    calls,
  });
  if (arn === '') {
    const why = stdout.find((l) => l.text.startsWith('::error'))?.text ?? stderr.slice(0, 200);
    return failed(`no task started: ${why}`);
  }

  // After the run, through the API: the task's stoppedAt and the stream's events.
  const described = await ecs.describeTasks({ cluster: CLUSTER, tasks: [arn] });
  const stoppedAt = described.tasks?.[0]?.stoppedAt?.getTime();
  const events: { timestamp: number; message: string }[] = [];
  let token: string | undefined;
  for (let page = 0; page < 100; page++) {
    const answer = await logs.getLogEvents({
      logGroupName: LOG_GROUP,
      logStreamName: `${STREAM_PREFIX}/${CONTAINER}/${taskId}`,
      startFromHead: true,
      ...(token === undefined ? {} : { nextToken: token }),
    });
    for (const e of answer.events ?? [])
      events.push({ timestamp: e.timestamp ?? 0, message: e.message ?? '' });
    if (answer.nextForwardToken === undefined || answer.nextForwardToken === token) break;
    token = answer.nextForwardToken;
  }

  // The container's lines are the ones between the action's ::stop-commands:: and its token.
  const begin = stdout.findIndex((l) => l.text.startsWith('::stop-commands::'));
  const shown = begin < 0 ? [] : stdout.slice(begin + 1);
  const used = new Set<number>();
  const lineShownAt: { event: (typeof events)[number]; at: number }[] = [];
  for (const e of events) {
    const i = shown.findIndex((l, j) => !used.has(j) && l.text === e.message);
    if (i < 0) continue;
    used.add(i);
    lineShownAt.push({ event: e, at: shown[i]?.at ?? 0 });
  }
  const lineMs = lineShownAt.map(({ event, at }) => at - event.timestamp);
  // The probe keyed events by the store's seq: the same events, in stream order.
  const stream = sim.ctx.world.tasks.get(taskId)?.logStreams[0];
  const stored =
    stream === undefined
      ? []
      : (sim.ctx.world.logs.visibleEvents(stream.group, stream.stream, sim.ctx.engine.time) ?? []);
  const lineObservableMs = stored.flatMap((e) => {
    const seen = probe.eventAt.get(e.seq);
    return seen === undefined ? [] : [seen - e.timestamp];
  });
  const lineOwnMs = lineShownAt.flatMap(({ event, at }) => {
    const twin = stored.find((x) => x.timestamp === event.timestamp && x.message === event.message);
    const seen = twin === undefined ? undefined : probe.eventAt.get(twin.seq);
    return seen === undefined ? [] : [at - seen];
  });
  const stoppedLine = stdout.find((l) => /^\[ecs-run-task\] .*STOPPED$/.test(l.text));
  const probeStopped = probe.stoppedAt.get(taskId);
  const error =
    exitCode === 0
      ? undefined
      : (stdout.find((l) => l.text.startsWith('::error'))?.text ?? `exit ${exitCode}`);
  return {
    taskId,
    exitCode,
    ...(error === undefined ? {} : { error }),
    wallMs: exitedAt - started,
    ...(stoppedAt === undefined
      ? {}
      : {
          verdictMs: exitedAt - stoppedAt,
          ...(stoppedLine === undefined ? {} : { stoppedSeenMs: stoppedLine.at - stoppedAt }),
          ...(probeStopped === undefined ? {} : { stoppedObservableMs: probeStopped - stoppedAt }),
        }),
    lineMs,
    lineObservableMs,
    lineOwnMs,
    linesWritten: events.length,
    linesShown: lineMs.length,
    calls,
  };
}

const triple = (s: Summary | undefined): string =>
  s === undefined ? '–' : `${seconds(s.p50)} / ${seconds(s.p95)} / ${seconds(s.max)}`;

/** The section's table and a line on how it was run. */
export function runTaskTable(r: RunTaskResult): string {
  const goal = r.verdictMs === undefined ? '–' : r.verdictMs.p95 <= r.goalMs ? 'PASS' : 'FAIL';
  const rows = [
    [
      'verdict: task STOPPED → step exits',
      String(r.verdictMs?.n ?? 0),
      triple(r.verdictMs),
      triple(r.stoppedObservableMs),
      `p95 ≤ ${seconds(r.goalMs)}: ${goal}`,
    ],
    [
      '… of which STOPPED → `→ STOPPED` line (poll)',
      String(r.stoppedSeenMs?.n ?? 0),
      triple(r.stoppedSeenMs),
      triple(r.stoppedObservableMs),
      '–',
    ],
    [
      'log line: written → in the job log',
      String(r.lineMs?.n ?? 0),
      triple(r.lineMs),
      triple(r.lineObservableMs),
      '–',
    ],
    [
      '… of which first observable → in the job log',
      String(r.lineOwnMs?.n ?? 0),
      triple(r.lineOwnMs),
      '–',
      '–',
    ],
  ];
  const shown = r.runs.reduce((n, x) => n + x.linesShown, 0);
  const written = r.runs.reduce((n, x) => n + x.linesWritten, 0);
  const ok = r.runs.filter((x) => x.exitCode === 0).length;
  const perRun = (op: string): string => {
    const s = summarize(r.runs.map((x) => x.calls[op] ?? 0));
    return s === undefined ? '–' : String(s.p50);
  };
  return [
    renderTable(
      [
        'measure',
        'n',
        'ours p50 / p95 / max',
        'first observable (50 ms probe) p50 / p95 / max',
        'goal',
      ],
      rows,
      ['left', 'right', 'right', 'right', 'left'],
    ),
    '',
    `${r.runs.length} runs of the bundle (${ok} exit 0), one at a time, each started after a random 0–1 s: container exits 0 ${r.settings.exitAfterSeconds} s after RUNNING, ${r.settings.lines} lines spread before it (${shown} of ${written} shown). Median calls per run: DescribeTasks ${perRun('ecs:DescribeTasks')}, GetLogEvents ${perRun('logs:GetLogEvents')}.`,
  ].join('\n');
}
