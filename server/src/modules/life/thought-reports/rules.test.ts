import { describe, expect, it } from 'vitest';
import { mustHandInThoughtReports } from '../../members/index.ts';
import {
  attachmentKind,
  cleanFileName,
  defaultTitle,
  dueState,
  handInDecision,
  isDue,
  isExecutable,
  periodEndingIn,
  periodNamed,
  periodOf,
  plainText,
  previousPeriod,
} from './rules.ts';

describe('who hands in thought reports (发展党员工作细则第十、十一、三十一条)', () => {
  it('activists, candidates and probationary members do; applicants and full members do not', () => {
    expect(mustHandInThoughtReports('activist', 'normal')).toBe(true);
    expect(mustHandInThoughtReports('candidate', 'normal')).toBe(true);
    expect(mustHandInThoughtReports('probationary', 'normal')).toBe(true);
    expect(mustHandInThoughtReports('applicant', 'normal')).toBe(false);
    expect(mustHandInThoughtReports('full', 'normal')).toBe(false);
  });
  it('a probationer whose membership is suspended, or who left, is not asked', () => {
    expect(mustHandInThoughtReports('probationary', 'suspended')).toBe(false);
    expect(mustHandInThoughtReports('probationary', 'left')).toBe(false);
  });
});

describe('the period of a day, at the branch’s frequency', () => {
  it('quarterly (the default): 20 November 2026 is in the fourth quarter, October to December', () => {
    expect(periodOf('2026-11-20', 'quarterly')).toEqual({
      label: '2026-Q4',
      frequency: 'quarterly',
      start: '2026-10-01',
      last: '2026-12-31',
    });
    expect(periodOf('2026-03-31', 'quarterly').label).toBe('2026-Q1');
    expect(periodOf('2026-04-01', 'quarterly').label).toBe('2026-Q2');
  });
  it('monthly: the calendar month, February ending on its last day', () => {
    expect(periodOf('2028-02-10', 'monthly')).toEqual({
      label: '2028-02',
      frequency: 'monthly',
      start: '2028-02-01',
      last: '2028-02-29',
    });
  });
  it('half-yearly: January to June, July to December', () => {
    expect(periodOf('2026-06-30', 'half_yearly')).toMatchObject({ label: '2026-H1', last: '2026-06-30' });
    expect(periodOf('2026-07-01', 'half_yearly')).toMatchObject({ label: '2026-H2', start: '2026-07-01' });
  });
  it('a label names its period back, and the period before one crosses the year', () => {
    expect(periodNamed('2026-Q4')).toEqual(periodOf('2026-10-01', 'quarterly'));
    expect(periodNamed('2026-H1')).toEqual(periodOf('2026-01-01', 'half_yearly'));
    expect(periodNamed('2026-12')).toEqual(periodOf('2026-12-05', 'monthly'));
    expect(periodNamed('2026-Q5')).toBeNull();
    expect(previousPeriod(periodOf('2026-01-15', 'quarterly')).label).toBe('2025-Q4');
    expect(previousPeriod(periodOf('2026-01-15', 'half_yearly')).label).toBe('2025-H2');
    expect(previousPeriod(periodOf('2026-01-15', 'monthly')).label).toBe('2025-12');
  });
  it('a month counts the periods that end in it: every month, quarter ends, half-year ends', () => {
    expect(periodEndingIn('2026-11', 'monthly')?.label).toBe('2026-11');
    expect(periodEndingIn('2026-11', 'quarterly')).toBeNull();
    expect(periodEndingIn('2026-12', 'quarterly')?.label).toBe('2026-Q4');
    expect(periodEndingIn('2026-09', 'half_yearly')).toBeNull();
    expect(periodEndingIn('2026-06', 'half_yearly')?.label).toBe('2026-H1');
  });
  it('a report without a title is named after its period', () => {
    expect(defaultTitle('2026-Q4')).toBe('2026年第四季度思想汇报');
    expect(defaultTitle('2026-H2')).toBe('2026年下半年思想汇报');
    expect(defaultTitle('2026-03')).toBe('2026年3月思想汇报');
  });
});

describe('due and missing, per writer and period', () => {
  const q4 = periodOf('2026-11-20', 'quarterly');
  it('an activist named before the quarter began owes its report', () => {
    expect(isDue({ writerFrom: '2026-05-10', writerUntil: null }, q4)).toBe(true);
    expect(isDue({ writerFrom: '2026-10-01', writerUntil: null }, q4)).toBe(true);
  });
  it('a probationer admitted in the middle of the quarter starts with the next one', () => {
    expect(isDue({ writerFrom: '2026-10-02', writerUntil: null }, q4)).toBe(false);
  });
  it('a probationer who became full during the quarter is not asked for it', () => {
    expect(isDue({ writerFrom: '2025-09-01', writerUntil: '2026-12-01' }, q4)).toBe(false);
    expect(isDue({ writerFrom: '2025-09-01', writerUntil: '2027-01-01' }, q4)).toBe(true);
  });
  it('a writer whose dates are not on file is not excused', () => {
    expect(isDue({ writerFrom: null, writerUntil: null }, q4)).toBe(true);
  });
  it('a report not handed in is due while the quarter runs, missing from the day after it ends', () => {
    expect(dueState(q4, '2026-12-31')).toBe('due');
    expect(dueState(q4, '2027-01-01')).toBe('missing');
  });
  it('one report per period: a second replaces one not yet reviewed, and is refused after the review', () => {
    expect(handInDecision(null)).toBe('new');
    expect(handInDecision({ reviewedAt: null })).toBe('replace');
    expect(handInDecision({ reviewedAt: new Date('2026-11-21T02:00:00Z') })).toBe('closed');
  });
});

describe('the text is plain text: markup is removed, what remains shows as text', () => {
  it('a script and an event handler are removed, the words kept', () => {
    expect(plainText('<script>alert(1)</script>坚定理想信念<img src=x onerror="alert(2)">')).toBe(
      '坚定理想信念',
    );
    expect(plainText('<b onmouseover="steal()">加强学习</b>')).toBe('加强学习');
  });
  it('escaped markup does not come back as markup', () => {
    expect(plainText('&lt;script&gt;alert(1)&lt;/script&gt;汇报')).toBe('汇报');
  });
  it('ordinary signs and line breaks stay as written', () => {
    expect(plainText('  收入 < 支出 & 节约\r\n第二段  ')).toBe('收入 < 支出 & 节约\n第二段');
  });
});

describe('attachments: a document or a picture, judged by its bytes', () => {
  const bytes = (...b: number[]) => Buffer.from([...b, ...Array(32).fill(0)]);
  const zip = (...entries: string[]) =>
    Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entries.join('…'))]);
  it('PDF, Word (new and old), JPG and PNG are accepted, each with the type it really is', () => {
    expect(attachmentKind(Buffer.from('%PDF-1.7\n…'), 'a.pdf')).toEqual({
      ext: 'pdf',
      type: 'application/pdf',
    });
    expect(attachmentKind(bytes(0xff, 0xd8, 0xff, 0xe0), 'scan.jpeg')?.type).toBe('image/jpeg');
    expect(attachmentKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))?.ext).toBe('png');
    expect(attachmentKind(zip('[Content_Types].xml', 'word/document.xml'), '汇报.docx')?.ext).toBe('docx');
    expect(attachmentKind(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), '汇报.wps')?.ext).toBe(
      'wps',
    );
  });
  it('a picture named .pdf is kept as the picture it is', () => {
    expect(attachmentKind(bytes(0xff, 0xd8, 0xff, 0xe0), 'report.pdf')?.ext).toBe('jpg');
  });
  it('an executable renamed .pdf is not a PDF, and is named as a program', () => {
    const exe = bytes(0x4d, 0x5a, 0x90, 0x00);
    expect(attachmentKind(exe, 'report.pdf')).toBeNull();
    expect(isExecutable(exe)).toBe(true);
    expect(isExecutable(Buffer.from('#!/bin/sh\nrm -rf /'))).toBe(true);
    expect(isExecutable(Buffer.from('%PDF-1.7'))).toBe(false);
  });
  it('a zip that is not an Office document is refused', () => {
    expect(attachmentKind(zip('evil.exe'), 'report.docx')).toBeNull();
  });
  it('the file keeps its name without a path, with the extension of what it is', () => {
    const pdf = { ext: 'pdf', type: 'application/pdf' };
    expect(cleanFileName('C:\\Users\\李\\第四季度汇报.PDF', pdf)).toBe('第四季度汇报.pdf');
    expect(cleanFileName('../../etc/passwd', { ext: 'jpg', type: 'image/jpeg' })).toBe('passwd.jpg');
    expect(cleanFileName(undefined, { ext: 'png', type: 'image/png' })).toBe('思想汇报附件.png');
  });
});
