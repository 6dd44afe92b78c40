/*
 * Finds where JSON text goes wrong. `JSON.parse` messages differ between Node versions, only
 * sometimes carry a position, and quote a slice of the input (which may hold a secret), so they
 * are never shown; this scanner runs only after `JSON.parse` has failed, to say where and why.
 */

/** The first syntax error in JSON text: its offset and what was expected there. */
export interface JsonSyntaxFault {
  readonly offset: number;
  readonly reason: string;
}

/** Deeper than any real task definition (about 8), shallow enough that recursion cannot overflow. */
export const MAX_DEPTH = 64;

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON forbids raw control characters inside strings, hence the \u0000-\u001f range.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class Fault extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Scans `text` as JSON and returns its first fault, or undefined when it is well-formed. */
export function findJsonSyntaxFault(text: string): JsonSyntaxFault | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.document();
    return undefined;
  } catch (e) {
    if (e instanceof Fault) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}

class Scanner {
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.skip();
    if (this.i < this.text.length)
      this.fail(`unexpected ${this.found()} after the end of the document`);
  }

  private value(): void {
    this.skip();
    const c = this.text.charAt(this.i);
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
      this.i++;
      if (c === '{') this.members();
      else this.elements();
      this.depth--;
      return;
    }
    if (c === '"') {
      this.token(STRING, 'a valid string (control characters must be escaped)');
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return;
      }
    }
    this.token(NUMBER, 'a value');
  }

  private members(): void {
    if (this.peek() === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.skip();
      this.token(STRING, 'a double-quoted property name');
      this.expect(':', "':'");
      this.value();
      if (!this.separator('}')) {
        this.expect('}', "',' or '}'");
        return;
      }
    }
  }

  private elements(): void {
    if (this.peek() === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      if (!this.separator(']')) {
        this.expect(']', "',' or ']'");
        return;
      }
    }
  }

  /** Consumes a comma if there is one; a comma right before the closer is the classic slip. */
  private separator(closer: string): boolean {
    if (this.peek() !== ',') return false;
    this.i++;
    if (this.peek() === closer) this.fail(`a trailing comma before '${closer}'`);
    return true;
  }

  private peek(): string {
    this.skip();
    return this.text.charAt(this.i);
  }

  private skip(): void {
    while (this.i < this.text.length && WHITESPACE.has(this.text.charAt(this.i))) this.i++;
  }

  private found(): string {
    return this.i >= this.text.length ? 'the end of the input' : `'${this.text.charAt(this.i)}'`;
  }

  private expect(char: string, what: string): void {
    if (this.peek() !== char) this.fail(`expected ${what} but found ${this.found()}`);
    this.i++;
  }

  private token(re: RegExp, what: string): void {
    re.lastIndex = this.i;
    if (!re.test(this.text)) this.fail(`expected ${what} but found ${this.found()}`);
    this.i = re.lastIndex;
  }

  private fail(reason: string): never {
    throw new Fault(this.i, reason);
  }
}
