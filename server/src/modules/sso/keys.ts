import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';

export type Jwk = Record<string, unknown> & { kid?: string };

/**
 * The provider's signing keys: OIDC_JWKS (a JWKS as JSON) when set, else dataDir/keys/oidc-jwks.json,
 * generated once (RS256) when absent. Several keys listed is a rotation: the first signs, the others
 * still verify what they signed (they stay published at /oidc/jwks). To rotate, put a new key first,
 * keep the old one after it for a token lifetime, then drop it.
 */
export function loadSigningKeys(config: Pick<Config, 'oidcJwks' | 'dataDir'>): { keys: Jwk[] } {
  if (config.oidcJwks) return checkJwks(JSON.parse(config.oidcJwks), 'OIDC_JWKS');
  const file = path.join(config.dataDir, 'keys', 'oidc-jwks.json');
  if (fs.existsSync(file)) return checkJwks(JSON.parse(fs.readFileSync(file, 'utf8')), file);
  writeSecret(file, JSON.stringify({ keys: [newSigningKey()] }, null, 2));
  return checkJwks(JSON.parse(fs.readFileSync(file, 'utf8')), file);
}

export function newSigningKey(): Jwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as Jwk;
  return {
    ...jwk,
    kid: `hy-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`,
    alg: 'RS256',
    use: 'sig',
  };
}

function checkJwks(v: unknown, where: string): { keys: Jwk[] } {
  const keys = (v as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => k && typeof k === 'object' && 'd' in k))
    throw new Error(`${where} 须为含私钥的 JWKS（{"keys":[...]}，至少一把）`);
  return { keys: keys as Jwk[] };
}

/** Keys of the provider's signed cookies: OIDC_COOKIE_KEYS, else dataDir/keys/oidc-cookie-keys, made once. */
export function loadCookieKeys(config: Pick<Config, 'oidcCookieKeys' | 'dataDir'>): string[] {
  if (config.oidcCookieKeys?.length) return config.oidcCookieKeys;
  const file = path.join(config.dataDir, 'keys', 'oidc-cookie-keys');
  if (fs.existsSync(file))
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  writeSecret(file, `${randomBytes(32).toString('base64url')}\n`);
  return loadCookieKeys(config);
}

function writeSecret(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // another process may write it at the same time: the first one wins, the others read it
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
