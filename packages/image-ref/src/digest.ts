/** A content digest as registries and ECS use it: `sha256:` and 64 lower-case hex characters. */
export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

/** Why a string is not a usable digest, or undefined when it is one. */
export function digestProblem(value: string): string | undefined {
  if (value === '') return 'it is empty';
  if (DIGEST_PATTERN.test(value)) return undefined;
  const [algorithm, hex, ...rest] = value.split(':');
  if (hex === undefined) return 'it has no algorithm prefix (expected sha256:<64 hex characters>)';
  if (rest.length > 0) return 'it has more than one colon';
  if (algorithm !== 'sha256') {
    return `its algorithm is "${algorithm ?? ''}"; ECR and ECS use sha256 only`;
  }
  if (/[A-F]/.test(hex)) return 'it has upper-case hex characters; digests are lower-case';
  if (!/^[a-f0-9]*$/.test(hex)) return 'it has characters that are not hex';
  return `its hex part has ${hex.length} characters instead of 64`;
}

/** True when `value` is a complete sha256 digest. */
export function isDigest(value: string): boolean {
  return DIGEST_PATTERN.test(value);
}
