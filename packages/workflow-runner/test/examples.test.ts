// The example workflows users copy, run end to end through the local runner against the
// simulator (clock ×100, embedded registry, images built without Docker).
import { afterEach, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ACCOUNT_ID,
  exampleSettings,
  NAMES,
  runningDigests,
  SERVICES,
  startWorld,
  taskDefinitionFile,
  writeRelease,
  writeServicesRelease,
  writeTaskDefinition,
  type ExampleWorld,
} from '@ecs-deploy/demo';
import { runWorkflow, validateWorkflow, type WorkflowRunResult } from '../src/index.js';
import { job, step } from './helpers.js';

const SPEED = 100;
const EXAMPLES = fileURLToPath(new URL('../../../workflows-examples/', import.meta.url));
const example = (name: string): string => join(EXAMPLES, name);
const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/examples/${name}`, import.meta.url));

let world: ExampleWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function started(): Promise<ExampleWorld> {
  world = await startWorld(SPEED);
  return world;
}

function deploy(w: ExampleWorld, sha: string): Promise<WorkflowRunResult> {
  return runWorkflow(w.options(example('deploy.yml'), sha));
}

function digests(w: ExampleWorld, cluster: string): Promise<string[]> {
  return runningDigests(w.sim.endpoint, cluster, NAMES.service);
}

/** The example workflows where a repository keeps them, for check-workflows to read. */
function writeWorkflows(workspace: string): void {
  mkdirSync(join(workspace, '.github/workflows'), { recursive: true });
  for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith('.yml')))
    copyFileSync(example(name), join(workspace, '.github/workflows', name));
}

/** Fails with the run's transcript, which says which step went wrong and why. */
function expectResult(run: WorkflowRunResult, result: WorkflowRunResult['result']): void {
  if (run.result !== result)
    throw new Error(
      `expected the run to end ${result}, it ended ${run.result}:\n${run.transcript}`,
    );
}

function errors(record: { annotations: readonly { level: string; message: string }[] }): string {
  return record.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n');
}

describe('workflows-examples', () => {
  it('every example passes validateWorkflow (schema, contexts, graph, SHA pins, permissions, run:)', async () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yml'));
    expect(files.sort()).toEqual([
      'deploy-services.yml',
      'deploy.yml',
      'pr-checks.yml',
      'rollback.yml',
    ]);
    for (const file of files) expect(await validateWorkflow(example(file))).toEqual([]);
  });

  it('reproduces the propagation bug: the image URI is dropped and render-task-def explains it before ECS is called', async () => {
    const w = await started();
    const settings = exampleSettings();
    const run = await runWorkflow({
      ...w.options(fixture('deploy-image-uri.yml'), '1'.repeat(40)),
      settings: {
        ...settings,
        environments: {
          ...settings.environments,
          dev: { vars: { ECS_CLUSTER: 'dev' }, secrets: { AWS_ACCOUNT_ID: ACCOUNT_ID } },
        },
      },
    });
    const build = job(run, 'build');
    expect(build.result).toBe('success');
    expect(step(build, 'uri').outputs.image).toMatch(
      new RegExp(
        `^${ACCOUNT_ID}\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/web@sha256:[0-9a-f]{64}$`,
      ),
    );
    expect(build.droppedOutputs).toEqual([
      {
        name: 'image',
        reason: 'secret',
        warning: "Skip output 'image' since it may contain secret.",
      },
    ]);
    expect(build.annotations).toContainEqual({
      level: 'warning',
      message: "Skip output 'image' since it may contain secret.",
    });
    const deployDev = job(run, 'deploy-dev');
    expect(deployDev.result).toBe('failure');
    expect(step(deployDev, 'render').outcome).toBe('failure');
    expect(step(deployDev, 'deploy').outcome).toBe('skipped');
    const message = errors(deployDev);
    expect(message).toContain('render-task-def');
    expect(message).toMatch(/'image'.* (is|are) empty/);
    expect(message).toContain(
      'The likely cause: an upstream job output was dropped by the runner because it contained a masked value',
    );
    expect(message).not.toContain('Container.image should not be null or empty');
    // ECS never saw the empty image.
    expect(w.sim.log.entries({ operation: 'RegisterTaskDefinition' })).toEqual([]);
    expect(w.sim.log.entries({ service: 'ecs', mutating: true })).toEqual([]);
  });

  it('deploy.yml deploys dev, then prod after approval, with the same digest and no rebuild', async () => {
    const w = await started();
    const approvals: string[] = [];
    const run = await runWorkflow({
      ...w.options(example('deploy.yml'), '2'.repeat(40)),
      approve: ({ environment, reviewers }) => {
        approvals.push(`${environment}:${reviewers.join(',')}`);
        return true;
      },
    });
    expectResult(run, 'success');
    expect(run.order).toEqual(['tag', 'build', 'deploy-dev', 'deploy-prod']);
    expect(approvals).toEqual(['prod:release-manager']);
    expect(job(run, 'tag').outputs).toMatchObject({ tag: 'sha-2222222', sha: '2'.repeat(40) });
    const digest = job(run, 'build').outputs.digest ?? '';
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(job(run, 'build').outputs)).toEqual(['digest']);
    for (const id of ['tag', 'build', 'deploy-dev', 'deploy-prod'])
      expect(job(run, id).droppedOutputs).toEqual([]);
    expect(job(run, 'deploy-dev').concurrency).toEqual({
      group: 'deploy-dev-web',
      cancelInProgress: false,
    });
    const prod = job(run, 'deploy-prod');
    expect(prod.environment).toMatchObject({ name: 'prod', approved: true });
    expect(prod.concurrency?.group).toBe('deploy-prod-web');
    expect(step(prod, 'promote').outputs).toMatchObject({
      digest,
      tags: `prod-${'2'.repeat(40)}`,
    });
    expect(step(prod, 'deploy').outputs.result).toBe('healthy');
    expect(await digests(w, 'dev')).toEqual([digest]);
    expect(await digests(w, 'prod')).toEqual([digest]);
    // One image pushed (by the build); prod only added a tag to it.
    const puts = w.sim.log.entries({ operation: 'PutImage' });
    expect(puts.length).toBeLessThanOrEqual(1);
  });

  it('a broken release fails in dev, is rolled back to the previous digest, and never reaches prod', async () => {
    const w = await started();
    const good = await deploy(w, '2'.repeat(40));
    expectResult(good, 'success');
    const previous = job(good, 'build').outputs.digest ?? '';

    writeRelease(w.workspace, { version: 'v3', broken: true });
    const bad = await deploy(w, '3'.repeat(40));
    expectResult(bad, 'failure');
    const broken = job(bad, 'build').outputs.digest ?? '';
    expect(broken).not.toBe(previous);
    const dev = job(bad, 'deploy-dev');
    expect(dev.result).toBe('failure');
    const rolling = step(dev, 'deploy');
    expect(rolling.outcome).toBe('failure');
    expect(rolling.outputs.result).toBe('rolled-back');
    const reasons = JSON.parse(rolling.outputs.reasons ?? '{}') as {
      stoppedTasks?: { reason: string; exitCodes: number[] }[];
    };
    expect(reasons.stoppedTasks?.[0]?.reason).toContain('Essential container in task exited');
    expect(errors(dev)).toContain('deployment failed: tasks failed to start');
    expect(step(dev, 'rollback').outcome).toBe('success');
    expect(JSON.parse(step(dev, 'rollback').outputs['rolled-back-to'] ?? '{}')).toEqual({
      app: previous,
    });
    expect(job(bad, 'deploy-prod').result).toBe('skipped');
    expect(await digests(w, 'dev')).toEqual([previous]);
    expect(await digests(w, 'prod')).toEqual([previous]);
  });

  it('deploy-services.yml releases the API and the worker, each with its own digest; a broken worker puts both back', async () => {
    const w = await started();
    const file = example('deploy-services.yml');
    const services = (): Promise<string[][]> =>
      Promise.all(
        Object.values(SERVICES).map((name) => runningDigests(w.sim.endpoint, 'dev', name)),
      );

    writeServicesRelease(w.workspace, { version: 'v2' });
    const good = await runWorkflow(w.options(file, '2'.repeat(40)));
    expectResult(good, 'success');
    const built = job(good, 'build').outputs;
    const [api, worker] = [built['api-digest'] ?? '', built['worker-digest'] ?? ''];
    expect(api).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(worker).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(api).not.toBe(worker);
    expect(await services()).toEqual([[api], [worker]]);

    writeServicesRelease(w.workspace, { version: 'v3', brokenWorker: true });
    const bad = await runWorkflow(w.options(file, '3'.repeat(40)));
    expectResult(bad, 'failure');
    const deployDev = job(bad, 'deploy-dev');
    expect(step(deployDev, 'deploy-api').outcome).toBe('success');
    expect(step(deployDev, 'deploy-worker').outputs.result).toBe('rolled-back');
    // The API had been released, so the workflow puts it back; ECS's breaker already did the worker.
    expect(step(deployDev, 'rollback-api').outputs).toMatchObject({
      result: 'healthy',
      noop: 'false',
    });
    expect(step(deployDev, 'rollback-worker').outputs.noop).toBe('true');
    expect(await services()).toEqual([[api], [worker]]);
  });

  it('rollback.yml goes back one healthy version (steps-back: 1), then to an explicit digest', async () => {
    const w = await started();
    const first = await deploy(w, '2'.repeat(40));
    writeRelease(w.workspace, { version: 'v3' });
    const second = await deploy(w, '3'.repeat(40));
    expectResult(first, 'success');
    expectResult(second, 'success');
    const a = job(first, 'build').outputs.digest ?? '';
    const b = job(second, 'build').outputs.digest ?? '';
    expect(await digests(w, 'dev')).toEqual([b]);

    const dispatch = (inputs: Record<string, string>): Promise<WorkflowRunResult> =>
      runWorkflow({
        ...w.options(example('rollback.yml'), '3'.repeat(40)),
        github: { eventName: 'workflow_dispatch', sha: '3'.repeat(40), repository: 'acme/api' },
        inputs,
      });

    const back = await dispatch({ environment: 'dev', 'steps-back': '1' });
    expectResult(back, 'success');
    const rollback = job(back, 'rollback');
    expect(rollback.concurrency).toEqual({ group: 'deploy-dev-web', cancelInProgress: false });
    expect(rollback.environment?.name).toBe('dev');
    expect(JSON.parse(step(rollback, 'rollback').outputs['rolled-back-to'] ?? '{}')).toEqual({
      app: a,
    });
    expect(await digests(w, 'dev')).toEqual([a]);
    expect(await digests(w, 'prod')).toEqual([b]);

    const forward = await dispatch({ environment: 'dev', digest: b });
    expectResult(forward, 'success');
    expect(step(job(forward, 'rollback'), 'rollback').outputs.result).toBe('healthy');
    expect(await digests(w, 'dev')).toEqual([b]);
  });

  it('pr-checks.yml fails on an invalid task definition and passes on a valid one', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'pr-checks-'));
    try {
      const check = (): Promise<WorkflowRunResult> =>
        runWorkflow({
          file: example('pr-checks.yml'),
          workspace,
          github: { eventName: 'pull_request', sha: '4'.repeat(40), repository: 'acme/api' },
          settings: exampleSettings(),
          stepTimeoutMs: 30_000,
        });
      writeWorkflows(workspace);
      writeTaskDefinition(workspace, taskDefinitionFile());
      const valid = await check();
      expect(errors(job(valid, 'task-definition'))).toBe('');
      expectResult(valid, 'success');

      writeTaskDefinition(workspace, { ...taskDefinitionFile(), cpu: '300' });
      const invalid = await check();
      expectResult(invalid, 'failure');
      expect(errors(job(invalid, 'task-definition'))).toMatch(/cpu/i);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('pr-checks.yml runs check-workflows: the examples pass, the image-URI bug is annotated', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'pr-checks-'));
    try {
      const check = (): Promise<WorkflowRunResult> =>
        runWorkflow({
          file: example('pr-checks.yml'),
          workspace,
          github: { eventName: 'pull_request', sha: '4'.repeat(40), repository: 'acme/api' },
          settings: exampleSettings(),
          stepTimeoutMs: 30_000,
        });
      writeWorkflows(workspace);
      writeTaskDefinition(workspace, taskDefinitionFile());
      const clean = job(await check(), 'workflows');
      expect(clean.result).toBe('success');
      expect(clean.steps[1]?.uses).toBe('your-org/ecs-deploy-actions/actions/check-workflows@v1');
      expect(clean.steps[1]?.outputs).toMatchObject({ errors: '0', warnings: '0' });

      copyFileSync(fixture('deploy-image-uri.yml'), join(workspace, '.github/workflows/bug.yml'));
      const flagged = job(await check(), 'workflows');
      expect(flagged.result).toBe('failure');
      expect(errors(flagged)).toMatch(
        /^jobs\.build\.outputs\.image can carry a masked value \(secrets\.AWS_ACCOUNT_ID via steps\.uri\.outputs\.image\)/,
      );
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
