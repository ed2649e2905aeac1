import type { ReactNode } from 'react';
import { Link } from 'react-router';

type Action = { to: string; label: string };

/**
 * A refusal or not-found message in words, with a way back. Light (no antd) so it can show
 * anywhere: inside the admin console, on the member pages, or on its own.
 */
export function StatusPage({
  code,
  title,
  description,
  actions,
  embedded = false,
  children,
}: {
  code: '403' | '404' | 'error';
  title: string;
  description?: string;
  actions?: Action[];
  embedded?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className={embedded ? 'hy-status hy-status-embedded' : 'hy-status'} data-testid={`status-${code}`}>
      <div className="hy-status-code" aria-hidden="true">
        {code === 'error' ? '!' : code}
      </div>
      <h1 className="hy-status-title" role="alert">
        {title}
      </h1>
      {description && <p className="hy-status-desc">{description}</p>}
      {children}
      {actions && actions.length > 0 && (
        <div className="hy-status-actions">
          {actions.map((a, i) => (
            <Link key={a.to} to={a.to} className={i === 0 ? 'hy-btn hy-btn-primary' : 'hy-btn'}>
              {a.label}
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
