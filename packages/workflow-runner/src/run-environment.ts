import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import { REPO_ROOT } from '@ecs-deploy/runner-harness';
import type { RunEvent } from './events.js';
import { resolveIdentity } from './github-context.js';
import type { InputValue } from './inputs.js';
import type { RunEnvironment } from './job-setup.js';
import { WorkflowLoadError, type LoadedWorkflow } from './load.js';
import type { StandInRegistry } from './stand-ins.js';
import { unresolvableUses } from './step-plan.js';
import { asString, child, literalValue, rawJob } from './tokens.js';
import type { RunWorkflowOptions } from './types.js';

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

// Steps see only these from the calling process, as on a fresh runner; the rest is explicit.
function baseEnvironment(extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** The jobs to run; reusable-workflow calls, containers and services cannot run here. */
export function runnableJobs(workflow: LoadedWorkflow): Job[] {
  const refuse = (id: string, what: string): never => {
    throw new WorkflowLoadError([
      {
        file: workflow.file,
        kind: 'runner',
        message: `job '${id}' ${what}, which the local runner does not support`,
      },
    ]);
  };
  return workflow.template.jobs.map((job) => {
    const id = job.id.value;
    if (job.type !== 'job') return refuse(id, 'calls a reusable workflow');
    for (const key of ['container', 'services'])
      if (child(rawJob(workflow.root, id), key) !== undefined) refuse(id, `uses ${key}:`);
    return job;
  });
}

/** Fails before any step runs when a `uses:` has no local stand-in. */
export function checkUses(
  workflow: LoadedWorkflow,
  jobs: readonly Job[],
  ownRepository: string,
  standIns: StandInRegistry,
): void {
  const uses = jobs.flatMap((job) =>
    job.steps.flatMap((step) => ('uses' in step ? [step.uses.value] : [])),
  );
  const problems = unresolvableUses(uses, ownRepository, standIns);
  if (problems.length > 0)
    throw new WorkflowLoadError(
      problems.map((message) => ({ file: workflow.file, kind: 'runner', message })),
    );
}

/** What {@link createRunEnvironment} needs beyond the options. */
export interface RunParts {
  readonly workflow: LoadedWorkflow;
  readonly inputs: Readonly<Record<string, InputValue>>;
  readonly event: Readonly<Record<string, unknown>>;
  readonly eventPath: string;
  readonly standIns: StandInRegistry;
  readonly emit: (event: RunEvent) => void;
}

/** Resolves the options' defaults into what every job of the run shares. */
export function createRunEnvironment(options: RunWorkflowOptions, parts: RunParts): RunEnvironment {
  const workspace = resolve(options.workspace ?? REPO_ROOT);
  const github = options.github ?? {};
  const name =
    asString(literalValue(child(parts.workflow.root, 'name'))) || basename(parts.workflow.file);
  // A fixed-format stand-in for the job token: registered as a secret, like the real one.
  const token = `ghs_local${createHash('sha256')
    .update(`${parts.workflow.file}:${github.runId ?? ''}`)
    .digest('hex')
    .slice(0, 27)}`;
  const aws = options.aws ?? {};
  return {
    identity: resolveIdentity(
      { ...github, eventName: github.eventName ?? 'push', event: parts.event },
      {
        sha: github.sha ?? headSha(workspace),
        workspace,
        workflow: name,
        eventPath: parts.eventPath,
        token,
      },
    ),
    workflow: parts.workflow,
    inputs: parts.inputs,
    settings: options.settings ?? {},
    workspace,
    productRoot: resolve(options.productRoot ?? REPO_ROOT),
    ownRepository: options.ownRepository ?? OWN_REPOSITORY,
    standIns: parts.standIns,
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
    emit: parts.emit,
  };
}
