/**
 * "Việc cần làm" (issue 15 §1): the first thing on the home page — what waits for this user, grouped,
 * each item with its count and a link to the page where it gets done (class and term preselected).
 */
import { Alert, Badge, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { TODO_GROUP_LABELS, type TodoKind } from '../../../shared/todo.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Page.tsx';
import { type TodoItem, todoApi, todoKey } from './todo-api.ts';

const ORDER = Object.keys(TODO_GROUP_LABELS) as TodoKind[];

/** Red when a window ends within 2 days (or has ended), orange within a week. */
function urgency(item: TodoItem): string {
  if (item.kind === 'window.closedEmpty') return 'red';
  if (item.daysLeft === null) return 'teal';
  return item.daysLeft <= 2 ? 'red' : item.daysLeft <= 7 ? 'orange' : 'gray';
}

function TodoRow({ item }: { item: TodoItem }) {
  return (
    <UnstyledButton component={Link} href={item.href} data-testid="todo-item" data-kind={item.kind} className="todo-row" p="xs" style={{ borderRadius: 6, display: 'block' }}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Badge color={urgency(item)} variant="light" miw={44} style={{ flexShrink: 0 }} data-testid="todo-count">
          {item.count}
        </Badge>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} c="teal.9" style={{ overflowWrap: 'anywhere' }}>
            {item.title}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {item.detail}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

export function TodoList({ yearId }: { yearId: string }) {
  // Always fresh when the home page opens: the work was just done elsewhere in the app.
  const todo = useQuery({ queryKey: todoKey(yearId), queryFn: () => todoApi.get(yearId), refetchOnMount: 'always', refetchInterval: 120_000 });
  if (todo.isLoading) return <Loading />;
  if (todo.error) return <ErrorAlert error={todo.error} onRetry={() => todo.refetch()} />;
  const items = todo.data?.items ?? [];
  const groups = ORDER.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })).filter((g) => g.items.length);
  return (
    <Card withBorder data-testid="todo" p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3">
          Việc cần làm
        </Title>
        <Badge size="lg" color={items.length ? 'red' : 'teal'} variant="filled" data-testid="todo-total">
          {items.length}
        </Badge>
      </Group>
      {groups.length === 0 && (
        <Alert color="teal" variant="light" data-testid="todo-empty">
          Không có việc nào đang chờ thầy/cô.
        </Alert>
      )}
      <Stack gap="sm">
        {groups.map((g) => (
          <Stack key={g.kind} gap={2} data-testid="todo-group" data-kind={g.kind}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {TODO_GROUP_LABELS[g.kind]} ({g.items.reduce((n, i) => n + i.count, 0)})
            </Text>
            {g.items.map((i) => (
              <TodoRow key={i.id} item={i} />
            ))}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
