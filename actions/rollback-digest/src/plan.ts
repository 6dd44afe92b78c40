import { ActionError } from '@ecs-deploy/action-kit';
import { formatImageReference, parseImageReference } from '@ecs-deploy/image-ref';
import {
  diffTaskDefinitions,
  formatPatch,
  renderTaskDefinition,
  stripReadOnlyFields,
  validateTaskDefinition,
  type Change,
  type Problem,
  type TaskDefinitionDocument,
} from '@ecs-deploy/task-definition';
import type { Target } from './target.js';
import { runsAll, type DigestMap } from './versions.js';

/** Mode digest: the live definition registered again with the earlier digests. */
export interface DigestModePlan {
  readonly mode: 'digest';
  /** RegisterTaskDefinition input. */
  readonly definition: TaskDefinitionDocument;
  /** Container → the pinned image it gets. */
  readonly images: Readonly<Record<string, string>>;
  readonly changes: readonly Change[];
  readonly patch: string;
  /** Things worth a warning that do not stop the rollback. */
  readonly warnings: readonly string[];
}

/** Mode revision: the service is pointed at the earlier revision itself. */
export interface RevisionModePlan {
  readonly mode: 'revision';
  readonly taskDefinitionArn: string;
}

/** What will be deployed. */
export type Plan = DigestModePlan | RevisionModePlan;

/** A task definition's containers by name, with their images. */
export function containerImages(definition: TaskDefinitionDocument): Map<string, string> {
  const list = Array.isArray(definition.containerDefinitions)
    ? definition.containerDefinitions
    : [];
  const out = new Map<string, string>();
  for (const c of list as { name?: unknown; image?: unknown }[])
    if (typeof c.name === 'string') out.set(c.name, typeof c.image === 'string' ? c.image : '');
  return out;
}

/** `image` pinned to `digest`: same registry and repository, tag dropped (the digest decides). */
export function pinnedImage(image: string, digest: string): string {
  const ref = parseImageReference(image);
  return formatImageReference({
    ...(ref.registry === undefined ? {} : { registry: ref.registry }),
    repository: ref.repository,
    digest,
  });
}

/**
 * Re-renders the live definition with the target's digests. The repository comes from the
 * earlier revision when known (the digest lives there even if the live image moved), else from
 * the live image.
 */
export function planDigestMode(
  live: TaskDefinitionDocument,
  liveArn: string,
  target: Target,
): DigestModePlan {
  const liveImages = containerImages(live);
  const images = new Map<string, string>();
  const warnings: string[] = [];
  for (const [name, digest] of Object.entries(target.digests)) {
    const liveImage = liveImages.get(name);
    if (liveImage === undefined) {
      warnings.push(
        `container ${name} ran ${digest} before but is not in the live task definition; left out`,
      );
      continue;
    }
    const base = target.revision?.containers.get(name)?.image ?? liveImage;
    try {
      images.set(name, pinnedImage(base, digest));
    } catch (error) {
      throw new ActionError(
        `Cannot pin container ${name} to ${digest}: its image "${base}" is not a valid reference (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  }
  if (images.size === 0)
    throw new ActionError(
      'None of the containers to roll back is in the live task definition.',
      'Use mode: revision to go back to the earlier task definition as it was.',
    );
  const definition = renderTaskDefinition(stripReadOnlyFields(live), { images });
  // ECS accepted the live definition; a stricter check here must not block an emergency rollback.
  const problems: Problem[] = validateTaskDefinition(definition, { requireDigest: false });
  for (const p of problems) if (p.severity === 'error') warnings.push(`${p.path}: ${p.message}`);
  return {
    mode: 'digest',
    definition,
    images: Object.fromEntries(images),
    changes: diffTaskDefinitions(live, definition),
    patch: formatPatch(live, definition, { labels: [liveArn, 'rollback'] }),
    warnings,
  };
}

/** Points the service at the revision that ran the target healthy. */
export function planRevisionMode(target: Target): RevisionModePlan {
  const arn = target.revision?.taskDefinitionArn;
  if (arn === undefined || arn === '')
    throw new ActionError(
      'mode: revision needs an earlier deployment that ran the digests, and none did.',
      'Use mode: digest to register the live task definition with the digests.',
    );
  return { mode: 'revision', taskDefinitionArn: arn };
}

/**
 * The no-op: the service already runs every target digest (mode digest), and in mode revision
 * also the target revision itself.
 */
export function alreadyThere(
  running: DigestMap,
  serviceTaskDefinition: string | undefined,
  target: Target,
  plan: Plan,
): boolean {
  if (!runsAll(running, target.digests)) return false;
  return plan.mode === 'digest' || serviceTaskDefinition === plan.taskDefinitionArn;
}
