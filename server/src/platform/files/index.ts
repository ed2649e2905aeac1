import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../../config.ts';
import { notFound } from '../http/errors.ts';

/**
 * The one file-storage interface: uploads, generated workbooks, photos. Callers address a file
 * by its key ('member-imports/2026-11/3f9c….xlsx') and never by a path, and store only the key
 * in the database.
 *
 * Now: local disk under `dataDir/files`, enough for one server process (the embedded default).
 * Later: an S3-compatible object store (MinIO, Ceph RGW, a cloud's OSS) goes behind this same
 * interface when more than one process serves (ARCHITECTURE.md, "files"), so nothing here may
 * assume a shared disk except `pathOf`, which is local-only by name.
 */
export type FileStore = {
  /** Stores the whole body under `key` (replacing any file there); the key becomes readable only when complete. */
  put(key: string, body: Buffer | Readable): Promise<{ key: string; size: number }>;
  /**
   * A stream of the file, or of bytes `start`…`end` of it (both inclusive, as HTTP ranges count);
   * 404 AppError when there is none.
   */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** The file's size in bytes; 404 AppError when there is none. */
  size(key: string): Promise<number>;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  /**
   * The files whose keys start with `prefix/`, with when each was last written (an object
   * store's LastModified): what the sweep of orphaned files (orphans.ts) walks.
   */
  list(prefix: string): AsyncIterable<StoredFile>;
  /** Where the key lives on local disk: for the local store only (an object store has no path). */
  pathOf(key: string): string;
};

export type StoredFile = { key: string; modifiedAt: Date };

const FILE = { zh: '文件', en: 'File' };
const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;

/** A fresh, unguessable key under `prefix`, grouped by month so a folder never grows without bound. */
export function newFileKey(prefix: string, ext: string, now: Date = new Date()): string {
  const month = now.toISOString().slice(0, 7);
  return `${prefix}/${month}/${randomBytes(16).toString('hex')}.${ext}`;
}

function checkKey(key: string): string {
  // keys come from our own code, but a bad one must never reach outside the store's folder
  if (!KEY_RE.test(key) || key.split('/').some((s) => s === '.' || s === '..'))
    throw new Error(`invalid file key: ${key}`);
  return key;
}

export function localFileStore(root: string): FileStore {
  const pathOf = (key: string) => path.join(root, checkKey(key));
  return {
    pathOf,
    async put(key, body) {
      const full = pathOf(key);
      await fs.promises.mkdir(path.dirname(full), { recursive: true });
      // written beside, then renamed: a reader never sees half a file
      const tmp = `${full}.${randomBytes(6).toString('hex')}.part`;
      try {
        await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, fs.createWriteStream(tmp));
        await fs.promises.rename(tmp, full);
      } catch (err) {
        await fs.promises.rm(tmp, { force: true });
        throw err;
      }
      return { key, size: (await fs.promises.stat(full)).size };
    },
    async get(key, range) {
      const full = pathOf(key);
      try {
        const handle = await fs.promises.open(full, 'r');
        return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(FILE);
        throw err;
      }
    },
    async size(key) {
      try {
        return (await fs.promises.stat(pathOf(key))).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(FILE);
        throw err;
      }
    },
    async exists(key) {
      try {
        await fs.promises.access(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async remove(key) {
      await fs.promises.rm(pathOf(key), { force: true });
    },
    async *list(prefix) {
      const dir = pathOf(prefix);
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const e of entries) {
        if (!e.isFile()) continue;
        const full = path.join(e.parentPath, e.name);
        const stat = await fs.promises.stat(full).catch(() => null);
        // removed meanwhile
        if (!stat) continue;
        yield { key: path.relative(root, full).split(path.sep).join('/'), modifiedAt: stat.mtime };
      }
    },
  };
}

const stores = new Map<string, FileStore>();

/** The store of this deployment (local disk under dataDir/files for now). */
export function fileStore(config: Pick<Config, 'dataDir'>): FileStore {
  const root = path.join(config.dataDir, 'files');
  let store = stores.get(root);
  if (!store) {
    store = localFileStore(root);
    stores.set(root, store);
  }
  return store;
}
