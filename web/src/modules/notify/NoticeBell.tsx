import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUnreadCount } from './api.ts';
import './i18n.ts';

/** The console header's bell: my unread notices; a click opens them in the notice centre. */
export default function NoticeBell({ className }: { className?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  return (
    <Button
      type="text"
      className={className}
      onClick={() => navigate('/notices?tab=received')}
      aria-label={count ? `${t('notices.mine')}：${t('notices.unreadCount', { count })}` : t('notices.mine')}
      data-testid="notice-bell"
    >
      <Badge count={count} size="small" overflowCount={99} data-testid="notice-bell-count">
        {/* white on the red header (the badge's wrapper would make it black) */}
        <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
      </Badge>
    </Button>
  );
}
