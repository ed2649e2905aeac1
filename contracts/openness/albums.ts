// 支部相册: an org's photo albums.
import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from '../common.ts';
import { Picture, Visibility } from './posts.ts';

export const CreateAlbum = z.strictObject({
  orgId: Id,
  title: text(60).meta({ title: '相册名称' }),
  description: z.string().trim().max(500).nullish().meta({ title: '相册说明' }),
  visibility: Visibility.meta({ title: '公开范围' }),
});
export const EditAlbum = CreateAlbum.omit({ orgId: true }).partial();

export const AlbumSummary = z.object({
  id: Id,
  orgId: Id,
  title: z.string(),
  visibility: Visibility,
  photoCount: z.number().int(),
  cover: Picture.nullable(),
  updatedAt: z.string(),
});
export type AlbumSummary = z.infer<typeof AlbumSummary>;

export const AlbumPhoto = Picture.extend({ caption: z.string().nullable() });
export type AlbumPhoto = z.infer<typeof AlbumPhoto>;

export const Album = AlbumSummary.extend({
  orgName: z.string(),
  description: z.string().nullable(),
  photos: z.array(AlbumPhoto),
  can: z.object({ edit: z.boolean() }),
});
export type Album = z.infer<typeof Album>;

export const AlbumListQuery = PageQuery.extend({ orgId: Id.optional() });
export const AlbumPage = pageOf(
  AlbumSummary.extend({ orgName: z.string(), can: z.object({ edit: z.boolean() }) }),
);

export const AlbumPhotoParams = z.strictObject({ id: Id, photoId: Id });
