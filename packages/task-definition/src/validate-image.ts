import { checkImageReference } from './image-check.js';
import { findPlaceholder } from './placeholders.js';
import { error, type Problem } from './problems.js';

/*
 * Image checks come first in every report because an empty or half-built image is the failure
 * this project exists to end: a job output carrying the registry host or account id is masked
 * by the runner and silently dropped, so the next job builds "/app@" or "" from it.
 */

/** Explains the dropped-output cause; shared by every image problem that looks like one. */
export const DROPPED_OUTPUT_CAUSE =
  'The likely cause: an upstream job output was dropped by the runner because it contained a ' +
  'masked value (such as an AWS account id or registry host stored as a secret), so the image ' +
  "reference built from it came out incomplete. The producing job's log shows \"Skip output '…' " +
  'since it may contain secret".';

/** The fix for a dropped output: pass only digests across jobs and derive the registry in-job. */
export const DROPPED_OUTPUT_FIX =
  'Pass only the digest (sha256:…) and the tag between jobs, derive the registry host in the ' +
  'deploying job (from ECR/STS), and join them there as <registry>/<repository>@<digest>.';

/** Options for image checks. */
export interface ImageOptions {
  /** Refuse images pinned by tag only; a tag can be moved, a digest cannot. */
  readonly requireDigest?: boolean;
}

/** Problems with one container image reference. */
export function checkImage(image: string, path: string, options: ImageOptions): Problem[] {
  const placeholder = findPlaceholder(image);
  if (placeholder !== undefined) {
    return [
      error(
        path,
        'image-placeholder',
        `image still holds the unrendered placeholder ${placeholder}`,
        'Render the image into the task definition (render-task-def with the image or images input) before deploying.',
      ),
    ];
  }
  const result = checkImageReference(image);
  switch (result.kind) {
    case 'empty':
      return [
        error(path, 'image-empty', `image is empty. ${DROPPED_OUTPUT_CAUSE}`, DROPPED_OUTPUT_FIX),
      ];
    case 'missing-part':
      return [
        error(
          path,
          'image-incomplete',
          `image "${image}" is incomplete: ${result.reason}. ${DROPPED_OUTPUT_CAUSE}`,
          DROPPED_OUTPUT_FIX,
        ),
      ];
    case 'invalid':
      return [
        error(
          path,
          'image-syntax',
          `image "${image}" is not a valid image reference: ${result.reason}`,
        ),
      ];
    case 'ok':
      if (options.requireDigest === true && !result.hasDigest) {
        return [
          error(
            path,
            'image-not-pinned',
            `image "${image}" is pinned by tag only, and require-digest is on; a tag can be moved to other content`,
            'Use the digest from push-ecr-digest: <registry>/<repository>@sha256:<64 hex characters>.',
          ),
        ];
      }
      return [];
  }
}
