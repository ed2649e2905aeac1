import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStore, newFileKey } from './index.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-files-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('file store (local disk)', () => {
  const store = fileStore({ dataDir });

  it('keeps a file under a fresh key, from a buffer or a stream, and gives it back', async () => {
    const a = newFileKey('member-imports', 'xlsx', new Date('2026-11-25T08:00:00Z'));
    expect(a).toMatch(/^member-imports\/2026-11\/[0-9a-f]{32}\.xlsx$/);
    expect(await store.put(a, Buffer.from('第一份'))).toEqual({ key: a, size: 9 });
    const b = newFileKey('member-imports', 'xlsx');
    await store.put(b, Readable.from(['第二', '份']));
    expect(await text(await store.get(a))).toBe('第一份');
    expect(await text(await store.get(b))).toBe('第二份');
    expect(store.pathOf(a)).toBe(path.join(dataDir, 'files', a));
    // nothing half-written is left beside it
    expect(fs.readdirSync(path.dirname(store.pathOf(a))).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('answers 404 for a missing file, and refuses keys that would leave its folder', async () => {
    await expect(store.get('member-imports/none.xlsx')).rejects.toMatchObject({ status: 404 });
    expect(await store.exists('member-imports/none.xlsx')).toBe(false);
    for (const bad of ['../keys/data.key', 'a/../../b', '/etc/passwd', 'a//b'])
      expect(() => store.pathOf(bad), bad).toThrow('invalid file key');
  });

  it('removes a file', async () => {
    const k = newFileKey('tmp', 'txt');
    await store.put(k, Buffer.from('x'));
    await store.remove(k);
    expect(await store.exists(k)).toBe(false);
  });
});
