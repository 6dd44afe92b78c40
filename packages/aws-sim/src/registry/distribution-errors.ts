import { RegistryError } from './backend.js';

/** HTTP status of each distribution error code we emit. */
const STATUS: Readonly<Record<string, number>> = {
  BLOB_UNKNOWN: 404,
  BLOB_UPLOAD_INVALID: 400,
  BLOB_UPLOAD_UNKNOWN: 404,
  DIGEST_INVALID: 400,
  MANIFEST_BLOB_UNKNOWN: 400,
  MANIFEST_INVALID: 400,
  MANIFEST_UNKNOWN: 404,
  NAME_INVALID: 400,
  NAME_UNKNOWN: 404,
  SIZE_INVALID: 400,
  TAG_INVALID: 400,
  UNAUTHORIZED: 401,
  DENIED: 403,
  UNSUPPORTED: 405,
  RANGE_INVALID: 416,
};

/** A RegistryError that also carries the distribution `detail` and HTTP status. */
export class DistributionError extends RegistryError {
  constructor(
    code: string,
    message: string,
    readonly detail?: unknown,
    readonly status: number = STATUS[code] ?? 400,
  ) {
    super(code, message);
  }
}

/** The JSON body of a distribution error response. */
export function errorBody(code: string, message: string, detail?: unknown): string {
  return JSON.stringify({ errors: [{ code, message, detail: detail ?? null }] });
}

/** ECR's NAME_UNKNOWN wording for a repository that was never created. */
export function repositoryNotFound(repository: string, registryId: string): DistributionError {
  return new DistributionError(
    'NAME_UNKNOWN',
    `The repository with name '${repository}' does not exist in the registry with id '${registryId}'`,
    { name: repository },
  );
}

/** ECR's TAG_INVALID wording for overwriting a tag in an IMMUTABLE repository. */
export function immutableTag(repository: string, tag: string): DistributionError {
  return new DistributionError(
    'TAG_INVALID',
    `The image tag '${tag}' already exists in the '${repository}' repository and cannot be overwritten because the repository is immutable.`,
    { Tag: tag },
  );
}

/** MANIFEST_UNKNOWN as distribution words it, with the tag or digest as detail. */
export function manifestUnknown(reference: string): DistributionError {
  const detail = reference.startsWith('sha256:') ? { Digest: reference } : { Tag: reference };
  return new DistributionError('MANIFEST_UNKNOWN', 'manifest unknown', detail);
}
