import { ParseError } from './errors.js';
import { NAME_FORM } from './names.js';
import { lineColumn } from './position.js';

/*
 * Reads dotenv-style text into variables. No `${VAR}` expansion and no command substitution: an
 * environment file is data, and expanding it against the runner's environment would leak the
 * runner's values into the task definition.
 */

// Any name without "=", blanks or control characters (see names.ts); "#" starts a comment.
const KEY = /[^\s=#'"\p{Cc}][^\s=\p{Cc}]*/uy;
const EXPORT = /export[ \t]+/y;
const INLINE_BLANK = /[ \t]*/y;
const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '"': '"',
  '\\': '\\',
  $: '$',
};

/**
 * Parses `KEY=value` lines: blank lines and `#` comments are skipped; `export ` is allowed;
 * values may be unquoted (trailing ` # comment` removed), single-quoted (literal), or
 * double-quoted (`\n`, `\t`, `\"`, `\\` escapes; may span lines); `KEY=` gives "". A key given
 * twice keeps its last value, or with `repeated: 'error'` is refused. Names are any text without
 * "=", blanks or control characters. Throws `ParseError` with the line of the fault.
 */
export function parseDotenv(
  text: string,
  options: { readonly repeated?: 'last' | 'error' } = {},
): Map<string, string> {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const vars = new Map<string, string>();
  let i = 0;
  const fault = (reason: string, at: number): ParseError => {
    const { line, column } = lineColumn(src, at);
    return new ParseError('environment file', reason, line, column);
  };
  const sticky = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(src);
    if (m === null) return undefined;
    i = re.lastIndex;
    return m[0];
  };
  const endOfLine = (): void => {
    sticky(INLINE_BLANK);
    if (src.charAt(i) === '#') i = lineEnd(src, i);
    if (i < src.length && src.charAt(i) !== '\n')
      throw fault('unexpected text after the closing quote', i);
  };
  while (i < src.length) {
    const c = src.charAt(i);
    if (c === '\n' || c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') {
      i = lineEnd(src, i);
      continue;
    }
    sticky(EXPORT);
    const key = sticky(KEY);
    if (key === undefined) throw fault(`expected a variable name (${NAME_FORM})`, i);
    const keyAt = i - key.length;
    sticky(INLINE_BLANK);
    if (src.charAt(i) !== '=') throw fault(`expected "=" after ${key}`, i);
    i++;
    const afterEquals = i;
    sticky(INLINE_BLANK);
    const quote = src.charAt(i);
    let value: string;
    if (quote === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw fault('unterminated single quote', i);
      value = src.slice(i + 1, end);
      i = end + 1;
      endOfLine();
    } else if (quote === '"') {
      const start = i;
      value = '';
      for (i++; src.charAt(i) !== '"'; i++) {
        if (i >= src.length) throw fault('unterminated double quote', start);
        const d = src.charAt(i);
        const escaped = d === '\\' ? DOUBLE_QUOTE_ESCAPES[src.charAt(i + 1)] : undefined;
        if (escaped === undefined) {
          value += d;
        } else {
          value += escaped;
          i++;
        }
      }
      i++;
      endOfLine();
    } else {
      // `#` starts a comment only after a blank, so `KEY=a#b` and `KEY=#b` keep theirs.
      const end = lineEnd(src, i);
      value = src
        .slice(afterEquals, end)
        .replace(/[ \t]#.*$/, '')
        .trim();
      i = end;
    }
    if (options.repeated === 'error' && vars.has(key)) throw fault(`${key} is set twice`, keyAt);
    vars.set(key, value);
  }
  return vars;
}

function lineEnd(src: string, from: number): number {
  const end = src.indexOf('\n', from);
  return end < 0 ? src.length : end;
}
