/** The frame of every page: header (app, school, school year, user) and the role-aware menu. */
import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { setCsrfToken } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { RecoveryCodesModal } from '../features/auth/RecoveryCodes.tsx';
import { NotificationBell } from '../features/shell/NotificationBell.tsx';
import { NAV_ITEMS, navVisible } from './nav.ts';
import { useSession } from './session.tsx';

function initials(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return (parts.length > 1 ? parts[parts.length - 1][0] : parts[0]?.[0] ?? '?').toUpperCase();
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
              <Select
                aria-label="Năm học"
                size="xs"
                w={{ base: 118, sm: 170 }}
                allowDeselect={false}
                data={years.map((y) => ({ value: y.id, label: wide ? `Năm học ${y.name}` : y.name }))}
                value={yearId}
                onChange={(v) => v && setYearId(v)}
                comboboxProps={{ withinPortal: true }}
                data-testid="year-switcher"
              />
            )}
            <NotificationBell />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label="Tài khoản của tôi">
                  <Group gap={6} wrap="nowrap">
                    <Avatar color="teal" radius="xl" size={32}>
                      {initials(me.user.fullName)}
                    </Avatar>
                    <Stack gap={0} visibleFrom="lg" maw={200}>
                      <Text size="sm" fw={500} truncate>
                        {me.user.fullName}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {session.roleLabel}
                      </Text>
                    </Stack>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <Text size="sm" fw={500} c="dark">
                    {me.user.fullName}
                  </Text>
                  <Text size="xs">{session.roleLabel}</Text>
                  {school && <Text size="xs">{school.name}</Text>}
                </Menu.Label>
                {me.schools.length > 1 && (
                  <>
                    <Menu.Divider />
                    <Menu.Label>Chuyển trường</Menu.Label>
                    {me.schools.map((s) => (
                      <Menu.Item key={s.id} onClick={() => session.setSchoolId(s.id)} disabled={s.id === session.schoolId}>
                        {s.name}
                      </Menu.Item>
                    ))}
                  </>
                )}
                <Menu.Divider />
                {me.user.totpEnabled && <Menu.Item onClick={() => setRecoveryOpen(true)}>Mã khôi phục</Menu.Item>}
                <Menu.Item color="red" onClick={logout}>
                  Đăng xuất
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      {recoveryOpen && <RecoveryCodesModal username={me.user.username} onClose={() => setRecoveryOpen(false)} />}

      <AppShell.Navbar p="xs" className="no-print">
        <AppShell.Section hiddenFrom="md" mb="xs">
          <Text size="sm" fw={500} px="xs">
            {school?.name}
          </Text>
          <Text size="xs" c="dimmed" px="xs">
            {me.user.fullName} — {session.roleLabel}
          </Text>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
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
