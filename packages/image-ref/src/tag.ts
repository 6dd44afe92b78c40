import { createHash } from 'node:crypto';

/** The Docker/OCI tag grammar: 1 to 128 characters, no leading `.` or `-`. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The longest tag Docker, OCI and ECR accept. */
export const MAX_TAG_LENGTH = 128;

/** Characters of the hash that marks a shortened part (letters only, so never an account id). */
export const SHORTENED_HASH_LENGTH = 8;

/** True when `value` is a valid image tag. */
export function isValidTag(value: string): boolean {
  return TAG_PATTERN.test(value);
}

/** One part of a tag being assembled by `fitTag`. */
export interface TagPart {
  /** The part's full text, as given (sanitised by `fitTag`). */
  readonly text: string;
  /** Whether the part may be shortened to fit; the commit and literal text never are. */
  readonly shortenable: boolean;
}

/** A part `fitTag` had to shorten. */
export interface ShortenedPart {
  /** Its position in the parts given. */
  readonly index: number;
  /** Its sanitised text before shortening. */
  readonly from: string;
  /** What it became: a head of `from`, `-`, and the hash of the full text. */
  readonly to: string;
}

/** The tag `fitTag` assembled ('' when nothing usable was left), and what it shortened. */
export interface FittedTag {
  readonly tag: string;
  readonly shortened: readonly ShortenedPart[];
}

const clean = (text: string): string => text.replace(/[^A-Za-z0-9_.-]+/g, '-');
const finish = (text: string): string =>
  text
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/-+$/, '');

/** A short, deterministic digest of `text`, as lower-case letters. */
export function shortHash(text: string): string {
  const bytes = createHash('sha256').update(text, 'utf8').digest();
  return [...bytes.subarray(0, SHORTENED_HASH_LENGTH)]
    .map((byte) => String.fromCharCode(97 + (byte % 26)))
    .join('');
}

function shorten(cleaned: string, full: string, length: number): string {
  const head = cleaned.slice(0, length - SHORTENED_HASH_LENGTH - 1).replace(/-+$/, '');
  return head === '' ? shortHash(full) : `${head}-${shortHash(full)}`;
}

/**
 * Assembles a valid tag from parts: characters outside `[A-Za-z0-9_.-]` become `-`, runs of `-`
 * collapse, leading `.`/`-` and trailing `-` are dropped. When the result is longer than `max`,
 * the longest shortenable parts are cut to a common length, each ending in `-` and a hash of its
 * full text, so the same parts always give the same tag and different parts different tags;
 * parts that are not shortenable are never cut. Returns undefined when they alone do not fit.
 */
export function fitTag(parts: readonly TagPart[], max = MAX_TAG_LENGTH): FittedTag | undefined {
  const cleaned = parts.map((part) => clean(part.text));
  const whole = finish(cleaned.join(''));
  if (whole.length <= max) return { tag: whole, shortened: [] };
  const longest = Math.max(
    0,
    ...cleaned.filter((_, i) => parts[i]?.shortenable).map((t) => t.length),
  );
  for (let length = Math.min(longest - 1, max); length >= SHORTENED_HASH_LENGTH; length -= 1) {
    const shortened: ShortenedPart[] = [];
    const texts = cleaned.map((from, index) => {
      const part = parts[index];
      if (part === undefined || !part.shortenable || from.length <= length) return from;
      const to = shorten(from, part.text, length);
      shortened.push({ index, from, to });
      return to;
    });
    const tag = finish(texts.join(''));
    if (tag.length <= max) return { tag, shortened };
  }
  return undefined;
}

/**
 * Turns any text into a valid tag (see `fitTag`); text longer than 128 characters keeps its head
 * and ends in a hash of the whole. Returns '' when nothing usable is left; callers report that
 * with the input's name.
 */
export function sanitizeTag(value: string): string {
  return fitTag([{ text: value, shortenable: true }])?.tag ?? '';
}
