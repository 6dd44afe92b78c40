import type { GithubSettings } from './types.js';

/** The resolved `github` context values a run starts from. */
export interface RunIdentity {
  readonly eventName: string;
  readonly sha: string;
  readonly ref: string;
  readonly repository: string;
  readonly runId: string;
  readonly runNumber: string;
  readonly runAttempt: string;
  readonly actor: string;
  readonly headRef: string;
  readonly baseRef: string;
  readonly event: Readonly<Record<string, unknown>>;
  readonly workspace: string;
  readonly workflow: string;
  readonly eventPath: string;
  readonly token: string;
}

// On pull_request events GitHub fills head_ref/base_ref from the payload.
function pullRequestRef(settings: GithubSettings, side: 'head' | 'base'): string {
  if (!(settings.eventName ?? '').startsWith('pull_request')) return '';
  const pr = settings.event?.pull_request as
    Record<string, { ref?: unknown } | undefined> | undefined;
  const ref = pr?.[side]?.ref;
  return typeof ref === 'string' ? ref : '';
}

/** Fills the defaults of a local run (a push to main of `your-org/app`). */
export function resolveIdentity(
  settings: GithubSettings,
  fallback: { sha: string; workspace: string; workflow: string; eventPath: string; token: string },
): RunIdentity {
  return {
    eventName: settings.eventName ?? 'push',
    sha: settings.sha ?? fallback.sha,
    ref: settings.ref ?? 'refs/heads/main',
    repository: settings.repository ?? 'your-org/app',
    runId: settings.runId ?? '1000',
    runNumber: settings.runNumber ?? '1',
    runAttempt: settings.runAttempt ?? '1',
    actor: settings.actor ?? 'local-user',
    headRef: settings.headRef ?? pullRequestRef(settings, 'head'),
    baseRef: settings.baseRef ?? pullRequestRef(settings, 'base'),
    event: settings.event ?? {},
    workspace: fallback.workspace,
    workflow: fallback.workflow,
    eventPath: fallback.eventPath,
    token: fallback.token,
  };
}

function refName(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\/(\d+)\/merge$/, '$1/merge');
}

/** The `github` context for one job (and step, when `action` is given). */
export function githubContext(
  identity: RunIdentity,
  job: string,
  action = '',
): Record<string, unknown> {
  const [owner = ''] = identity.repository.split('/');
  return {
    event_name: identity.eventName,
    event: identity.event,
    event_path: identity.eventPath,
    sha: identity.sha,
    ref: identity.ref,
    ref_name: refName(identity.ref),
    ref_type: identity.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    head_ref: identity.headRef,
    base_ref: identity.baseRef,
    repository: identity.repository,
    repository_owner: owner,
    run_id: identity.runId,
    run_number: identity.runNumber,
    run_attempt: identity.runAttempt,
    actor: identity.actor,
    triggering_actor: identity.actor,
    workflow: identity.workflow,
    workspace: identity.workspace,
    job,
    action,
    token: identity.token,
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    graphql_url: 'https://api.github.com/graphql',
    retention_days: '90',
  };
}

/** The default environment variables the runner sets for every step. */
export function defaultVariables(
  identity: RunIdentity,
  job: string,
  action: string,
): Record<string, string> {
  const [owner = ''] = identity.repository.split('/');
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: action,
    GITHUB_ACTOR: identity.actor,
    GITHUB_TRIGGERING_ACTOR: identity.actor,
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_BASE_REF: identity.baseRef,
    GITHUB_EVENT_NAME: identity.eventName,
    GITHUB_EVENT_PATH: identity.eventPath,
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_HEAD_REF: identity.headRef,
    GITHUB_JOB: job,
    GITHUB_REF: identity.ref,
    GITHUB_REF_NAME: refName(identity.ref),
    GITHUB_REF_TYPE: identity.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_REPOSITORY: identity.repository,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_RUN_ATTEMPT: identity.runAttempt,
    GITHUB_RUN_ID: identity.runId,
    GITHUB_RUN_NUMBER: identity.runNumber,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: identity.sha,
    GITHUB_WORKFLOW: identity.workflow,
    GITHUB_WORKSPACE: identity.workspace,
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'local',
    RUNNER_OS: 'Linux',
  };
}
