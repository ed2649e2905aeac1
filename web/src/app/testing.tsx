import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import i18n, { type Lang } from './i18n.ts';

/**
 * For unit tests: renders a screen or part to HTML in Node, as the user would first see it, with
 * what the server answered already in the query cache (no request is made) and in the language
 * asked for. No DOM library: what a test checks is the words on the page.
 */
export async function renderHtml(
  ui: ReactNode,
  { queries = [], lang = 'zh-CN' }: { queries?: [readonly unknown[], unknown][]; lang?: Lang } = {},
): Promise<string> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  for (const [key, data] of queries) client.setQueryData(key, data);
  const before = i18n.language;
  await i18n.changeLanguage(lang);
  try {
    return renderToString(
      <QueryClientProvider client={client}>
        <MemoryRouter>{ui}</MemoryRouter>
      </QueryClientProvider>,
    );
  } finally {
    await i18n.changeLanguage(before);
  }
}

/** The text of some HTML as a reader reads it: blocks and cells apart, inline tags dropped. */
export const textOf = (html: string): string =>
  html
    .replace(/<\/(p|div|li|td|th|dt|dd|h[1-6]|tr|section)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** The HTML of the first element carrying data-testid="id" (its opening tag to the end of the page). */
export function byTestId(html: string, id: string): string {
  const at = html.indexOf(`data-testid="${id}"`);
  if (at < 0) throw new Error(`no element with data-testid="${id}"`);
  return html.slice(html.lastIndexOf('<', at));
}
