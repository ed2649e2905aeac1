import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { when } from '../../../app/when.ts';
import { answerText, letterAt } from '../sittings/answers.ts';
import { Stem } from '../sittings/Stem.tsx';
import { practiceApi, practiceKeys, useWrongBook, type WrongItem } from './api.ts';
import './i18n.ts';
import './practice.css';

/**
 * 错题本 (/m/practice/wrong): the questions the member got wrong, the latest first, each with their
 * last answer, the key and the 解析; 再练一遍 practises them (/m/practice?book=true: one answered
 * right leaves the book), 移出 takes one out by hand. The member's own book only.
 */
export default function WrongBookPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const book = useWrongBook(page);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${t('practice.book.title')} · ${t('app.short')}`;
  }, [t]);
  const total = book.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / (book.data?.pageSize ?? 20)));
  // the last one of a page taken out: back to the page before
  useEffect(() => {
    if (book.data && page > pages) setPage(pages);
  }, [book.data, page, pages]);
  return (
    <div className="hy-m hy-p">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back hy-p-header-btn" to="/m/practice">
          ‹ {t('practice.book.back')}
        </Link>
        <h1>{t('practice.book.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        <p className="hy-p-hint">{t('practice.book.hint')}</p>
        {total > 0 && (
          <Link
            className="hy-btn hy-btn-primary hy-btn-block hy-p-again"
            to="/m/practice?book=true"
            data-testid="book-practise"
          >
            {t('practice.book.practise')}（{total}）
          </Link>
        )}
        {notice && (
          <p className="hy-success" role="status">
            {notice}
          </p>
        )}
        {book.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(book.error)}
          </p>
        )}
        {book.data && total === 0 && (
          <p className="hy-p-big hy-m-muted" data-testid="book-empty">
            {t('practice.book.empty')}
          </p>
        )}
        <ol className="hy-p-book" data-testid="book-list">
          {book.data?.items.map((item) => (
            <BookItem
              key={item.questionId}
              item={item}
              onRemoved={() => setNotice(t('practice.book.removed'))}
            />
          ))}
        </ol>
        {pages > 1 && (
          <nav className="hy-p-pager">
            <button
              type="button"
              className="hy-btn"
              disabled={page <= 1}
              onClick={() => setPage((p) => p - 1)}
            >
              ‹ {t('practice.book.prev')}
            </button>
            <span>{t('practice.book.pageOf', { page, pages })}</span>
            <button
              type="button"
              className="hy-btn"
              disabled={page >= pages}
              onClick={() => setPage((p) => p + 1)}
            >
              {t('practice.book.nextPage')} ›
            </button>
          </nav>
        )}
      </main>
    </div>
  );
}

function BookItem({ item, onRemoved }: { item: WrongItem; onRemoved: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const v = item.view;
  const words = { yes: t('practice.yes'), no: t('practice.no') };
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await practiceApi.remove(item.questionId);
      onRemoved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: [...practiceKeys.all, 'book'] });
    }
  };
  return (
    <li className="hy-p-item" data-testid={`book-item-${item.questionId}`}>
      <p className="hy-p-qhead">
        <span>{t(`practice.type.${v.type}`)}</span>
        <span>
          {t('practice.book.meta', {
            count: item.wrongTimes,
            source: t(`practice.book.source.${item.lastSource}`),
            at: when(item.lastAt),
          })}
        </span>
      </p>
      <Stem text={v.stem} format={v.format} className="hy-p-stem" />
      {v.choices && (
        <ol className="hy-p-shown">
          {v.choices.map((c, pos) => (
            <li key={c.index}>
              {letterAt(pos)}. {c.text}
            </li>
          ))}
        </ol>
      )}
      <p className="hy-p-yours" data-testid={`book-yours-${item.questionId}`}>
        {t('practice.yours', { answer: answerText(v, item.lastAnswer, words) || t('practice.noAnswer') })}
      </p>
      {item.keyText && (
        <p className="hy-p-key" data-testid={`book-key-${item.questionId}`}>
          {t('practice.key', { key: item.keyText })}
        </p>
      )}
      {item.explanation && (
        <div className="hy-p-explanation">
          <strong>{t('practice.explanation')}</strong>
          <p className="hy-p-pre">{item.explanation}</p>
        </div>
      )}
      {error && (
        <p className="hy-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="hy-btn hy-p-remove"
        disabled={busy}
        onClick={() => void remove()}
        data-testid={`book-remove-${item.questionId}`}
      >
        {t('practice.book.remove')}
      </button>
    </li>
  );
}
