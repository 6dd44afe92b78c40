import { AwsError } from '../errors.js';

/** Decides whether one log message matches a filter pattern. */
export type MessageMatcher = (message: string) => boolean;

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

function unsupported(what: string, pattern: string): AwsError {
  return invalid(
    `The simulator supports only plain terms and "quoted phrases" in filterPattern; ${what} ` +
      `is not supported (pattern: ${pattern}).`,
  );
}

/** A bare (unquoted) term may hold letters, digits and underscores only. */
const BARE_TERM = /^[A-Za-z0-9_]+$/;

/**
 * The unstructured subset of CloudWatch's filter pattern syntax
 * (docs/aws-behaviour.md#cloudwatch-logs): an empty pattern matches every event; otherwise the
 * pattern is a list of terms separated by spaces — bare words of letters, digits and `_`, or
 * phrases in double quotes (`\"` inside a phrase is a quote) — and an event matches when its
 * message contains every term, case-sensitively. OR terms (`?term`), exclusions (`-term`), JSON
 * (`{ $.x = … }`) and space-delimited (`[a, b]`) patterns and regular expressions (`%…%`) are
 * refused with InvalidParameterException saying so.
 */
export function compileFilterPattern(pattern: string | undefined): MessageMatcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) throw unsupported('a JSON pattern ({ … })', text);
  if (text.startsWith('[')) throw unsupported('a space-delimited pattern ([ … ])', text);
  const terms: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '"') {
      let phrase = '';
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const c = text[j] ?? '';
        if (c === '\\' && text[j + 1] === '"') {
          phrase += '"';
          j += 2;
        } else if (c === '"') {
          closed = true;
          j += 1;
          break;
        } else {
          phrase += c;
          j += 1;
        }
      }
      if (!closed) throw invalid(`Invalid filter pattern: unterminated quoted phrase in ${text}`);
      terms.push(phrase);
      i = j;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j] ?? '')) j += 1;
    const term = text.slice(i, j);
    if (term.startsWith('?')) throw unsupported(`an OR term (${term})`, text);
    if (term.startsWith('-')) throw unsupported(`an exclusion term (${term})`, text);
    if (term.startsWith('%')) throw unsupported(`a regular expression (${term})`, text);
    if (!BARE_TERM.test(term))
      throw invalid(
        `Invalid filter pattern: the term '${term}' has characters other than letters, digits and _; put it in double quotes.`,
      );
    terms.push(term);
    i = j;
  }
  return (message) => terms.every((t) => message.includes(t));
}
