import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { login, type Credentials } from './api';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => login(credentials),
    onSuccess: (tokens) => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.auth.me(), tokens.user);
    },
  });
}
