import { CameraOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api.ts';
import { memberApi } from './api.ts';

/** The record's photo (证件照), and for those who keep records a button to upload a new one. */
export function MemberPhoto({
  memberId,
  hasPhoto,
  canUpload,
  onUploaded,
}: {
  memberId: string;
  hasPhoto: boolean;
  canUpload: boolean;
  onUploaded: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [version, setVersion] = useState(0);
  const send = useMutation({
    mutationFn: (file: File) => memberApi.uploadPhoto(memberId, file),
    onSuccess: () => {
      setVersion((v) => v + 1);
      void message.success(t('members.photo.uploaded'));
      onUploaded();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <div className="member-photo" data-testid="member-photo">
      {hasPhoto || version > 0 ? (
        <img
          src={`/api/v1/members/${memberId}/photo?v=${version}`}
          alt={t('members.photo.alt')}
          width={72}
          height={96}
        />
      ) : (
        <div className="member-photo-empty">{t('members.photo.none')}</div>
      )}
      {canUpload && (
        <>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png"
            hidden
            data-testid="member-photo-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) send.mutate(file);
              e.target.value = '';
            }}
          />
          <Button
            size="small"
            icon={<CameraOutlined />}
            loading={send.isPending}
            onClick={() => input.current?.click()}
          >
            {t('members.photo.upload')}
          </Button>
        </>
      )}
    </div>
  );
}
