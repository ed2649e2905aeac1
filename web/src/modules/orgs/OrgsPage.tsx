import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Card, Col, Empty, Grid, Row, Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { errorMessage, isApiError } from '../../app/api.ts';
import { can, useCurrentUser } from '../../app/auth.tsx';
import { testIdProps } from '../../app/forms.ts';
import { StatusPage } from '../../app/pages/StatusPage.tsx';
import { orgApi, orgKeys, useOrg } from './api.ts';
import { MoveOrgModal } from './MoveOrgModal.tsx';
import { type OrgAction, OrgDetail } from './OrgDetail.tsx';
import { OrgFormModal } from './OrgFormModal.tsx';
import { OrgSelect } from './OrgSelect.tsx';
import { OrgTree } from './OrgTree.tsx';
import { useOrgTree } from './useOrgTree.ts';
import './i18n.ts';
import './orgs.css';

function useWindowHeight() {
  const [h, setH] = useState(window.innerHeight);
  useEffect(() => {
    const onResize = () => setH(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return h;
}

/** The org tree, the heart of the console: browse, search, and keep the tree right. */
export default function OrgsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === false;
  const windowHeight = useWindowHeight();
  const tree = useOrgTree();
  const org = useOrg(id);
  const [dialog, setDialog] = useState<'create' | 'edit' | 'move' | null>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const [searchRound, setSearchRound] = useState(0);
  const canManage = can(me, 'org.manage');
  const { reveal, refresh, forget, siblingsOf } = tree;

  useEffect(() => {
    document.title = `${t('orgs.title')} · ${t('app.title')}`;
  }, [t]);

  // Open the tree down to the org on screen, however it was reached (click, search, link).
  useEffect(() => {
    if (org.data) void reveal(org.data);
  }, [org.data, reveal]);

  const reorder = useMutation({
    mutationFn: ({ parentId, ids }: { parentId: string; ids: string[] }) => orgApi.reorder(parentId, ids),
    onSuccess: async (_ok, { parentId }) => {
      await refresh([parentId]);
      message.success(t('orgs.reordered'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (!id && tree.roots.data && tree.roots.data.length > 0) {
    return <Navigate to={`/orgs/${tree.roots.data[0].id}`} replace />;
  }

  const select = (orgId: string) => {
    navigate(`/orgs/${orgId}`);
    if (narrow)
      setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 100);
  };

  const afterChange = () => queryClient.invalidateQueries({ queryKey: orgKeys.all, refetchType: 'active' });

  const current = org.data;
  const siblings = current ? siblingsOf(current.id) : undefined;
  const index = siblings && current ? siblings.list.findIndex((o) => o.id === current.id) : -1;

  const onAction = (a: OrgAction) => {
    if (!current) return;
    if (a === 'create' || a === 'edit' || a === 'move') return setDialog(a);
    if ((a === 'up' || a === 'down') && siblings && index >= 0) {
      const ids = siblings.list.map((o) => o.id);
      const to = a === 'up' ? index - 1 : index + 1;
      if (to < 0 || to >= ids.length) return;
      [ids[index], ids[to]] = [ids[to], ids[index]];
      return reorder.mutate({ parentId: siblings.parentId, ids });
    }
    if (a === 'delete') {
      modal.confirm({
        title: t('orgs.deleteTitle', { name: current.name }),
        content: t('orgs.deleteBody'),
        okText: t('orgs.action.delete'),
        okButtonProps: testIdProps('org-delete-confirm', { danger: true }),
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await orgApi.remove(current.id);
          } catch (e) {
            message.error({ content: errorMessage(e), duration: 6 });
            return;
          }
          message.success(t('orgs.deleted'));
          // Leave the deleted org's page first, so nothing asks for it again.
          const parent = current.ancestors?.at(-1);
          navigate(parent ? `/orgs/${parent.id}` : '/orgs', { replace: true });
          forget(current.id);
          queryClient.removeQueries({ queryKey: orgKeys.one(current.id) });
          queryClient.removeQueries({ queryKey: orgKeys.stats(current.id) });
          await refresh([current.parentId]);
          void afterChange();
        },
      });
    }
  };

  const treeHeight = narrow ? 320 : Math.max(320, windowHeight - 56 - 32 - 58 - 64);

  let detail: React.ReactNode;
  if (!id) detail = <Empty description={t('orgs.pickOne')} style={{ marginTop: 48 }} />;
  else if (org.isPending) detail = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (isApiError(org.error, 403))
    detail = (
      <StatusPage
        embedded
        code="403"
        title={t('status.forbiddenOrg')}
        description={t('status.forbiddenOrgDesc')}
        actions={[{ to: '/orgs', label: t('status.backOrgs') }]}
      />
    );
  else if (isApiError(org.error, 404) || isApiError(org.error, 400))
    detail = (
      <StatusPage
        embedded
        code="404"
        title={t('status.orgNotFound')}
        actions={[{ to: '/orgs', label: t('status.backOrgs') }]}
      />
    );
  else if (org.error) detail = <Empty description={errorMessage(org.error)} />;
  else if (current)
    detail = (
      <OrgDetail
        org={current}
        canManage={canManage}
        canMoveUp={index > 0}
        canMoveDown={!!siblings && index >= 0 && index < siblings.list.length - 1}
        busy={reorder.isPending}
        onAction={onAction}
      />
    );

  return (
    <Row gutter={[16, 16]} className="hy-orgs">
      <Col xs={24} lg={9} xl={8} xxl={7}>
        <Card size="small" className="hy-orgs-tree-card" title={t('orgs.tree')}>
          <OrgSelect
            key={searchRound}
            onChange={(picked) => {
              // A fresh, empty box for the next search once this one has taken the user there.
              setSearchRound((n) => n + 1);
              if (picked) select(picked);
            }}
            placeholder={t('orgs.search')}
            data-testid="org-search"
            aria-label={t('orgs.search')}
            style={{ width: '100%', marginBottom: 8 }}
          />
          <OrgTree tree={tree} selectedId={id} onSelect={select} height={treeHeight} />
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16} xxl={17} ref={detailRef}>
        {detail}
      </Col>
      {dialog && current && (dialog === 'create' || dialog === 'edit') && (
        <OrgFormModal
          mode={dialog}
          org={current}
          onClose={() => setDialog(null)}
          onSaved={async (saved) => {
            setDialog(null);
            if (dialog === 'create') {
              await refresh([current.id], { open: current.id });
              navigate(`/orgs/${saved.id}`);
            } else {
              queryClient.setQueryData(orgKeys.one(saved.id), { ...saved, ancestors: current.ancestors });
              await refresh([saved.id]);
            }
            void afterChange();
          }}
        />
      )}
      {dialog === 'move' && current && (
        <MoveOrgModal
          org={current}
          onClose={() => setDialog(null)}
          onMoved={async (moved, oldParentId) => {
            setDialog(null);
            await refresh([oldParentId, moved.parentId], { open: moved.parentId ?? undefined });
            await afterChange();
          }}
        />
      )}
    </Row>
  );
}
