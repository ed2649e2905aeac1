import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Image,
  Popconfirm,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfflineStudy } from '../../../../../contracts/learning/offline.ts';
import { errorMessage } from '../../../app/api.ts';
import { testIdProps } from '../../../app/forms.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { ReasonModal } from '../../../app/ReasonModal.tsx';
import { momentOf } from '../../../app/when.ts';
import { offlineApi, offlineKeys, useStudy } from './api.ts';
import { STATE_COLOR } from './parts.ts';
import { StudyForm } from './StudyForm.tsx';

/**
 * One session in full: what was studied, who came, the photos, and its history. The recording org
 * fixes, submits or removes it; the superior approves it or returns it with a reason.
 */
export function StudyDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const study = useStudy(id);
  const [returning, setReturning] = useState(false);
  const [editing, setEditing] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const done = (s: OfflineStudy | null, text: string) => {
    if (s) queryClient.setQueryData(offlineKeys.one(id), s);
    void queryClient.invalidateQueries({ queryKey: offlineKeys.all });
    message.success(text);
  };
  const fail = (e: unknown) => void message.error({ content: errorMessage(e), duration: 6 });
  const approve = useMutation({
    mutationFn: () => offlineApi.approve(id),
    onSuccess: (s) => done(s, t('offline.approved')),
    onError: fail,
  });
  const submit = useMutation({
    mutationFn: () => offlineApi.submit(id),
    onSuccess: (s) => done(s, t('offline.submitted')),
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: () => offlineApi.remove(id),
    onSuccess: () => {
      done(null, t('offline.removed'));
      onClose();
    },
    onError: fail,
  });
  const photo = useMutation({
    mutationFn: (f: File) => offlineApi.addPhoto(id, f),
    onSuccess: (s) => done(s, t('offline.photoAdded')),
    onError: fail,
  });
  const unphoto = useMutation({
    mutationFn: (photoId: string) => offlineApi.removePhoto(id, photoId),
    onSuccess: (s) => done(s, t('offline.removed')),
    onError: fail,
  });
  const s = study.data;
  return (
    <Drawer
      open
      size={640}
      title={s?.topic ?? t('offline.title')}
      onClose={onClose}
      destroyOnHidden
      data-testid="offline-drawer"
      footer={
        s && (
          <Flex justify="flex-end" gap={8} wrap>
            {s.can.remove && (
              <Popconfirm title={t('offline.removeConfirm')} onConfirm={() => remove.mutate()}>
                <Button danger loading={remove.isPending} data-testid="offline-remove">
                  {t('offline.remove')}
                </Button>
              </Popconfirm>
            )}
            {s.can.edit && (
              <Button onClick={() => setEditing(true)} data-testid="offline-edit">
                {t('offline.fix')}
              </Button>
            )}
            {s.can.submit && (
              <Button
                type="primary"
                loading={submit.isPending}
                onClick={() => submit.mutate()}
                data-testid="offline-submit"
              >
                {t('offline.submit')}
              </Button>
            )}
            {s.can.approve && (
              <>
                <Button danger onClick={() => setReturning(true)} data-testid="offline-return">
                  {t('offline.return')}
                </Button>
                <Popconfirm
                  title={t('offline.approveConfirm', { count: s.attendeeCount, minutes: s.minutes })}
                  onConfirm={() => approve.mutate()}
                  okButtonProps={testIdProps('offline-approve-confirm')}
                >
                  <Button type="primary" loading={approve.isPending} data-testid="offline-approve">
                    {t('offline.approve')}
                  </Button>
                </Popconfirm>
              </>
            )}
          </Flex>
        )
      }
    >
      {!s ? (
        study.error ? (
          <Typography.Text type="danger">{errorMessage(study.error)}</Typography.Text>
        ) : (
          <Spin />
        )
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center" wrap>
            <Tag color={STATE_COLOR[s.state]} data-testid="offline-state">
              {t(`offline.state.${s.state}`)}
            </Tag>
            {s.state === 'submitted' && s.approverOrg && (
              <Typography.Text type="secondary">
                {t('offline.waitingFor', { org: s.approverOrg.name })}
              </Typography.Text>
            )}
            {s.state === 'returned' && s.returnReason && (
              <Typography.Text type="danger" data-testid="offline-return-reason">
                {t('offline.returnedBecause', { reason: s.returnReason })}
              </Typography.Text>
            )}
          </Flex>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('offline.field.org')}>{s.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('offline.field.studiedOn')}>{s.studiedOn}</Descriptions.Item>
            <Descriptions.Item label={t('offline.field.duration')}>
              {t('offline.minutesOf', { minutes: s.minutes, hours: s.classHours })}
            </Descriptions.Item>
            <Descriptions.Item label={t('offline.field.place')}>
              {s.place || t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('offline.field.summary')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {s.summary || t('common.none')}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('offline.field.recordedBy')}>
              {s.recordedBy ?? t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={`${t('offline.field.attendees')}（${s.attendeeCount}）`}>
              <Flex wrap gap={4} data-testid="offline-attendees">
                {s.attendees.map((a) => (
                  <Tag key={a.memberId}>{a.name}</Tag>
                ))}
              </Flex>
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('offline.field.photos')}</Typography.Title>
            <Flex wrap gap={8} align="center">
              <Image.PreviewGroup>
                {s.photos.map((p) => (
                  <Flex key={p.id} vertical align="center" gap={4}>
                    <Image
                      width={120}
                      src={offlineApi.photoUrl(s.id, p.id, 'thumb')}
                      preview={{ src: offlineApi.photoUrl(s.id, p.id, 'full') }}
                      alt={t('offline.field.photos')}
                    />
                    {s.can.edit && (
                      <Button size="small" type="link" danger onClick={() => unphoto.mutate(p.id)}>
                        {t('offline.removePhoto')}
                      </Button>
                    )}
                  </Flex>
                ))}
              </Image.PreviewGroup>
              {s.can.edit && (
                <>
                  <input
                    ref={file}
                    type="file"
                    accept="image/*"
                    hidden
                    data-testid="offline-photo-input"
                    onChange={(e) => {
                      const f = e.target.files?.[0];
                      if (f) photo.mutate(f);
                      e.target.value = '';
                    }}
                  />
                  <Button loading={photo.isPending} onClick={() => file.current?.click()}>
                    {t('offline.addPhoto')}
                  </Button>
                </>
              )}
              {!s.photos.length && !s.can.edit && (
                <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
              )}
            </Flex>
          </div>
          {s.history.length > 0 && (
            <div>
              <Typography.Title level={5}>{t('offline.field.history')}</Typography.Title>
              <Timeline
                data-testid="offline-history"
                items={s.history.map((h) => ({
                  color: h.action === 'returned' ? 'red' : h.action === 'approved' ? 'green' : 'blue',
                  content: (
                    <Flex vertical>
                      <span>
                        {t(`offline.action.${h.action}`)} · {h.by ?? ''} · {momentOf(h.at)}
                      </span>
                      {h.reason && <Typography.Text type="secondary">{h.reason}</Typography.Text>}
                    </Flex>
                  ),
                }))}
              />
            </div>
          )}
        </Flex>
      )}
      {returning && s && (
        <ReasonModal
          title={t('offline.returnTitle')}
          okText={t('offline.return')}
          label={t('offline.returnReason')}
          placeholder={t('offline.returnPlaceholder')}
          okTestId="offline-return-submit"
          submit={async (reason) => done(await offlineApi.return(id, reason), t('offline.returned'))}
          onClose={() => setReturning(false)}
          onDone={() => setReturning(false)}
        />
      )}
      {editing && s && (
        <StudyForm
          study={s}
          onClose={() => setEditing(false)}
          onSaved={(x) => {
            queryClient.setQueryData(offlineKeys.one(id), x);
            setEditing(false);
          }}
        />
      )}
    </Drawer>
  );
}
