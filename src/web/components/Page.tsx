/** Common page parts: the title row, loading, "forbidden" and "no school year" states. */
import { Alert, Anchor, Breadcrumbs, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { Ability } from '../api/types.ts';
import { useSession } from '../app/session.tsx';

export function PageHeader({
  title,
  subtitle,
  actions,
  crumbs,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  crumbs?: { label: string; href?: string }[];
}) {
  return (
    <Stack gap={4} mb="md">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumbs separator="›" className="no-print" styles={{ root: { flexWrap: 'wrap' } }}>
          {crumbs.map((c, i) =>
            c.href ? (
              <Anchor key={i} component={Link} href={c.href} size="sm">
                {c.label}
              </Anchor>
            ) : (
              <Text key={i} size="sm" c="dimmed">
                {c.label}
              </Text>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={1} size="h2">
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="xs" className="no-print">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <Center py="xl">
      <Group gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

/** Renders children only when the server allows the action; otherwise explains. */
export function RequireAbility({ ability, children }: { ability: Ability; children: ReactNode }) {
  const { can } = useSession();
  if (!can(ability)) {
    return (
      <Alert color="orange" title="Không có quyền">
        Tài khoản của thầy/cô không được dùng chức năng này. Nếu cần, hãy liên hệ Ban quản trị phần mềm của trường.
      </Alert>
    );
  }
  return <>{children}</>;
}

/** Renders children with the selected school year, or tells how to create one. */
export function RequireYear({ children }: { children: (yearId: string) => ReactNode }) {
  const { yearId, yearsLoading, can } = useSession();
  if (yearsLoading) return <Loading />;
  if (!yearId) {
    return (
      <Alert color="blue" title="Chưa có năm học">
        Trường chưa có năm học nào.{' '}
        {can('setup.manage') ? (
          <Anchor component={Link} href="/thiet-lap">
            Tạo năm học mới
          </Anchor>
        ) : (
          'Ban quản trị phần mềm cần thiết lập năm học trước.'
        )}
      </Alert>
    );
  }
  return <>{children(yearId)}</>;
}
