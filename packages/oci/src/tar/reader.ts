import { open } from 'node:fs/promises';
import { TarFormatError } from '../errors.js';
import {
  BLOCK,
  entryType,
  isZeroBlock,
  paddingFor,
  parseHeader,
  parsePaxRecords,
  type TarEntryType,
} from './header.js';

/** Positional reads over an archive (a file, or bytes in memory in tests). */
export interface RandomAccess {
  read(position: number, length: number): Promise<Buffer>;
}

/** One entry of an archive, located but not read: data is at [dataOffset, dataOffset + size). */
export interface TarEntry {
  readonly name: string;
  readonly type: TarEntryType;
  readonly size: number;
  readonly mode: number;
  readonly linkname: string;
  readonly dataOffset: number;
}

/** Pax keys that apply to every later entry ('g') or only the next one ('x'). */
type Overrides = Map<string, string>;

function normalizeName(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

/**
 * Walks an archive's headers, skipping over entry data, so a multi-GB archive is indexed with a
 * few reads. Understands ustar, pax ('x'/'g': path, linkpath, size) and GNU long names ('L'/'K').
 */
export async function* readTarEntries(source: RandomAccess): AsyncGenerator<TarEntry> {
  let position = 0;
  const global: Overrides = new Map();
  let local: Overrides = new Map();
  for (;;) {
    const block = await source.read(position, BLOCK);
    if (block.length === 0) return; // tolerate archives without the end-of-archive blocks
    if (block.length < BLOCK) throw new TarFormatError(`truncated header at byte ${position}`);
    if (isZeroBlock(block)) return;
    const header = parseHeader(block);
    const overrides = new Map([...global, ...local]);
    const sizeOverride = overrides.get('size');
    const size = sizeOverride === undefined ? header.size : Number(sizeOverride);
    if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError('bad entry size');
    const dataOffset = position + BLOCK;
    position = dataOffset + size + paddingFor(size);
    const readData = async (): Promise<Buffer> => {
      const data = await source.read(dataOffset, size);
      if (data.length < size) throw new TarFormatError(`truncated entry '${header.name}'`);
      return data;
    };
    switch (header.typeflag) {
      case 'x':
        local = new Map([...local, ...parsePaxRecords(await readData())]);
        continue;
      case 'g':
        for (const [k, v] of parsePaxRecords(await readData())) global.set(k, v);
        continue;
      case 'L':
        local.set('path', (await readData()).toString('utf8').replace(/\0+$/, ''));
        continue;
      case 'K':
        local.set('linkpath', (await readData()).toString('utf8').replace(/\0+$/, ''));
        continue;
    }
    local = new Map();
    yield {
      name: normalizeName(overrides.get('path') ?? header.name),
      type: entryType(header.typeflag),
      size,
      mode: header.mode,
      linkname: overrides.get('linkpath') ?? header.linkname,
      dataOffset,
    };
  }
}

/** Indexes the regular files (and links) of an archive by normalized path. */
export async function indexTar(source: RandomAccess): Promise<Map<string, TarEntry>> {
  const entries = new Map<string, TarEntry>();
  for await (const entry of readTarEntries(source)) entries.set(entry.name, entry);
  return entries;
}

/** RandomAccess over bytes in memory. */
export function bufferAccess(bytes: Buffer): RandomAccess {
  return {
    read: (position, length) =>
      Promise.resolve(bytes.subarray(position, Math.min(bytes.length, position + length))),
  };
}

/** Opens a file for positional reads; call close() when done. */
export async function openFileAccess(
  path: string,
): Promise<RandomAccess & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  return {
    async read(position, length) {
      const buffer = Buffer.alloc(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    },
    close: () => handle.close(),
  };
}
