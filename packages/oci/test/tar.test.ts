import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bufferAccess,
  indexTar,
  readBlob,
  readTarEntries,
  TarFormatError,
  writeTar,
  type TarEntry,
} from '../src/index.js';
import { headerChecksum, parseNumeric, parsePaxRecords } from '../src/tar/header.js';
import { paxRecord } from '../src/tar/writer.js';
import { must } from './helpers.js';
import { fileBlob } from '../src/source/blob.js';

const run = promisify(execFile);

async function entries(tar: Buffer): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  for await (const e of readTarEntries(bufferAccess(tar))) out.push(e);
  return out;
}

describe('numeric fields', () => {
  it.each([
    ['00000000017\0', 15],
    ['17 \0', 15],
    ['', 0],
    ['\0\0\0', 0],
    ['77777777777\0', 8589934591],
  ])('octal %j → %d', (text, value) => {
    expect(parseNumeric(Buffer.from(text, 'latin1'))).toBe(value);
  });

  it('reads GNU base-256 sizes beyond the 8 GiB octal limit', () => {
    const field = Buffer.alloc(12);
    field[0] = 0x80;
    field.writeUIntBE(10 * 1024 ** 3, 6, 6);
    expect(parseNumeric(field)).toBe(10 * 1024 ** 3);
  });

  it('rejects non-octal text', () => {
    expect(() => parseNumeric(Buffer.from('12x4'))).toThrow(TarFormatError);
  });
});

describe('pax records', () => {
  it.each([
    ['path', 'a/b'],
    ['path', 'x'.repeat(300)],
    ['linkpath', 'ünïcödé/名前'],
    ['size', '12345678901'],
  ])('round-trips %s=%s', (key, value) => {
    const record = paxRecord(key, value);
    expect(Number(record.split(' ')[0])).toBe(Buffer.byteLength(record));
    expect(parsePaxRecords(Buffer.from(record))).toEqual(new Map([[key, value]]));
  });

  it.each([['5 a=b\n'], ['x path=a\n'], ['9 pathab\n']])('rejects %j', (bad) => {
    expect(() => parsePaxRecords(Buffer.from(bad))).toThrow(TarFormatError);
  });
});

describe('writeTar + readTarEntries', () => {
  const long = `${'deep/'.repeat(30)}file-with-a-long-name.txt`;
  const tar = writeTar([
    { name: 'dir', type: 'directory' },
    { name: 'dir/a.txt', data: Buffer.from('hello') },
    { name: long, data: Buffer.alloc(1500, 7) },
    { name: 'empty', data: Buffer.alloc(0) },
    { name: 'link', type: 'symlink', linkname: 'dir/a.txt' },
  ]);

  it('lists entries with names, types, sizes and data offsets', async () => {
    const list = await entries(tar);
    expect(list.map((e) => [e.name, e.type, e.size])).toEqual([
      ['dir', 'directory', 0],
      ['dir/a.txt', 'file', 5],
      [long, 'file', 1500],
      ['empty', 'file', 0],
      ['link', 'symlink', 0],
    ]);
    const a = must(list[1]);
    expect(tar.subarray(a.dataOffset, a.dataOffset + a.size).toString()).toBe('hello');
    expect(list[4]?.linkname).toBe('dir/a.txt');
  });

  it('applies pax path records to the next entry only (long names)', async () => {
    const index = await indexTar(bufferAccess(tar));
    const entry = must(index.get(long));
    expect(tar.subarray(entry.dataOffset, entry.dataOffset + 1500)).toEqual(Buffer.alloc(1500, 7));
    expect(index.has('empty')).toBe(true);
  });

  it('detects a corrupted header', async () => {
    const bad = Buffer.from(tar);
    bad[10] = (bad[10] ?? 0) ^ 0xff;
    await expect(entries(bad)).rejects.toThrow(/checksum/);
  });

  it('detects truncation', async () => {
    await expect(entries(tar.subarray(0, 700))).rejects.toThrow(TarFormatError);
  });
});

describe('readTarEntries on hand-made headers', () => {
  function header(name: string, size: number, flag: string, extra?: (b: Buffer) => void): Buffer {
    const b = Buffer.alloc(512);
    b.write(name, 0, 100);
    b.write('0000644\0', 100);
    b.write(size.toString(8).padStart(11, '0') + '\0', 124);
    b.write(flag, 156);
    b.write('ustar\u000000', 257, 'latin1');
    extra?.(b);
    b.write(headerChecksum(b).toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    return b;
  }
  const pad = (data: Buffer): Buffer =>
    Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);

  it('joins the ustar prefix and name', async () => {
    const tar = Buffer.concat([
      header('file.txt', 0, '0', (b) => b.write('some/prefix', 345)),
      Buffer.alloc(1024),
    ]);
    expect((await entries(tar)).map((e) => e.name)).toEqual(['some/prefix/file.txt']);
  });

  it('honours GNU long names (L) and global pax headers (g)', async () => {
    const longName = `${'n'.repeat(150)}.txt`;
    const gnu = Buffer.from(`${longName}\0`);
    const global = Buffer.from(paxRecord('comment', 'ignored'));
    const tar = Buffer.concat([
      header('pax_global_header', global.length, 'g'),
      pad(global),
      header('././@LongLink', gnu.length, 'L'),
      pad(gnu),
      header('truncated-name', 3, '0'),
      pad(Buffer.from('abc')),
      header('./next', 0, '0'),
      Buffer.alloc(1024),
    ]);
    expect((await entries(tar)).map((e) => [e.name, e.size])).toEqual([
      [longName, 3],
      ['next', 0],
    ]);
  });
});

describe('interoperability with GNU tar', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oci-tar-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['pax', 'gnu', 'ustar'])('reads a %s archive written by tar(1)', async (format) => {
    const name = format === 'ustar' ? `${'d'.repeat(90)}/f.txt` : `${'d'.repeat(120)}/ü-f.txt`;
    const { stdout } = await run('sh', [
      '-c',
      `cd "$1" && rm -rf src && mkdir -p "src/$(dirname "$2")" && printf hello > "src/$2" && tar --format=$3 -cf out-$3.tar -C src .`,
      'sh',
      dir,
      name,
      format,
    ]);
    expect(stdout).toBe('');
    const tar = await readFile(join(dir, `out-${format}.tar`));
    const index = await indexTar(bufferAccess(tar));
    const entry = must(index.get(name));
    expect(entry.size).toBe(5);
    const path = join(dir, `out-${format}.tar`);
    expect((await readBlob(fileBlob(path, entry.size, entry.dataOffset))).toString()).toBe('hello');
  });

  it('writes archives that tar(1) extracts', async () => {
    const long = `${'x'.repeat(120)}/y.txt`;
    const path = join(dir, 'ours.tar');
    await writeFile(path, writeTar([{ name: long, data: Buffer.from('content') }]));
    const { stdout } = await run('tar', ['-xOf', path, long]);
    expect(stdout).toBe('content');
  });
});
