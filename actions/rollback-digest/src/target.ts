import { ActionError, InputError } from '@ecs-deploy/action-kit';
import type { History, HistoryRecord, Revision } from './history.js';
import type { TargetRequest } from './inputs.js';
import {
  digestsOf,
  fromIndex,
  healthyRecords,
  healthyRunOf,
  neverHealthy,
  sameDigests,
  type DigestMap,
} from './versions.js';

/** What to go back to, resolved against the history. */
export interface Target {
  /** Container → digest to run. Containers not named keep their live image (mode digest). */
  readonly digests: DigestMap;
  /** The earlier deployment that ran these digests healthy (undefined: forced, never ran). */
  readonly record?: HistoryRecord;
  /** Its revision: where each digest's repository is read from, and mode revision's definition. */
  readonly revision?: Revision;
  /** The deployment being rolled back from (history targets only). */
  readonly from?: HistoryRecord;
  /** How it was found, for the log. */
  readonly description: string;
}

function shortArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

function describeRecord(r: HistoryRecord): string {
  const when = r.createdAt === undefined ? '' : ` of ${r.createdAt.toISOString()}`;
  return `service deployment ${shortArn(r.arn)}${when} (${r.status})`;
}

/**
 * The N-th earlier healthy version before the current one. Over the deployments newest first:
 * the current version is the newest deployment's digests (fromIndex); the candidates are the
 * SUCCESSFUL deployments older than it, each digest set counted once, at its most recent
 * deployment, leaving out the current digests; `stepsBack` N picks the N-th candidate. When the
 * newest deployment is a rollback of this action, the one before it is the current version.
 */
export function chooseFromHistory(
  history: History,
  stepsBack: number,
  afterOwnRollback = false,
): Target {
  const index = fromIndex(history, afterOwnRollback);
  const from = history.records[index];
  if (from === undefined) {
    throw new ActionError(
      `The service has no deployment with recorded image digests among the ${history.records.length} read, so there is nothing to roll back from.`,
      'Pass the digest to go back to in `digest` (and `force: true` if it never ran healthy here).',
    );
  }
  const fromDigests = digestsOf(from.target);
  const versions: HistoryRecord[] = [];
  for (const r of healthyRecords(history)) {
    if (history.records.indexOf(r) <= index) continue;
    const digests = digestsOf(r.target);
    if (sameDigests(digests, fromDigests)) continue;
    if (versions.some((v) => sameDigests(digestsOf(v.target), digests))) continue;
    versions.push(r);
  }
  const chosen = versions[stepsBack - 1];
  if (chosen?.target === undefined) {
    const found =
      versions.length === 0
        ? 'no SUCCESSFUL deployment ran other digests before it'
        : `only ${versions.length} earlier healthy version(s) exist`;
    throw new ActionError(
      `Cannot go ${stepsBack} step(s) back from ${describeRecord(from)}: ${found} in the ${history.records.length} deployment(s) read${history.truncated ? ' (older ones were not read)' : ''}.`,
      versions.length === 0
        ? 'A service has to have run a version healthy before it can be rolled back to it; pass `digest` with `force: true` to deploy one anyway.'
        : `Use a steps-back of at most ${versions.length}.`,
    );
  }
  return {
    digests: digestsOf(chosen.target),
    record: chosen,
    revision: chosen.target,
    from,
    description: `${describeRecord(chosen)}, ${stepsBack} healthy version(s) before ${describeRecord(from)}`,
  };
}

/** Explicit digests: the container each applies to, and whether it ever ran healthy. */
export function chooseExplicit(
  history: History,
  request: Extract<TargetRequest, { kind: 'explicit' }>,
  containers: readonly string[],
  force: boolean,
): Target {
  const digests: Record<string, string> = {};
  for (const item of request.digests) {
    const name = item.container ?? (containers.length === 1 ? containers[0] : undefined);
    if (name === undefined)
      throw new InputError(
        'container-name',
        `is empty but the task has ${containers.length} containers (${containers.join(', ')})`,
        'the container the digest is for',
      );
    if (!containers.includes(name))
      throw new InputError(
        item.source === 'digest' ? 'container-name' : 'digests',
        `names the container "${name}", which the live task definition does not have`,
        `one of: ${containers.join(', ')}`,
      );
    digests[name] = item.digest;
  }
  const record = healthyRunOf(history, digests);
  if (record === undefined && !force) {
    const never = neverHealthy(history, digests);
    throw new ActionError(
      `Refusing to roll back to ${never.join(', ')}: no SUCCESSFUL deployment of the service ran ${never.length === 1 ? 'it' : 'them'} (${history.records.length} deployment(s) read).`,
      'Check the digest (a copy-paste slip is the usual cause); set `force: true` to deploy an image that never ran healthy here.',
    );
  }
  return {
    digests,
    ...(record === undefined ? {} : { record, revision: record.target }),
    description:
      record === undefined
        ? 'digests from the inputs, forced (no successful deployment ran them)'
        : `digests from the inputs, last run healthy by ${describeRecord(record)}`,
  };
}
