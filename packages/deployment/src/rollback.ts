// After a `rolled-back` verdict: which deployment is ECS's rollback, how its own wait ended, what
// the revision it runs is (images, the commit of its trace tags), and how long the service ran
// degraded. Pure: the AWS reads are rollout-watch's.
import { primaryDeployment, refOf, rollbackTargetIn } from './deployments.js';
import { formatDuration, shortTaskDefinition } from './format.js';
import type { FollowResult, Outcome } from './result.js';
import type { ServiceObservation } from './types.js';
import type {
  DegradedFrom,
  DeploymentRef,
  RollbackConfirmation,
  RollbackResult,
  RollbackRevision,
} from './verdict.js';

/** A wait's outcome as a rollback result. */
export function rollbackResultOf(outcome: Outcome): RollbackResult {
  if (outcome === 'healthy') return 'healthy';
  if (outcome === 'timed-out' || outcome === 'cancelled' || outcome === 'error') return 'timed-out';
  return 'failed';
}

/**
 * ECS's rollback deployment after a rolled-back result: the one the verdict saw, else the service's
 * PRIMARY deployment when it is not ours — preferring one whose rolloutStateReason says it rolls
 * back, or one running the task definition of the deployment rolled back to.
 */
export function findRollbackDeployment(
  result: FollowResult,
  service?: ServiceObservation,
): (DeploymentRef & { updatedAt?: number }) | undefined {
  const verdict = result.verdict;
  if (verdict?.kind !== 'rolled-back') return undefined;
  const seen = verdict.rollback;
  if (seen !== undefined && seen.id !== '?') {
    const ref: DeploymentRef & { updatedAt?: number } = { id: seen.id };
    if (seen.taskDefinition !== undefined) ref.taskDefinition = seen.taskDefinition;
    if (seen.updatedAt !== undefined) ref.updatedAt = seen.updatedAt;
    return ref;
  }
  if (service === undefined) return undefined;
  const ours = verdict.deployment.id;
  const primary = primaryDeployment(service);
  if (primary?.id === undefined || primary.id === ours) return undefined;
  const target = (service.deployments ?? []).find((d) => d.id === verdict.rolledBackTo);
  const rollsBack =
    rollbackTargetIn(primary.rolloutStateReason) !== undefined ||
    (target?.taskDefinition !== undefined && target.taskDefinition === primary.taskDefinition) ||
    verdict.rolledBackTo === undefined;
  if (!rollsBack) return undefined;
  const ref: DeploymentRef & { updatedAt?: number } = refOf(primary);
  if (primary.updatedAt !== undefined) ref.updatedAt = primary.updatedAt.getTime();
  return ref;
}

/** Container name → image of a task definition's containers. */
export function imagesOf(definition: {
  containerDefinitions?: readonly { name?: string; image?: string }[];
}): Record<string, string> {
  const images: Record<string, string> = {};
  for (const c of definition.containerDefinitions ?? [])
    if (c.name !== undefined && c.image !== undefined) images[c.name] = c.image;
  return images;
}

/** The revision's images and the `ecs-deploy:commit` and `ecs-deploy:run` trace tags. */
export function rollbackRevision(
  taskDefinitionArn: string,
  definition: { containerDefinitions?: readonly { name?: string; image?: string }[] },
  tags: readonly { key?: string; value?: string }[],
): RollbackRevision {
  const tag = (key: string): string | undefined => {
    const value = tags.find((t) => t.key === `ecs-deploy:${key}`)?.value;
    return value === undefined || value === '' ? undefined : value;
  };
  const revision: RollbackRevision = { taskDefinitionArn, images: imagesOf(definition) };
  const commit = tag('commit');
  const run = tag('run');
  if (commit !== undefined) revision.commit = commit;
  if (run !== undefined) revision.run = run;
  return revision;
}

const SHA256 = /^sha256:[0-9a-f]{64}$/;

/**
 * An image as an output may carry it between jobs: the digest it is pinned to
 * (`…/web@sha256:…` → `sha256:…`), else the reference without its registry host
 * (`123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2` → `web:v2`), since a host that names the
 * account is often masked and the runner would drop the output.
 */
export function outputImage(image: string): string {
  const at = image.lastIndexOf('@');
  if (at >= 0 && SHA256.test(image.slice(at + 1))) return image.slice(at + 1);
  const slash = image.indexOf('/');
  if (slash < 0) return image;
  const first = image.slice(0, slash);
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  return isHost ? image.slice(slash + 1) : image;
}

/** `…/web@sha256:0123…` → `sha256:0123456789ab…` (for a log line); otherwise as outputImage. */
export function shortImage(image: string): string {
  const out = outputImage(image);
  return SHA256.test(out) ? `${out.slice(0, 19)}…` : out;
}

/**
 * How long the service ran degraded: from the first stopped task of our deployment the wait saw
 * (else from the start of the wait) until `until` — when the rollback was seen healthy, or when the
 * wait for it ended. All on the follower's clock.
 */
export function degradedWindow(
  waitStartedAt: number,
  firstStoppedSeenAt: number | undefined,
  until: number,
): { degradedMs: number; degradedFrom: DegradedFrom } {
  const from = firstStoppedSeenAt ?? waitStartedAt;
  return {
    degradedMs: Math.max(0, until - from),
    degradedFrom: firstStoppedSeenAt === undefined ? 'wait-start' : 'first-stopped-task',
  };
}

function revisionDetails(c: RollbackConfirmation): string {
  const parts: string[] = [];
  const commit = c.revision?.commit;
  if (commit !== undefined) parts.push(`commit ${commit.slice(0, 7)}`);
  for (const [name, image] of Object.entries(c.revision?.images ?? {}))
    parts.push(`${name}=${shortImage(image)}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** The one log line that says whether the rollback brought the service back. */
export function rollbackLine(label: string, c: RollbackConfirmation): string {
  const revision = shortTaskDefinition(
    c.revision?.taskDefinitionArn ?? c.taskDefinitionArn ?? c.deployment?.taskDefinition,
  );
  const degraded = formatDuration(c.degradedMs);
  if (c.result === 'healthy')
    return `Rollback confirmed: ${label} is healthy again on ${revision}${revisionDetails(c)} after ${degraded} degraded`;
  const still =
    c.deployment === undefined
      ? `still degraded after ${degraded}: no rollback deployment of ECS was found`
      : `still not healthy on ${revision}${revisionDetails(c)} after ${degraded} degraded; rollback deployment ${c.deployment.id} ${c.result}`;
  return `Rollback NOT confirmed: ${label} is ${still} (${c.detail})`;
}

/** The job summary's lines for the rollback (markdown; the caller escapes nothing here). */
export function rollbackSummaryLines(
  c: RollbackConfirmation,
  escape: (text: string) => string,
): string[] {
  const head =
    c.result === 'healthy'
      ? '✅ confirmed: the service is healthy again'
      : `❌ not confirmed (${c.result})`;
  const from =
    c.degradedFrom === 'first-stopped-task'
      ? 'from the first stopped task of this deployment'
      : 'from the start of the wait';
  const until = c.result === 'healthy' ? 'until the rollback was healthy' : 'until the wait ended';
  const lines = [
    '',
    '**Rollback by ECS**',
    '',
    `- ${head}`,
    `- Degraded: ${formatDuration(c.degradedMs)} (${from} ${until})`,
  ];
  if (c.deployment !== undefined) lines.push(`- Rollback deployment: ${escape(c.deployment.id)}`);
  const arn = c.revision?.taskDefinitionArn ?? c.taskDefinitionArn;
  if (arn !== undefined) lines.push(`- Revision: ${escape(shortTaskDefinition(arn))}`);
  const rev = c.revision;
  if (rev?.commit !== undefined) {
    const run = rev.run === undefined ? '' : ` ([run](${rev.run}))`;
    lines.push(`- Commit: \`${escape(rev.commit)}\`${run}`);
  }
  for (const [name, image] of Object.entries(rev?.images ?? {}))
    lines.push(`- Image of ${escape(name)}: \`${escape(image)}\``);
  if (c.result !== 'healthy') lines.push(`- ${escape(c.detail)}`);
  return lines;
}
