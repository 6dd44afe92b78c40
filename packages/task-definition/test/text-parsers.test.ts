import { describe, expect, it } from '@jest/globals';
import { parseCommand, parseCpu, parseDotenv, parseMemory, ParseError } from '../src/index.js';

describe('parseCommand', () => {
  const CASES: [string, string[]][] = [
    ['npm start', ['npm', 'start']],
    ['  npm   run\tbuild \n', ['npm', 'run', 'build']],
    [`sh -c 'echo "$HOME" && exit 0'`, ['sh', '-c', 'echo "$HOME" && exit 0']],
    [`echo "a b" c`, ['echo', 'a b', 'c']],
    [`echo "say \\"hi\\""`, ['echo', 'say "hi"']],
    [`echo "back\\\\slash"`, ['echo', 'back\\slash']],
    [`echo "keep \\n literal"`, ['echo', 'keep \\n literal']],
    [`echo "\\$HOME"`, ['echo', '$HOME']],
    [`echo a\\ b`, ['echo', 'a b']],
    [`echo \\'quoted\\'`, ['echo', "'quoted'"]],
    [`a"b c"'d e'f`, ['ab cd ef']],
    [`echo '' ""`, ['echo', '', '']],
    [`echo 'it''s'`, ['echo', 'its']],
    [
      `python -c "import sys; print(sys.argv)" --flag=1`,
      ['python', '-c', 'import sys; print(sys.argv)', '--flag=1'],
    ],
    ['node -e "console.log(1)"', ['node', '-e', 'console.log(1)']],
    ['line1 \\\nline2', ['line1', 'line2']],
    [`echo "multi\nline"`, ['echo', 'multi\nline']],
    ['echo $VAR *.txt ~ #notacomment', ['echo', '$VAR', '*.txt', '~', '#notacomment']],
    ['', []],
  ];
  it.each(CASES)('%j → %j', (input, argv) => {
    expect(parseCommand(input)).toEqual(argv);
  });

  const ERRORS: [string, string, number][] = [
    [`echo 'unterminated`, 'unterminated single quote', 6],
    [`echo "unterminated`, 'unterminated double quote', 6],
    [`echo "escaped quote \\"`, 'unterminated double quote', 6],
    ['echo trailing\\', 'trailing backslash', 14],
  ];
  it.each(ERRORS)('%j fails: %s at column %d', (input, reason, column) => {
    expect(() => parseCommand(input)).toThrow(ParseError);
    try {
      parseCommand(input);
    } catch (e) {
      expect(e).toMatchObject({ subject: 'command', line: 1, column });
      expect((e as ParseError).reason).toContain(reason);
    }
  });
});

describe('parseDotenv', () => {
  const CASES: [string, string, Record<string, string>][] = [
    ['simple pairs', 'A=1\nB=two', { A: '1', B: 'two' }],
    ['comments and blank lines', '# comment\n\n  # indented comment\nA=1\n\n', { A: '1' }],
    ['export prefix', 'export A=1\nexport  B=2', { A: '1', B: '2' }],
    [
      'value with "="',
      'URL=postgres://h/db?sslmode=require&a=b',
      { URL: 'postgres://h/db?sslmode=require&a=b' },
    ],
    ['empty value', 'EMPTY=\nNEXT=x', { EMPTY: '', NEXT: 'x' }],
    ['spaces around', '  A  =  spaced value  ', { A: 'spaced value' }],
    ['inline comment after a blank', 'A=1 # note\nB=x#y\nC=#z', { A: '1', B: 'x#y', C: '#z' }],
    ['single quotes are literal', `A='$HOME \\n # not comment'`, { A: '$HOME \\n # not comment' }],
    [
      'double-quote escapes',
      'A="line1\\nline2\\t\\"q\\" \\\\ \\$x"',
      { A: 'line1\nline2\t"q" \\ $x' },
    ],
    [
      'double quotes span lines',
      'KEY="-----BEGIN-----\nabc\n-----END-----"\nB=1',
      { KEY: '-----BEGIN-----\nabc\n-----END-----', B: '1' },
    ],
    ['comment after a quoted value', 'A="x" # c', { A: 'x' }],
    ['CRLF line endings', 'A=1\r\nB=2\r\n', { A: '1', B: '2' }],
    ['BOM', '\uFEFFA=1', { A: '1' }],
    ['later value wins', 'A=1\nA=2', { A: '2' }],
    ['no expansion', 'A=1\nB=${A}', { A: '1', B: '${A}' }],
    [
      'dots and dashes in keys',
      'spring.profiles-active=prod',
      { 'spring.profiles-active': 'prod' },
    ],
    // Any name without "=", blanks or control characters, as ECS takes it (names.ts).
    ['a leading digit and a colon', '1ST=a\nA:B=c', { '1ST': 'a', 'A:B': 'c' }],
  ];
  it.each(CASES)('%s', (_title, text, want) => {
    expect(Object.fromEntries(parseDotenv(text))).toEqual(want);
  });

  const ERRORS: [string, string, number][] = [
    ['A=1\nnot a pair', 'expected "=" after not', 2],
    ['A=1\n=x', 'expected a variable name', 2],
    ['A="open\nB=2', 'unterminated double quote', 1],
    ["A='open", 'unterminated single quote', 1],
    ['A="x" trailing', 'unexpected text after the closing quote', 1],
    ['A B=x', 'expected "=" after A', 1],
    ['A=1\n\u0001X=2', 'expected a variable name', 2],
  ];
  it.each(ERRORS)('%j fails: %s on line %d', (text, reason, line) => {
    try {
      parseDotenv(text);
      throw new Error('did not throw');
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect(e).toMatchObject({ subject: 'environment file', line });
      expect((e as ParseError).reason).toContain(reason);
    }
  });
});

describe('parseDotenv with repeated: error', () => {
  it('refuses a name given twice, with its line', () => {
    expect(() => parseDotenv('A=1\nB=2\nA=3', { repeated: 'error' })).toThrow(
      'A is set twice (line 3, column 1)',
    );
    expect(Object.fromEntries(parseDotenv('A=1\nA=3'))).toEqual({ A: '3' });
  });
});

describe('cpu and memory units', () => {
  const CPU: [string | number, number][] = [
    [256, 256],
    ['256', 256],
    ['1024', 1024],
    ['1 vCPU', 1024],
    ['1vcpu', 1024],
    ['2 vCPU', 2048],
    ['.25 vcpu', 256],
    ['0.5 vCPU', 512],
    [' 4 VCPU ', 4096],
    ['16 vcpus', 16384],
  ];
  it.each(CPU)('cpu %j → %d', (input, units) => {
    expect(parseCpu(input)).toBe(units);
  });

  const MEMORY: [string | number, number][] = [
    [512, 512],
    ['512', 512],
    ['2 GB', 2048],
    ['2GB', 2048],
    ['0.5 GB', 512],
    ['.5 gb', 512],
    ['1 GiB', 1024],
    ['3g', 3072],
    ['512 MiB', 512],
    ['512mb', 512],
    ['30 GB', 30720],
  ];
  it.each(MEMORY)('memory %j → %d MiB', (input, mib) => {
    expect(parseMemory(input)).toBe(mib);
  });

  const BAD: [string, (v: string) => number, string][] = [
    ['1 core', parseCpu, 'is not a cpu value'],
    ['', parseCpu, 'is not a cpu value'],
    ['256.5', parseCpu, 'whole number of CPU units'],
    ['0.1 vCPU', parseCpu, 'whole number of CPU units'],
    ['0', parseCpu, 'greater than zero'],
    ['-256', parseCpu, 'is not a cpu value'],
    ['2 TB', parseMemory, 'is not a memory value'],
    ['0.3 GB', parseMemory, 'whole number of MiB'],
    ['1 vCPU', parseMemory, 'is not a memory value'],
    ['512 GB MiB', parseMemory, 'is not a memory value'],
  ];
  it.each(BAD)('%j is refused', (input, parse, reason) => {
    expect(() => parse(input)).toThrow(reason);
  });
});
