/** The Docker/OCI tag grammar: 1 to 128 characters, no leading `.` or `-`. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** True when `value` is a valid image tag. */
export function isValidTag(value: string): boolean {
  return TAG_PATTERN.test(value);
}

/**
 * Turns any text into a valid tag: characters outside `[A-Za-z0-9_.-]` become `-`, runs of `-`
 * collapse, leading `.`/`-` and trailing `-` are dropped, the result is cut to 128 characters.
 * Returns '' when nothing usable is left; callers report that with the input's name.
 */
export function sanitizeTag(value: string): string {
  return value
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128)
    .replace(/-+$/, '');
}
