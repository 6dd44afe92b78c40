import { tmpdir } from 'node:os';
import { isMapping, isString } from '@actions/workflow-parser';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import type { RunEvent } from './events.js';
import { evaluateCondition } from './expressions.js';
import { defaultVariables, githubContext, type RunIdentity } from './github-context.js';
import { stepStatus, type JobResult } from './graph.js';
import type { InputValue } from './inputs.js';
import { filterJobOutputs, skipEnvironmentUrlWarning } from './job-outputs.js';
import { SecretMasker } from './masking.js';
import { referencedSecrets } from './secret-refs.js';
import type { StandInContext, StandInRegistry } from './stand-ins.js';
import { executeStep } from './step.js';
import { planStep, stepName } from './step-plan.js';
import {
  child,
  entries,
  evaluateString,
  evaluateStringMap,
  evaluateToken,
  expressionsOf,
  items,
  literalValue,
  rawJob,
} from './tokens.js';
import type { LoadedWorkflow } from './load.js';
import type {
  Annotation,
  ApprovalRequest,
  JobRecord,
  RepositorySettings,
  StepRecord,
} from './types.js';

/** Everything jobs share within one run. */
export interface RunEnvironment {
  readonly identity: RunIdentity;
  readonly workflow: LoadedWorkflow;
  readonly inputs: Readonly<Record<string, InputValue>>;
  readonly settings: RepositorySettings;
  readonly workspace: string;
  readonly productRoot: string;
  readonly ownRepository: string;
  readonly standIns: StandInRegistry;
  readonly aws: StandInContext['aws'];
  /** PATH, HOME… and the caller's extra variables. */
  readonly baseEnv: Readonly<Record<string, string>>;
  readonly stepTimeoutMs: number;
  readonly approve: (request: ApprovalRequest) => boolean | Promise<boolean>;
  emit(event: RunEvent): void;
}

/** `needs.<id>` as a dependent job sees it. */
export type NeedsContext = Readonly<
  Record<string, { readonly result: JobResult; readonly outputs: Readonly<Record<string, string>> }>
>;

/** Evaluates `concurrency:` (a group string, or `{group, cancel-in-progress}`). */
export function evaluateConcurrency(
  token: TemplateToken | undefined,
  contexts: Readonly<Record<string, unknown>>,
): { group: string; cancelInProgress: boolean } | undefined {
  if (token === undefined) return undefined;
  const value = evaluateToken(token, { contexts });
  if (typeof value === 'string') return { group: value, cancelInProgress: false };
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const cancel = record['cancel-in-progress'];
  return {
    group: typeof record.group === 'string' ? record.group : '',
    cancelInProgress: cancel === true || cancel === 'true',
  };
}

function environmentOf(
  token: TemplateToken | undefined,
  contexts: Readonly<Record<string, unknown>>,
): { name: string; url?: TemplateToken } | undefined {
  if (token === undefined) return undefined;
  if (isMapping(token)) {
    const name = evaluateString(child(token, 'name'), { contexts });
    const url = child(token, 'url');
    return name === '' ? undefined : { name, ...(url === undefined ? {} : { url }) };
  }
  const name = isString(token) ? token.value : evaluateString(token, { contexts });
  return name === '' ? undefined : { name };
}

function runDefaults(root: TemplateToken, raw: TemplateToken | undefined): Record<string, string> {
  const pick = (token: TemplateToken | undefined): Record<string, string> =>
    Object.fromEntries(
      entries(child(child(token, 'defaults'), 'run')).map(([k, v]) => [k, String(literalValue(v))]),
    );
  return { ...pick(root), ...pick(raw) };
}

/** Runs one job whose `if:` already allowed it, and applies the runner's end-of-job rules. */
export async function runJob(
  run: RunEnvironment,
  job: Job,
  needs: NeedsContext,
): Promise<JobRecord> {
  const id = job.id.value;
  const started = Date.now();
  const raw = rawJob(run.workflow.root, id);
  const repo = run.settings.repository ?? {};
  const identity = run.identity;
  const early = {
    github: githubContext(identity, id),
    inputs: run.inputs,
    needs,
    matrix: {},
    strategy: { 'fail-fast': true, 'job-index': 0, 'job-total': 1, 'max-parallel': 1 },
    vars: { ...repo.vars },
  };
  const environment = environmentOf(job.environment, early);
  const envSettings =
    environment === undefined ? undefined : run.settings.environments?.[environment.name];
  run.emit({
    type: 'job-started',
    job: id,
    name: job.name?.toString() ?? id,
    ...(environment === undefined ? {} : { environment: environment.name }),
  });

  const annotations: Annotation[] = [];
  const steps: StepRecord[] = [];
  const reviewers = envSettings?.reviewers ?? [];
  let approved = true;
  if (environment !== undefined && reviewers.length > 0) {
    approved = await run.approve({ job: id, environment: environment.name, reviewers });
    run.emit({ type: 'approval', job: id, environment: environment.name, reviewers, approved });
  }
  const vars = { ...repo.vars, ...envSettings?.vars };
  const available = { ...repo.secrets, ...envSettings?.secrets };
  const masker = new SecretMasker();
  masker.addSecret('GITHUB_TOKEN', identity.token, 'token');
  const names = referencedSecrets(
    [...expressionsOf(raw), ...expressionsOf(run.workflow.template.env)],
    Object.keys(available),
  );
  const secrets: Record<string, string> = { GITHUB_TOKEN: identity.token };
  for (const name of names) {
    secrets[name] = available[name] ?? '';
    masker.addSecret(name, secrets[name]);
  }
  const contexts = { ...early, vars, secrets };
  const concurrency = evaluateConcurrency(job.concurrency, contexts);
  const finish = (
    result: JobResult,
    outputs: Record<string, string>,
    dropped: JobRecord['droppedOutputs'],
    url?: string,
  ): JobRecord => {
    const durationMs = Date.now() - started;
    run.emit({ type: 'job-finished', job: id, result, durationMs });
    return {
      id,
      name: job.name?.toString() ?? id,
      result,
      outputs,
      droppedOutputs: dropped,
      annotations,
      steps,
      ...(environment === undefined
        ? {}
        : {
            environment: {
              name: environment.name,
              ...(url === undefined ? {} : { url }),
              reviewers,
              approved,
            },
          }),
      ...(concurrency === undefined ? {} : { concurrency }),
      masked: masker.registered.map((entry) => `${entry.origin}:${entry.name}`),
      durationMs,
    };
  };
  const annotate = (annotation: Annotation): void => {
    annotations.push(annotation);
    run.emit({
      type: 'annotation',
      job: id,
      level: annotation.level,
      message: annotation.message,
      ...(annotation.step === undefined ? {} : { step: annotation.step }),
    });
  };
  if (!approved) {
    annotate({
      level: 'error',
      message: `The deployment to environment '${environment?.name ?? ''}' was rejected by its required reviewers.`,
    });
    return finish('failure', {}, []);
  }

  const workflowEnv = evaluateStringMap(run.workflow.template.env, {
    contexts: { ...contexts, env: {} },
  });
  const jobEnv = evaluateStringMap(job.env, { contexts: { ...contexts, env: workflowEnv } });
  const exported: Record<string, string> = {};
  const pathPrepends: string[] = [];
  const stepsContext: Record<
    string,
    { outputs: Record<string, string>; outcome: string; conclusion: string }
  > = {};
  const rawSteps = items(child(raw, 'steps'));
  let failed = false;
  const runner = {
    os: 'Linux',
    arch: 'X64',
    name: 'local',
    temp: tmpdir(),
    tool_cache: tmpdir(),
    environment: 'self-hosted',
    debug: '',
  };
  const scopeContexts = (): Record<string, unknown> => ({
    ...contexts,
    env: { ...workflowEnv, ...jobEnv, ...exported },
    steps: stepsContext,
    job: { status: failed ? 'failure' : 'success', container: {}, services: {} },
    runner,
  });

  for (const [index, step] of job.steps.entries()) {
    const stepContexts = { ...scopeContexts(), github: githubContext(identity, id, step.id) };
    const status = stepStatus(failed);
    let shouldRun: boolean;
    let plan: ReturnType<typeof planStep> | undefined;
    let problem: string | undefined;
    try {
      shouldRun = evaluateCondition(
        'if' in step && step.if !== undefined ? step.if.expression : 'success()',
        stepContexts,
        status,
      );
      if (shouldRun)
        plan = planStep(
          step,
          rawSteps[index],
          { contexts: stepContexts },
          {
            workspace: run.workspace,
            productRoot: run.productRoot,
            ownRepository: run.ownRepository,
            standIns: run.standIns,
            job: id,
            aws: run.aws,
            runDefaults: runDefaults(run.workflow.root, raw),
            stepTimeoutMs: run.stepTimeoutMs,
          },
        );
    } catch (thrown) {
      shouldRun = true;
      problem = thrown instanceof Error ? thrown.message : String(thrown);
    }
    const name = plan?.name ?? stepName(step, { contexts: stepContexts });
    if (!shouldRun) {
      stepsContext[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      steps.push({
        id: step.id,
        name,
        kind: 'uses' in step ? 'action' : 'run',
        outcome: 'skipped',
        conclusion: 'skipped',
        outputs: {},
        stdout: '',
        stderr: '',
        summary: '',
        durationMs: 0,
        annotations: [],
      });
      run.emit({
        type: 'step-finished',
        job: id,
        step: step.id,
        name,
        outcome: 'skipped',
        conclusion: 'skipped',
        durationMs: 0,
      });
      continue;
    }
    run.emit({ type: 'step-started', job: id, step: step.id, name });
    if (plan === undefined) {
      const annotation: Annotation = {
        level: 'error',
        message: problem ?? 'the step could not be evaluated',
        step: step.id,
      };
      annotate(annotation);
      failed = true;
      stepsContext[step.id] = { outputs: {}, outcome: 'failure', conclusion: 'failure' };
      steps.push({
        id: step.id,
        name,
        kind: 'uses' in step ? 'action' : 'run',
        outcome: 'failure',
        conclusion: 'failure',
        outputs: {},
        stdout: '',
        stderr: '',
        summary: '',
        durationMs: 0,
        annotations: [annotation],
      });
      run.emit({
        type: 'step-finished',
        job: id,
        step: step.id,
        name,
        outcome: 'failure',
        conclusion: 'failure',
        durationMs: 0,
      });
      continue;
    }
    const envContext = { ...workflowEnv, ...jobEnv, ...exported, ...plan.env };
    const processEnv = {
      ...run.baseEnv,
      PATH: [...pathPrepends, run.baseEnv.PATH ?? ''].filter((p) => p !== '').join(':'),
      ...defaultVariables(identity, id, step.id),
      ...envContext,
    };
    const effects = await executeStep(plan.action, processEnv, plan.timeoutMs);
    const stepAnnotations: Annotation[] = effects.annotations.map((a) => ({ ...a, step: step.id }));
    for (const mask of effects.masks) {
      const warning = masker.addMask(mask, step.id);
      if (warning !== undefined)
        stepAnnotations.push({ level: 'warning', message: warning, step: step.id });
    }
    for (const annotation of stepAnnotations) annotate(annotation);
    for (const line of masker.mask(effects.stdout).split('\n'))
      if (line !== '') run.emit({ type: 'log', job: id, step: step.id, line });
    Object.assign(exported, effects.exportedEnv);
    pathPrepends.unshift(...[...effects.path].reverse());
    const outcome = effects.failed ? 'failure' : 'success';
    const conclusion = effects.failed && plan.continueOnError ? 'success' : outcome;
    if (conclusion === 'failure') failed = true;
    stepsContext[step.id] = { outputs: { ...effects.outputs }, outcome, conclusion };
    steps.push({
      id: step.id,
      name,
      kind: plan.action.kind,
      ...(plan.uses === undefined ? {} : { uses: plan.uses }),
      outcome,
      conclusion,
      outputs: effects.outputs,
      stdout: effects.stdout,
      stderr: effects.stderr,
      ...(effects.exitCode === undefined ? {} : { exitCode: effects.exitCode }),
      summary: effects.summary,
      durationMs: effects.durationMs,
      annotations: stepAnnotations,
    });
    run.emit({
      type: 'step-finished',
      job: id,
      step: step.id,
      name,
      outcome,
      conclusion,
      durationMs: effects.durationMs,
    });
  }

  // "Complete job": outputs are evaluated even after a failure, then filtered by the masker.
  const endContexts = scopeContexts();
  const evaluated: Record<string, string> = {};
  for (const [name, token] of entries(job.outputs)) {
    try {
      evaluated[name] = evaluateString(token, { contexts: endContexts });
    } catch (thrown) {
      annotate({
        level: 'error',
        message: `Error evaluating output '${name}': ${thrown instanceof Error ? thrown.message : String(thrown)}`,
      });
    }
  }
  const { outputs, dropped } = filterJobOutputs(evaluated, masker);
  for (const entry of dropped) {
    if (entry.warning !== undefined) annotate({ level: 'warning', message: entry.warning });
    run.emit({
      type: 'output-dropped',
      job: id,
      name: entry.name,
      reason: entry.reason,
      ...(entry.warning === undefined ? {} : { warning: entry.warning }),
    });
  }
  for (const [name, value] of Object.entries(outputs))
    run.emit({ type: 'output-set', job: id, name, value });
  let url: string | undefined;
  if (environment?.url !== undefined) {
    const value = evaluateString(environment.url, { contexts: endContexts });
    if (masker.mayContainSecret(value))
      annotate({ level: 'warning', message: skipEnvironmentUrlWarning(environment.name) });
    else if (value !== '') url = value;
  }
  return finish(failed ? 'failure' : 'success', { ...outputs }, dropped, url);
}
