export { DIGEST_PATTERN, digestProblem, isDigest } from './digest.js';
export {
  MAX_TAG_LENGTH,
  SHORTENED_HASH_LENGTH,
  TAG_PATTERN,
  fitTag,
  isValidTag,
  sanitizeTag,
  shortHash,
  type FittedTag,
  type ShortenedPart,
  type TagPart,
} from './tag.js';
export { formatImageReference, parseImageReference, type ImageReference } from './reference.js';
export { ecrRegistryHost, parseEcrHost, partitionOf, secretBearingReason } from './ecr.js';
