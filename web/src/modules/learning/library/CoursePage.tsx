import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { LearnerCourse } from '../../../../../contracts/learning/library.ts';
import { errorMessage } from '../../../app/api.ts';
import { StudyStatus } from '../study/StudyStatus.tsx';
import { useStudyHeartbeat } from '../study/useStudyHeartbeat.ts';
import { lengthOf, useLearnerCourse } from './api.ts';
import './i18n.ts';
import './learning.css';

const BIG_TEXT = 'hy-reader-big';

/**
 * One course (/m/learning/:id): a video or audio in the browser's own player (the file is served
 * with range requests, so a phone seeks without loading it all), a PDF in the browser's viewer, an
 * article in large, well-spaced type with a 大字 switch (kept on this phone). Study time is counted
 * by the heartbeat hook (study/): while the page is visible and focused and, for a video or audio,
 * while it plays.
 */
export default function CoursePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const course = useLearnerCourse(id);

  useEffect(() => {
    if (course.data) document.title = `${course.data.title} · ${t('app.short')}`;
  }, [course.data, t]);

  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m/learning">
          ‹ {t('learning.back')}
        </Link>
        <h1>{t('learning.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        {course.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(course.error)}
          </p>
        )}
        {course.data && <Study c={course.data} />}
      </main>
    </div>
  );
}

function Study({ c }: { c: LearnerCourse }) {
  const { t } = useTranslation();
  const media = c.kind === 'video' || c.kind === 'audio';
  const [playing, setPlaying] = useState(false);
  // an article or a document is studied while it is read: the page being visible is what counts
  const beat = useStudyHeartbeat(c.id, { media, playing: media ? playing : true });
  const length = c.durationSeconds
    ? t(`learning.${lengthOf(c.durationSeconds).key}`, { count: lengthOf(c.durationSeconds).count })
    : c.charCount
      ? t('learning.chars', {
          count: c.charCount,
          minutes: Math.max(1, Math.round((c.readingSeconds ?? 60) / 60)),
        })
      : null;
  const events = {
    onPlay: () => setPlaying(true),
    onPause: () => setPlaying(false),
    onEnded: () => setPlaying(false),
  };
  return (
    <article data-testid="course-page">
      <section className="hy-m-card">
        <h2 className="hy-m-h2" data-testid="course-title">
          {c.title}
        </h2>
        <p className="hy-l-item-meta">
          {[t(`courses.kind.${c.kind}`), c.categoryName, length, t('learning.from', { org: c.orgName })]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {c.summary && <p className="hy-l-summary">{c.summary}</p>}
      </section>
      <section className="hy-m-card">
        {c.kind === 'video' &&
          (c.media ? (
            <video
              className="hy-l-player"
              src={c.media.url}
              controls
              playsInline
              preload="metadata"
              data-testid="course-video"
              {...events}
            />
          ) : (
            <p className="hy-notice">{t('learning.mediaMissing')}</p>
          ))}
        {c.kind === 'audio' &&
          (c.media ? (
            <audio
              className="hy-l-audio"
              src={c.media.url}
              controls
              preload="metadata"
              data-testid="course-audio"
              {...events}
            />
          ) : (
            <p className="hy-notice">{t('learning.mediaMissing')}</p>
          ))}
        {c.kind === 'document' &&
          (c.media ? (
            <>
              <a className="hy-btn hy-btn-block" href={c.media.url} target="_blank" rel="noopener">
                {t('learning.openPdf')}
              </a>
              <p className="hy-hint">{t('learning.pdfHint')}</p>
              <iframe className="hy-l-pdf" src={c.media.url} title={c.title} data-testid="course-pdf" />
            </>
          ) : (
            <p className="hy-notice">{t('learning.mediaMissing')}</p>
          ))}
        {c.kind === 'article' && <Reader html={c.body ?? ''} />}
        <StudyStatus
          state={beat.state}
          credited={beat.credited}
          reason={beat.reason}
          onResume={beat.resume}
        />
      </section>
    </article>
  );
}

/** The article: sanitized on the server (the rich text's allow-list), shown as it is. */
function Reader({ html }: { html: string }) {
  const { t } = useTranslation();
  const [big, setBig] = useState(() => localStorage.getItem(BIG_TEXT) === '1');
  const toggle = () => {
    localStorage.setItem(BIG_TEXT, big ? '0' : '1');
    setBig(!big);
  };
  return (
    <>
      <div className="hy-l-tools">
        <button
          type="button"
          className="hy-btn"
          aria-pressed={big}
          onClick={toggle}
          data-testid="reader-size"
        >
          {big ? t('learning.smaller') : t('learning.bigger')}
        </button>
      </div>
      <div
        className={big ? 'hy-l-reader hy-l-reader-big' : 'hy-l-reader'}
        data-testid="course-body"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server by the allow-list
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </>
  );
}
