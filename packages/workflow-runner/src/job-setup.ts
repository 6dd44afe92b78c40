import { isMapping, isString } from '@actions/workflow-parser';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import type { RunEvent } from './events.js';
import { githubContext, type RunIdentity } from './github-context.js';
import type { JobResult } from './graph.js';
import type { InputValue } from './inputs.js';
import type { LoadedWorkflow } from './load.js';
import { instanceName } from './matrix.js';
import { SecretMasker } from './masking.js';
import { referencedSecrets } from './secret-refs.js';
import type { StandInContext, StandInRegistry } from './stand-ins.js';
import {
  child,
  entries,
  evaluateString,
  evaluateStringMap,
  evaluateToken,
  expressionsOf,
  literalValue,
  rawJob,
} from './tokens.js';
import type { ApprovalRequest, RepositorySettings } from './types.js';

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
  readonly emit: (event: RunEvent) => void;
}

/** `needs.<id>` as a dependent job sees it. */
export type NeedsContext = Readonly<
  Record<string, { readonly result: JobResult; readonly outputs: Readonly<Record<string, string>> }>
>;

/** One instance of a matrix job (a job without a matrix is the only instance of itself). */
export interface Instance {
  readonly matrix: Readonly<Record<string, unknown>>;
  readonly index: number;
  readonly total: number;
  readonly failFast: boolean;
}

/** The instance of a job without `strategy.matrix`. */
export const SINGLE_INSTANCE: Instance = { matrix: {}, index: 0, total: 1, failFast: true };

/** A job's settings evaluated before its first step. */
export interface JobSetup {
  readonly id: string;
  readonly name: string;
  readonly raw: TemplateToken | undefined;
  readonly environment?: {
    readonly name: string;
    readonly url?: TemplateToken;
    readonly reviewers: readonly string[];
  };
  /** Contexts known before the steps: github, inputs, needs, vars, secrets, matrix, strategy. */
  readonly contexts: Readonly<Record<string, unknown>>;
  /** Holds the job's referenced secrets and the token; steps add their `::add-mask::` values. */
  readonly masker: SecretMasker;
  readonly concurrency?: { readonly group: string; readonly cancelInProgress: boolean };
  /** Workflow `env:` then job `env:`, evaluated. */
  readonly env: Readonly<Record<string, string>>;
  /** `defaults.run` of the workflow, then of the job. */
  readonly runDefaults: Readonly<Record<string, string>>;
}

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
  const pick = (token: TemplateToken | undefined): [string, string][] =>
    entries(child(child(token, 'defaults'), 'run')).map(([key, value]) => [
      key,
      String(literalValue(value)),
    ]);
  return Object.fromEntries([...pick(root), ...pick(raw)]);
}

/**
 * Evaluates what a job knows before its steps. The secrets registered with the masker are the
 * ones the job references, resolved from its environment first, then the repository — which is
 * why the same output survives in a job without `environment:` and is dropped in one with it.
 */
export function prepareJob(
  run: RunEnvironment,
  job: Job,
  needs: NeedsContext,
  instance: Instance = SINGLE_INSTANCE,
): JobSetup {
  const id = job.id.value;
  const raw = rawJob(run.workflow.root, id);
  const repo = run.settings.repository ?? {};
  const early = {
    github: githubContext(run.identity, id),
    inputs: run.inputs,
    needs,
    matrix: instance.matrix,
    strategy: {
      'fail-fast': instance.failFast,
      'job-index': instance.index,
      'job-total': instance.total,
      'max-parallel': 1,
    },
    vars: { ...repo.vars },
  };
  const environment = environmentOf(job.environment, early);
  const scope =
    environment === undefined ? undefined : run.settings.environments?.[environment.name];
  const available = { ...repo.secrets, ...scope?.secrets };
  const masker = new SecretMasker();
  masker.addSecret('GITHUB_TOKEN', run.identity.token, 'token');
  const secrets: Record<string, string> = { GITHUB_TOKEN: run.identity.token };
  const expressions = [...expressionsOf(raw), ...expressionsOf(run.workflow.template.env)];
  for (const name of referencedSecrets(expressions, Object.keys(available))) {
    secrets[name] = available[name] ?? '';
    masker.addSecret(name, secrets[name]);
  }
  const contexts = { ...early, vars: { ...repo.vars, ...scope?.vars }, secrets };
  const workflowEnv = evaluateStringMap(run.workflow.template.env, {
    contexts: { ...contexts, env: {} },
  });
  const jobEnv = evaluateStringMap(job.env, { contexts: { ...contexts, env: workflowEnv } });
  const concurrency = evaluateConcurrency(job.concurrency, contexts);
  return {
    id,
    name:
      // The converted model fills `name` with the id; only a written name replaces the default.
      child(raw, 'name') === undefined
        ? instanceName(id, instance.matrix)
        : evaluateString(child(raw, 'name'), { contexts }),
    raw,
    ...(environment === undefined
      ? {}
      : { environment: { ...environment, reviewers: scope?.reviewers ?? [] } }),
    contexts,
    masker,
    ...(concurrency === undefined ? {} : { concurrency }),
    env: { ...workflowEnv, ...jobEnv },
    runDefaults: runDefaults(run.workflow.root, raw),
  };
}
