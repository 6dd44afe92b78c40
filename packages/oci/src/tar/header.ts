import { TarFormatError } from '../errors.js';

/** Tar block size: headers and data are padded to it. */
export const BLOCK = 512;

/** Kinds of tar entries we distinguish; everything else is 'other' and skipped by readers. */
export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** One decoded header block, before pax/GNU long-name overrides are applied. */
export interface RawTarHeader {
  readonly name: string;
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly typeflag: string;
  readonly linkname: string;
}

function cString(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const nul = field.indexOf(0);
  return field.subarray(0, nul === -1 ? length : nul).toString('utf8');
}

/** Numeric field: octal text, or GNU base-256 when the high bit of the first byte is set. */
export function parseNumeric(field: Buffer): number {
  const first = field[0] ?? 0;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    if (!Number.isSafeInteger(value)) throw new TarFormatError('base-256 number too large');
    return value;
  }
  const text = field
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .replace(/^[\0 ]+/, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`bad octal field '${text}'`);
  return parseInt(text, 8);
}

/** Header checksum: byte sum with the checksum field itself counted as spaces. */
export function headerChecksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum;
}

/** True for an all-zero block (two of them end an archive). */
export function isZeroBlock(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

/** Decodes one 512-byte header block, verifying its checksum. */
export function parseHeader(block: Buffer): RawTarHeader {
  if (block.length !== BLOCK) throw new TarFormatError('truncated header block');
  const stored = parseNumeric(block.subarray(148, 156));
  if (stored !== headerChecksum(block)) {
    throw new TarFormatError('header checksum mismatch (not a tar archive, or corrupted)');
  }
  let name = cString(block, 0, 100);
  // ustar splits long paths into prefix + name; old GNU tar uses the same bytes otherwise.
  if (block.subarray(257, 263).toString('latin1') === 'ustar\0') {
    const prefix = cString(block, 345, 155);
    if (prefix !== '') name = `${prefix}/${name}`;
  }
  return {
    name,
    mode: parseNumeric(block.subarray(100, 108)),
    size: parseNumeric(block.subarray(124, 136)),
    mtime: parseNumeric(block.subarray(136, 148)),
    typeflag: String.fromCharCode(block[156] ?? 0),
    linkname: cString(block, 157, 100),
  };
}

/** Maps a typeflag to our entry kind. */
export function entryType(typeflag: string): TarEntryType {
  switch (typeflag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** Parses pax extended header records (`"<len> <key>=<value>\n"`, len counting itself). */
export function parsePaxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === 0) break;
    const space = data.indexOf(0x20, pos);
    if (space === -1) throw new TarFormatError('pax record without length');
    const length = Number(data.subarray(pos, space).toString('latin1'));
    if (!Number.isSafeInteger(length) || length <= space - pos || pos + length > data.length) {
      throw new TarFormatError('bad pax record length');
    }
    const record = data.subarray(space + 1, pos + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq === -1 || data[pos + length - 1] !== 0x0a) throw new TarFormatError('bad pax record');
    records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return records;
}

/** Bytes of padding after `size` bytes of entry data. */
export function paddingFor(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
