import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Image,
  Input,
  Popconfirm,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Activity, Attendee } from '../../../../../contracts/life/activities.ts';
import { errorMessage } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { ReasonModal } from '../../../app/ReasonModal.tsx';
import { NoticeReceipts } from '../../notify/NoticeReceipts.tsx';
import { momentOf } from '../../../app/when.ts';
import { activityApi, activityKeys, fileUrl, useActivity } from './api.ts';
import { rateText, StatusTag } from './parts.tsx';
import './i18n.ts';

/**
 * One activity: its plan and attendance, the attendees with their sign-in (roll call for those
 * present without a phone), leave to decide, the minutes with photos and attachments, the record
 * sheet (.docx, print), the QR screen, and who has read the notice.
 */
export default function ActivityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useActivity(id);
  useEffect(() => {
    document.title = `${q.data?.topic ?? t('activities.title')} · ${t('app.title')}`;
  }, [q.data, t]);
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  if (!q.data) return <Spin />;
  return <ActivityView a={q.data} />;
}

const refresh = (a: Activity) => {
  queryClient.setQueryData(activityKeys.one(a.id), a);
  void queryClient.invalidateQueries({ queryKey: activityKeys.all });
};

function ActivityView({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [cancelling, setCancelling] = useState(false);
  const act = useMutation({
    mutationFn: (fn: () => Promise<Activity>) => fn(),
    onSuccess: refresh,
    onError: (e) => message.error(errorMessage(e)),
  });
  const f = a.attendance;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="activity-page">
      <Link to={`/activities?orgId=${a.orgId}`}>‹ {t('activities.back')}</Link>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ flex: '1 1 360px' }}>
          <Space size={8} wrap>
            <Tag color="red">{t(`activities.kind.${a.kind}`)}</Tag>
            <StatusTag status={a.status} />
            {a.status !== 'cancelled' && !a.signInOpen && <Tag>{t('activities.signInClosed')}</Tag>}
          </Space>
          <Typography.Title
            level={3}
            className="hy-page-title"
            style={{ margin: '8px 0 0' }}
            data-testid="activity-topic"
          >
            {a.topic}
          </Typography.Title>
        </div>
        <Space wrap>
          {a.can.qr && (
            <Link to={`/activities/${a.id}/qr`}>
              <Button type="primary" data-testid="activity-qr">
                {t('activities.qr')}
              </Button>
            </Link>
          )}
          {a.can.manage && a.status !== 'cancelled' && (
            <Button
              onClick={() => act.mutate(() => activityApi.signInState(a.id, !a.signInOpen))}
              data-testid="activity-sign-in-state"
            >
              {a.signInOpen ? t('activities.closeSignIn') : t('activities.openSignIn')}
            </Button>
          )}
          <Button
            onClick={() => activityApi.docx(a.id).catch((e) => message.error(errorMessage(e)))}
            data-testid="activity-docx"
          >
            {t('activities.docx')}
          </Button>
          <Link to={`/activities/${a.id}/print`}>
            <Button>{t('activities.printRecord')}</Button>
          </Link>
          {a.can.cancel && (
            <Button danger onClick={() => setCancelling(true)} data-testid="activity-cancel">
              {t('activities.cancel')}
            </Button>
          )}
        </Space>
      </Flex>
      {a.status === 'cancelled' && (
        <Typography.Text type="danger">
          {t('activities.cancelled', { reason: a.cancelReason ?? '' })}
        </Typography.Text>
      )}
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'org', label: t('activities.field.org'), children: a.orgName },
            {
              key: 'time',
              label: t('activities.field.time'),
              children: `${momentOf(a.startsAt)} – ${momentOf(a.endsAt).slice(11)}`,
            },
            { key: 'place', label: t('activities.field.place'), children: a.place },
            {
              key: 'att',
              label: t('activities.field.attendance'),
              children: (
                <span data-testid="activity-figures">
                  {t('activities.figures', f)} · {t('activities.rate', { rate: rateText(f.rate) })}
                </span>
              ),
            },
            ...(a.plannedBy
              ? [{ key: 'by', label: '', children: t('activities.plannedBy', { name: a.plannedBy }) }]
              : []),
          ]}
        />
        <Typography.Text type="secondary">{t('activities.rateNote')}</Typography.Text>
      </Card>
      <Attendees a={a} />
      <Minutes a={a} />
      <Files a={a} />
      <Card size="small" title={t('activities.receipts')}>
        <NoticeReceipts source={{ type: 'activity', id: a.id }} />
      </Card>
      {cancelling && (
        <ReasonModal
          title={t('activities.cancel')}
          okText={t('activities.cancel')}
          label={t('activities.cancelReason')}
          placeholder={t('activities.cancelReason')}
          submit={(reason) => activityApi.cancel(a.id, reason).then(refresh)}
          onClose={() => setCancelling(false)}
          onDone={() => setCancelling(false)}
        />
      )}
    </Space>
  );
}

function Attendees({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string[]>([]);
  const roll = useMutation({
    mutationFn: () => activityApi.rollCall(a.id, picked),
    onSuccess: (next) => {
      refresh(next);
      message.success(t('activities.rollCallDone', { count: picked.length }));
      setPicked([]);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const decide = useMutation({
    mutationFn: (v: { memberId: string; approve: boolean }) =>
      activityApi.decideLeave(a.id, v.memberId, v.approve),
    onSuccess: refresh,
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      title={`${t('activities.attendees')}（${a.attendees.length}）`}
      extra={
        a.can.rollCall && (
          <Button
            disabled={!picked.length}
            loading={roll.isPending}
            onClick={() => roll.mutate()}
            data-testid="activity-roll-call"
          >
            {t('activities.rollCall')}
          </Button>
        )
      }
    >
      {a.can.rollCall && (
        <Typography.Paragraph type="secondary">{t('activities.rollCallHint')}</Typography.Paragraph>
      )}
      <Table<Attendee>
        rowKey="memberId"
        size="small"
        pagination={false}
        dataSource={a.attendees}
        scroll={{ x: 560, y: 420 }}
        rowSelection={
          a.can.rollCall
            ? {
                selectedRowKeys: picked,
                onChange: (keys) => setPicked(keys as string[]),
                getCheckboxProps: (p) => ({ disabled: !!p.signedInAt, 'aria-label': p.name }),
              }
            : undefined
        }
        columns={[
          { title: t('activities.attendees'), dataIndex: 'name', width: 120 },
          {
            title: t('activities.field.attendance'),
            key: 'signed',
            render: (_, p) =>
              p.signedInAt ? (
                <Tag color="green" data-testid={`attendee-signed-${p.memberId}`}>
                  {t('activities.signedAt', {
                    time: momentOf(p.signedInAt).slice(11),
                    method: t(`activities.method.${p.method}`),
                  })}
                </Tag>
              ) : (
                <Tag>{t('activities.notSigned')}</Tag>
              ),
          },
          {
            title: t('activities.leave.requested'),
            key: 'leave',
            render: (_, p) =>
              p.leave ? (
                <Space wrap size={4}>
                  <Tag color={p.leave === 'approved' ? 'blue' : p.leave === 'refused' ? 'default' : 'orange'}>
                    {t(`activities.leave.${p.leave}`)}
                  </Tag>
                  <Typography.Text type="secondary">
                    {t('activities.leaveReason', { reason: p.leaveReason ?? '' })}
                  </Typography.Text>
                  {p.leave === 'requested' && a.can.manage && (
                    <>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => decide.mutate({ memberId: p.memberId, approve: true })}
                        data-testid={`leave-approve-${p.memberId}`}
                      >
                        {t('activities.approve')}
                      </Button>
                      <Button
                        size="small"
                        onClick={() => decide.mutate({ memberId: p.memberId, approve: false })}
                      >
                        {t('activities.refuse')}
                      </Button>
                    </>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function Minutes({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ host: string; recorder: string; minutes: string }>();
  const save = useMutation({
    mutationFn: (v: { host: string; recorder: string; minutes: string }) => activityApi.minutes(a.id, v),
    onSuccess: (next) => {
      refresh(next);
      message.success(t('activities.minutesSaved'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const req = (field: string) => [
    { required: true, whitespace: true, message: t('activities.required', { field }) },
  ];
  return (
    <Card size="small" title={t('activities.minutes')}>
      <Typography.Paragraph type="secondary">{t('activities.minutesHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        disabled={!a.can.minutes}
        initialValues={{ host: a.host ?? '', recorder: a.recorder ?? '', minutes: a.minutes ?? '' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="host"
            label={t('activities.field.host')}
            rules={req(t('activities.field.host'))}
            style={{ flex: '1 1 200px' }}
          >
            <Input maxLength={40} data-testid="minutes-host" />
          </Form.Item>
          <Form.Item
            name="recorder"
            label={t('activities.field.recorder')}
            rules={req(t('activities.field.recorder'))}
            style={{ flex: '1 1 200px' }}
          >
            <Input maxLength={40} data-testid="minutes-recorder" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="minutes"
          label={t('activities.field.minutes')}
          rules={req(t('activities.field.minutes'))}
        >
          <Input.TextArea rows={8} maxLength={20_000} showCount data-testid="minutes-text" />
        </Form.Item>
        {a.can.minutes && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="minutes-save">
            {t('activities.saveMinutes')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function Files({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const photos = a.files.filter((f) => f.kind === 'photo');
  const attachments = a.files.filter((f) => f.kind === 'attachment');
  const canUpload = a.can.manage && a.status !== 'cancelled';
  const put = (kind: 'photo' | 'attachment') => ({
    showUploadList: false,
    customRequest: ({
      file,
      onSuccess,
      onError,
    }: {
      file: unknown;
      onSuccess?: (b: unknown) => void;
      onError?: (e: Error) => void;
    }) => {
      activityApi
        .upload(a.id, kind, file as File)
        .then((next) => {
          refresh(next);
          message.success(t('activities.uploaded'));
          onSuccess?.(next);
        })
        .catch((e: Error) => {
          message.error(errorMessage(e));
          onError?.(e);
        });
    },
  });
  const remove = (fileId: string) =>
    activityApi
      .removeFile(a.id, fileId)
      .then(refresh)
      .catch((e) => message.error(errorMessage(e)));
  return (
    <Card size="small" title={t('activities.photos')}>
      <Flex gap={12} wrap align="flex-start">
        <Image.PreviewGroup>
          {photos.map((p) => (
            <Space
              key={p.id}
              orientation="vertical"
              size={4}
              align="center"
              data-testid={`activity-photo-${p.id}`}
            >
              <Image
                width={160}
                height={120}
                style={{ objectFit: 'cover' }}
                src={fileUrl(a.id, p.id, 'thumb')}
                preview={{ src: fileUrl(a.id, p.id) }}
                alt={p.name}
              />
              {canUpload && (
                <Popconfirm title={t('activities.removeConfirm')} onConfirm={() => remove(p.id)}>
                  <Button size="small" type="link" danger>
                    {t('activities.removeFile')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          ))}
        </Image.PreviewGroup>
        {canUpload && (
          <Upload accept="image/jpeg,image/png,image/webp,image/gif" {...put('photo')}>
            <Button data-testid="activity-photo-upload">{t('activities.uploadPhoto')}</Button>
          </Upload>
        )}
      </Flex>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('activities.attachments')}
      </Typography.Title>
      <Space orientation="vertical">
        {attachments.map((f) => (
          <Space key={f.id}>
            <a href={fileUrl(a.id, f.id)}>{f.name}</a>
            {canUpload && (
              <Popconfirm title={t('activities.removeConfirm')} onConfirm={() => remove(f.id)}>
                <Button size="small" type="link" danger>
                  {t('activities.removeFile')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ))}
        {canUpload && (
          <Upload accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.jpg,.jpeg,.png" {...put('attachment')}>
            <Button>{t('activities.uploadAttachment')}</Button>
          </Upload>
        )}
      </Space>
    </Card>
  );
}
