import { ActionError, InputError } from '@ecs-deploy/action-kit';

/** What the tag templates can draw from, read from the runner's GITHUB_* variables and event. */
export interface GitContext {
  readonly eventName: string;
  /** The commit the event is about (the PR head on pull_request events). */
  readonly sha: string;
  /** Branch name, when the run is for a branch or a pull request (its head branch). */
  readonly branch?: string;
  /** Pull request number, on pull_request events. */
  readonly pullRequest?: number;
  /** The tag name, when the run is for a tag ref. */
  readonly refTag?: string;
  readonly runNumber?: string;
  readonly runAttempt?: string;
  /** When the commit was made (push events carry it), else when the run started. */
  readonly date: Date;
}

interface PullRequestEvent {
  pull_request?: { number?: number; head?: { sha?: string; ref?: string } };
  head_commit?: { timestamp?: string } | null;
}

/** Builds the context from the environment and the parsed event payload (pure). */
export function gitContextFrom(
  env: Readonly<Record<string, string | undefined>>,
  event: unknown,
  now: Date,
): GitContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const payload = (typeof event === 'object' && event !== null ? event : {}) as PullRequestEvent;
  const pr = payload.pull_request;
  const isPullRequest = eventName.startsWith('pull_request') && pr !== undefined;
  const ref = env.GITHUB_REF ?? '';
  const branch = isPullRequest
    ? (pr.head?.ref ?? env.GITHUB_HEAD_REF)
    : ref.startsWith('refs/heads/')
      ? ref.slice('refs/heads/'.length)
      : undefined;
  const committed = payload.head_commit?.timestamp;
  const date =
    committed !== undefined && !Number.isNaN(Date.parse(committed)) ? new Date(committed) : now;
  return {
    eventName,
    sha: (isPullRequest ? pr.head?.sha : undefined) ?? env.GITHUB_SHA ?? '',
    branch: branch === '' ? undefined : branch,
    pullRequest: isPullRequest ? pr.number : pullNumberFromRef(ref),
    refTag: ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined,
    runNumber: env.GITHUB_RUN_NUMBER,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    date,
  };
}

function pullNumberFromRef(ref: string): number | undefined {
  const match = /^refs\/pull\/(\d+)\//.exec(ref);
  return match === null ? undefined : Number(match[1]);
}

/** A full commit sha, lower-cased; the error names the input or the variable it came from. */
export function validateSha(value: string, source: string): string {
  if (!/^[0-9a-fA-F]{40}$/.test(value)) {
    const shown = value === '' ? 'empty' : `"${value}"`;
    throw new InputError(
      source,
      `is ${shown}`,
      'a full 40-character commit sha such as 10683f6edf72a951e1057f6f3bb713373cf08333',
      source === 'sha'
        ? undefined
        : "Set the 'sha' input, or run in a workflow where GITHUB_SHA is set.",
    );
  }
  return value.toLowerCase();
}

/** The event payload the runner wrote to GITHUB_EVENT_PATH ({} when there is none). */
export function readEvent(path: string | undefined, read: (path: string) => string): unknown {
  if (path === undefined || path === '') return {};
  try {
    return JSON.parse(read(path)) as unknown;
  } catch (error) {
    throw new ActionError(
      `GITHUB_EVENT_PATH (${path}) could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
