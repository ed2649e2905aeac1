import type { Album, AlbumPhoto, AlbumSummary } from '../../../../../contracts/openness/albums.ts';
import type { Visibility } from '../../../../../contracts/openness/posts.ts';
import { presentPicture } from '../images/present.ts';
import type { albumPhotos, albums } from '../schema.ts';
import type { albumAbilities } from './policy.ts';

type AlbumRow = typeof albums.$inferSelect;
type PhotoRow = typeof albumPhotos.$inferSelect;

export const presentPhoto = (p: PhotoRow): AlbumPhoto => ({ ...presentPicture(p), caption: p.caption });

export function presentAlbumSummary(
  a: AlbumRow,
  photoCount: number,
  cover: { id: number; token: string; width: number; height: number } | null,
): AlbumSummary {
  return {
    id: String(a.id),
    orgId: String(a.orgId),
    title: a.title,
    visibility: a.visibility as Visibility,
    photoCount,
    cover: cover ? presentPicture(cover) : null,
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function presentAlbum(
  a: AlbumRow,
  orgName: string,
  photos: PhotoRow[],
  can: ReturnType<typeof albumAbilities>,
): Album {
  return {
    ...presentAlbumSummary(a, photos.length, photos[0] ?? null),
    orgName,
    description: a.description,
    photos: photos.map(presentPhoto),
    can,
  };
}
