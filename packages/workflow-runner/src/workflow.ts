import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import { REPO_ROOT } from '@ecs-deploy/runner-harness';
import { formatTranscript, type RunEvent } from './events.js';
import { evaluateCondition } from './expressions.js';
import { githubContext, resolveIdentity } from './github-context.js';
import { ancestors, jobStatus, orderJobs, type JobResult } from './graph.js';
import { resolveInputs, type InputDefinition } from './inputs.js';
import { runJobInstances } from './instances.js';
import { evaluateConcurrency, type NeedsContext, type RunEnvironment } from './job-setup.js';
import { loadWorkflow, WorkflowLoadError, type LoadedWorkflow } from './load.js';
import { DEFAULT_STAND_INS } from './stand-ins.js';
import { unresolvableUses } from './step-plan.js';
import { asString, child, displayText, evaluateToken, literalValue, rawJob } from './tokens.js';
import type { JobRecord, RunWorkflowOptions, WorkflowRunResult } from './types.js';

/** The product's own repository, whose `uses:` run from the local `actions/`. */
export const OWN_REPOSITORY = 'your-org/ecs-deploy-actions';

const FALLBACK_SHA = '0000000000000000000000000000000000000001';

function headSha(workspace: string): string {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: workspace,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : FALLBACK_SHA;
  } catch {
    return FALLBACK_SHA;
  }
}

function runnableJobs(workflow: LoadedWorkflow): Job[] {
  return workflow.template.jobs.map((job) => {
    if (job.type !== 'job')
      throw new WorkflowLoadError([
        {
          file: workflow.file,
          kind: 'runner',
          message: `job '${job.id.value}' calls a reusable workflow, which the local runner does not support`,
        },
      ]);
    return job;
  });
}

function checkUses(
  workflow: LoadedWorkflow,
  jobs: readonly Job[],
  options: RunWorkflowOptions,
  standIns: typeof DEFAULT_STAND_INS,
): void {
  const uses = jobs.flatMap((job) =>
    job.steps.flatMap((step) => ('uses' in step ? [step.uses.value] : [])),
  );
  const problems = unresolvableUses(uses, options.ownRepository ?? OWN_REPOSITORY, standIns);
  if (problems.length > 0)
    throw new WorkflowLoadError(
      problems.map((message) => ({ file: workflow.file, kind: 'runner', message })),
    );
}

/**
 * Runs a workflow file locally with the runner's semantics: jobs in `needs` order, `if:` with
 * status functions, contexts, local actions from their bundles, `run:` steps in bash, stand-ins
 * for third-party actions, and the end-of-job rule that drops outputs holding a secret.
 */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
  const file = resolve(options.file);
  const workflow = await loadWorkflow(file);
  const jobs = runnableJobs(workflow);
  const standIns = { ...DEFAULT_STAND_INS, ...options.standIns };
  checkUses(workflow, jobs, options, standIns);
  const definitions = (literalValue(
    child(child(child(workflow.root, 'on'), 'workflow_dispatch'), 'inputs'),
  ) ?? {}) as Record<string, InputDefinition>;
  const resolved = resolveInputs(definitions, options.inputs ?? {});

  const workspace = resolve(options.workspace ?? REPO_ROOT);
  const github = options.github ?? {};
  const eventName = github.eventName ?? 'push';
  const event =
    eventName === 'workflow_dispatch' && github.event?.inputs === undefined
      ? { ...github.event, inputs: resolved.eventInputs }
      : (github.event ?? {});
  const temp = mkdtempSync(join(tmpdir(), 'wf-'));
  const events: RunEvent[] = [];
  const emit = (e: RunEvent): void => {
    events.push(e);
    options.onEvent?.(e);
  };
  try {
    const eventPath = join(temp, 'event.json');
    writeFileSync(eventPath, JSON.stringify(event));
    const name = asString(literalValue(child(workflow.root, 'name'))) || basename(file);
    const identity = resolveIdentity(
      { ...github, eventName, event },
      {
        sha: github.sha ?? headSha(workspace),
        workspace,
        workflow: name,
        eventPath,
        token: `ghs_local${createHash('sha256')
          .update(`${file}:${github.runId ?? ''}`)
          .digest('hex')
          .slice(0, 27)}`,
      },
    );
    const aws = options.aws ?? {};
    const run: RunEnvironment = {
      identity,
      workflow,
      inputs: resolved.inputs,
      settings: options.settings ?? {},
      workspace,
      productRoot: REPO_ROOT,
      ownRepository: options.ownRepository ?? OWN_REPOSITORY,
      standIns,
      aws: {
        region: aws.region ?? 'us-east-1',
        accountId: aws.accountId ?? '123456789012',
        accessKeyId: aws.accessKeyId ?? 'AKIALOCALTESTING0000',
        secretAccessKey: aws.secretAccessKey ?? 'local-secret-access-key',
        ...(aws.endpoint === undefined ? {} : { endpoint: aws.endpoint }),
        ...(aws.registry === undefined ? {} : { registry: aws.registry }),
      },
      baseEnv: baseEnvironment(options.env ?? {}),
      stepTimeoutMs: options.stepTimeoutMs ?? 300_000,
      approve: options.approve ?? (() => true),
      emit,
    };
    emit({ type: 'workflow-started', name, file });
    const repoVars = { ...options.settings?.repository?.vars };
    const workflowConcurrency = evaluateConcurrency(workflow.template.concurrency, {
      github: githubContext(identity, ''),
      inputs: resolved.inputs,
      vars: repoVars,
    });
    const nodes = jobs.map((job) => ({
      id: job.id.value,
      needs: (job.needs ?? []).map((n) => n.value),
    }));
    const order = orderJobs(nodes);
    const byId = new Map(jobs.map((job) => [job.id.value, job]));
    const records: Record<string, JobRecord> = {};
    const effective = new Map<string, JobResult>();
    let failed = false;
    for (const id of order) {
      const job = byId.get(id);
      if (job === undefined) continue;
      const needIds = (job.needs ?? []).map((n) => n.value);
      const needs: NeedsContext = Object.fromEntries(
        needIds.map((n) => [
          n,
          { result: effective.get(n) ?? 'skipped', outputs: records[n]?.outputs ?? {} },
        ]),
      );
      const contexts = {
        github: githubContext(identity, id),
        needs,
        vars: repoVars,
        inputs: resolved.inputs,
      };
      const status = jobStatus(needIds, ancestors(id, nodes), effective);
      let runIt: boolean;
      try {
        runIt = evaluateCondition(job.if.expression, contexts, status);
      } catch (thrown) {
        runIt = false;
        emit({
          type: 'annotation',
          job: id,
          level: 'error',
          message: `Error evaluating 'if': ${thrown instanceof Error ? thrown.message : String(thrown)}`,
        });
        failed = true;
      }
      if (!runIt) {
        emit({ type: 'job-skipped', job: id, reason: `if: ${job.if.expression}` });
        records[id] = {
          id,
          name: job.name === undefined ? id : displayText(job.name),
          result: 'skipped',
          outputs: {},
          droppedOutputs: [],
          annotations: [],
          steps: [],
          masked: [],
          durationMs: 0,
        };
        effective.set(id, 'skipped');
        continue;
      }
      const record = await runJobInstances(run, job, needs, contexts);
      records[id] = record;
      const continueOnError = evaluateToken(child(rawJob(workflow.root, id), 'continue-on-error'), {
        contexts,
      });
      // A job allowed to fail does not fail the run, and its dependents see it as successful.
      const tolerated =
        record.result === 'failure' && (continueOnError === true || continueOnError === 'true');
      effective.set(id, tolerated ? 'success' : record.result);
      if (record.result === 'failure' && !tolerated) failed = true;
    }
    const result = failed ? 'failure' : 'success';
    emit({ type: 'workflow-finished', result });
    return {
      name,
      result,
      jobs: records,
      order,
      ...(workflowConcurrency === undefined ? {} : { concurrency: workflowConcurrency }),
      events,
      transcript: formatTranscript(events),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function baseEnvironment(extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}
