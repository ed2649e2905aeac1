import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PostKind } from '../../../../../contracts/openness/posts.ts';
import { errorMessage, isApiError } from '../../../app/api.ts';
import { type Reader, usePageView, useReadAlbum, useReadPost } from './api.ts';
import './i18n.ts';

// What a reader sees of an org page, the same on the public pages (/p, no login) and in the member
// app (/m): plain React and light.css, no antd; text at least 16 px, big targets. The HTML shown is
// the server's sanitized copy (posts/rules.ts): no script, no handler, pictures only our own.

const KINDS: PostKind[] = ['update', 'announcement', 'publicity'];
const PAGE = 10;

/** Where a reader's links go: /p/… without login, /m/… in the member app. */
const base = (reader: Reader) => (reader === 'public' ? '/p' : '/m');

/** HTML the server sanitized with its allow-list (posts/rules.ts): no script, no handler, our own pictures. */
function Sanitized({ html, testId }: { html: string; testId: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server's allow-list
  return <div className="hy-p-rich" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}

export const day = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '';

export function OrgPageView({ reader, orgId }: { reader: Reader; orgId: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<PostKind | undefined>();
  const [pageSize, setPageSize] = useState(PAGE);
  const view = usePageView(reader, orgId, { kind, page: 1, pageSize });
  const data = view.data;

  useEffect(() => {
    if (data) document.title = `${data.org.name} · ${t('app.short')}`;
  }, [data, t]);

  if (view.isError)
    return (
      <p className="hy-error" role="alert">
        {errorMessage(view.error)}
      </p>
    );
  if (!data) return <p className="hy-m-muted">…</p>;
  const posts = data.posts;
  return (
    <>
      <section className="hy-m-card hy-p-intro" aria-labelledby="hy-p-intro-h">
        <h2 id="hy-p-intro-h">{t('publicPage.intro')}</h2>
        {data.org.parentName && (
          <p className="hy-m-muted">{t('publicPage.parent', { name: data.org.parentName })}</p>
        )}
        <Sanitized html={data.introduction} testId="org-introduction" />
        {(data.contactAddress || data.contactPhone || data.contactHours) && (
          <dl className="hy-m-dl hy-p-contact">
            {data.contactAddress && (
              <>
                <dt>{t('publicPage.address')}</dt>
                <dd>{data.contactAddress}</dd>
              </>
            )}
            {data.contactPhone && (
              <>
                <dt>{t('publicPage.phone')}</dt>
                <dd>
                  <a href={`tel:${data.contactPhone.replace(/[^\d+]/g, '')}`}>{data.contactPhone}</a>
                </dd>
              </>
            )}
            {data.contactHours && (
              <>
                <dt>{t('publicPage.hours')}</dt>
                <dd>{data.contactHours}</dd>
              </>
            )}
          </dl>
        )}
        {reader === 'public' && (
          <Link
            className="hy-btn hy-btn-primary hy-btn-block"
            to={`/p/orgs/${orgId}/message`}
            data-testid="leave-message"
          >
            {t('publicPage.message')}
          </Link>
        )}
      </section>

      <nav className="hy-p-kinds" aria-label={t('orgPage.field.kind')}>
        {[undefined, ...KINDS].map((k) => (
          <button
            key={k ?? 'all'}
            type="button"
            className={`hy-p-kind${kind === k ? ' hy-p-kind-on' : ''}`}
            aria-pressed={kind === k}
            onClick={() => {
              setKind(k);
              setPageSize(PAGE);
            }}
          >
            {k ? t(`orgPage.kind.${k}`) : t('publicPage.all')}
          </button>
        ))}
      </nav>

      <ul className="hy-p-posts" data-testid="org-posts">
        {posts.items.length === 0 && <li className="hy-m-muted">{t('publicPage.noPosts')}</li>}
        {posts.items.map((p) => (
          <li key={p.id}>
            <Link className="hy-p-post" to={`${base(reader)}/posts/${p.id}`}>
              {p.cover && <img src={p.cover.thumbUrl} alt="" loading="lazy" width={96} height={72} />}
              <span className="hy-p-post-text">
                <span className="hy-p-post-title">{p.title}</span>
                <span className="hy-p-post-meta">
                  {t(`orgPage.kind.${p.kind}`)} · {day(p.publishedAt)}
                  {p.visibility === 'members' && ` · ${t('publicPage.members')}`}
                </span>
                {p.excerpt && <span className="hy-p-post-excerpt">{p.excerpt}</span>}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {posts.total > posts.items.length && (
        <button
          type="button"
          className="hy-btn hy-btn-block"
          onClick={() => setPageSize((n) => n + PAGE)}
          disabled={view.isFetching}
        >
          {t('publicPage.more')}
        </button>
      )}

      {data.albums.length > 0 && (
        <section className="hy-m-card" aria-labelledby="hy-p-albums-h">
          <h2 id="hy-p-albums-h">{t('publicPage.albums')}</h2>
          <ul className="hy-p-albums">
            {data.albums.map((a) => (
              <li key={a.id}>
                <Link to={`${base(reader)}/albums/${a.id}`} className="hy-p-album">
                  {a.cover && <img src={a.cover.thumbUrl} alt="" loading="lazy" />}
                  <span>{a.title}</span>
                  <span className="hy-m-muted">{t('publicPage.photos', { count: a.photoCount })}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function PostView({ reader, id }: { reader: Reader; id: string }) {
  const { t } = useTranslation();
  const post = useReadPost(reader, id);
  useEffect(() => {
    if (post.data) document.title = `${post.data.title} · ${t('app.short')}`;
  }, [post.data, t]);
  if (post.isError)
    return (
      <p className="hy-error" role="alert">
        {isApiError(post.error, 404) ? t('publicPage.notFound') : errorMessage(post.error)}
      </p>
    );
  const p = post.data;
  if (!p) return <p className="hy-m-muted">…</p>;
  return (
    <article className="hy-m-card hy-p-article">
      <h2 className="hy-p-title" data-testid="post-title">
        {p.title}
      </h2>
      <p className="hy-m-muted">
        {t(`orgPage.kind.${p.kind}`)} ·{' '}
        <Link to={`${base(reader)}/${reader === 'public' ? `orgs/${p.orgId}` : 'branch'}`}>{p.orgName}</Link>{' '}
        · {day(p.publishedAt)}
      </p>
      {p.cover && (
        <img className="hy-p-cover" src={p.cover.url} alt="" width={p.cover.width} height={p.cover.height} />
      )}
      <Sanitized html={p.body} testId="post-body" />
      {p.attachments.length > 0 && (
        <section aria-label={t('publicPage.attachments')}>
          <h3>{t('publicPage.attachments')}</h3>
          <ul className="hy-p-files">
            {p.attachments.map((a) => (
              <li key={a.id}>
                <a className="hy-m-row" href={a.url} download={a.name}>
                  <span>{a.name}</span>
                  <span className="hy-m-muted">{Math.max(1, Math.round(a.size / 1024))} KB</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

export function AlbumView({ reader, id }: { reader: Reader; id: string }) {
  const album = useReadAlbum(reader, id);
  if (album.isError)
    return (
      <p className="hy-error" role="alert">
        {errorMessage(album.error)}
      </p>
    );
  const a = album.data;
  if (!a) return <p className="hy-m-muted">…</p>;
  return (
    <section className="hy-m-card">
      <h2>{a.title}</h2>
      {a.description && <p>{a.description}</p>}
      <ul className="hy-p-photos">
        {a.photos.map((p) => (
          <li key={p.id}>
            <a href={p.url}>
              <img src={p.thumbUrl} alt={p.caption ?? ''} loading="lazy" />
            </a>
            {p.caption && <span>{p.caption}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
