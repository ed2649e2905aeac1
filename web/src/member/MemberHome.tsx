import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, Suspense, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, errorMessage } from '../app/api.ts';
import { can, hasAdminRole, useCurrentUser, useLogout } from '../app/auth.tsx';
import { passwordShortfall } from '../../../contracts/auth.ts';
import { addTranslations, currentLang } from '../app/i18n.ts';
import { ElderSwitch } from '../app/ElderSwitch.tsx';
import { LangSwitch } from '../app/pages/LangSwitch.tsx';
import { PasswordInput } from '../app/PasswordInput.tsx';
import { memberSectionsFor, memberTilesFor } from '../app/modules.ts';
import { meKey, queryClient } from '../app/queryClient.ts';
import { webModules } from '../modules/index.ts';
import { MemberTabBar, MemberTodos } from './MemberTodos.tsx';
import { MyRecord } from './MyRecord.tsx';

// the modules' strings: the member tiles' labels are theirs (as AdminLayout does for the menu)
for (const m of webModules) addTranslations(m.strings);

type PasswordFields = 'currentPassword' | 'newPassword' | 'confirm';

/** Phone-first "我的" page for members: no antd, big tap targets, text ≥ 16 px. */
export function MemberHome() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const [editing, setEditing] = useState(me.mustChangePassword);
  const [done, setDone] = useState(false);
  // 我的 (the tab bar's ?tab=me): the profile and my record, without the to-dos and tiles
  const onMe = useSearchParams()[0].get('tab') === 'me';
  const tasks = !me.mustChangePassword && !onMe;

  useEffect(() => {
    document.title = `${t('member.title')} · ${t('app.short')}`;
  }, [t]);

  const roles = [...new Set(me.grants.map((g) => t(`role.${g.role}`)))];

  return (
    <div className={me.mustChangePassword ? 'hy-m' : 'hy-m hy-m-with-tabs'}>
      <header className="hy-m-header">
        <h1>{t('member.title')}</h1>
        <div className="hy-m-header-tools">
          <ElderSwitch className="hy-m-header-btn" />
          <LangSwitch className="hy-m-header-btn" />
        </div>
      </header>
      <main className="hy-m-main">
        {tasks && <MemberTodos />}
        <section className="hy-m-card hy-m-profile" aria-label={t('member.title')}>
          <div className="hy-m-avatar" aria-hidden="true">
            {me.displayName.slice(0, 1)}
          </div>
          <div>
            <p className="hy-m-name" data-testid="member-name">
              {me.displayName}
            </p>
            <p className="hy-m-org" data-testid="member-org">
              {me.orgName ?? t('member.noOrg')}
            </p>
          </div>
        </section>
        <section className="hy-m-card">
          <dl className="hy-m-dl">
            <dt>{t('member.username')}</dt>
            <dd>{me.username}</dd>
            <dt>{t('member.org')}</dt>
            <dd>{me.orgName ?? t('member.noOrg')}</dd>
            {roles.length > 0 && (
              <>
                <dt>{t('member.roles')}</dt>
                <dd>{roles.join('、')}</dd>
              </>
            )}
          </dl>
        </section>

        {tasks && <MemberTiles actions={me.actions} />}
        {tasks &&
          memberSectionsFor(webModules, me.actions).map(({ key, section: Section }) => (
            <Suspense key={key} fallback={null}>
              <Section />
            </Suspense>
          ))}

        {can(me, 'member.self') && !me.mustChangePassword && <MyRecord />}

        {me.mustChangePassword && (
          <p className="hy-notice" role="status">
            {t('member.mustChange')}
          </p>
        )}
        {done && (
          <p className="hy-success" role="status" data-testid="password-changed">
            {t('member.changed')}
          </p>
        )}

        <section className="hy-m-card hy-m-actions">
          {editing ? (
            <PasswordForm
              onDone={() => {
                setEditing(false);
                setDone(true);
              }}
              onCancel={me.mustChangePassword ? undefined : () => setEditing(false)}
            />
          ) : (
            <button
              type="button"
              className="hy-m-row"
              onClick={() => {
                setDone(false);
                setEditing(true);
              }}
              data-testid="member-change-password"
            >
              <span>{t('member.changePassword')}</span>
              <span aria-hidden="true">›</span>
            </button>
          )}
          {hasAdminRole(me) && (
            <Link className="hy-m-row" to="/workbench">
              <span>{t('member.admin')}</span>
              <span aria-hidden="true">›</span>
            </Link>
          )}
        </section>

        <button
          type="button"
          className="hy-btn hy-btn-block hy-m-logout"
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
          disabled={logout.isPending}
          data-testid="logout"
        >
          {t('member.logout')}
        </button>
      </main>
      {!me.mustChangePassword && <MemberTabBar actions={me.actions} />}
    </div>
  );
}

function PasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const ids = { cur: useId(), next: useId(), again: useId(), policy: useId() };
  const [values, setValues] = useState<Record<PasswordFields, string>>({
    currentPassword: '',
    newPassword: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<Partial<Record<PasswordFields, string>>>({});
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post('/auth/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });

  const set = (k: PasswordFields) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next: Partial<Record<PasswordFields, string>> = {};
    if (!values.currentPassword) next.currentPassword = t('member.required');
    // what the new password lacks, in the policy's words (contracts/auth.ts), before it is sent
    const short = values.newPassword ? passwordShortfall(values.newPassword) : null;
    if (!values.newPassword) next.newPassword = t('member.required');
    else if (short) next.newPassword = short[currentLang() === 'en' ? 'en' : 'zh'];
    else if (values.confirm !== values.newPassword) next.confirm = t('password.mismatch');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: onDone,
        onError: (err) => {
          if (err instanceof ApiError && err.fieldErrors.length > 0) {
            setErrors(Object.fromEntries(err.fieldErrors.map((f) => [f.path, f.message])));
          }
        },
      },
    );
  };

  const general =
    change.isError && !(change.error instanceof ApiError && change.error.fieldErrors.length > 0)
      ? errorMessage(change.error)
      : null;

  const field = (k: PasswordFields, id: string, label: string, autoComplete: string, hint?: string) => (
    <div className="hy-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={ids.policy} className="hy-hint">
          {hint}
        </p>
      )}
      <PasswordInput
        id={id}
        autoComplete={autoComplete}
        value={values[k]}
        onChange={set(k)}
        aria-invalid={errors[k] ? true : undefined}
        aria-describedby={k === 'newPassword' ? ids.policy : undefined}
        data-testid={`password-${k}`}
        toggleTestId={`password-${k}-toggle`}
      />
      {errors[k] && (
        <p className="hy-error" role="alert">
          {errors[k]}
        </p>
      )}
    </div>
  );

  return (
    <form className="hy-m-form" onSubmit={onSubmit} noValidate>
      <h2>{t('member.changePassword')}</h2>
      {field('currentPassword', ids.cur, t('member.currentPassword'), 'current-password')}
      {field('newPassword', ids.next, t('member.newPassword'), 'new-password', t('password.policy'))}
      {field('confirm', ids.again, t('member.confirmPassword'), 'new-password')}
      {general && (
        <p className="hy-error" role="alert">
          {general}
        </p>
      )}
      <button
        type="submit"
        className="hy-btn hy-btn-primary hy-btn-block"
        disabled={change.isPending}
        data-testid="password-save"
      >
        {change.isPending ? t('member.saving') : t('member.save')}
      </button>
      {onCancel && (
        <button type="button" className="hy-btn hy-btn-block" onClick={onCancel}>
          {t('member.cancel')}
        </button>
      )}
    </form>
  );
}

/** One tap to each task: the big buttons the modules put on the member home (their memberTiles). */
function MemberTiles({ actions }: { actions: readonly string[] }) {
  const { t } = useTranslation();
  const tiles = memberTilesFor(webModules, actions);
  if (tiles.length === 0) return null;
  return (
    <nav className="hy-m-tiles" aria-label={t('member.tasks')}>
      {tiles.map((tile) => (
        <Link
          key={tile.to}
          className={tile.progress ? 'hy-m-tile hy-m-tile-progress' : 'hy-m-tile'}
          to={tile.to}
          data-testid={`tile-${tile.to}`}
        >
          {t(tile.label)}
          {tile.badge && <TileBadge path={tile.badge} />}
          {tile.progress && <TileProgress path={tile.progress} label={t(tile.label)} />}
        </Link>
      ))}
    </nav>
  );
}

/** A bar on a tile (this year's study hours…): value against max, in figures and as a bar. */
function TileProgress({ path, label }: { path: string; label: string }) {
  const { data } = useQuery({
    queryKey: ['tile-progress', path],
    queryFn: ({ signal }) => api.get<{ value: number; max: number }>(path, undefined, signal),
    refetchInterval: 60_000,
  });
  // no target (a login without a member record is held to none): the label alone
  if (!data || data.max <= 0) return null;
  const share = Math.min(1, data.value / data.max);
  return (
    <span className="hy-m-tile-bar-wrap" data-testid="tile-progress">
      <span
        className="hy-m-tile-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={data.max}
        aria-valuenow={data.value}
      >
        <span
          className={share >= 1 ? 'hy-m-tile-bar-fill hy-m-tile-bar-done' : 'hy-m-tile-bar-fill'}
          style={{ width: `${share * 100}%` }}
        />
      </span>
      <span className="hy-m-tile-bar-text">
        {data.value} / {data.max}
      </span>
    </span>
  );
}

/** A count on a tile (unread notices…), from the API path the module named; nothing when zero. */
function TileBadge({ path }: { path: string }) {
  const { t } = useTranslation();
  const { data } = useQuery({
    queryKey: ['tile-badge', path],
    queryFn: ({ signal }) => api.get<{ count: number }>(path, undefined, signal),
    refetchInterval: 60_000,
  });
  if (!data?.count) return null;
  return (
    <span
      className="hy-m-tile-badge"
      title={t('member.badge', { count: data.count })}
      data-testid="tile-badge"
    >
      {data.count > 99 ? '99+' : data.count}
    </span>
  );
}
