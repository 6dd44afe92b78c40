import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job, Step } from '@actions/workflow-parser/model/workflow-template';
import { evaluateCondition } from './expressions.js';
import { defaultVariables, githubContext } from './github-context.js';
import { stepStatus, type JobResult } from './graph.js';
import { completeJob } from './complete-job.js';
import {
  prepareJob,
  type Instance,
  type JobSetup,
  type NeedsContext,
  type RunEnvironment,
} from './job-setup.js';
import { executeStep, type StepEffects } from './step.js';
import { planStep, stepName, type StepPlan } from './step-plan.js';
import { child, items } from './tokens.js';
import type { Annotation, JobRecord, StepOutcome, StepRecord } from './types.js';

function message(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/** The state of one running job: what its steps exported, masked, and produced. */
class JobExecution {
  private readonly annotations: Annotation[] = [];
  private readonly steps: StepRecord[] = [];
  private readonly exported: Record<string, string> = {};
  private readonly pathPrepends: string[] = [];
  private readonly stepsContext: Record<string, Record<string, unknown>> = {};
  private failed = false;
  private readonly started = Date.now();

  constructor(
    private readonly run: RunEnvironment,
    private readonly job: Job,
    private readonly setup: JobSetup,
    /** RUNNER_TEMP: one directory for the whole job, as the runner gives. */
    private readonly temp: string,
  ) {}

  private contexts(action = ''): Record<string, unknown> {
    return {
      ...this.setup.contexts,
      github: githubContext(this.run.identity, this.setup.id, action),
      env: { ...this.setup.env, ...this.exported },
      steps: this.stepsContext,
      job: { status: this.failed ? 'failure' : 'success', container: {}, services: {} },
      runner: {
        os: 'Linux',
        arch: 'X64',
        name: 'local',
        temp: this.temp,
        tool_cache: this.temp,
        environment: 'self-hosted',
        debug: '',
      },
    };
  }

  private annotate(annotation: Annotation): void {
    this.annotations.push(annotation);
    this.run.emit({
      type: 'annotation',
      job: this.setup.id,
      level: annotation.level,
      message: annotation.message,
      ...(annotation.step === undefined ? {} : { step: annotation.step }),
    });
  }

  private record(
    step: Step,
    name: string,
    outcome: StepOutcome,
    conclusion: StepOutcome,
    effects?: StepEffects,
    plan?: StepPlan,
    annotations: Annotation[] = [],
  ): void {
    this.stepsContext[step.id] = { outputs: { ...effects?.outputs }, outcome, conclusion };
    if (conclusion === 'failure') this.failed = true;
    this.steps.push({
      id: step.id,
      name,
      kind: plan?.action.kind ?? ('uses' in step ? 'action' : 'run'),
      ...(plan?.uses === undefined ? {} : { uses: plan.uses }),
      outcome,
      conclusion,
      outputs: { ...effects?.outputs },
      stdout: effects?.stdout ?? '',
      stderr: effects?.stderr ?? '',
      ...(effects?.exitCode === undefined ? {} : { exitCode: effects.exitCode }),
      summary: effects?.summary ?? '',
      durationMs: effects?.durationMs ?? 0,
      annotations,
    });
    this.run.emit({
      type: 'step-finished',
      job: this.setup.id,
      step: step.id,
      name,
      outcome,
      conclusion,
      durationMs: effects?.durationMs ?? 0,
    });
  }

  /** Runs one step: `if:` against the job status so far, then the step, then its effects. */
  async runStep(step: Step, raw: Parameters<typeof planStep>[1]): Promise<void> {
    const contexts = this.contexts(step.id);
    const scope = { contexts };
    let plan: StepPlan | undefined;
    let problem: string | undefined;
    try {
      const condition = 'if' in step && step.if !== undefined ? step.if.expression : 'success()';
      if (!evaluateCondition(condition, contexts, stepStatus(this.failed))) {
        this.record(step, stepName(step, scope), 'skipped', 'skipped');
        return;
      }
      plan = planStep(step, raw, scope, {
        workspace: this.run.workspace,
        productRoot: this.run.productRoot,
        ownRepository: this.run.ownRepository,
        standIns: this.run.standIns,
        job: this.setup.id,
        aws: this.run.aws,
        runDefaults: this.setup.runDefaults,
        stepTimeoutMs: this.run.stepTimeoutMs,
      });
    } catch (thrown) {
      problem = message(thrown);
    }
    const name = plan?.name ?? stepName(step, scope);
    this.run.emit({ type: 'step-started', job: this.setup.id, step: step.id, name });
    if (plan === undefined) {
      const annotation: Annotation = {
        level: 'error',
        message: problem ?? 'the step could not be evaluated',
        step: step.id,
      };
      this.annotate(annotation);
      this.record(step, name, 'failure', 'failure', undefined, undefined, [annotation]);
      return;
    }
    const env = {
      ...this.run.baseEnv,
      PATH: [...this.pathPrepends, this.run.baseEnv.PATH ?? ''].filter((p) => p !== '').join(':'),
      ...defaultVariables(this.run.identity, this.setup.id, step.id),
      RUNNER_TEMP: this.temp,
      ...this.setup.env,
      ...this.exported,
      ...plan.env,
    };
    const effects = await executeStep(plan.action, env, plan.timeoutMs);
    const annotations: Annotation[] = effects.annotations.map((a) => ({ ...a, step: step.id }));
    for (const mask of effects.masks) {
      const warning = this.setup.masker.addMask(mask, step.id);
      if (warning !== undefined)
        annotations.push({ level: 'warning', message: warning, step: step.id });
    }
    for (const token of effects.stopTokens) this.setup.masker.addStopToken(token, step.id);
    for (const annotation of annotations) this.annotate(annotation);
    // The log, like the runner's, is masked; the step record keeps the raw text for tests.
    const log = this.setup.masker.mask(`${effects.stdout}\n${effects.stderr}`);
    for (const line of log.split('\n'))
      if (line !== '') this.run.emit({ type: 'log', job: this.setup.id, step: step.id, line });
    Object.assign(this.exported, effects.exportedEnv);
    this.pathPrepends.unshift(...[...effects.path].reverse());
    const outcome = effects.failed ? 'failure' : 'success';
    this.record(
      step,
      name,
      outcome,
      effects.failed && plan.continueOnError ? 'success' : outcome,
      effects,
      plan,
      annotations,
    );
  }

  /**
   * The runner's "Complete job": outputs are evaluated (even after a failure), then each is
   * dropped when empty or when the masker would change it; the same check guards the URL.
   */
  complete(approved: boolean): JobRecord {
    const environment = this.setup.environment;
    const { outputs, dropped, url, annotations, failed } = approved
      ? completeJob(this.job.outputs, environment, this.contexts(), this.setup.masker)
      : { outputs: {}, dropped: [], url: undefined, annotations: [], failed: false };
    for (const annotation of annotations) this.annotate(annotation);
    for (const entry of dropped)
      this.run.emit({
        type: 'output-dropped',
        job: this.setup.id,
        name: entry.name,
        reason: entry.reason,
        ...(entry.warning === undefined ? {} : { warning: entry.warning }),
      });
    for (const [name, value] of Object.entries(outputs))
      this.run.emit({ type: 'output-set', job: this.setup.id, name, value });
    const result: JobResult = this.failed || failed || !approved ? 'failure' : 'success';
    const durationMs = Date.now() - this.started;
    this.run.emit({ type: 'job-finished', job: this.setup.id, result, durationMs });
    return {
      id: this.setup.id,
      name: this.setup.name,
      result,
      outputs,
      droppedOutputs: dropped,
      annotations: this.annotations,
      steps: this.steps,
      ...(environment === undefined
        ? {}
        : {
            environment: {
              name: environment.name,
              ...(url === undefined ? {} : { url }),
              reviewers: environment.reviewers,
              approved,
            },
          }),
      ...(this.setup.concurrency === undefined ? {} : { concurrency: this.setup.concurrency }),
      masked: this.setup.masker.registered.map((entry) => `${entry.origin}:${entry.name}`),
      durationMs,
    };
  }

  /** Marks the job rejected at its environment's protection rule. */
  reject(environment: string): void {
    this.annotate({
      level: 'error',
      message: `The deployment to environment '${environment}' was rejected by its required reviewers.`,
    });
  }
}

/** Runs one job whose `if:` already allowed it, and applies the runner's end-of-job rules. */
export async function runJob(
  run: RunEnvironment,
  job: Job,
  needs: NeedsContext,
  instance?: Instance,
): Promise<JobRecord> {
  const setup = prepareJob(run, job, needs, instance);
  const environment = setup.environment;
  run.emit({
    type: 'job-started',
    job: setup.id,
    name: setup.name,
    ...(environment === undefined ? {} : { environment: environment.name }),
  });
  const temp = mkdtempSync(join(tmpdir(), 'wf-job-'));
  try {
    const execution = new JobExecution(run, job, setup, temp);
    let approved = true;
    if (environment !== undefined && environment.reviewers.length > 0) {
      const request = {
        job: setup.id,
        environment: environment.name,
        reviewers: environment.reviewers,
      };
      approved = await run.approve(request);
      run.emit({ type: 'approval', ...request, approved });
    }
    if (!approved && environment !== undefined) execution.reject(environment.name);
    const rawSteps = items(child(setup.raw, 'steps'));
    if (approved)
      for (const [index, step] of job.steps.entries())
        await execution.runStep(step, rawSteps[index]);
    return execution.complete(approved);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
