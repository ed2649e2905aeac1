import {
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  List,
  Rate,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Teacher } from '../../../../../contracts/learning/pool.ts';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { poolApi, useTeacher, useTeachers } from './api.ts';
import { PoolHeader } from './PoolHeader.tsx';
import { LectureForm, TeacherForm } from './PoolForms.tsx';
import './i18n.ts';
import './pool.css';

/** The average as stars and in words, or "not rated". */
export function RatingText({ rating }: { rating: { average: number | null; count: number } }) {
  const { t } = useTranslation();
  if (rating.average == null) return <Typography.Text type="secondary">{t('pool.noRating')}</Typography.Text>;
  return (
    <Space size={4}>
      <Rate disabled allowHalf value={Math.round(rating.average * 2) / 2} style={{ fontSize: 14 }} />
      <span>{t('pool.ratingOf', { average: rating.average.toFixed(1), count: rating.count })}</span>
    </Space>
  );
}

/**
 * 师资库 (console): the teachers the admin may see — their own orgs' and those shared from above —
 * searched by name, unit or topic, with the average rating and how many rated; a drawer with the
 * lectures and the comments (without who wrote them); add, edit, record a lecture.
 */
export default function TeachersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Teacher | 'new' | null>(null);
  const [lecturing, setLecturing] = useState<Teacher | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const list = useTeachers({ orgId, q: q || undefined, ...page });
  useEffect(() => {
    document.title = `${t('pool.teachersTitle')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PoolHeader
        kind="teachers"
        orgId={orgId}
        onOrg={setOrgId}
        onSearch={(v) => {
          setQ(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        onAdd={can(me, 'pool.manage') ? () => setEditing('new') : null}
      />
      <Table<Teacher>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('pool.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        data-testid="teachers-list"
        columns={[
          {
            key: 'name',
            title: t('pool.field.name'),
            render: (_, r) => (
              <Flex vertical>
                <Typography.Text strong>{r.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {[r.unit, r.title].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'topics',
            title: t('pool.field.topics'),
            render: (_, r) => r.topics.map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            key: 'org',
            title: t('pool.field.org'),
            render: (_, r) => (
              <>
                {r.orgName} {r.shared && <Tag color="blue">{t('pool.shared')}</Tag>}
              </>
            ),
          },
          { key: 'phone', title: t('pool.field.phone'), render: (_, r) => r.phone ?? '—' },
          {
            key: 'rating',
            title: t('pool.field.rating'),
            render: (_, r) => (
              <span data-testid={`teacher-rating-${r.id}`}>
                <RatingText rating={r.rating} />
              </span>
            ),
          },
          { key: 'lectures', title: t('pool.field.lectureCount'), dataIndex: 'lectureCount' },
          {
            key: 'act',
            title: '',
            render: (_, r) => (
              // biome-ignore lint/a11y/noStaticElementInteractions: keeps the row's click from opening the drawer
              // biome-ignore lint/a11y/useKeyWithClickEvents: the buttons inside take the keyboard
              <span onClick={(e) => e.stopPropagation()}>
                <Space>
                  {r.can.lecture && (
                    <Button size="small" onClick={() => setLecturing(r)} data-testid={`lecture-add-${r.id}`}>
                      {t('pool.recordLecture')}
                    </Button>
                  )}
                  {r.can.edit && (
                    <Button size="small" onClick={() => setEditing(r)} data-testid={`teacher-edit-${r.id}`}>
                      {t('common.edit')}
                    </Button>
                  )}
                </Space>
              </span>
            ),
          },
        ]}
      />
      {editing && (
        <TeacherForm teacher={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
      {lecturing && <LectureForm teacher={lecturing} onClose={() => setLecturing(null)} />}
      {open && <TeacherDrawer id={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}

function TeacherDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useTeacher(id);
  const [phone, setPhone] = useState<string | null>(null);
  const d = q.data;
  return (
    <Drawer
      open
      size={600}
      title={d?.name ?? ''}
      onClose={onClose}
      destroyOnHidden
      data-testid="teacher-drawer"
    >
      {!d ? (
        q.error ? (
          <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>
        ) : (
          <Spin />
        )
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('pool.field.unit')}>{d.unit || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pool.field.title')}>{d.title || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pool.field.topics')}>
              {d.topics.map((x) => (
                <Tag key={x}>{x}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('pool.field.phone')}>
              <Space>
                <span>{phone ?? d.phone ?? '—'}</span>
                {d.can.reveal && !phone && (
                  <Button
                    size="small"
                    type="link"
                    onClick={async () => setPhone((await poolApi.revealTeacher(d.id)).phone)}
                  >
                    {t('pool.reveal')}
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('pool.field.rating')}>
              <span data-testid="teacher-drawer-rating">
                <RatingText rating={d.rating} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('pool.field.intro')}>{d.intro || '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('pool.lectures')}</Typography.Title>
          {d.lectures.length === 0 ? (
            <Empty description={t('pool.noLectures')} />
          ) : (
            <List
              dataSource={d.lectures}
              renderItem={(l) => (
                <List.Item key={l.id}>
                  <Flex vertical gap={4} style={{ width: '100%' }}>
                    <Typography.Text strong>{l.topic}</Typography.Text>
                    <Typography.Text type="secondary">
                      {l.lecturedOn} · {l.orgName} · {t('pool.people', { count: l.attendeeCount })}
                    </Typography.Text>
                    <RatingText rating={l.rating} />
                    {l.comments.map((c) => (
                      <Typography.Text key={c.ratedAt + c.comment} type="secondary">
                        「{c.comment}」
                      </Typography.Text>
                    ))}
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}
