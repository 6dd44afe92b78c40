// The demo's plot: release v2 through deploy.yml (dev, then prod after approval, each migrating
// first), then v3 whose migration fails so no service is touched, then a broken v4 whose dev
// deployment fails and is rolled back; then a two-service release through
// deploy-services.yml, and one whose broken worker puts both services back. Returns the story and whether it went as
// expected; printing is the CLI's job.
import { fileURLToPath } from 'node:url';
import { runWorkflow, type WorkflowRunResult } from '@ecs-deploy/workflow-runner';
import { runningDigests } from './inspect.js';
import {
  checkLines,
  DROPPED_OUTPUT_RULE,
  heading,
  runStory,
  seconds,
  shortDigest,
  type Check,
} from './story.js';
import {
  NAMES,
  SERVICES,
  startWorld,
  writeRelease,
  writeServicesRelease,
  type ExampleWorld,
} from './world.js';

/** The example workflows the demo runs. */
export const DEPLOY_WORKFLOW = fileURLToPath(
  new URL('../../../workflows-examples/deploy.yml', import.meta.url),
);
export const SERVICES_WORKFLOW = fileURLToPath(
  new URL('../../../workflows-examples/deploy-services.yml', import.meta.url),
);

/** What the demo produced. */
export interface DemoResult {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

async function release(
  world: ExampleWorld,
  sha: string,
  say: (line: string) => void,
  workflow = DEPLOY_WORKFLOW,
): Promise<{ run: WorkflowRunResult; wallMs: number }> {
  const started = Date.now();
  const run = await runWorkflow({
    ...world.options(workflow, sha),
    approve: ({ job, environment, reviewers }) => {
      say(`  … ${job} waits for ${environment}'s reviewers (${reviewers.join(', ')}): approved`);
      return true;
    },
  });
  return { run, wallMs: Date.now() - started };
}

async function digestsOf(world: ExampleWorld, cluster: string): Promise<string[]> {
  return runningDigests(world.sim.endpoint, cluster, NAMES.service);
}

function same(actual: readonly string[], digest: string): boolean {
  return actual.length === 1 && actual[0] === digest;
}

/** Runs the whole demo; `say` receives each line as soon as it is known. */
export async function runDemo(say: (line: string) => void, speed = 100): Promise<DemoResult> {
  const lines: string[] = [];
  const emit = (...more: string[]): void => {
    for (const line of more) {
      lines.push(line);
      say(line);
    }
  };
  const started = Date.now();
  emit(
    'ecs-deploy-actions demo: workflows-examples/deploy.yml and deploy-services.yml against the local AWS simulator',
    `(ECS, ECR with an embedded registry, STS; clock ×${String(speed)}; images built without Docker)`,
  );
  const world = await startWorld(speed);
  const checks: Check[] = [];
  try {
    emit(`simulator up at ${world.sim.endpoint}; dev/web and prod/web run the seeded web:v1`);

    emit(...heading('1. Release v2: push to main → tag → build → dev → (approval) → prod'));
    const good = await release(world, '2'.repeat(40), emit);
    emit(...runStory(good.run, good.wallMs));
    const digest = good.run.jobs.build?.outputs.digest ?? '';
    const dev = await digestsOf(world, 'dev');
    const prod = await digestsOf(world, 'prod');
    checks.push(
      { ok: good.run.result === 'success', text: 'release v2 deployed (workflow success)' },
      {
        ok: same(dev, digest) && same(prod, digest),
        text: `dev and prod run the same digest ${shortDigest(digest)} (dev: ${dev.map(shortDigest).join(', ')}; prod: ${prod.map(shortDigest).join(', ')})`,
      },
    );
    emit(...checkLines(checks.slice(-2)));

    emit(...heading('2. Release v3: its database migration fails, so no service is touched'));
    writeRelease(world.workspace, { version: 'v3', failingMigration: true });
    const mark = world.sim.log.mark();
    const migration = await release(world, '6'.repeat(40), emit);
    emit(...runStory(migration.run, migration.wallMs));
    const updates = world.sim.log
      .entries({ afterSeq: mark })
      .filter((e) => e.operation === 'UpdateService');
    checks.push(
      {
        ok:
          migration.run.result === 'failure' &&
          migration.run.jobs['deploy-dev']?.steps.find((st) => st.id === 'migrate')?.outcome ===
            'failure',
        text: 'release v3 stopped at its failing migration in dev',
      },
      {
        ok: updates.length === 0 && same(await digestsOf(world, 'dev'), digest),
        text: `no UpdateService was called: dev still runs v2's digest ${shortDigest(digest)}`,
      },
    );
    emit(...checkLines(checks.slice(-2)));

    emit(...heading('3. Release v4, broken: its container exits at start'));
    writeRelease(world.workspace, { version: 'v4', broken: true });
    const bad = await release(world, '3'.repeat(40), emit);
    emit(...runStory(bad.run, bad.wallMs));
    const devAfter = await digestsOf(world, 'dev');
    const prodAfter = await digestsOf(world, 'prod');
    const badDigest = bad.run.jobs.build?.outputs.digest ?? '';
    checks.push(
      {
        ok: bad.run.result === 'failure' && bad.run.jobs['deploy-dev']?.result === 'failure',
        text: 'release v4 failed in dev, as expected',
      },
      {
        ok: badDigest !== '' && badDigest !== digest && same(devAfter, digest),
        text: `dev is back on v2's digest ${shortDigest(digest)}`,
      },
      {
        ok: bad.run.jobs['deploy-prod']?.result === 'skipped' && same(prodAfter, digest),
        text: 'prod was never touched: still on v2',
      },
    );
    emit(...checkLines(checks.slice(-3)));

    emit(
      ...heading('4. Two services, one release (deploy-services.yml): the API, then the worker'),
    );
    const services = (): Promise<string[][]> =>
      Promise.all(
        Object.values(SERVICES).map((name) => runningDigests(world.sim.endpoint, 'dev', name)),
      );
    writeServicesRelease(world.workspace, { version: 'v2' });
    const pair = await release(world, '4'.repeat(40), emit, SERVICES_WORKFLOW);
    emit(...runStory(pair.run, pair.wallMs));
    const built = pair.run.jobs.build?.outputs ?? {};
    const released = [[built['api-digest'] ?? ''], [built['worker-digest'] ?? '']];
    const running = await services();
    checks.push({
      ok:
        pair.run.result === 'success' &&
        JSON.stringify(running) === JSON.stringify(released) &&
        released[0]?.[0] !== released[1]?.[0],
      text: `api and worker each run their own new digest (${released.map((d) => shortDigest(d[0] ?? '')).join(', ')})`,
    });
    writeServicesRelease(world.workspace, { version: 'v3', brokenWorker: true });
    const half = await release(world, '5'.repeat(40), emit, SERVICES_WORKFLOW);
    emit(...runStory(half.run, half.wallMs));
    const after = await services();
    checks.push(
      { ok: half.run.result === 'failure', text: 'the release with a broken worker failed' },
      {
        ok: JSON.stringify(after) === JSON.stringify(released),
        text: 'both services are back on the previous release: the worker by ECS, the API by the workflow',
      },
    );
    emit(...checkLines(checks.slice(-3)));
  } finally {
    await world.close();
  }
  const ok = checks.every((c) => c.ok);
  emit(
    ...heading('The rule that keeps the image from going missing between jobs'),
    DROPPED_OUTPUT_RULE,
    '',
    `${ok ? 'Demo went as expected' : 'Demo did NOT go as expected'} in ${seconds(Date.now() - started)}.`,
  );
  return { ok, lines };
}
