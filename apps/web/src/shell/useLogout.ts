import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, resetCsrfToken } from '../api/client';

/** Ends the session, forgets every cached answer and returns to the login screen. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      resetCsrfToken();
      queryClient.clear();
      navigate('/login', { replace: true });
    },
  });
}
