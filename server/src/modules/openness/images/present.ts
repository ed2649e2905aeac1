import type { Picture } from '../../../../../contracts/openness/posts.ts';
import { imageUrl } from './rules.ts';

/** A picture as it leaves the server: where to get it in each size; never the stored file's key. */
export function presentPicture(p: { id: number; token: string; width: number; height: number }): Picture {
  return {
    id: String(p.id),
    url: imageUrl(p.token),
    thumbUrl: imageUrl(p.token, 'thumb'),
    width: p.width,
    height: p.height,
  };
}
