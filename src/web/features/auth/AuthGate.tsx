/**
 * Shows the login steps until the server says the session is ready, then the app.
 * A 401 anywhere sends the user back here; a 403 with `next` sends them to that step.
 */
import { Center, Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, Suspense, lazy, useEffect, useState } from 'react';
import { ApiError, onAuthProblem, setCsrfToken } from '../../api/client.ts';
import { authApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Me } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { followServerClock } from '../../lib/format.ts';
import { warmStart } from '../../app/warm-start.ts';

/** The login steps (with the QR code of the second factor) load only when someone must sign in. */
const LoginFlow = lazy(() => import('./LoginFlow.tsx').then((m) => ({ default: m.LoginFlow })));

const loading = (
  <Center h="100vh">
    <Loader aria-label="Đang tải" />
  </Center>
);

async function loadMe(): Promise<Me | null> {
  try {
    const me = await authApi.me();
    setCsrfToken(me.csrfToken);
    followServerClock(me.now);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function AuthGate({ children }: { children: (me: Me) => ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({ queryKey: keys.me, queryFn: loadMe, staleTime: 5 * 60_000, retry: 1 });
  // Once, at start: the reads the first page will need go out alongside the session check.
  useState(() => warmStart(queryClient, window.location.pathname));

  useEffect(() => {
    onAuthProblem(() => {
      void queryClient.invalidateQueries({ queryKey: keys.me });
    });
  }, [queryClient]);

  if (meQuery.isLoading) return loading;
  if (meQuery.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorAlert error={meQuery.error} onRetry={() => meQuery.refetch()} />
      </Center>
    );
  }
  const me = meQuery.data ?? null;
  if (!me || me.next !== 'ready') {
    return (
      <Suspense fallback={loading}>
        <LoginFlow
          key={me?.next ?? 'password'}
          initialStep={me?.next ?? 'password'}
          onReady={async () => {
            await queryClient.resetQueries();
          }}
        />
      </Suspense>
    );
  }
  return <>{children(me)}</>;
}
