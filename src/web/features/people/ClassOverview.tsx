/** Lớp học: the classes of the selected year, by grade, each linking to its list. */
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { sortClasses } from '../setup/ClassesPanel.tsx';
import { useClasses } from './hooks.ts';

export function ClassOverview({ yearId }: { yearId: string }) {
  const { year, me } = useSession();
  const classes = useClasses(yearId);
  const sorted = sortClasses(classes.data ?? []);
  const grades = [...new Set(sorted.map((c) => c.grade))];
  return (
    <>
      <PageHeader title="Lớp học" subtitle={year ? `Năm học ${year.name}` : undefined} />
      {classes.isLoading && <Loading />}
      {classes.error && <ErrorAlert error={classes.error} onRetry={() => classes.refetch()} />}
      {classes.data && sorted.length === 0 && <Text c="dimmed">Năm học này chưa có lớp.</Text>}
      <Stack gap="lg">
        {grades.map((g) => (
          <Stack key={g} gap="xs">
            <Title order={2} size="h4">
              Khối {g}
            </Title>
            <SimpleGrid cols={{ base: 2, xs: 3, md: 4, lg: 5 }}>
              {sorted
                .filter((c) => c.grade === g)
                .map((c) => (
                  <Card key={c.id} withBorder padding="sm" component={Link} href={`/lop/${c.id}`} style={{ textDecoration: 'none' }}>
                    <Group justify="space-between" wrap="nowrap">
                      <Anchor component="span" fw={700} size="lg">
                        {c.name}
                      </Anchor>
                      <Badge variant="light" title="Sĩ số">
                        {c.studentCount} HS
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      GVCN: {c.homeroomName ?? 'chưa phân công'}
                    </Text>
                    {me.homeroomClassIds.includes(c.id) && (
                      <Badge size="xs" mt={4} color="orange" variant="light">
                        Lớp chủ nhiệm
                      </Badge>
                    )}
                  </Card>
                ))}
            </SimpleGrid>
          </Stack>
        ))}
      </Stack>
    </>
  );
}
