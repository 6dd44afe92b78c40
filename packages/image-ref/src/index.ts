export { DIGEST_PATTERN, digestProblem, isDigest } from './digest.js';
export { TAG_PATTERN, isValidTag, sanitizeTag } from './tag.js';
export { formatImageReference, parseImageReference, type ImageReference } from './reference.js';
export { ecrRegistryHost, parseEcrHost, secretBearingReason } from './ecr.js';
