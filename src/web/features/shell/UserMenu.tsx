/** The account menu in the header: who is signed in, switching school, recovery codes, signing out. */
import { Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Session } from '../../app/session.tsx';

export function UserMenu({
  session,
  avatar,
  onRecoveryCodes,
  onLogout,
}: {
  session: Session;
  avatar: ReactNode;
  onRecoveryCodes: () => void;
  onLogout: () => void;
}) {
  const { me, school } = session;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="Tài khoản của tôi">
          <Group gap={6} wrap="nowrap">
            {avatar}
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
        {me.user.totpEnabled && <Menu.Item onClick={onRecoveryCodes}>Mã khôi phục</Menu.Item>}
        <Menu.Item color="red" onClick={onLogout}>
          Đăng xuất
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
