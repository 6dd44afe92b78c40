import { BLOCK, headerChecksum, paddingFor } from './header.js';

/** One entry to write; data-less entries are directories or symlinks. */
export interface TarWriteEntry {
  readonly name: string;
  readonly data?: Buffer;
  readonly type?: 'file' | 'directory' | 'symlink' | 'hardlink';
  readonly linkname?: string;
  readonly mode?: number;
  /** Seconds since the epoch; defaults to 0 so identical input gives identical bytes. */
  readonly mtime?: number;
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'latin1');
}

function header(name: string, size: number, typeflag: string, entry: TarWriteEntry): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, entry.mode ?? (typeflag === '5' ? 0o755 : 0o644));
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, entry.mtime ?? 0);
  block.write(typeflag, 156, 1, 'latin1');
  block.write(entry.linkname ?? '', 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 8, 'latin1');
  writeOctal(block, 148, 8, headerChecksum(block));
  return block;
}

/** One pax record; its length prefix counts itself, so it is found by iteration. */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body);
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length = String(length).length + bodyLength;
  return `${String(length)}${body}`;
}

function padded(data: Buffer): Buffer[] {
  return [data, Buffer.alloc(paddingFor(data.length))];
}

/** Serialises entries into an uncompressed tar; names over 100 bytes get a pax `path` record. */
export function writeTar(entries: readonly TarWriteEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const flag = { file: '0', hardlink: '1', symlink: '2', directory: '5' }[type];
    const name = type === 'directory' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
    const data = type === 'file' ? (entry.data ?? Buffer.alloc(0)) : Buffer.alloc(0);
    const long = Buffer.byteLength(name) > 100 || Buffer.byteLength(entry.linkname ?? '') > 100;
    if (long) {
      const pax = Buffer.from(
        paxRecord('path', name) +
          (entry.linkname === undefined ? '' : paxRecord('linkpath', entry.linkname)),
      );
      parts.push(header('PaxHeaders/entry', pax.length, 'x', { name: '' }), ...padded(pax));
    }
    const shortName = long ? Buffer.from(name).subarray(0, 100).toString('utf8') : name;
    parts.push(header(shortName, data.length, flag, entry), ...padded(data));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
