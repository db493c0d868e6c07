/** Trang chủ: "Việc cần làm" first (issue 15), then her own classes and a compact menu of what she may do here. */
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { NAV_ITEMS, navVisible } from '../../app/nav.ts';
import { useSession } from '../../app/session.tsx';
import { formatDate } from '../../lib/format.ts';
import { TodoList } from './TodoList.tsx';

export function Dashboard() {
  const { me, school, year, yearId, can, roleLabel } = useSession();
  const classes = useQuery({
    queryKey: keys.classes(yearId ?? ''),
    queryFn: () => setupApi.classes(yearId as string),
    // The server lists only the classes this user may see (all, or her homeroom and teaching classes).
    enabled: Boolean(yearId) && (can('class.view') || can('school.view')),
  });
  const byId = new Map((classes.data ?? []).map((c) => [c.id, c]));
  const homeroom = me.homeroomClassIds.map((id) => byId.get(id)).filter((c) => c !== undefined);
  const teachingClassIds = [...new Set(me.teaching.map((t) => t.classId))];
  const teaching = teachingClassIds.map((id) => byId.get(id)).filter((c) => c !== undefined);
  const items = NAV_ITEMS.filter((i) => i.href !== '/' && navVisible(i, me, can, school?.level));
  const primary = school?.level === 'primary';

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Title order={1} size="h2">
          Xin chào, {me.user.fullName}
        </Title>
        <Text c="dimmed" size="sm">
          {roleLabel}
          {school ? ` — ${school.name}` : ''}
        </Text>
        {year && (
          <Text size="sm">
            Năm học {year.name}: từ {formatDate(year.startsOn)} đến {formatDate(year.endsOn)}
          </Text>
        )}
      </Stack>

      {yearId && <TodoList yearId={yearId} />}

      {homeroom.map((c) => (
        <Card key={c.id} withBorder data-testid="homeroom-card">
          <Text fw={600} mb={6}>
            Lớp chủ nhiệm {c.name}
            <Text span c="dimmed" size="sm">
              {' '}
              — {c.studentCount} học sinh
            </Text>
          </Text>
          <Group gap="xs">
            {homeroomShortcuts(c.id, primary).map((s) => (
              <Button key={s.href} component={Link} href={s.href} size="xs" variant="light">
                {s.label}
              </Button>
            ))}
          </Group>
        </Card>
      ))}

      {(homeroom.length > 0 || teaching.length > 0) && (
        <Card withBorder>
          <Stack gap="xs">
            {homeroom.length > 0 && (
              <Group gap="xs">
                <Text fw={500}>Lớp chủ nhiệm:</Text>
                {homeroom.map((c) => (
                  <Anchor key={c.id} component={Link} href={`/lop/${c.id}`}>
                    Lớp {c.name}
                  </Anchor>
                ))}
              </Group>
            )}
            {teaching.length > 0 && (
              <Group gap="xs">
                <Text fw={500}>Lớp giảng dạy:</Text>
                {teaching.map((c) => (
                  <Badge key={c.id} variant="light" component={Link} href={`/lop/${c.id}`} style={{ cursor: 'pointer' }}>
                    {c.name}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        </Card>
      )}

      {items.length > 0 ? (
        <Stack gap={6}>
          <Text fw={600} size="sm" c="dimmed">
            Tất cả chức năng
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing={6} verticalSpacing={6} data-testid="home-menu">
            {items.map((item) => (
              <Button key={item.href} component={Link} href={item.href} variant="default" size="sm" justify="flex-start" title={item.description} styles={{ label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.2 } }} h="auto" py={6}>
                {item.label}
              </Button>
            ))}
          </SimpleGrid>
        </Stack>
      ) : (
        <Text c="dimmed">Tài khoản chưa được phân quyền chức năng nào ở trường này.</Text>
      )}
    </Stack>
  );
}

/** The homeroom teacher's daily work on her class, one click each. */
function homeroomShortcuts(classId: string, primary: boolean): { href: string; label: string }[] {
  return [
    { href: `/diem-danh/${classId}`, label: 'Điểm danh' },
    { href: `/ne-nep/${classId}`, label: 'Nề nếp tuần' },
    ...(primary
      ? [
          { href: `/tieu-hoc/${classId}`, label: 'Phẩm chất, năng lực' },
          { href: `/so-tong-hop/${classId}`, label: 'Sổ tổng hợp kết quả' },
        ]
      : [
          { href: `/ren-luyen/${classId}`, label: 'Kết quả rèn luyện' },
          { href: `/ket-qua/${classId}`, label: 'Kết quả học tập, tổng hợp' },
          { href: `/kiem-tra-lai/${classId}`, label: 'Kiểm tra lại' },
        ]),
    { href: `/so-theo-doi/${classId}`, label: 'Sổ theo dõi' },
    { href: `/lop/${classId}`, label: 'Danh sách lớp' },
  ];
}
