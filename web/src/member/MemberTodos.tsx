import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { WorkbenchTodo } from '../../../contracts/workbench.ts';
import { say, useMemberTodos } from '../app/workbench.ts';
import './member-home.css';

/**
 * 今日待办 at the top of the member home: what the modules say is waiting for this member (unread
 * notices, today's activities, open exams and surveys, elections, study hours to go), big and one
 * tap each; those with nothing waiting are left out, so a member with nothing to do sees one line.
 */
export function MemberTodos() {
  const { t } = useTranslation();
  const { data } = useMemberTodos();
  if (!data) return null;
  const waiting = data.todos.filter((todo) => todo.count > 0);
  return (
    <section className="hy-m-card hy-m-todos" aria-labelledby="hy-m-todos-title" data-testid="member-todos">
      <h2 id="hy-m-todos-title" className="hy-m-todos-title">
        {t('memberHome.today')}
      </h2>
      {waiting.length === 0 ? (
        <p className="hy-m-todos-none" data-testid="member-todos-none">
          {t('memberHome.allDone')}
        </p>
      ) : (
        <ul className="hy-m-todos-list">
          {waiting.map((todo) => (
            <li key={todo.key}>
              <TodoRow todo={todo} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TodoRow({ todo }: { todo: WorkbenchTodo }) {
  const { t } = useTranslation();
  const label = say(todo.label);
  // study hours: "还差 6 学时" says more than a bare 6
  const figure = todo.progress ? t('memberHome.hoursToGo', { count: todo.count }) : String(todo.count);
  return (
    <Link className="hy-m-todo" to={todo.path} data-testid={`member-todo-${todo.key}`}>
      <span className="hy-m-todo-label">{label}</span>
      <span
        className={todo.progress ? 'hy-m-todo-figure hy-m-todo-hours' : 'hy-m-todo-figure'}
        data-testid="member-todo-count"
      >
        {figure}
      </span>
      <span className="hy-m-todo-go" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

type Tab = { key: 'home' | 'study' | 'messages' | 'me'; to: string; icon: string };

/**
 * The member app's bottom tab bar (首页, 学习, 消息, 我的), fixed at the bottom, each a large target.
 * 学习 opens the course library when the member may study courses, else their study hours.
 */
export function MemberTabBar({ actions }: { actions: readonly string[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  const study = actions.includes('course.study')
    ? '/m/learning'
    : actions.includes('study.attend')
      ? '/m/study'
      : null;
  const tabs: Tab[] = [
    { key: 'home', to: '/m', icon: '⌂' },
    ...(study ? [{ key: 'study' as const, to: study, icon: '✎' }] : []),
    { key: 'messages', to: '/m/notices', icon: '✉' },
    { key: 'me', to: '/m?tab=me', icon: '☺' },
  ];
  const onMe = new URLSearchParams(location.search).get('tab') === 'me';
  const current = (tab: Tab) =>
    tab.key === 'me'
      ? onMe
      : tab.key === 'home'
        ? location.pathname === '/m' && !onMe
        : location.pathname.startsWith(tab.to);
  return (
    <nav className="hy-m-tabbar" aria-label={t('memberHome.tabs')} data-testid="member-tabbar">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          to={tab.to}
          className="hy-m-tab"
          aria-current={current(tab) ? 'page' : undefined}
          data-testid={`member-tab-${tab.key}`}
        >
          <span className="hy-m-tab-icon" aria-hidden="true">
            {tab.icon}
          </span>
          <span>{t(`memberHome.tab.${tab.key}`)}</span>
        </Link>
      ))}
    </nav>
  );
}
