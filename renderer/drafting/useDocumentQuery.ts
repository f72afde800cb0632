import { useQuery } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api.ts';
import { call, type ApiError } from '../api.ts';

/** The cache key of an editor's document: its own, never shared with a page's summary read. */
export const documentQueryKey = (name: MethodName, input: unknown) => ['editor', name, input] as const;

/**
 * A document an editor starts from: always fetched fresh when the editor opens (never a cached
 * copy that autosave has since moved past) and dropped from the cache when the editor closes.
 * The key is the editor's own: the home page reads `plans.get` too, and its copy (kept for
 * minutes) would otherwise be handed to the editor on the way back from the preview.
 * `ready` is false until the fetch made for this opening has returned.
 */
export function useDocumentQuery<K extends MethodName>(name: K, input: MethodInput<K>) {
  const query = useQuery<MethodOutput<K>, ApiError>({
    queryKey: documentQueryKey(name, input),
    queryFn: () => call(name, input),
    gcTime: 0,
    staleTime: 0,
    refetchOnMount: 'always',
  });
  return { query, ready: query.isSuccess && query.isFetchedAfterMount };
}

export function navigate(path: string) {
  window.location.hash = path;
}
