import { describe, expect, it } from '@jest/globals';
import { evaluateDefault, inputVariable, parseCommandLine, parseEnvFile } from '../src/index.js';

describe('parseEnvFile (the runner rules)', () => {
  it.each([
    ['plain NAME=VALUE', 'tag=v1\n', [['tag', 'v1']]],
    ['= before <<', 'a=b<<c\n', [['a', 'b<<c']]],
    ['heredoc', 'tag<<EOF\nline1\nline2\nEOF\n', [['tag', 'line1\nline2']]],
    ['heredoc with empty value', 'tag<<EOF\nEOF\n', [['tag', '']]],
    ['later entry wins', 'a=1\na<<X\n2\nX\n', [['a', '2']]],
    [
      'CRLF',
      'a=1\r\nb<<X\r\nv\r\nX\r\n',
      [
        ['a', '1'],
        ['b', 'v'],
      ],
    ],
    ['value keeps = and <<', 'x<<D\nk=v<<w\nD\n', [['x', 'k=v<<w']]],
  ])('%s', (_name, text, expected) => {
    expect([...parseEnvFile(text)]).toEqual(expected);
  });

  it.each([
    ['unclosed heredoc', 'tag<<EOF\nvalue\n', 'Matching delimiter not found'],
    ['empty delimiter', 'tag<<\n', 'Delimiter must not be empty'],
    ['empty name', '=v\n', 'Name must not be empty'],
    ['no separator', 'just text\n', "Invalid format 'just text'"],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseEnvFile(text)).toThrow(message);
  });
});

describe('workflow command parsing', () => {
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
