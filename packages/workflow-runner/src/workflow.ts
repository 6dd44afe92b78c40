import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import { formatTranscript, type RunEvent } from './events.js';
import { evaluateCondition } from './expressions.js';
import { githubContext } from './github-context.js';
import { ancestors, jobStatus, orderJobs, type JobNode, type JobResult } from './graph.js';
import { resolveInputs, type InputDefinition } from './inputs.js';
import { runJobInstances } from './instances.js';
import { evaluateConcurrency, type NeedsContext, type RunEnvironment } from './job-setup.js';
import { loadWorkflow } from './load.js';
import {
  checkUses,
  createRunEnvironment,
  OWN_REPOSITORY,
  runnableJobs,
} from './run-environment.js';
import { DEFAULT_STAND_INS } from './stand-ins.js';
import { child, displayText, evaluateToken, literalValue, rawJob } from './tokens.js';
import type { JobRecord, RunWorkflowOptions, WorkflowRunResult } from './types.js';

export { OWN_REPOSITORY } from './run-environment.js';

/** Jobs in order; each decides from its `if:` and its needs' results whether it runs. */
class Scheduler {
  readonly records: Record<string, JobRecord> = {};
  private readonly results = new Map<string, JobResult>();
  failed = false;

  constructor(
    private readonly run: RunEnvironment,
    private readonly nodes: readonly JobNode[],
  ) {}

  private skip(job: Job, reason: string): void {
    const id = job.id.value;
    this.run.emit({ type: 'job-skipped', job: id, reason });
    const name = job.name === undefined ? id : displayText(job.name);
    this.records[id] = {
      id,
      name,
      result: 'skipped',
      outputs: {},
      droppedOutputs: [],
      annotations: [],
      steps: [],
      masked: [],
      durationMs: 0,
    };
    this.results.set(id, 'skipped');
  }

  async runJob(job: Job): Promise<void> {
    const id = job.id.value;
    const needIds = (job.needs ?? []).map((n) => n.value);
    const needs: NeedsContext = Object.fromEntries(
      needIds.map((n) => [
        n,
        { result: this.results.get(n) ?? 'skipped', outputs: this.records[n]?.outputs ?? {} },
      ]),
    );
    const repoVars = { ...this.run.settings.repository?.vars };
    const contexts = {
      github: githubContext(this.run.identity, id),
      needs,
      vars: repoVars,
      inputs: this.run.inputs,
    };
    const status = jobStatus(needIds, ancestors(id, this.nodes), this.results);
    let runIt: boolean;
    try {
      runIt = evaluateCondition(job.if.expression, contexts, status);
    } catch (thrown) {
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      this.run.emit({
        type: 'annotation',
        job: id,
        level: 'error',
        message: `Error evaluating 'if': ${message}`,
      });
      this.failed = true;
      this.skip(job, `its if: could not be evaluated`);
      return;
    }
    if (!runIt) {
      this.skip(job, `if: ${job.if.expression}`);
      return;
    }
    const record = await runJobInstances(this.run, job, needs, contexts);
    this.records[id] = record;
    const allowed = evaluateToken(child(rawJob(this.run.workflow.root, id), 'continue-on-error'), {
      contexts,
    });
    // [inference] A job allowed to fail does not fail the run, and its dependents see success.
    const tolerated = record.result === 'failure' && (allowed === true || allowed === 'true');
    this.results.set(id, tolerated ? 'success' : record.result);
    if (record.result === 'failure' && !tolerated) this.failed = true;
  }
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
  checkUses(workflow, jobs, options.ownRepository ?? OWN_REPOSITORY, standIns);
  const definitions = (literalValue(
    child(child(child(workflow.root, 'on'), 'workflow_dispatch'), 'inputs'),
  ) ?? {}) as Record<string, InputDefinition>;
  const resolved = resolveInputs(definitions, options.inputs ?? {});
  const github = options.github ?? {};
  const event =
    github.eventName === 'workflow_dispatch' && github.event?.inputs === undefined
      ? { ...github.event, inputs: resolved.eventInputs }
      : (github.event ?? {});
  const events: RunEvent[] = [];
  const emit = (e: RunEvent): void => {
    events.push(e);
    options.onEvent?.(e);
  };
  const temp = mkdtempSync(join(tmpdir(), 'wf-'));
  try {
    const eventPath = join(temp, 'event.json');
    writeFileSync(eventPath, JSON.stringify(event));
    const run = createRunEnvironment(options, {
      workflow,
      inputs: resolved.inputs,
      event,
      eventPath,
      standIns,
      emit,
    });
    const name = run.identity.workflow;
    emit({ type: 'workflow-started', name, file });
    const concurrency = evaluateConcurrency(workflow.template.concurrency, {
      github: githubContext(run.identity, ''),
      inputs: resolved.inputs,
      vars: { ...options.settings?.repository?.vars },
    });
    const nodes = jobs.map((job) => ({
      id: job.id.value,
      needs: (job.needs ?? []).map((n) => n.value),
    }));
    const order = orderJobs(nodes);
    const byId = new Map(jobs.map((job) => [job.id.value, job]));
    const scheduler = new Scheduler(run, nodes);
    for (const id of order) {
      const job = byId.get(id);
      if (job !== undefined) await scheduler.runJob(job);
    }
    const result = scheduler.failed ? 'failure' : 'success';
    emit({ type: 'workflow-finished', result });
    return {
      name,
      result,
      jobs: scheduler.records,
      order,
      ...(concurrency === undefined ? {} : { concurrency }),
      events,
      transcript: formatTranscript(events),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
