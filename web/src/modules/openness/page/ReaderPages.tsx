import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCurrentUser } from '../../../app/auth.tsx';
import { LangSwitch } from '../../../app/pages/LangSwitch.tsx';
import type { Reader } from './api.ts';
import { AlbumView, OrgPageView, PostView } from './ReaderViews.tsx';
import './i18n.ts';

/** The frame of a reader's screen: a header with a way back, the language, and the content. */
function Frame({ title, back, children }: { title: string; back?: string | -1; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="hy-m hy-p">
      <header className="hy-m-header">
        {back === -1 ? (
          <button type="button" className="hy-m-header-btn hy-m-back" onClick={() => navigate(-1)}>
            ‹ {t('publicPage.back')}
          </button>
        ) : back ? (
          <Link className="hy-m-header-btn hy-m-back" to={back}>
            ‹ {t('publicPage.back')}
          </Link>
        ) : (
          <span aria-hidden="true" className="hy-m-header-spacer" />
        )}
        <h1>{title}</h1>
        <LangSwitch className="hy-m-header-btn" />
      </header>
      <main className="hy-m-main">{children}</main>
    </div>
  );
}

// ── without login (/p) ──

/** /p/orgs/:orgId: the org page anyone may read. */
export function PublicOrgPage() {
  const { t } = useTranslation();
  const { orgId = '' } = useParams();
  return (
    <Frame title={t('publicPage.home')}>
      <OrgPageView reader="public" orgId={orgId} />
    </Frame>
  );
}

export function PublicPostPage() {
  return <PostPage reader="public" />;
}
export function PublicAlbumPage() {
  return <AlbumPage reader="public" />;
}

// ── the member app (/m) ──

/** /m/branch: my branch's page, its members-only items included. */
export function MyBranchPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Frame title={t('publicPage.branchTitle')} back="/m">
      {me.orgId ? (
        <OrgPageView reader="member" orgId={me.orgId} />
      ) : (
        <p className="hy-notice">{t('publicPage.noBranch')}</p>
      )}
    </Frame>
  );
}
export function MemberPostPage() {
  return <PostPage reader="member" />;
}
export function MemberAlbumPage() {
  return <AlbumPage reader="member" />;
}

function PostPage({ reader }: { reader: Reader }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <Frame title={t('publicPage.home')} back={-1}>
      <PostView reader={reader} id={id} />
    </Frame>
  );
}
function AlbumPage({ reader }: { reader: Reader }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <Frame title={t('publicPage.albums')} back={-1}>
      <AlbumView reader={reader} id={id} />
    </Frame>
  );
}
