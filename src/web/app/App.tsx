import { Badge, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { AuthGate } from '../features/auth/AuthGate.tsx';
import { AppRoutes } from './AppRoutes.tsx';
import { AppLayout } from './AppLayout.tsx';
import { SessionProvider } from './session.tsx';

const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif',
  // Badges as written, not in capitals: upper case turns the Ministry's ĐĐGtx into "ĐĐGTX" (issue 15 §8).
  components: { Badge: Badge.extend({ defaultProps: { tt: 'none' } }) },
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <AuthGate>
          {(me) => (
            <SessionProvider me={me}>
              <AppLayout>
                <AppRoutes />
              </AppLayout>
            </SessionProvider>
          )}
        </AuthGate>
      </QueryClientProvider>
    </MantineProvider>
  );
}
