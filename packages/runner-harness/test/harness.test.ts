import { describe, expect, it } from '@jest/globals';
import {
  evaluateDefault,
  inputVariable,
  outputLines,
  parseCommandLine,
  parseCommands,
  parseEnvFile,
} from '../src/index.js';

describe('parseEnvFile (the runner rules)', () => {
  it.each([
    ['plain NAME=VALUE', 'tag=v1\n', [['tag', 'v1']]],
    ['= before <<', 'a=b<<c\n', [['a', 'b<<c']]],
    ['heredoc', 'tag<<EOF\nline1\nline2\nEOF\n', [['tag', 'line1\nline2']]],
    ['heredoc with empty value', 'tag<<EOF\nEOF\n', [['tag', '']]],
    ['later entry wins', 'a=1\na<<X\n2\nX\n', [['a', '2']]],
    // On Linux only \n ends a line: a CR stays in names, values and delimiters.
    [
      'CRLF keeps the CR',
      'a=1\r\nb<<X\r\nv\r\nX\r\n',
      [
        ['a', '1\r'],
        ['b', 'v\r'],
      ],
    ],
    ['CR in a heredoc value', 'b<<X\nv\r\nX\n', [['b', 'v\r']]],
    ['value keeps = and <<', 'x<<D\nk=v<<w\nD\n', [['x', 'k=v<<w']]],
    ['empty lines skipped', '\n\na=1\n\n', [['a', '1']]],
    ['delimiter closes without a final newline', 'a<<D\nv\nD', [['a', 'v']]],
    ['an empty name is accepted', '=v\n', [['', 'v']]],
  ])('%s', (_name, text, expected) => {
    expect([...parseEnvFile(text)]).toEqual(expected);
  });

  it.each([
    ['unclosed heredoc', 'tag<<EOF\nvalue\n', 'Matching delimiter not found'],
    ['empty delimiter', 'tag<<\n', 'delimiter must not be empty'],
    ['empty heredoc name', '<<EOF\nv\nEOF\n', 'Name must not be empty'],
    ['no separator', 'just text\n', "Invalid format 'just text'"],
    ['value line without newline', 'a<<D\nv', 'EOF marker missing new line'],
    [
      'delimiter with a CR not matched by one without',
      'b<<X\r\nv\nX\n',
      'Matching delimiter not found',
    ],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseEnvFile(text)).toThrow(message);
  });
});

describe('workflow command parsing (ActionCommand.TryParseV2 / TryParse)', () => {
  it.each([
    ['leading whitespace', '   ::add-mask::s3cr3t', 'add-mask', {}, 's3cr3t'],
    ['tab before it', '\t::warning::w', 'warning', {}, 'w'],
    ['.NET white space: NEL before it', '\u0085::warning::w', 'warning', {}, 'w'],
    ['command names ignore case', '::Add-Mask::x', 'add-mask', {}, 'x'],
    ['property keys ignore case', '::error Title=t::m', 'error', { title: 't' }, 'm'],
    ['legacy form', '##[add-mask]s3cr3t', 'add-mask', {}, 's3cr3t'],
    ['legacy form mid-line', 'echo ##[warning]careful', 'warning', {}, 'careful'],
    [
      'legacy properties and escapes',
      '##[error file=a%3Bb;line=2]x%5Dy',
      'error',
      { file: 'a;b', line: '2' },
      'x]y',
    ],
    ['data keeps trailing spaces', '::notice::n  ', 'notice', {}, 'n  '],
  ])('%s', (_name, line, command, properties, message) => {
    expect(parseCommandLine(line)).toEqual({ command, properties, message });
  });

  it.each([
    ['an unregistered command', '::frobnicate::x'],
    ['no closing ::', '::add-mask x'],
    ['text before ::', 'say ::add-mask::x'],
    ['a byte-order mark before :: (not white space in .NET)', '\ufeff::add-mask::x'],
    ['an empty line', ''],
  ])('is not a command: %s', (_name, line) => {
    expect(parseCommandLine(line)).toBeUndefined();
  });

  it('splits output lines at \\n, \\r\\n and a lone \\r, as StreamReader.ReadLine does', () => {
    expect(outputLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseCommands('progress 50%\r::add-mask::hidden\n').map((c) => c.message)).toEqual([
      'hidden',
    ]);
  });

  it('ignores commands between ::stop-commands::<token> and ::<token>::', () => {
    const stdout = [
      '::warning::before',
      '::stop-commands::pause-here-7f3a',
      '::add-mask::not-registered',
      '::error::not-an-annotation',
      '::PAUSE-HERE-7F3A::',
      '::add-mask::after',
    ].join('\n');
    expect(parseCommands(stdout).map((c) => [c.command, c.message])).toEqual([
      ['warning', 'before'],
      ['stop-commands', 'pause-here-7f3a'],
      ['add-mask', 'after'],
    ]);
  });

  it('does not stop for an empty or reserved token', () => {
    for (const token of ['', 'add-mask', 'pause-logging'])
      expect(parseCommands(`::stop-commands::${token}\n::add-mask::still`).at(-1)?.message).toBe(
        'still',
      );
  });

  it('un-escapes data and properties', () => {
    expect(parseCommandLine('::error title=a%3Ab%2Cc,line=3::50%25 done%0Anext')).toEqual({
      command: 'error',
      properties: { title: 'a:b,c', line: '3' },
      message: '50% done\nnext',
    });
    expect(parseCommandLine('plain text')).toBeUndefined();
    expect(parseCommandLine('::add-mask::s3cr3t')).toEqual({
      command: 'add-mask',
      properties: {},
      message: 's3cr3t',
    });
  });
});

describe('inputs as the runner passes them', () => {
  it.each([
    ['extra-tags', 'INPUT_EXTRA-TAGS'],
    ['my input', 'INPUT_MY_INPUT'],
    ['Short-Sha-Length', 'INPUT_SHORT-SHA-LENGTH'],
  ])('%s → %s', (name, variable) => {
    expect(inputVariable(name)).toBe(variable);
  });

  it('evaluates plain context lookups in defaults and refuses the rest', () => {
    expect(evaluateDefault('${{ github.token }}', { github: { token: 't0k' } })).toBe('t0k');
    expect(evaluateDefault('x-${{ github.missing }}', { github: {} })).toBe('x-');
    expect(() => evaluateDefault("${{ format('{0}', github.sha) }}", {})).toThrow(
      'cannot evaluate',
    );
  });
});
