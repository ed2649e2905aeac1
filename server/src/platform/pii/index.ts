import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal data (ID-card numbers, phones) at rest: AES-256-GCM ciphertext bound to its table,
 * column and row (the additional authenticated data), plus an HMAC-SHA256 blind index so exact
 * look-ups work without decrypting. Two sub-keys are derived from one data key so that the index
 * cannot be used to decrypt and vice versa.
 */
export type Pii = {
  /**
   * Ciphertext bound to where it is stored (`bind(table, column, rowId)`): moved to another row or
   * column, it no longer decrypts, so a ciphertext cannot be swapped for a neighbour's.
   */
  encrypt(plain: string, binding: string): string;
  decrypt(stored: string, binding: string): string;
  /** Deterministic look-up token; `kind` keeps phone and ID-number indexes apart. */
  blindIndex(kind: string, plain: string): string;
};

/** Where a value is stored, as the additional data its ciphertext is bound to. */
export const bind = (table: string, column: string, rowId: number | string) => `${table}.${column}#${rowId}`;

/** Stored before values were bound to their place (v1): readable, and rewritten as v2 by `rebind`. */
export const isUnbound = (stored: string) => stored.startsWith('v1.');

export function createPii(dataKeyHex: string): Pii {
  const master = Buffer.from(dataKeyHex, 'hex');
  if (master.length !== 32) throw new Error('HONGYUN_DATA_KEY 须为 64 位十六进制（32 字节）');
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hongyun/pii/enc', 32));
  const idxKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hongyun/pii/index', 32));
  return {
    encrypt(plain, binding) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      if (binding !== undefined) cipher.setAAD(Buffer.from(binding, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const v = binding === undefined ? 'v1' : 'v2';
      return `${v}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(stored, binding) {
      const raw = Buffer.from(stored.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      if (!isUnbound(stored)) decipher.setAAD(Buffer.from(binding ?? '', 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, plain) {
      return createHmac('sha256', idxKey).update(`${kind}:${plain.trim().toUpperCase()}`).digest('base64url');
    },
  };
}

/** The data key from the environment, or (embedded mode) one generated once into dataDir/keys. */
export function loadDataKey(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'keys', 'data.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('hex');
  fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/**
 * 青山区清河镇****: an address keeps its first part (the district and town, at most six characters
 * and never more than half of it), enough to tell where someone lives without finding the door.
 */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('')}****`;
}

/** 5101**********1234 */
export function maskIdNumber(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****';
}
