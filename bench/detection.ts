// Detection latency: how long after the simulated world reaches a terminal state our follower
// (follow() from @ecs-deploy/deployment over @ecs-deploy/rollout-watch's AWS source, real SDK
// clients) and the SDK's waitUntilServicesStable (the official deploy action's wait) report it.
//
// One simulator at speed 1 (real time) holds every service; all figures are wall-clock epoch ms
// in this process, and at speed 1 the simulator's clock *is* Date.now(), so the terminal moment
// is the createdAt of the ECS event that records it:
//   healthy      "(deployment <ours>) deployment completed."
//   failed       "(deployment <ours>) deployment failed: …" (breaker on, no rollback)
//   rolled-back  the same event (breaker with rollback: the rollback starts then); the rollback's
//                own "deployment completed." is when the SDK waiter can first say SUCCESS.
// The state only becomes observable through the API at that tick, so latency ≥ 0.
//
// The same simulator also runs the API-call measurement: a slow rollout in its own cluster (so
// its calls can be told apart in the request log by their `cluster` / target group parameter),
// followed by our follower, and the same rollout on a twin service waited on by the SDK waiter.
import {
  ECSClient,
  UpdateServiceCommand,
  DescribeServicesCommand,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import { startSimulator, type Simulator } from '@ecs-deploy/aws-sim';
import { awsSettingsFrom, type EcsApi, type ElbApi } from '@ecs-deploy/aws';
import { follow, systemClock, type FollowLog } from '@ecs-deploy/deployment';
import { awsDeploymentSource, pollingClients } from '@ecs-deploy/rollout-watch';
import { onCleanup } from './cleanup.js';
import { CLUSTER, REVISION, benchSeed, type BenchService, type Breaker } from './sim-seed.js';
import { summarize, type Summary } from './stats.js';

export type ScenarioName = 'healthy' | 'failed' | 'rolled-back' | 'healthy-slow';

interface ScenarioSpec {
  readonly breaker: Breaker;
  readonly revision: string;
  readonly expect: string;
  /** How long the SDK waiter may run before the bench stops it. */
  readonly waiterCapMs: number;
}

export const SCENARIOS: Record<ScenarioName, ScenarioSpec> = {
  healthy: { breaker: 'rollback', revision: REVISION.v2, expect: 'healthy', waiterCapMs: 150_000 },
  failed: { breaker: 'on', revision: REVISION.broken, expect: 'failed', waiterCapMs: 60_000 },
  'rolled-back': {
    breaker: 'rollback',
    revision: REVISION.broken,
    expect: 'rolled-back',
    waiterCapMs: 150_000,
  },
  // A long quiet stretch (tasks healthy only `slowSeconds` after RUNNING): the follower's poll
  // interval has grown to its maximum when the rollout completes.
  'healthy-slow': {
    breaker: 'rollback',
    revision: REVISION.slow,
    expect: 'healthy',
    waiterCapMs: 150_000,
  },
};
const NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** The official action's wait: minDelay 15 s, SDK default maxDelay, wait-for-minutes 30. */
export const OFFICIAL_WAIT = { minDelay: 15, maxWaitTime: 30 * 60 } as const;

/** One deployment followed by our follower. */
export interface Rep {
  readonly scenario: ScenarioName;
  readonly service: string;
  readonly deploymentId: string;
  readonly deployedAt: number;
  readonly outcome: string;
  readonly verdictAt: number;
  readonly polls: number;
  terminalAt?: number;
  rollbackCompletedAt?: number;
}

/** One run of waitUntilServicesStable. */
export interface WaiterRun {
  readonly scenario: ScenarioName;
  readonly service: string;
  readonly startedAt: number;
  /** SUCCESS / FAILURE / TIMEOUT as the waiter reports it, or STOPPED when the bench's cap hit. */
  readonly state: string;
  readonly returnedAt: number;
  readonly capMs: number;
  /** DescribeServices calls it made (counted in the client). */
  polls?: number;
  terminalAt?: number;
  rollbackCompletedAt?: number;
}

export interface ScenarioFigures {
  readonly scenario: ScenarioName;
  readonly expected: string;
  readonly outcomes: Record<string, number>;
  /** Our follower: verdict − terminal moment. */
  readonly latencyMs: Summary | undefined;
  /** UpdateService → terminal moment (the simulated rollout). */
  readonly rolloutMs: Summary | undefined;
  readonly waiter: WaiterRun | undefined;
}

export interface CallRate {
  readonly who: string;
  readonly windowMs: number;
  readonly byOperation: Record<string, number>;
  readonly perMinute: Record<string, number>;
  readonly totalPerMinute: number;
  readonly outcome: string;
}

export interface DetectionResult {
  readonly reps: number;
  readonly scenarios: ScenarioFigures[];
  readonly repsDetail: Rep[];
  readonly callRates: CallRate[];
  /** Goal: our p95 ≤ 2 s per scenario. */
  readonly goalMs: number;
}

export const DETECTION_GOAL_MS = 2000;

/** Goal: our follower's calls per minute of waiting, every operation counted. */
export const CALLS_GOAL_PER_MINUTE = 25;

const silent: FollowLog = {
  info: () => undefined,
  warning: () => undefined,
  debug: () => undefined,
};

const sleep = (ms: number): Promise<void> =>
  new Promise((done) => {
    setTimeout(done, ms);
  });

interface Plan {
  readonly scenario: ScenarioName;
  readonly service: string;
  /** Rounds run one after the other; -1: in the background from the start (slow rollouts). */
  readonly round: number;
  readonly waiter: boolean;
}

const SLOW_CLUSTER = 'bench-slow';

/**
 * Runs `reps` deployments per scenario, `perRound` of each at a time, with the SDK waiter on the
 * first deployment of each scenario; and, when `slowSeconds` > 0, the API-call measurement.
 */
export async function detection(
  reps: number,
  perRound: number,
  slowSeconds: number,
  slowReps: number,
  log: (line: string) => void,
  /** Shorter caps for the SDK waiter (quick mode): ms by scenario. */
  waiterCaps: Partial<Record<ScenarioName, number>> = {},
): Promise<DetectionResult> {
  const plans: Plan[] = [];
  for (const scenario of NAMES) {
    const slow = scenario === 'healthy-slow';
    const count = slow ? (slowSeconds > 0 ? slowReps : 0) : reps;
    for (let i = 0; i < count; i++)
      plans.push({
        scenario,
        service: `${scenario}-${i}`,
        round: slow ? -1 : Math.floor(i / perRound),
        // The slow scenario's waiter runs on the API-call twin (same rollout, same moment).
        waiter: i === 0 && !slow,
      });
  }
  const services: BenchService[] = plans.map((p) => ({
    name: p.service,
    breaker: SCENARIOS[p.scenario].breaker,
  }));
  const seed = benchSeed(services, slowSeconds);
  if (slowSeconds > 0) {
    // Two twins of one slow rollout, each alone in a cluster: ours and the SDK waiter's.
    const slow = benchSeed(
      [
        { name: 'slow-follower', breaker: 'rollback' },
        { name: 'slow-waiter', breaker: 'rollback' },
      ],
      slowSeconds,
    );
    seed.targetGroups?.push(...(slow.targetGroups ?? []));
    seed.clusters?.push(`${SLOW_CLUSTER}-follower`, `${SLOW_CLUSTER}-waiter`);
    for (const s of slow.services ?? [])
      seed.services?.push({ ...s, cluster: `${SLOW_CLUSTER}-${s.serviceName.slice(5)}` });
  }
  const sim = await startSimulator({ seed, speed: 1 });
  const close = onCleanup('detection simulator', () => sim.close());
  const savedEnv = { ...process.env };
  Object.assign(process.env, sim.env);
  try {
    return await runAll(
      sim,
      plans,
      reps,
      slowSeconds,
      log,
      (s) => waiterCaps[s] ?? SCENARIOS[s].waiterCapMs,
    );
  } finally {
    for (const key of Object.keys(sim.env)) {
      if (savedEnv[key] === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = savedEnv[key];
    }
    await close();
  }
}

async function runAll(
  sim: Simulator,
  plans: readonly Plan[],
  reps: number,
  slowSeconds: number,
  log: (line: string) => void,
  capOf: (scenario: ScenarioName) => number,
): Promise<DetectionResult> {
  // The follower's clients as wait-healthy builds them: the driver retries, so 1 attempt a call.
  const settings = awsSettingsFrom(process.env, 'bench', '0.0.0');
  const { ecs, elb } = pollingClients(settings);
  const admin = new ECSClient({ region: settings.region, endpoint: sim.endpoint });
  const waiterClient = new ECSClient({ region: settings.region, endpoint: sim.endpoint });
  // The waiter's DescribeServices calls, counted per service as they leave the client.
  const waiterCalls = new Map<string, number>();
  waiterClient.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { services?: string[] };
      const name = input.services?.[0] ?? '';
      waiterCalls.set(name, (waiterCalls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCountWaiterCalls' },
  );
  onCleanup('detection SDK clients', () => {
    admin.destroy();
    waiterClient.destroy();
  });

  const deploy = async (
    cluster: string,
    service: string,
    revision: string,
  ): Promise<{ id: string; at: number }> => {
    const answer = await admin.send(
      new UpdateServiceCommand({ cluster, service, taskDefinition: revision }),
    );
    const id = answer.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id;
    if (id === undefined) throw new Error(`UpdateService of ${service} returned no PRIMARY`);
    return { id, at: Date.now() };
  };

  const runWaiter = async (
    scenario: ScenarioName,
    cluster: string,
    service: string,
    capMs: number,
  ): Promise<WaiterRun> => {
    const startedAt = Date.now();
    const stop = new AbortController();
    const timer = setTimeout(() => {
      stop.abort();
    }, capMs);
    let state: string;
    try {
      const result = await waitUntilServicesStable(
        { client: waiterClient, ...OFFICIAL_WAIT, abortSignal: stop.signal },
        { cluster, services: [service] },
      );
      state = result.state;
    } catch (e) {
      const err = e as { name?: string; message?: string };
      if (stop.signal.aborted) state = 'STOPPED';
      else if (err.name === 'TimeoutError') state = 'TIMEOUT';
      else if (typeof err.message === 'string' && err.message.includes('"FAILURE"'))
        state = 'FAILURE';
      else state = `ERROR ${err.name ?? ''}`;
    } finally {
      clearTimeout(timer);
    }
    return { scenario, service, startedAt, state, returnedAt: Date.now(), capMs };
  };

  const followOne = async (plan: Plan, waiters: Promise<WaiterRun>[]): Promise<Rep> => {
    await sleep(Math.random() * 1000); // decorrelate the poll phases of parallel deployments
    const spec = SCENARIOS[plan.scenario];
    const { id, at } = await deploy(CLUSTER, plan.service, spec.revision);
    if (plan.waiter)
      waiters.push(runWaiter(plan.scenario, CLUSTER, plan.service, capOf(plan.scenario)));
    const result = await follow(
      awsDeploymentSource({ ecs, elb, cluster: CLUSTER, service: plan.service }),
      { deploymentId: id, label: plan.service, timeout: 180_000, stableFor: 0 },
      systemClock,
      silent,
    );
    return {
      scenario: plan.scenario,
      service: plan.service,
      deploymentId: id,
      deployedAt: at,
      outcome: result.outcome,
      verdictAt: Date.now(),
      polls: result.polls,
    };
  };

  const waiters: Promise<WaiterRun>[] = [];
  // The slow rollouts run alongside everything else (they take about a minute).
  const slow =
    slowSeconds > 0
      ? measureCallRates(sim, deploy, runWaiter, ecs, elb, slowSeconds, capOf('healthy-slow'))
      : undefined;
  const background = Promise.all(
    plans.filter((p) => p.round < 0).map((p) => followOne(p, waiters)),
  );

  const repsDone: Rep[] = [];
  const rounds = Math.max(0, ...plans.map((p) => p.round)) + 1;
  for (let round = 0; round < rounds; round++) {
    const batch = plans.filter((p) => p.round === round);
    repsDone.push(...(await Promise.all(batch.map((p) => followOne(p, waiters)))));
    log(`  detection round ${round + 1}/${rounds}: ${batch.length} deployments followed`);
  }
  if (slowSeconds > 0) log(`  waiting for the slow rollouts (${slowSeconds} s quiet stretch)…`);
  repsDone.push(...(await background));
  if (waiters.length > 0)
    log('  waiting for the SDK waiters (first poll after 15 s, backing off)…');
  const waiterRuns = await Promise.all(waiters);
  const twin = slow === undefined ? undefined : await slow;
  const callRates = twin?.rates ?? [];
  if (twin !== undefined) waiterRuns.push(twin.waiter);

  // Terminal moments from the services' events.
  const events = new Map<string, { message: string; at: number }[]>();
  const readEvents = async (cluster: string, names: readonly string[]): Promise<void> => {
    for (let i = 0; i < names.length; i += 10) {
      const answer = await admin.send(
        new DescribeServicesCommand({ cluster, services: names.slice(i, i + 10) }),
      );
      for (const s of answer.services ?? []) {
        events.set(
          s.serviceName ?? '',
          (s.events ?? []).map((e) => ({
            message: e.message ?? '',
            at: e.createdAt?.getTime() ?? 0,
          })),
        );
      }
    }
  };
  await readEvents(
    CLUSTER,
    repsDone.map((r) => r.service),
  );
  for (const rep of repsDone) {
    const mark = terminalMoments(events.get(rep.service) ?? [], rep.deploymentId, rep.scenario);
    rep.terminalAt = mark.terminalAt;
    rep.rollbackCompletedAt = mark.rollbackCompletedAt;
  }
  for (const w of waiterRuns) {
    const rep = repsDone.find((r) => r.service === w.service);
    if (rep !== undefined) {
      w.terminalAt = rep.terminalAt;
      w.rollbackCompletedAt = rep.rollbackCompletedAt;
    }
    w.polls = waiterCalls.get(w.service) ?? 0;
  }
  if (twin !== undefined) {
    await readEvents(twin.cluster, [twin.waiter.service]);
    twin.waiter.terminalAt = terminalMoments(
      events.get(twin.waiter.service) ?? [],
      twin.deploymentId,
      'healthy',
    ).terminalAt;
  }

  const scenarios: ScenarioFigures[] = NAMES.map((scenario) => {
    const mine = repsDone.filter((r) => r.scenario === scenario);
    const outcomes: Record<string, number> = {};
    for (const r of mine) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    const timed = mine.filter((r) => r.terminalAt !== undefined);
    return {
      scenario,
      expected: SCENARIOS[scenario].expect,
      outcomes,
      latencyMs: summarize(timed.map((r) => r.verdictAt - (r.terminalAt ?? 0))),
      rolloutMs: summarize(timed.map((r) => (r.terminalAt ?? 0) - r.deployedAt)),
      waiter: waiterRuns.find((w) => w.scenario === scenario),
    };
  });
  return {
    reps,
    scenarios,
    repsDetail: repsDone,
    callRates,
    goalMs: DETECTION_GOAL_MS,
  };
}

/** The terminal moment of our deployment (and the rollback's completion) from service events. */
export function terminalMoments(
  events: readonly { message: string; at: number }[],
  deploymentId: string,
  scenario: ScenarioName,
): { terminalAt?: number; rollbackCompletedAt?: number } {
  const ours = `(deployment ${deploymentId})`;
  if (scenario === 'healthy' || scenario === 'healthy-slow') {
    const done = events.find((e) => e.message.includes(`${ours} deployment completed.`));
    return done === undefined ? {} : { terminalAt: done.at };
  }
  const failed = events.find((e) => e.message.includes(`${ours} deployment failed`));
  if (failed === undefined) return {};
  const rollbackDone = events
    .filter(
      (e) =>
        e.at >= failed.at &&
        e.message.includes('deployment completed.') &&
        !e.message.includes(ours),
    )
    .sort((a, b) => a.at - b.at)[0];
  return {
    terminalAt: failed.at,
    ...(rollbackDone === undefined ? {} : { rollbackCompletedAt: rollbackDone.at }),
  };
}

/** The API-call measurement and the SDK waiter's run on the slow twin. */
interface Twin {
  readonly rates: CallRate[];
  readonly waiter: WaiterRun;
  readonly cluster: string;
  readonly deploymentId: string;
}

/**
 * Deploys the slow image to two twin services in their own clusters at the same moment, follows
 * one with our follower and waits on the other with the SDK waiter, and counts each one's calls
 * from the request log (by cluster, and by target group for DescribeTargetHealth) over the same
 * window: from its UpdateService until our follower's verdict. The waiter runs on (up to its cap)
 * so that its detection latency on this longer rollout is measured too.
 */
async function measureCallRates(
  sim: Simulator,
  deploy: (
    cluster: string,
    service: string,
    revision: string,
  ) => Promise<{ id: string; at: number }>,
  runWaiter: (
    s: ScenarioName,
    cluster: string,
    service: string,
    capMs: number,
  ) => Promise<WaiterRun>,
  ecs: EcsApi,
  elb: ElbApi,
  slowSeconds: number,
  waiterCapMs: number,
): Promise<Twin> {
  const followerCluster = `${SLOW_CLUSTER}-follower`;
  const waiterCluster = `${SLOW_CLUSTER}-waiter`;
  const [mine, theirs] = await Promise.all([
    deploy(followerCluster, 'slow-follower', REVISION.slow),
    deploy(waiterCluster, 'slow-waiter', REVISION.slow),
  ]);
  const waiter = runWaiter('healthy-slow', waiterCluster, 'slow-waiter', waiterCapMs);
  const result = await follow(
    awsDeploymentSource({ ecs, elb, cluster: followerCluster, service: 'slow-follower' }),
    {
      deploymentId: mine.id,
      label: 'slow-follower',
      timeout: (slowSeconds + 120) * 1000,
      stableFor: 0,
    },
    systemClock,
    silent,
  );
  const end = Date.now();
  const waited = await waiter;
  return {
    rates: [
      rate(
        sim,
        'our follower (wait-healthy defaults)',
        followerCluster,
        'tg-slow-follower',
        mine.at,
        end,
        result.outcome,
      ),
      rate(
        sim,
        'SDK waitUntilServicesStable (official action)',
        waiterCluster,
        'tg-slow-waiter',
        theirs.at,
        end,
        waited.returnedAt <= end ? waited.state : 'still waiting when ours ended',
      ),
    ],
    waiter: waited,
    cluster: waiterCluster,
    deploymentId: theirs.id,
  };
}

function rate(
  sim: Simulator,
  who: string,
  cluster: string,
  targetGroup: string,
  from: number,
  to: number,
  outcome: string,
): CallRate {
  const byOperation: Record<string, number> = {};
  for (const e of sim.log.entries()) {
    if (e.time < from || e.time > to) continue;
    const p = (e.params ?? {}) as Record<string, unknown>;
    const mine =
      p.cluster === cluster ||
      (typeof p.TargetGroupArn === 'string' &&
        p.TargetGroupArn.includes(`:targetgroup/${targetGroup}/`));
    if (!mine || e.mutating) continue;
    byOperation[e.operation] = (byOperation[e.operation] ?? 0) + 1;
  }
  const windowMs = to - from;
  const perMinute: Record<string, number> = {};
  let total = 0;
  for (const [op, n] of Object.entries(byOperation)) {
    perMinute[op] = (n * 60_000) / windowMs;
    total += perMinute[op];
  }
  return { who, windowMs, byOperation, perMinute, totalPerMinute: total, outcome };
}
