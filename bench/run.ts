// npm run bench [-- --quick] [-- --only cold,detection,calls,chain] [-- --rounds N] [-- --reps N]
//
// Every figure is relative to a baseline measured in the same run: cold starts against bare
// `node -e 0`, detection latency against the SDK's waitUntilServicesStable on the same rollout,
// sizes against the official deploy action's bundle. Writes bench/results/latest.json and prints
// the tables. Everything runs on 127.0.0.1; every process and server is stopped at the end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@ecs-deploy/runner-harness';
import { discoverActions, snapshot } from './actions.js';
import { bundleSizes } from './bundle-analysis.js';
import { cleanupAll } from './cleanup.js';
import { coldStart } from './cold-start.js';
import { describeMachine } from './machine.js';
import { coldStartNotes, coldStartTable, dominatesText, sizeTable } from './report-cold.js';

const SECTIONS = ['cold', 'detection', 'calls', 'chain'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  quick: boolean;
  sections: Set<Section>;
  rounds: number;
  reps: number;
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
    reps: num('--reps', quick ? 4 : 10),
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
  const pending = actions.filter((a) => !a.built).map((a) => a.name);
  log(
    `bench: ${options.quick ? 'quick' : 'full'} run on ${machine.nproc} cores, actions: ${actions
      .map((a) => a.name + (a.built ? '' : ' (not built)'))
      .join(', ')}`,
  );
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    quick: options.quick,
    machine,
    actions: actions.map((a) => ({ name: a.name, built: a.built, sha256: a.sha256 })),
    pendingActions: pending,
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
      out.push('## What dominates cold start', '', dominatesText(cold.analysis), '');
  }

  const durationSeconds = Math.round((Date.now() - started) / 1000);
  results.durationSeconds = durationSeconds;
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
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
