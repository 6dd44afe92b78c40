import { randomBytes } from 'node:crypto';
import { piFractionWords } from './pi-digits.js';

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MAGIC = Buffer.from('OrpheanBeholderScryDoubt');

/** bcrypt's base64: its own alphabet, no padding. */
export function bcryptBase64(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    out += ALPHABET.charAt(b0 >> 2) + ALPHABET.charAt(((b0 & 3) << 4) | (b1 >> 4));
    out += ALPHABET.charAt(((b1 & 15) << 2) | (b2 >> 6)) + ALPHABET.charAt(b2 & 63);
  }
  return out.slice(0, length);
}

/** Inverse of bcryptBase64 for `byteLength` bytes. */
export function bcryptBase64Decode(text: string, byteLength: number): Buffer {
  const out = Buffer.alloc(Math.ceil((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new TypeError(`invalid bcrypt base64 character '${ch}'`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, byteLength);
}

class Blowfish {
  readonly p: Uint32Array;
  readonly s: Uint32Array;
  constructor() {
    const pi = piFractionWords(18 + 1024);
    this.p = pi.slice(0, 18);
    this.s = pi.slice(18);
  }

  private f(x: number): number {
    const s = this.s;
    const a = s[x >>> 24] ?? 0;
    const b = s[256 + ((x >>> 16) & 0xff)] ?? 0;
    const c = s[512 + ((x >>> 8) & 0xff)] ?? 0;
    const d = s[768 + (x & 0xff)] ?? 0;
    return ((((a + b) >>> 0) ^ c) + d) >>> 0;
  }

  /** Enciphers the pair in place at lr[0], lr[1]. */
  encipher(lr: Uint32Array): void {
    let l = lr[0] ?? 0;
    let r = lr[1] ?? 0;
    const p = this.p;
    for (let i = 0; i < 16; i += 2) {
      l = (l ^ (p[i] ?? 0)) >>> 0;
      r = (r ^ this.f(l)) >>> 0;
      r = (r ^ (p[i + 1] ?? 0)) >>> 0;
      l = (l ^ this.f(r)) >>> 0;
    }
    lr[0] = (r ^ (p[17] ?? 0)) >>> 0;
    lr[1] = (l ^ (p[16] ?? 0)) >>> 0;
  }

  /** Blowfish key expansion, optionally mixing in a salt (eksblowfish's ExpandKey). */
  expand(key: Buffer, salt: Buffer | undefined): void {
    const word = (data: Buffer, pos: { i: number }): number => {
      let w = 0;
      for (let j = 0; j < 4; j++) {
        w = ((w << 8) | (data[pos.i] ?? 0)) >>> 0;
        pos.i = (pos.i + 1) % data.length;
      }
      return w;
    };
    const keyPos = { i: 0 };
    for (let i = 0; i < 18; i++) this.p[i] = ((this.p[i] ?? 0) ^ word(key, keyPos)) >>> 0;
    const saltPos = { i: 0 };
    const lr = new Uint32Array(2);
    const next = (target: Uint32Array, i: number): void => {
      if (salt !== undefined) {
        lr[0] = ((lr[0] ?? 0) ^ word(salt, saltPos)) >>> 0;
        lr[1] = ((lr[1] ?? 0) ^ word(salt, saltPos)) >>> 0;
      }
      this.encipher(lr);
      target[i] = lr[0] ?? 0;
      target[i + 1] = lr[1] ?? 0;
    };
    for (let i = 0; i < 18; i += 2) next(this.p, i);
    for (let i = 0; i < 1024; i += 2) next(this.s, i);
  }
}

/** bcrypt (`$2b$`) of a password with a 16-byte salt and a cost (log2 of the rounds), 4–31. */
export function bcryptHash(password: string, cost = 5, salt: Buffer = randomBytes(16)): string {
  if (!Number.isInteger(cost) || cost < 4 || cost > 31) throw new RangeError('bcrypt cost 4..31');
  if (salt.length !== 16) throw new RangeError('bcrypt salt is 16 bytes');
  // The key is the password and its NUL terminator, at most 72 bytes.
  const key = Buffer.concat([Buffer.from(password, 'utf8').subarray(0, 72), Buffer.alloc(1)]);
  const bf = new Blowfish();
  bf.expand(key.subarray(0, 72), salt);
  for (let round = 0; round < 2 ** cost; round++) {
    bf.expand(key.subarray(0, 72), undefined);
    bf.expand(salt, undefined);
  }
  const text = new Uint32Array(6);
  for (let i = 0; i < 6; i++) text[i] = MAGIC.readUInt32BE(i * 4);
  const pair = new Uint32Array(2);
  for (let i = 0; i < 6; i += 2) {
    pair[0] = text[i] ?? 0;
    pair[1] = text[i + 1] ?? 0;
    for (let n = 0; n < 64; n++) bf.encipher(pair);
    text[i] = pair[0];
    text[i + 1] = pair[1];
  }
  const out = Buffer.alloc(24);
  for (let i = 0; i < 6; i++) out.writeUInt32BE(text[i] ?? 0, i * 4);
  const costText = String(cost).padStart(2, '0');
  return `$2b$${costText}$${bcryptBase64(salt, 22)}${bcryptBase64(out.subarray(0, 23), 31)}`;
}

/** Checks a password against a `$2a$`/`$2b$`/`$2y$` hash (tests and diagnostics). */
export function bcryptVerify(password: string, hash: string): boolean {
  const match = /^\$2[aby]\$(\d\d)\$([./A-Za-z0-9]{22})[./A-Za-z0-9]{31}$/.exec(hash);
  if (!match?.[1] || !match[2]) return false;
  const again = bcryptHash(password, Number(match[1]), bcryptBase64Decode(match[2], 16));
  return again.slice(4) === hash.slice(4);
}
