import type { Reference } from './markdown.js';

/*
 * Citations in code comments, such as `(docs/aws-behaviour.md#read-only-fields)`. Only comments
 * are read: a test may well hold a broken path in a string on purpose. The scanner is per line
 * and knows quotes, `//`, block comments and YAML's `#`; a regular expression literal holding a
 * quote can hide the rest of its line, which only ever misses a citation, never invents one.
 */

/** The comment syntax of a file, by its name; undefined for files whose comments are not read. */
export function commentStyle(file: string): 'c' | 'hash' | undefined {
  if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(file)) return 'c';
  if (/\.ya?ml$/.test(file)) return 'hash';
  return undefined;
}

/**
 * A Markdown path with a folder or an anchor, and more anchors of the same file after it
 * (`<file>.md#a, #b`); `$`, `/` or a word before it means it is not one.
 */
const CITATION =
  /(?<![\w$/.<-])((?:\.{1,2}\/)*(?:[\w.-]+\/)*[\w.-]+\.md)(#[\w-]+)?((?:,\s*#[\w-]+)*)/g;

/** Every Markdown path cited in the comments of a source file. */
export function commentCitations(text: string, style: 'c' | 'hash'): Reference[] {
  const references: Reference[] = [];
  const comments = style === 'c' ? cComments(text) : hashComments(text);
  comments.forEach((comment, i) => {
    for (const match of comment.matchAll(CITATION)) {
      const path = match[1] ?? '';
      const anchor = match[2] ?? '';
      if (!path.includes('/') && anchor === '') continue;
      references.push({ line: i + 1, target: path + anchor, kind: 'citation' });
      for (const more of (match[3] ?? '').matchAll(/#[\w-]+/g)) {
        references.push({ line: i + 1, target: path + more[0], kind: 'citation' });
      }
    }
  });
  return references;
}

/** The comment text on each line of C-style source (`//`, `/* … *\/`), '' where there is none. */
export function cComments(text: string): string[] {
  let inBlock = false;
  return text.split(/\r?\n/).map((line) => {
    let comment = '';
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line.charAt(i);
      const next = line.charAt(i + 1);
      if (inBlock) {
        if (c === '*' && next === '/') {
          inBlock = false;
          comment += ' ';
          i++;
        } else comment += c;
      } else if (quote !== undefined) {
        if (c === '\\') i++;
        else if (c === quote) quote = undefined;
      } else if (c === '/' && next === '/') {
        return comment + ' ' + line.slice(i + 2);
      } else if (c === '/' && next === '*') {
        inBlock = true;
        i++;
      } else if (c === "'" || c === '"' || c === '`') {
        quote = c;
      }
    }
    return comment;
  });
}

/** The comment text on each line of YAML or shell (`#` at the start or after white space). */
export function hashComments(text: string): string[] {
  return text.split(/\r?\n/).map((line) => {
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line.charAt(i);
      if (quote !== undefined) {
        if (c === quote) quote = undefined;
      } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
        return line.slice(i + 1);
      } else if ((c === "'" || c === '"') && (i === 0 || /[\s:[{,-]/.test(line[i - 1] ?? ''))) {
        quote = c;
      }
    }
    return '';
  });
}
