/** The frame of every page: header (app, school, school year, user) and the role-aware menu. */
import { AppShell, Avatar, Burger, Group, NativeSelect, NavLink, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, Suspense, lazy, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { setCsrfToken } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { NAV_ITEMS, navVisible } from './nav.ts';
import { useSession } from './session.tsx';

// The header's pop-ups (account menu, notifications) and the recovery codes load just after the
// shell, so that the first page and its first editable cell do not wait for the pop-up machinery.
const UserMenu = lazy(() => import('../features/shell/UserMenu.tsx').then((m) => ({ default: m.UserMenu })));
const NotificationBell = lazy(() =>
  import('../features/shell/NotificationBell.tsx').then((m) => ({ default: m.NotificationBell })),
);
const RecoveryCodesModal = lazy(() =>
  import('../features/auth/RecoveryCodes.tsx').then((m) => ({ default: m.RecoveryCodesModal })),
);

function initials(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return (parts.length > 1 ? parts[parts.length - 1][0] : parts[0]?.[0] ?? '?').toUpperCase();
}

function AccountAvatar({ fullName }: { fullName: string }) {
  return (
    <Avatar color="teal" radius="xl" size={32}>
      {initials(fullName)}
    </Avatar>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSession();
  const { me, school, years, yearId, setYearId, can } = session;
  const [location] = useLocation();
  const queryClient = useQueryClient();
  const wide = useMediaQuery('(min-width: 48em)', true);
  const [recoveryOpen, setRecoveryOpen] = useState(false);

  const logout = async () => {
    await authApi.logout().catch(() => undefined);
    setCsrfToken(null);
    queryClient.clear();
    window.location.assign('/');
  };

  const items = NAV_ITEMS.filter((item) => navVisible(item, me, can, school?.level));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header className="no-print">
        <Group h="100%" px="sm" gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Mở menu" />
            <Text component={Link} href="/" fw={700} c="teal.8" size="lg" className="nowrap">
              Sổ Điểm Số
            </Text>
            {school && (
              <Text size="sm" c="dimmed" truncate visibleFrom="md" maw={280} title={school.name}>
                {school.name}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            {years.length > 0 && (
              <NativeSelect
                aria-label="Năm học"
                size="xs"
                w={{ base: 118, sm: 170 }}
                data={years.map((y) => ({ value: y.id, label: wide ? `Năm học ${y.name}` : y.name }))}
                value={yearId ?? ''}
                onChange={(e) => setYearId(e.currentTarget.value)}
                data-testid="year-switcher"
              />
            )}
            <Suspense fallback={<div style={{ width: 34 }} />}>
              <NotificationBell />
            </Suspense>
            <Suspense fallback={<AccountAvatar fullName={me.user.fullName} />}>
              <UserMenu
                session={session}
                onRecoveryCodes={() => setRecoveryOpen(true)}
                onLogout={logout}
                avatar={<AccountAvatar fullName={me.user.fullName} />}
              />
            </Suspense>
          </Group>
        </Group>
      </AppShell.Header>

      {recoveryOpen && (
        <Suspense fallback={null}>
          <RecoveryCodesModal username={me.user.username} onClose={() => setRecoveryOpen(false)} />
        </Suspense>
      )}

      <AppShell.Navbar p="xs" className="no-print">
        <AppShell.Section hiddenFrom="md" mb="xs">
          <Text size="sm" fw={500} px="xs">
            {school?.name}
          </Text>
          <Text size="xs" c="dimmed" px="xs">
            {me.user.fullName} — {session.roleLabel}
          </Text>
        </AppShell.Section>
        <AppShell.Section grow style={{ overflowY: 'auto' }}>
          {items.map((item) => {
            const active = item.href === '/' ? location === '/' : location === item.href || location.startsWith(`${item.href}/`);
            return (
              <NavLink key={item.href} component={Link} href={item.href} label={item.label} active={active} onClick={close} />
            );
          })}
        </AppShell.Section>
        <AppShell.Section>
          <NavLink component="button" label="Đăng xuất" c="red" onClick={logout} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <ErrorBoundary resetKey={location}>{children}</ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
