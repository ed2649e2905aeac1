import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type { Album, AlbumPhoto, AlbumSummary } from '../../../../../contracts/openness/albums.ts';
import type { OrgPage, OrgPageView } from '../../../../../contracts/openness/page.ts';
import type {
  Attachment,
  Picture,
  Post,
  PostKind,
  PostStatus,
  PostSummary,
  Visibility,
} from '../../../../../contracts/openness/posts.ts';
import { api, upload } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';

// Types only from the contracts (no zod at run time): the public and member screens stay light.

export const pageKeys = {
  all: ['openness-page'] as const,
  page: (orgId: string) => ['openness-page', 'page', orgId] as const,
  posts: (f: object) => ['openness-page', 'posts', f] as const,
  post: (id: string) => ['openness-page', 'post', id] as const,
  albums: (f: object) => ['openness-page', 'albums', f] as const,
  album: (id: string) => ['openness-page', 'album', id] as const,
  keptUp: (f: object) => ['openness-page', 'kept-up', f] as const,
  share: (f: object) => ['openness-page', 'share', f] as const,
  view: (scope: string, orgId: string, f: object) => ['openness-page', 'view', scope, orgId, f] as const,
};

const refresh = () => queryClient.invalidateQueries({ queryKey: pageKeys.all });

export type AdminPost = PostSummary & { can: Post['can'] };
export type KeptUpRow = {
  orgId: string;
  orgName: string;
  orgKind: string;
  introductionFilled: boolean;
  counts: Record<PostKind, number>;
  lastPublishedAt: string | null;
  keptUp: boolean;
};
export type KeptUpPage = Page<KeptUpRow> & {
  month: string;
  org: { id: string; name: string };
  keptUpCount: number;
};
export type KeptUpShare = {
  month: string;
  items: { orgId: string; orgName: string; orgs: number; keptUp: number }[];
};

export type PostInput = {
  kind: PostKind;
  title: string;
  body: string;
  visibility: Visibility;
  coverImageId?: string | null;
};

// ── the org's admins ──
export const useOrgPage = (orgId: string | undefined) =>
  useQuery({
    queryKey: pageKeys.page(orgId ?? ''),
    queryFn: () => api.get<OrgPage>(`/org-pages/${orgId}`),
    enabled: !!orgId,
  });
export const useSavePage = (orgId: string) =>
  useMutation({
    mutationFn: (body: {
      introduction: string;
      contactAddress?: string;
      contactPhone?: string;
      contactHours?: string;
    }) => api.put<OrgPage>(`/org-pages/${orgId}`, body),
    onSuccess: refresh,
  });

export const usePosts = (f: {
  orgId?: string;
  kind?: PostKind;
  status?: PostStatus;
  page: number;
  pageSize: number;
}) =>
  useQuery({
    queryKey: pageKeys.posts(f),
    queryFn: ({ signal }) => api.get<Page<AdminPost>>('/posts', f, signal),
    enabled: !!f.orgId,
    placeholderData: keepPreviousData,
  });
export const usePost = (id: string | undefined) =>
  useQuery({
    queryKey: pageKeys.post(id ?? ''),
    queryFn: () => api.get<Post>(`/posts/${id}`),
    enabled: !!id,
  });

export const postApi = {
  create: (orgId: string, body: PostInput & { publish: boolean }) =>
    api.post<Post>('/posts', { orgId, ...body }),
  edit: (id: string, body: Partial<PostInput>) => api.patch<Post>(`/posts/${id}`, body),
  publish: (id: string) => api.post<Post>(`/posts/${id}/publish`),
  withdraw: (id: string, reason: string) => api.post<Post>(`/posts/${id}/withdraw`, { reason }),
  attach: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return upload<Attachment>(`/posts/${id}/attachments`, form);
  },
  detach: (id: string, attachmentId: string) => api.del(`/posts/${id}/attachments/${attachmentId}`),
  image: (orgId: string, file: File) => {
    const form = new FormData();
    form.append('image', file);
    return upload<Picture>(`/openness/images?orgId=${orgId}`, form);
  },
  refresh,
};

export const useAlbums = (f: { orgId?: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: pageKeys.albums(f),
    queryFn: ({ signal }) =>
      api.get<Page<AlbumSummary & { orgName: string; can: { edit: boolean } }>>('/albums', f, signal),
    enabled: !!f.orgId,
  });
export const useAlbum = (id: string | undefined) =>
  useQuery({
    queryKey: pageKeys.album(id ?? ''),
    queryFn: () => api.get<Album>(`/albums/${id}`),
    enabled: !!id,
  });
export const albumApi = {
  create: (orgId: string, body: { title: string; description?: string; visibility: Visibility }) =>
    api.post<Album>('/albums', { orgId, ...body }),
  addPhoto: (id: string, file: File, caption: string) => {
    const form = new FormData();
    // the caption before the file: the server reads the fields that come before it
    form.append('caption', caption);
    form.append('photo', file);
    return upload<AlbumPhoto>(`/albums/${id}/photos`, form);
  },
  removePhoto: (id: string, photoId: string) => api.del(`/albums/${id}/photos/${photoId}`),
  refresh,
};

export const useKeptUp = (
  f: { orgId?: string; month?: string; keptUp?: 'true' | 'false'; page: number; pageSize: number },
  enabled: boolean,
) =>
  useQuery({
    queryKey: pageKeys.keptUp(f),
    queryFn: ({ signal }) => api.get<KeptUpPage>('/org-pages/kept-up', f, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
export const useKeptUpShare = (f: { orgId?: string; month?: string }, enabled: boolean) =>
  useQuery({
    queryKey: pageKeys.share(f),
    queryFn: ({ signal }) => api.get<KeptUpShare>('/org-pages/kept-up/share', f, signal),
    enabled,
  });

// ── readers: the public (no login) and the org's members ──
export type Reader = 'public' | 'member';
const viewUrl = (reader: Reader, orgId: string) =>
  reader === 'public' ? `/public/orgs/${orgId}` : `/org-pages/${orgId}/view`;

export const usePageView = (
  reader: Reader,
  orgId: string | undefined,
  f: { kind?: PostKind; page: number; pageSize: number },
) =>
  useQuery({
    queryKey: pageKeys.view(reader, orgId ?? '', f),
    queryFn: ({ signal }) => api.get<OrgPageView>(viewUrl(reader, orgId ?? ''), f, signal),
    enabled: !!orgId,
    placeholderData: keepPreviousData,
  });
export const useReadPost = (reader: Reader, id: string | undefined) =>
  useQuery({
    queryKey: pageKeys.view(reader, 'post', { id }),
    queryFn: () => api.get<Post>(reader === 'public' ? `/public/posts/${id}` : `/posts/${id}`),
    enabled: !!id,
  });
export const useReadAlbum = (reader: Reader, id: string | undefined) =>
  useQuery({
    queryKey: pageKeys.view(reader, 'album', { id }),
    queryFn: () => api.get<Album>(reader === 'public' ? `/public/albums/${id}` : `/albums/${id}`),
    enabled: !!id,
  });
