import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { prepareImage } from './images.ts';
import type { FileStore } from './index.ts';

// Demo seeds' pictures (activity photos, album photos): plain colours made into what an upload
// becomes, stored once and linked under every key.

/** The demo pictures, one per colour, each as an upload becomes: a display JPEG (800×600) and its thumbnail. */
export async function demoPictures(colours: readonly string[]) {
  return Promise.all(
    colours.map(async (background) =>
      prepareImage(
        await sharp({ create: { width: 800, height: 600, channels: 3, background } })
          .jpeg()
          .toBuffer(),
      ),
    ),
  );
}

/**
 * The same bytes under many keys. On the local disk the first is written and the others are hard
 * links to it, so a thousand demo photos take the room of one; each key is still its own file (a
 * file removed unlinks only its own key). Where a link cannot be made, each is written.
 */
export async function putMany(store: FileStore, body: Buffer, keys: string[]) {
  if (!keys.length) return;
  await store.put(keys[0], body);
  let source: string | null = null;
  try {
    source = store.pathOf(keys[0]);
  } catch {
    // a store without local paths
  }
  const dirs = new Set<string>();
  for (const key of keys.slice(1)) {
    if (source) {
      const target = store.pathOf(key);
      const dir = path.dirname(target);
      if (!dirs.has(dir)) {
        await fs.promises.mkdir(dir, { recursive: true });
        dirs.add(dir);
      }
      // a key written by an earlier seed into the same data dir is replaced
      await fs.promises.rm(target, { force: true });
      try {
        await fs.promises.link(source, target);
        continue;
      } catch (err) {
        // another seed into the same data dir linked it meanwhile: a picture is there
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        source = null;
      }
    }
    await store.put(key, body);
  }
}
