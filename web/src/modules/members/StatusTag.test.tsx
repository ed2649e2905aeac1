import { describe, expect, it } from 'vitest';
import { renderHtml, textOf } from '../../app/testing.tsx';
import { StatusTag } from './StatusTag.tsx';

describe("a member's category as a tag", () => {
  it('is written out, not told by colour alone', async () => {
    const html = await renderHtml(<StatusTag status="probationary" />);
    expect(textOf(html)).toBe('预备党员');
    expect(html).toContain('orange');
  });
  it('speaks the user’s language', async () => {
    expect(textOf(await renderHtml(<StatusTag status="full" />, { lang: 'en' }))).toBe('Full member');
  });
});
