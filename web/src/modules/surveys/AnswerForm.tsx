import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerSet, AnswerValue, SurveyQuestion } from '../../../../contracts/surveys/definition.ts';
import type { SurveyForm } from '../../../../contracts/surveys/surveys.ts';
import './member-i18n.ts';
import './survey.css';

/**
 * Is the question shown, given the answers before it? The server's rule (surveys/rules.ts isShown)
 * decides what is counted; the form follows it so a hidden question is never asked, and its answer
 * is dropped when the question is hidden again.
 */
export function isShown(q: SurveyQuestion, answers: AnswerSet): boolean {
  if (!q.showIf) return true;
  const a = answers[q.showIf.questionId];
  const picked = Array.isArray(a) ? a : a === undefined ? [] : [a];
  return picked.some((v) => typeof v === 'number' && (q.showIf?.anyOf.includes(v) ?? false));
}

/** The answers without those to questions now hidden (a changed earlier answer hides a later question). */
export function visibleAnswers(form: Pick<SurveyForm, 'definition'>, answers: AnswerSet): AnswerSet {
  const out: AnswerSet = {};
  for (const q of form.definition.sections.flatMap((s) => s.questions))
    if (isShown(q, out) && answers[q.id] !== undefined) out[q.id] = answers[q.id];
  return out;
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/**
 * A survey as a respondent answers it: one question after another, big targets (≥ 48 px), text
 * ≥ 16 px, phone width; a question hidden by its show-if rule is not shown. Light: no antd.
 * Used by the member app, the public link and the admin's preview.
 */
export function AnswerForm({
  form,
  answers,
  onChange,
  readOnly = false,
  problem,
}: {
  form: Pick<SurveyForm, 'definition'>;
  answers: AnswerSet;
  onChange: (a: AnswerSet) => void;
  readOnly?: boolean;
  /** The question the server refused (its path, answers.<id>): shown beside it. */
  problem?: { id: string; message: string } | null;
}) {
  const { t } = useTranslation();
  let n = 0;
  const set = (id: string, v: AnswerValue | undefined) => {
    const next = { ...answers };
    if (v === undefined) delete next[id];
    else next[id] = v;
    onChange(visibleAnswers(form, next));
  };
  return (
    <div className="hy-sv-form" data-testid="survey-form">
      {form.definition.sections.map((s, si) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an option, row or section is known by its place (answers are indexes)
        <section key={si} className="hy-sv-section">
          {(s.title || form.definition.sections.length > 1) && (
            <h2 className="hy-sv-section-title">{s.title || t('mySurvey.section', { n: si + 1 })}</h2>
          )}
          {s.questions.map((q) => {
            if (!isShown(q, answers)) return null;
            n++;
            return (
              <fieldset key={q.id} className="hy-sv-q" data-testid={`survey-q-${q.id}`} disabled={readOnly}>
                <legend className="hy-sv-q-title">
                  {n}. {q.title}
                  {q.required && <span className="hy-sv-required">（{t('mySurvey.required')}）</span>}
                </legend>
                <Question q={q} value={answers[q.id]} set={(v) => set(q.id, v)} />
                {problem?.id === q.id && (
                  <p className="hy-error" role="alert">
                    {problem.message}
                  </p>
                )}
              </fieldset>
            );
          })}
        </section>
      ))}
    </div>
  );
}

function Choice({
  on,
  label,
  mark,
  onClick,
  testId,
}: {
  on: boolean;
  label: string;
  mark: string;
  onClick: () => void;
  testId: string;
}) {
  return (
    <button
      type="button"
      className={on ? 'hy-sv-choice hy-sv-choice-on' : 'hy-sv-choice'}
      aria-pressed={on}
      onClick={onClick}
      data-testid={testId}
    >
      <span className="hy-sv-mark" aria-hidden="true">
        {mark}
      </span>
      <span>{label}</span>
    </button>
  );
}

function Question({
  q,
  value,
  set,
}: {
  q: SurveyQuestion;
  value: AnswerValue | undefined;
  set: (v: AnswerValue | undefined) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(
    typeof value === 'string' || typeof value === 'number' ? String(value) : '',
  );
  const id = `survey-${q.id}`;
  switch (q.kind) {
    case 'single':
      return (
        <div className="hy-sv-choices">
          {q.options.map((o, i) => (
            <Choice
              // biome-ignore lint/suspicious/noArrayIndexKey: an option is known by its place (answers are indexes)
              key={i}
              on={value === i}
              label={o}
              mark={value === i ? '●' : '○'}
              onClick={() => set(value === i ? undefined : i)}
              testId={`${id}-${i}`}
            />
          ))}
        </div>
      );
    case 'multiple': {
      const picked = Array.isArray(value) ? (value as number[]) : [];
      return (
        <>
          <p className="hy-hint">
            {t('mySurvey.pickHint', { min: q.minPicks ?? 0, max: q.maxPicks ?? q.options.length })}
          </p>
          <div className="hy-sv-choices">
            {q.options.map((o, i) => {
              const on = picked.includes(i);
              return (
                <Choice
                  // biome-ignore lint/suspicious/noArrayIndexKey: an option is known by its place (answers are indexes)
                  key={i}
                  on={on}
                  label={o}
                  mark={on ? '✓' : '□'}
                  onClick={() => {
                    const next = on ? picked.filter((x) => x !== i) : [...picked, i].sort((a, b) => a - b);
                    set(next.length ? next : undefined);
                  }}
                  testId={`${id}-${i}`}
                />
              );
            })}
          </div>
        </>
      );
    }
    case 'rating':
      return (
        <div className="hy-sv-scale">
          {q.minLabel && <span className="hy-sv-scale-end">{q.minLabel}</span>}
          {range(q.scaleMin, q.scaleMax).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={value === v}
              className={value === v ? 'hy-sv-score hy-sv-score-on' : 'hy-sv-score'}
              onClick={() => set(value === v ? undefined : v)}
              data-testid={`${id}-${v}`}
            >
              {v}
            </button>
          ))}
          {q.maxLabel && <span className="hy-sv-scale-end">{q.maxLabel}</span>}
        </div>
      );
    case 'matrix': {
      const row = Array.isArray(value) ? (value as (number | null)[]) : q.rows.map(() => null);
      return (
        <>
          <p className="hy-hint">{t('mySurvey.rowHint')}</p>
          {q.rows.map((r, ri) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an option, row or section is known by its place (answers are indexes)
            <div key={ri} className="hy-sv-row">
              <div className="hy-sv-row-label">{r}</div>
              <div className="hy-sv-scale">
                {range(q.scaleMin, q.scaleMax).map((v) => (
                  <button
                    key={v}
                    type="button"
                    aria-pressed={row[ri] === v}
                    className={row[ri] === v ? 'hy-sv-score hy-sv-score-on' : 'hy-sv-score'}
                    onClick={() => {
                      const next = [...row];
                      next[ri] = row[ri] === v ? null : v;
                      set(next.every((x) => x == null) ? undefined : next);
                    }}
                    data-testid={`${id}-${ri}-${v}`}
                  >
                    {v}
                  </button>
                ))}
              </div>
            </div>
          ))}
        </>
      );
    }
    case 'ranking': {
      const order = Array.isArray(value) ? (value as number[]) : [];
      return (
        <>
          <p className="hy-hint">{t('mySurvey.rankHint')}</p>
          <div className="hy-sv-choices">
            {q.options.map((o, i) => {
              const place = order.indexOf(i);
              return (
                <Choice
                  // biome-ignore lint/suspicious/noArrayIndexKey: an option is known by its place (answers are indexes)
                  key={i}
                  on={place >= 0}
                  label={o}
                  mark={place >= 0 ? String(place + 1) : '·'}
                  onClick={() => {
                    const next = place >= 0 ? order.filter((x) => x !== i) : [...order, i];
                    set(next.length ? next : undefined);
                  }}
                  testId={`${id}-${i}`}
                />
              );
            })}
          </div>
        </>
      );
    }
    case 'number':
      return (
        <input
          className="hy-input hy-sv-input"
          inputMode="decimal"
          aria-label={q.title}
          placeholder={t('mySurvey.numberPlaceholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const v = e.target.value.trim();
            set(v === '' || Number.isNaN(Number(v)) ? undefined : Number(v));
          }}
          data-testid={id}
        />
      );
    case 'date':
      return (
        <input
          className="hy-input hy-sv-input"
          type="date"
          aria-label={q.title}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value || undefined)}
          data-testid={id}
        />
      );
    case 'text':
      return (
        <input
          className="hy-input hy-sv-input"
          aria-label={q.title}
          placeholder={t('mySurvey.textPlaceholder')}
          maxLength={200}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value || undefined)}
          data-testid={id}
        />
      );
    default:
      return (
        <textarea
          className="hy-textarea hy-sv-input"
          rows={4}
          aria-label={q.title}
          placeholder={t('mySurvey.textPlaceholder')}
          maxLength={5000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value || undefined)}
          data-testid={id}
        />
      );
  }
}
