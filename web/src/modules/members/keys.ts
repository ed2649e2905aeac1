/**
 * The members module's query keys, in one place because a change in one sub-capability refreshes
 * others: an accepted transfer changes the member list, an approved correction the record.
 */
export const memberKeys = {
  all: ['members'] as const,
  list: (filter: object) => ['members', 'list', filter] as const,
  one: (id: string) => ['members', 'one', id] as const,
  history: (id: string) => ['members', 'history', id] as const,
  sanctions: (id: string, page: number) => ['members', 'sanctions', id, page] as const,
  trips: (id: string, page: number) => ['members', 'trips', id, page] as const,
  imports: (q: object) => ['members', 'imports', q] as const,
  importPreview: (id: string, page: number) => ['members', 'import', id, 'preview', page] as const,
  branch: (orgId: string) => ['members', 'branch', orgId] as const,
  quality: (q: object) => ['members', 'quality', q] as const,
  importJob: (id: string) => ['members', 'import', id] as const,
  transfers: ['transfers'] as const,
  pipeline: ['pipeline'] as const,
  dues: ['dues'] as const,
  corrections: ['corrections'] as const,
};
