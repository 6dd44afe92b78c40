// npm run bench [-- --quick] [--only cold,detection,calls,chain,run-task] [--rounds N] [--reps N]
//                 [--chain-reps N] [--run-task-runs N] [--no-profile]
// --quick: 5 cold-start rounds, 4 deployments per scenario, 1 chain run, 3 one-off task runs, no
// profiles (~2 min).
//
// Every figure is relative to a baseline measured in the same run: cold starts against bare
// `node -e 0`, detection latency against the SDK's waitUntilServicesStable on the same rollout,
// sizes against the official deploy action's bundle. Writes bench/results/latest.json and prints
// the tables. Everything runs on 127.0.0.1; every process and server is stopped at the end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@ecs-deploy/runner-harness';
import { createWorkspace, discoverActions, snapshot, withoutRecipe } from './actions.js';
import { bundleSizes } from './bundle-analysis.js';
import { cleanupAll } from './cleanup.js';
import { chain, missingChainSteps, type ChainResult } from './chain.js';
import { coldStart } from './cold-start.js';
import { detection, type DetectionResult } from './detection.js';
import { describeMachine } from './machine.js';
import { coldStartNotes, coldStartTable, dominatesText, sizeTable } from './report-cold.js';
import { callsTable, chainTable, detectionTable, waiterModelText } from './report-rollout.js';
import { RUN_TASK_ACTION, runTaskBench, runTaskTable } from './run-task.js';

const SECTIONS = ['cold', 'detection', 'calls', 'chain', 'run-task'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  quick: boolean;
  sections: Set<Section>;
  rounds: number;
  reps: number;
  chainReps: number;
  runTaskRuns: number;
  profileRuns: number;
}

function parseArgs(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    const arg = argv[i] ?? '';
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  };
  const only = value('--only');
  const sections = new Set<Section>(
    only === undefined
      ? SECTIONS
      : only.split(',').map((s) => {
          if (!(SECTIONS as readonly string[]).includes(s))
            throw new Error(`--only: unknown section "${s}" (one of ${SECTIONS.join(', ')})`);
          return s as Section;
        }),
  );
  const num = (name: string, fallback: number): number => {
    const v = value(name);
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
    return n;
  };
  return {
    quick,
    sections,
    rounds: num('--rounds', quick ? 5 : 15),
    reps: num('--reps', quick ? 4 : 20),
    chainReps: num('--chain-reps', quick ? 1 : 2),
    runTaskRuns: num('--run-task-runs', quick ? 3 : 10),
    profileRuns: argv.includes('--no-profile') || quick ? 0 : 3,
  };
}

const log = (line: string): void => {
  console.error(line);
};

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const machine = describeMachine();
  const actions = snapshot(discoverActions());
  const noRecipe = withoutRecipe(actions);
  if (noRecipe.length > 0)
    throw new Error(`no recipe in bench/actions.ts for: ${noRecipe.join(', ')}`);
  const usesChain = options.sections.has('chain') || options.sections.has('calls');
  const missing = usesChain ? missingChainSteps(actions) : [];
  if (missing.length > 0)
    throw new Error(
      `the chain needs ${missing.join(', ')} in dist/ (node scripts/build.mjs <name>)`,
    );
  if (
    options.sections.has('run-task') &&
    actions.find((a) => a.name === RUN_TASK_ACTION)?.built !== true
  )
    throw new Error(
      `run-task needs ${RUN_TASK_ACTION} in dist/ (node scripts/build.mjs ${RUN_TASK_ACTION})`,
    );
  log(
    `bench: ${options.quick ? 'quick' : 'full'} run on ${machine.nproc} cores (load ${loadavg()[0]?.toFixed(2) ?? '?'}), actions: ${actions
      .map((a) => a.name + (a.built ? '' : ' (not built)'))
      .join(', ')}`,
  );
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    quick: options.quick,
    machine,
    loadAverage: { atStart: loadavg() },
    actions: actions.map((a) => ({ name: a.name, built: a.built, sha256: a.sha256 })),
  };
  const out: string[] = [];

  if (options.sections.has('cold')) {
    log(`cold start: ${options.rounds} rounds${options.profileRuns > 0 ? ' + profiles' : ''}`);
    const cold = await coldStart(actions, options.rounds, log, options.profileRuns);
    const sizes = bundleSizes(actions);
    results.coldStart = cold;
    results.bundleSize = sizes;
    out.push('## Cold start (first AWS request answered)', '', coldStartTable(cold), '');
    out.push(coldStartNotes(cold), '');
    out.push('## Bundle size', '', sizeTable(sizes, cold.analysis), '');
    if (cold.analysis !== undefined)
      out.push('## What dominates cold start (--cpu-prof)', '', dominatesText(cold.analysis), '');
  }

  let detected: DetectionResult | undefined;
  if (options.sections.has('detection') || options.sections.has('calls')) {
    const slow = options.sections.has('calls') ? (options.quick ? 20 : 45) : 0;
    const reps = options.sections.has('detection') ? options.reps : 1;
    const slowReps = options.quick ? 2 : 10;
    log(
      `detection: ${reps} deployments per scenario at speed 1${slow > 0 ? `, ${slowReps} slow rollouts (${slow} s quiet) + the API-call twins` : ''}`,
    );
    const caps = options.quick ? { failed: 35_000, 'healthy-slow': 60_000 } : {};
    detected = await detection(reps, Math.min(reps, 10), slow, slowReps, log, caps);
    results.detection = detected;
    if (options.sections.has('detection'))
      out.push(
        '## Detection latency (terminal state → verdict)',
        '',
        detectionTable(detected),
        '',
        waiterModelText(),
        '',
      );
  }

  let chained: ChainResult | undefined;
  if (usesChain) {
    log(`chain: ${options.chainReps} run(s) of tag → push → render → deploy → healthy`);
    chained = await chain(actions, await createWorkspace(), options.chainReps, log);
    results.chain = chained;
  }
  if (options.sections.has('calls') && detected !== undefined)
    out.push('## API calls', '', callsTable(detected, chained), '');
  if (options.sections.has('chain') && chained !== undefined)
    out.push('## Whole chain at speed 1', '', chainTable(chained), '');

  if (options.sections.has('run-task')) {
    const action = actions.find((a) => a.name === RUN_TASK_ACTION);
    if (action === undefined) throw new Error(`run-task: no actions/${RUN_TASK_ACTION}`);
    const settings = { runs: options.runTaskRuns, exitAfterSeconds: 4, lines: 20 };
    log(`run-task: ${settings.runs} one-off tasks through dist/${RUN_TASK_ACTION} at speed 1`);
    const oneOff = await runTaskBench(action, settings, log);
    results.runTask = oneOff;
    out.push('## One-off tasks (ecs-run-task)', '', runTaskTable(oneOff), '');
  }

  const durationSeconds = Math.round((Date.now() - started) / 1000);
  results.durationSeconds = durationSeconds;
  results.loadAverage = {
    atStart: (results.loadAverage as { atStart: number[] }).atStart,
    atEnd: loadavg(),
  };
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  out.push(
    `_${results.date as string}, ${machine.nproc} cores (${machine.cpuModel}), ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, bench on Node ${machine.benchNode}, bundles on Node ${machine.actionNode}; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${durationSeconds} s; \`${results.command as string}\`._`,
  );
  console.log(out.join('\n'));
  log(`bench: done in ${durationSeconds} s; results in bench/results/latest.json`);
}

let exitCode = 0;
const stop = (signal: NodeJS.Signals): void => {
  log(`bench: ${signal}, cleaning up`);
  void cleanupAll().finally(() => process.exit(130));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  exitCode = 1;
} finally {
  await cleanupAll();
}
process.exit(exitCode);
