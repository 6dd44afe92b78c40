import type { JobResult } from './graph.js';
import type { DroppedOutput } from './job-outputs.js';
import type { RunEvent } from './events.js';
import type { StandInRegistry } from './stand-ins.js';

export type { JobResult } from './graph.js';

/** `vars` and `secrets` at one level (repository or environment). */
export interface ScopeSettings {
  readonly vars?: Readonly<Record<string, string>>;
  readonly secrets?: Readonly<Record<string, string>>;
}

/** An environment: its vars and secrets override the repository's; reviewers gate the job. */
export interface EnvironmentSettings extends ScopeSettings {
  /** Required reviewers; when set, the `approve` callback decides. */
  readonly reviewers?: readonly string[];
}

/** Repository settings, as GitHub would hold them. */
export interface RepositorySettings {
  readonly repository?: ScopeSettings;
  readonly environments?: Readonly<Record<string, EnvironmentSettings>>;
}

/** The `github` context values a run starts from. */
export interface GithubSettings {
  readonly eventName?: string;
  readonly sha?: string;
  readonly ref?: string;
  /** `owner/repo`. */
  readonly repository?: string;
  readonly runId?: string;
  readonly runNumber?: string;
  readonly runAttempt?: string;
  readonly actor?: string;
  readonly headRef?: string;
  readonly baseRef?: string;
  /** The event payload (`github.event`, written to GITHUB_EVENT_PATH). */
  readonly event?: Readonly<Record<string, unknown>>;
}

/** The local AWS endpoint the configure-aws-credentials stand-in points steps at. */
export interface AwsSettings {
  readonly endpoint?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  /** Registry host the amazon-ecr-login stand-in reports; default the ECR host. */
  readonly registry?: string;
}

/** A job waiting on an environment's required reviewers. */
export interface ApprovalRequest {
  readonly job: string;
  readonly environment: string;
  readonly reviewers: readonly string[];
}

/** How to run a workflow locally. */
export interface RunWorkflowOptions {
  /** The workflow file. */
  readonly file: string;
  /** The checked-out repository steps run in (`github.workspace`); default the repo root. */
  readonly workspace?: string;
  /** Where `<own repo>/actions/<name>@ref` is taken from; default this monorepo's root. */
  readonly productRoot?: string;
  /** The product's own `owner/repo`, whose `uses:` map to local `actions/…`. */
  readonly ownRepository?: string;
  readonly github?: GithubSettings;
  /** `workflow_dispatch` inputs; defaults come from the workflow. */
  readonly inputs?: Readonly<Record<string, string | boolean | number>>;
  readonly settings?: RepositorySettings;
  /** Extra process environment for every step (e.g. `AWS_ENDPOINT_URL`). */
  readonly env?: Readonly<Record<string, string>>;
  readonly aws?: AwsSettings;
  /** Stand-ins for `uses: owner/repo@ref`, merged over the defaults (same keys replace). */
  readonly standIns?: StandInRegistry;
  /** Decides required-reviewer environments; default: approve. */
  readonly approve?: (request: ApprovalRequest) => boolean | Promise<boolean>;
  /** Called with each event as it happens (live printing). */
  readonly onEvent?: (event: RunEvent) => void;
  /** Limit per step unless `timeout-minutes` says otherwise; default 5 minutes. */
  readonly stepTimeoutMs?: number;
}

/** An `::error`/`::warning`/`::notice` annotation, or one the runner raises. */
export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly title?: string;
  /** The step that raised it; absent for job-level ones (skipped outputs). */
  readonly step?: string;
}

/** success/failure of what ran; skipped when `if:` said no. */
export type StepOutcome = 'success' | 'failure' | 'cancelled' | 'skipped';

/** One step as it ran. */
export interface StepRecord {
  readonly id: string;
  readonly name: string;
  /** `run`, a local/own action run from its bundle, or a stand-in. */
  readonly kind: 'run' | 'action' | 'stand-in';
  readonly uses?: string;
  readonly outcome: StepOutcome;
  /** The outcome after `continue-on-error`. */
  readonly conclusion: StepOutcome;
  readonly outputs: Readonly<Record<string, string>>;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode?: number | null;
  readonly summary: string;
  readonly durationMs: number;
  readonly annotations: readonly Annotation[];
}

/** One job as it ran. */
export interface JobRecord {
  readonly id: string;
  readonly name: string;
  readonly result: JobResult;
  /** What `needs.<id>.outputs` sees: only the outputs that survived the runner's filter. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly droppedOutputs: readonly DroppedOutput[];
  readonly annotations: readonly Annotation[];
  readonly steps: readonly StepRecord[];
  readonly environment?: {
    readonly name: string;
    readonly url?: string;
    readonly reviewers: readonly string[];
    readonly approved: boolean;
  };
  readonly concurrency?: { readonly group: string; readonly cancelInProgress: boolean };
  /** The `matrix` values of one instance of a matrix job. */
  readonly matrix?: Readonly<Record<string, unknown>>;
  /** For a matrix job: each instance, in run order (the job's own `steps` are then empty). */
  readonly instances?: readonly JobRecord[];
  /** Names (never values) of the secrets registered with the masker, and of add-mask steps. */
  readonly masked: readonly string[];
  readonly durationMs: number;
}

/** Everything a run produced. */
export interface WorkflowRunResult {
  readonly name: string;
  /** failure when any job failed (without job-level continue-on-error). */
  readonly result: 'success' | 'failure';
  readonly jobs: Readonly<Record<string, JobRecord>>;
  /** Job ids in the order they ran (or were skipped). */
  readonly order: readonly string[];
  readonly concurrency?: { readonly group: string; readonly cancelInProgress: boolean };
  readonly events: readonly RunEvent[];
  /** A readable account of the run, one line per event. */
  readonly transcript: string;
}
