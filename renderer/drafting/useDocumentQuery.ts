import { useQuery } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api.ts';
import { call, type ApiError } from '../api.ts';

/**
 * A document an editor starts from: always fetched fresh when the editor opens (never a cached
 * copy that autosave has since moved past) and dropped from the cache when the editor closes.
 */
export function useDocumentQuery<K extends MethodName>(name: K, input: MethodInput<K>) {
  return useQuery<MethodOutput<K>, ApiError>({
    queryKey: [name, input],
    queryFn: () => call(name, input),
    gcTime: 0,
    refetchOnMount: 'always',
  });
}

export function navigate(path: string) {
  window.location.hash = path;
}
