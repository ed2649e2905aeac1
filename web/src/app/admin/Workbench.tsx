import { Button, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SsoTile } from '../../../../contracts/sso/tiles.ts';
import type { WorkbenchFigure, WorkbenchTodo } from '../../../../contracts/workbench.ts';
import { say, useSsoTiles, useWorkbench } from '../workbench.ts';
import './Workbench.css';

/**
 * 工作台, every admin's home: the to-dos of the modules with something waiting in the user's scope
 * (a count and one click to the screen where it is done), key figures of their subtree, and the
 * sub-platforms they may open with the same login.
 */
export default function Workbench() {
  const { t } = useTranslation();
  const workbench = useWorkbench();
  const tiles = useSsoTiles();

  useEffect(() => {
    document.title = `${t('workbench.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <div className="hy-wb" data-testid="workbench">
      <Typography.Title level={3} className="hy-wb-title">
        {t('workbench.title')}
      </Typography.Title>

      <section aria-labelledby="hy-wb-todos">
        <h2 id="hy-wb-todos" className="hy-wb-h2">
          {t('workbench.todos')}
        </h2>
        {workbench.isPending ? (
          <Skeleton active />
        ) : workbench.isError ? (
          <Card>
            <p role="alert">{t('workbench.loadFailed')}</p>
            <Button onClick={() => void workbench.refetch()}>{t('workbench.retry')}</Button>
          </Card>
        ) : workbench.data.todos.length === 0 ? (
          <Card>
            <Empty description={t('workbench.noTodos')} data-testid="workbench-empty" />
          </Card>
        ) : (
          <ul className="hy-wb-todos">
            {workbench.data.todos.map((todo) => (
              <TodoCard key={todo.key} todo={todo} />
            ))}
          </ul>
        )}
      </section>

      {workbench.data && workbench.data.figures.length > 0 && (
        <section aria-labelledby="hy-wb-figures">
          <h2 id="hy-wb-figures" className="hy-wb-h2">
            {t('workbench.figures')}
          </h2>
          <Row gutter={[12, 12]}>
            {workbench.data.figures.map((f) => (
              <Col key={f.key} xs={12} md={6}>
                <FigureCard figure={f} />
              </Col>
            ))}
          </Row>
        </section>
      )}

      {tiles.data && tiles.data.items.length > 0 && (
        <section aria-labelledby="hy-wb-tiles">
          <h2 id="hy-wb-tiles" className="hy-wb-h2">
            {t('workbench.tiles')}
          </h2>
          <ul className="hy-wb-tiles">
            {tiles.data.items.map((tile) => (
              <SsoTileCard key={tile.clientId} tile={tile} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function TodoCard({ todo }: { todo: WorkbenchTodo }) {
  const { t } = useTranslation();
  const label = say(todo.label);
  return (
    <li>
      <Link className="hy-wb-todo" to={todo.path} data-testid={`todo-${todo.key}`}>
        <span className="hy-wb-todo-count" data-testid="todo-count">
          {todo.count}
        </span>
        <span className="hy-wb-todo-label">{label}</span>
        <span className="hy-wb-todo-go" aria-hidden="true">
          {t('workbench.open')} ›
        </span>
      </Link>
    </li>
  );
}

function FigureCard({ figure }: { figure: WorkbenchFigure }) {
  const body = (
    <Card size="small" className="hy-wb-figure" data-testid={`figure-${figure.key}`}>
      <Statistic
        // a title of our own colour: antd's light grey is 3.4:1 on white, below the 4.5:1 text needs
        title={<span className="hy-wb-figure-title">{say(figure.label)}</span>}
        value={figure.value}
        suffix={figure.unit ? say(figure.unit) : undefined}
      />
    </Card>
  );
  return figure.path ? (
    <Link to={figure.path} className="hy-wb-figure-link">
      {body}
    </Link>
  ) : (
    body
  );
}

function SsoTileCard({ tile }: { tile: SsoTile }) {
  return (
    <li>
      <a className="hy-wb-tile" href={tile.launchUrl} data-testid={`sso-tile-${tile.clientId}`}>
        {tile.iconUrl ? (
          <img src={tile.iconUrl} alt="" width={40} height={40} />
        ) : (
          <span className="hy-wb-tile-icon" aria-hidden="true">
            {tile.name.slice(0, 1)}
          </span>
        )}
        <span>{tile.name}</span>
      </a>
    </li>
  );
}
