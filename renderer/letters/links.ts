import type { DocumentKind } from '../../shared/domain/documents/documentMeta.ts';

/** Where a document is edited: the plan has one page; a report or a công văn has its own by id. */
export function editorPath(kind: DocumentKind, id: string): string {
  if (kind === 'plan') return '/plan';
  return `/${kind === 'letter' ? 'letters' : 'reports'}/${encodeURIComponent(id)}`;
}
