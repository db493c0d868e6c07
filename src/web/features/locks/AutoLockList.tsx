/**
 * The locks set by the end of an update window (issue 15 §2), next to the manual ones: what each
 * covers, since when, whose window, until when, and per class the required cells it locked empty.
 */
import { Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import type { z } from 'zod';
import type { ZAutoLock } from '../../../shared/locks.ts';
import { formatDate } from '../../lib/format.ts';

export type AutoLock = z.infer<typeof ZAutoLock>;

export function AutoLockList({ autoLocks }: { autoLocks: AutoLock[] }) {
  if (!autoLocks.length) return null;
  return (
    <Stack gap="xs" data-testid="auto-locks">
      {autoLocks.map((a) => (
        <Card key={a.windowId} withBorder padding="sm" data-testid="auto-lock">
          <Group gap="xs" mb={4} wrap="wrap">
            <Badge color="orange" variant="light">
              Tự khóa
            </Badge>
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {a.scopeLabel}
            </Text>
          </Group>
          <Text size="sm">
            {a.reason}: sổ tự khóa từ hết ngày {formatDate(a.closesOn)}
            {a.setByName ? ` (đợt do ${a.setByName} đặt)` : ''}.
          </Text>
          <Text size="xs" c="dimmed">
            {a.until}
          </Text>
          {a.emptyByClass.length > 0 ? (
            <Table striped withTableBorder fz="sm" mt="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Lớp</Table.Th>
                    <Table.Th>Cột còn trống khi khóa</Table.Th>
                    <Table.Th ta="right">Ô trống</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {a.emptyByClass.map((c) => (
                    <Table.Tr key={c.classId} data-testid="auto-lock-class">
                      <Table.Td className="nowrap">{c.className}</Table.Td>
                      <Table.Td>{c.columns}</Table.Td>
                      <Table.Td ta="right">{c.emptyCells}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
            </Table>
          ) : (
            <Text size="sm" c="teal.8" mt={4}>
              Mọi lớp đã nhập đủ các cột bắt buộc trước khi đợt kết thúc.
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}
