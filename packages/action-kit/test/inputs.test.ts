import { describe, expect, it } from '@jest/globals';
import { InputReader, emptyInputsOf, parseDuration } from '../src/index.js';

describe('InputReader', () => {
  const reader = new InputReader({
    'INPUT_EXTRA-TAGS': ' a \n b ',
    INPUT_TIMEOUT: '15m',
    INPUT_BLANK: '   ',
    INPUT_MY_INPUT: 'spaces become underscores',
    'INPUT_LOCAL-IMAGE': 'app:latest',
    'INPUT_OCI-LAYOUT': './out',
  });

  it('reads names the way the runner sets them', () => {
    expect(reader.optional('extra-tags')).toBe('a \n b');
    expect(reader.optional('my input')).toBe('spaces become underscores');
    expect(reader.optional('EXTRA-TAGS')).toBe('a \n b');
    expect(reader.optional('extra_tags')).toBeUndefined();
    expect(reader.untrimmed('extra-tags')).toBe(' a \n b ');
  });

  it('treats blank as unset', () => {
    expect(reader.optional('blank')).toBeUndefined();
    expect(() => reader.required('blank', 'a cluster name')).toThrow(
      "Input 'blank' is required but empty. Expected a cluster name.",
    );
  });

  it('parses typed values', () => {
    expect(reader.parsed('timeout', parseDuration, 'a duration')).toBe(900_000);
    expect(reader.maybe('missing', parseDuration)).toBeUndefined();
  });

  it('enforces exactly one of several sources', () => {
    expect(reader.exactlyOneOf(['local-image', 'source-tag'])).toEqual({
      name: 'local-image',
      value: 'app:latest',
    });
    expect(() => reader.exactlyOneOf(['local-image', 'oci-layout'])).toThrow(
      "Inputs 'local-image', 'oci-layout': 'local-image' and 'oci-layout' are both set. Set exactly one of them.",
    );
    expect(() => reader.exactlyOneOf(['source-tag', 'source-digest'])).toThrow('none is set');
  });
});

describe('an empty input and a missing one are the same (the runner sets every declared input)', () => {
  it.each([
    ['not set', {}],
    ['set empty', { INPUT_IMAGE: '' }],
    ['set to blanks', { INPUT_IMAGE: ' \n ' }],
  ])('%s', (_name, env: Record<string, string>) => {
    const reader = new InputReader(env);
    expect(reader.optional('image')).toBeUndefined();
    expect(reader.maybe('image', () => 'parsed')).toBeUndefined();
    expect(() => reader.required('image', 'an image')).toThrow(
      "Input 'image' is required but empty",
    );
  });

  it('marks a required input that arrived empty, so the failure can say where it was set', () => {
    try {
      new InputReader({ INPUT_TAG: '' }).required('tag', 'a tag');
      throw new Error('not thrown');
    } catch (error) {
      expect(emptyInputsOf(error)).toEqual(['tag']);
    }
  });
});
