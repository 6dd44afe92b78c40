import { ParseError } from './errors.js';
import { lineColumn } from './position.js';

/*
 * Splits a command line into argv the way a POSIX shell quotes words, without expanding
 * anything: `$VAR`, globs, `~` and `#` stay literal, because ECS passes argv to the container
 * as is and users expect what they typed inside quotes to arrive unchanged.
 */

/** Characters a backslash escapes inside double quotes (POSIX); before others it stays literal. */
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`', '\n']);

const BLANK = /[ \t\r\n]/;

/**
 * Parses a shell-quoted command line into arguments: blanks separate words; single quotes keep
 * everything literally; double quotes honour `\"`, `\\`, `\$` and `` \` ``; a backslash outside
 * quotes escapes the next character; backslash-newline joins lines. Throws `ParseError` for an
 * unterminated quote or a trailing backslash.
 */
export function parseCommand(text: string): string[] {
  const args: string[] = [];
  let word = '';
  let inWord = false; // distinguishes `""` (an empty argument) from no argument at all
  let i = 0;
  const fault = (reason: string, at: number): ParseError => {
    const { line, column } = lineColumn(text, at);
    return new ParseError('command', reason, line, column);
  };
  while (i < text.length) {
    const c = text.charAt(i);
    if (BLANK.test(c)) {
      if (inWord) args.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw fault('unterminated single quote', i);
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      const start = i;
      i++;
      for (;;) {
        if (i >= text.length) throw fault('unterminated double quote', start);
        const d = text.charAt(i);
        if (d === '"') break;
        const next = text.charAt(i + 1);
        if (d === '\\' && DOUBLE_QUOTE_ESCAPES.has(next)) {
          if (next !== '\n') word += next;
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      inWord = true;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw fault('trailing backslash escapes nothing', i);
      const next = text.charAt(i + 1);
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) args.push(word);
  return args;
}
