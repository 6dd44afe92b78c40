import { createHash } from 'node:crypto';
import type { Annotation, AwsSettings } from './types.js';

/** What a stand-in is given: the evaluated `with:`, the step's environment, and the job. */
export interface StandInContext {
  /** `owner/repo[/path]@ref` as written. */
  readonly uses: string;
  readonly with: Readonly<Record<string, string>>;
  /** The step's environment (`env:` merged, GITHUB_* variables, earlier GITHUB_ENV exports). */
  readonly env: Readonly<Record<string, string>>;
  readonly job: string;
  readonly workspace: string;
  /** A fresh directory for this step, removed afterwards. */
  readonly runnerTemp: string;
  readonly aws: Required<Omit<AwsSettings, 'registry' | 'endpoint'>> &
    Pick<AwsSettings, 'registry' | 'endpoint'>;
  /** Appends a line to the step's stdout. */
  readonly log: (line: string) => void;
}

/** What a stand-in did; the runner applies it as it would an action's files and commands. */
export interface StandInResult {
  readonly outputs?: Readonly<Record<string, string>>;
  /** Exported for later steps, as via GITHUB_ENV. */
  readonly env?: Readonly<Record<string, string>>;
  /** Prepended to PATH for later steps, as via GITHUB_PATH. */
  readonly path?: readonly string[];
  /** Registered with the masker, as via `::add-mask::`. */
  readonly masks?: readonly string[];
  readonly annotations?: readonly Omit<Annotation, 'step'>[];
  readonly summary?: string;
  /** When set, the step fails with this error annotation. */
  readonly error?: string;
}

/** Replaces a third-party action in local runs. */
export type StandIn = (context: StandInContext) => StandInResult | Promise<StandInResult>;

/** Stand-ins by `owner/repo` (or `owner/repo/path` for one action of a multi-action repo). */
export type StandInRegistry = Readonly<Record<string, StandIn>>;

const checkout: StandIn = () => ({});

/**
 * configure-aws-credentials v5 reads `mask-aws-account-id` with its getBooleanInput (YAML 1.2
 * core schema: true/True/TRUE, false/False/FALSE, empty means false) and, through
 * translateEnvVariables, from the MASK_AWS_ACCOUNT_ID variable when the input is not given.
 */
function maskAccountId(
  inputs: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string>>,
): boolean {
  const given = inputs['mask-aws-account-id'] ?? '';
  const raw = given !== '' ? given : (env.MASK_AWS_ACCOUNT_ID ?? '');
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE', ''].includes(raw)) return false;
  throw new Error(
    'Input does not meet YAML 1.2 "Core Schema" specification: mask-aws-account-id\nSupport boolean input list: `true | True | TRUE | false | False | FALSE`',
  );
}

/**
 * Exports credentials for the local endpoint. Like the real action (helpers.ts exportCredentials
 * and exportAccountId), it masks the access key id, the secret key and the session token always,
 * and the account id and the authenticated ARN only when `mask-aws-account-id` is true.
 */
const configureAwsCredentials: StandIn = ({ with: inputs, env: stepEnv, aws, log }) => {
  const region = inputs['aws-region'] ?? aws.region;
  const sessionToken = `local-session-${createHash('sha256').update(aws.accessKeyId).digest('hex').slice(0, 16)}`;
  const env: Record<string, string> = {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: aws.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
  };
  if (aws.endpoint !== undefined) env.AWS_ENDPOINT_URL = aws.endpoint;
  const role = inputs['role-to-assume'];
  const arn =
    role === undefined
      ? `arn:aws:iam::${aws.accountId}:user/local`
      : `arn:aws:sts::${aws.accountId}:assumed-role/${role.split('/').pop() ?? 'role'}/GitHubActions`;
  const masks = [aws.accessKeyId, aws.secretAccessKey, sessionToken];
  if (maskAccountId(inputs, stepEnv)) masks.push(aws.accountId, arn);
  log(role === undefined ? `credentials for ${region}` : `assumed ${role} in ${region}`);
  return { env, masks, outputs: { 'aws-account-id': aws.accountId, 'authenticated-arn': arn } };
};

/** Reports the registry host (with the account id in it: the classic dropped-output source). */
const amazonEcrLogin: StandIn = ({ aws, with: inputs }) => {
  const registry = aws.registry ?? `${aws.accountId}.dkr.ecr.${aws.region}.amazonaws.com`;
  const password = `local-ecr-password-${aws.accountId}`;
  // index.js: masked unless the input is 'false' in any case.
  const masks = (inputs['mask-password'] ?? '').toLowerCase() === 'false' ? [] : [password];
  return {
    outputs: {
      registry,
      [`docker_username_${registry.replace(/[.:-]/g, '_')}`]: 'AWS',
      [`docker_password_${registry.replace(/[.:-]/g, '_')}`]: password,
    },
    masks,
  };
};

const setupBuildx: StandIn = () => ({ outputs: { name: 'local-builder', driver: 'none' } });

/** No engine here: reports a digest derived from the inputs, pushes nothing. */
const buildPush: StandIn = ({ with: inputs, log }) => {
  const digest = `sha256:${createHash('sha256').update(JSON.stringify(inputs)).digest('hex')}`;
  log(`docker/build-push-action stand-in: no image built, digest ${digest}`);
  return {
    outputs: {
      digest,
      imageid: digest,
      metadata: JSON.stringify({ 'containerimage.digest': digest }),
    },
  };
};

/** The stand-ins every run starts with; callers add or replace entries through the options. */
export const DEFAULT_STAND_INS: StandInRegistry = {
  'actions/checkout': checkout,
  'aws-actions/configure-aws-credentials': configureAwsCredentials,
  'aws-actions/amazon-ecr-login': amazonEcrLogin,
  'docker/setup-buildx-action': setupBuildx,
  'docker/build-push-action': buildPush,
};

/** The stand-in for `repository` + `path`: the most specific key wins, case-insensitive. */
export function findStandIn(
  registry: StandInRegistry,
  repository: string,
  path: string,
): StandIn | undefined {
  const wanted = path === '' ? [repository] : [`${repository}/${path}`, repository];
  const byKey = new Map(Object.entries(registry).map(([key, value]) => [key.toLowerCase(), value]));
  for (const key of wanted) {
    const found = byKey.get(key.toLowerCase());
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The error for a `uses:` nobody stands in for, saying how to add one. */
export function missingStandInMessage(uses: string, repository: string): string {
  return `No local stand-in for 'uses: ${uses}'. The local runner does not download actions; add one through the standIns option, e.g. runWorkflow({ standIns: { '${repository}': (ctx) => ({ outputs: {…} }) } }), or to DEFAULT_STAND_INS in packages/workflow-runner/src/stand-ins.ts.`;
}
