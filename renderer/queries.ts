import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../shared/api.ts';
import { call, type ApiError } from './api.ts';

/** A read through the contract; `enabled: false` waits until what it depends on is known. */
export function useApiQuery<K extends MethodName>(
  name: K,
  input: MethodInput<K>,
  options: { enabled?: boolean } = {},
) {
  return useQuery<MethodOutput<K>, ApiError>({
    queryKey: [name, input],
    queryFn: () => call(name, input),
    enabled: options.enabled ?? true,
  });
}

/** A change: on success every cached read is refetched, since one change can touch many views. */
export function useApiMutation<K extends MethodName>(name: K) {
  const client = useQueryClient();
  return useMutation<MethodOutput<K>, ApiError, MethodInput<K>>({
    mutationFn: (input) => call(name, input),
    onSuccess: () => client.invalidateQueries(),
  });
}
