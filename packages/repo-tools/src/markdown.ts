/*
 * What a Markdown file offers to links (its heading anchors) and what it points at (its links and
 * path citations). A small line-based reader, not a full CommonMark parser: it knows fenced code,
 * code spans and HTML comments, which is where link-looking text is not a link.
 */

/** Something a file points at, and the 1-based line it is on. */
export interface Reference {
  readonly line: number;
  /** The destination as written, e.g. `docs/aws-behaviour.md#read-only-fields`. */
  readonly target: string;
  /**
   * `link`: a Markdown link, image, reference definition or HTML href/src, resolved the way GitHub
   * does (from the file's folder; `/` is the repository root). `citation`: a path named in code
   * or a comment, which may be written from the file's folder or from the repository root.
   */
  readonly kind: 'link' | 'citation';
}

/** A code fence; inside a list item it is indented like the item's text. */
const FENCE = /^\s*(`{3,}|~{3,})/;
const CODE_SPAN = /(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;
/** What GitHub's slugger drops: everything but letters, marks, digits, `_`, `-` and spaces. */
const SLUG_DROPPED = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;

/** The anchor GitHub gives a heading with this (rendered) text, before de-duplication. */
export function githubSlug(text: string): string {
  return text.trim().toLowerCase().replace(SLUG_DROPPED, '').replace(/ /g, '-');
}

/** Heading source as rendered text: code spans keep their content, links their text, no markup. */
export function headingText(source: string): string {
  const parts = source.replace(/\s+#+\s*$/, '').split(CODE_SPAN);
  // split() with two groups yields [text, ticks, code, text, ticks, code, …].
  return parts
    .map((part, i) => {
      if (i % 3 === 2) return part.trim();
      if (i % 3 === 1) return '';
      return part
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/<[^>]+>/g, '')
        .replace(/\\(.)/g, '$1')
        .replace(/(^|[^\p{L}\p{N}_])_+|_+(?=[^\p{L}\p{N}_]|$)/gu, '$1')
        .replace(/\*+/g, '');
    })
    .join('');
}

/** Each line of `text` with fenced code and HTML comments blanked, so nothing in them counts. */
export function proseLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  let fence: string | undefined;
  let inComment = false;
  return lines.map((line) => {
    const opener = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (
        opener !== undefined &&
        opener.startsWith(fence.charAt(0)) &&
        opener.length >= fence.length
      ) {
        if (/^\s*(`+|~+)\s*$/.test(line)) fence = undefined;
      }
      return '';
    }
    if (opener !== undefined) {
      fence = opener;
      return '';
    }
    let out = '';
    let rest = line;
    while (rest !== '') {
      if (inComment) {
        const end = rest.indexOf('-->');
        if (end < 0) return out;
        inComment = false;
        rest = rest.slice(end + 3);
      } else {
        const start = rest.indexOf('<!--');
        if (start < 0) return out + rest;
        out += rest.slice(0, start);
        inComment = true;
        rest = rest.slice(start + 4);
      }
    }
    return out;
  });
}

/** Every anchor a link may name in this file: heading slugs (`x`, `x-1` …) and HTML ids/names. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const add = (slug: string): void => {
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  };
  const lines = proseLines(text);
  lines.forEach((line, i) => {
    const atx = /^ {0,3}#{1,6}(?:\s+(.*))?$/.exec(line);
    if (atx !== null) add(githubSlug(headingText(atx[1] ?? '')));
    const previous = lines[i - 1] ?? '';
    if (/^ {0,3}(=+|-+)\s*$/.test(line) && isParagraphText(previous)) {
      add(githubSlug(headingText(previous.trim())));
    }
    for (const match of line.matchAll(/<[a-z][^>]*\s(?:id|name)="([^"]+)"/gi)) {
      if (match[1] !== undefined) anchors.add(match[1]);
    }
  });
  return anchors;
}

/** A line a setext underline (`===`, `---`) turns into a heading. */
function isParagraphText(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && !/^(#|>|[-*+] |\d+[.)] |\||(-+|=+)$)/.test(trimmed);
}

const INLINE_LINK =
  /\]\(\s*(<[^>]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/;
const HTML_ATTRIBUTE = /<[a-z][^>]*?\s(?:href|src)="([^"]*)"/gi;
const PATH_CITATION = /^(?:\.{1,2}\/)*(?:[\w.-]+\/)*[\w.-]+\.md(?:#[\w-]+)?$/;

/** Every link in a Markdown file, and every Markdown path it names in a code span. */
export function markdownReferences(text: string): Reference[] {
  const references: Reference[] = [];
  proseLines(text).forEach((line, i) => {
    const add = (target: string, kind: Reference['kind']): void => {
      references.push({ line: i + 1, target: target.replace(/^<(.*)>$/, '$1'), kind });
    };
    const spans = line.split(CODE_SPAN);
    spans.forEach((part, j) => {
      if (j % 3 === 2) {
        if (PATH_CITATION.test(part.trim())) add(part.trim(), 'citation');
        return;
      }
      if (j % 3 === 1) return;
      for (const match of part.matchAll(INLINE_LINK)) add(match[1] ?? '', 'link');
      for (const match of part.matchAll(HTML_ATTRIBUTE)) add(match[1] ?? '', 'link');
    });
    const definition = REFERENCE_DEFINITION.exec(line);
    if (definition?.[1] !== undefined) add(definition[1], 'link');
  });
  return references;
}
