/** A piece of a string that may hold `${{ }}`: literal text or an expression to evaluate. */
export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expression'; readonly expression: string };

/**
 * Splits `text` at `${{ … }}` the way the workflow parser does: the closing `}}` is searched
 * outside single-quoted expression strings, so `${{ '}}' }}` is one expression.
 */
export function splitTemplate(text: string): Segment[] {
  const segments: Segment[] = [];
  let rest = 0;
  for (;;) {
    const open = text.indexOf('${{', rest);
    if (open < 0) break;
    let inString = false;
    let close = -1;
    for (let i = open + 3; i < text.length; i++) {
      const c = text[i];
      if (c === "'") inString = !inString;
      else if (!inString && c === '}' && text[i - 1] === '}' && i - 1 >= open + 3) {
        close = i;
        break;
      }
    }
    if (close < 0) throw new Error(`unclosed \${{ in "${text}"`);
    if (open > rest) segments.push({ kind: 'text', text: text.slice(rest, open) });
    segments.push({ kind: 'expression', expression: text.slice(open + 3, close - 1).trim() });
    rest = close + 1;
  }
  if (rest < text.length) segments.push({ kind: 'text', text: text.slice(rest) });
  return segments;
}

/** Replaces each `${{ expr }}` in `text` with `evaluate(expr)`. */
export function interpolate(text: string, evaluate: (expression: string) => string): string {
  return splitTemplate(text)
    .map((segment) => (segment.kind === 'text' ? segment.text : evaluate(segment.expression)))
    .join('');
}

/** The expressions inside `text`, in order (for policy checks). */
export function expressionsIn(text: string): string[] {
  try {
    return splitTemplate(text).flatMap((s) => (s.kind === 'expression' ? [s.expression] : []));
  } catch {
    return [];
  }
}
