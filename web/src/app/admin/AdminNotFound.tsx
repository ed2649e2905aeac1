import { useTranslation } from 'react-i18next';
import { StatusPage } from '../pages/StatusPage.tsx';

export default function AdminNotFound() {
  const { t } = useTranslation();
  return (
    <StatusPage
      embedded
      code="404"
      title={t('status.notFoundTitle')}
      description={t('status.notFoundDesc')}
      actions={[{ to: '/workbench', label: t('status.home') }]}
    />
  );
}
