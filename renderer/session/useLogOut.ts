import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MethodOutput } from '../../shared/api.ts';
import { call, type ApiError } from '../api.ts';
import { saveAllPending } from '../unsavedWork.ts';

type AppStatus = MethodOutput<'app.status'>;

/**
 * "Đăng xuất" that leaves nothing calling the API: the editors' pending edits are saved first
 * (while the session still allows it), in-flight reads are cancelled, and after the logout the
 * cached status says "no user" — so the login page shows without a refetch, every page unmounts
 * with its polls — and every other cached read of this user is dropped, so the next user sees
 * none of it. Unlike other changes it refetches nothing: every read would be refused (401).
 */
export function useLogOut(onLoggedOut: () => void) {
  const client = useQueryClient();
  return useMutation<MethodOutput<'auth.logout'>, ApiError, void>({
    mutationFn: async () => {
      await saveAllPending();
      await client.cancelQueries();
      return call('auth.logout', {});
    },
    onSuccess: () => {
      onLoggedOut();
      client.setQueryData<AppStatus>(['app.status', {}], (s) => (s ? { ...s, user: null } : s));
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'app.status' });
      client.getMutationCache().clear();
    },
  });
}
