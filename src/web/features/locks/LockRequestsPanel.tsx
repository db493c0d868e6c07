/** The admin board's lock requests (issue 14 §3): those waiting for the principal, and the latest decided. */
import { Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { keys } from '../../api/keys.ts';
import type { LocksOverview } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { type LockRequest, lockRequestsApi } from './lock-requests-api.ts';

/** The requests waiting for the principal: she (or her delegate) confirms or refuses; the others see them wait. */
export function PendingRequests({ yearId, overview }: { yearId: string; overview: LocksOverview }) {
  const pending = overview.requests.filter((r) => r.status === 'pending');
  if (!pending.length) return null;
  const deciding = pending.some((r) => r.canDecide);
  return (
    <Card withBorder mb="md" maw={900} bg="yellow.0" data-testid="pending-lock-requests">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Yêu cầu chờ xác nhận ({pending.length})
        </Title>
        <Text size="sm" c="dimmed">
          {deciding
            ? 'Ban quản trị đề nghị mở sổ hoặc đổi đợt cập nhật điểm. Việc chỉ có hiệu lực khi thầy/cô xác nhận.'
            : `Chờ Hiệu trưởng${overview.delegate ? ` (hoặc phó hiệu trưởng ${overview.delegate.fullName}, được ủy quyền)` : ''} xác nhận; chưa xác nhận thì sổ vẫn giữ nguyên.`}
        </Text>
        {pending.map((r) => (
          <PendingRequest key={r.id} yearId={yearId} request={r} />
        ))}
      </Stack>
    </Card>
  );
}

function PendingRequest({ yearId, request: r }: { yearId: string; request: LockRequest }) {
  const queryClient = useQueryClient();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'confirm' | 'refuse') => lockRequestsApi.decide(r.id, { decision, reason: reason.trim() }),
    onSuccess: async (d) => {
      queryClient.setQueryData(keys.locks(yearId), d);
      await queryClient.invalidateQueries({ queryKey: ['sheet'] });
      await queryClient.invalidateQueries({ queryKey: keys.notifications });
    },
  });
  return (
    <Card withBorder padding="sm" data-testid="lock-request">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ flex: '1 1 260px' }}>
          <Text fw={600} size="sm">
            {r.summary}
          </Text>
          <Text size="sm">Lý do: {r.reason}</Text>
          <Text size="xs" c="dimmed">
            {r.requestedByName} đề nghị lúc {formatDateTime(r.requestedAt)}
          </Text>
        </Stack>
        {r.canDecide ? (
          <Group gap="xs">
            <Button size="xs" color="teal" loading={decide.isPending && decide.variables === 'confirm'} onClick={() => decide.mutate('confirm')}>
              Xác nhận
            </Button>
            <Button size="xs" color="red" variant="light" onClick={() => setRefusing((v) => !v)}>
              Từ chối
            </Button>
          </Group>
        ) : (
          <Badge color="yellow" variant="light">
            Chờ xác nhận
          </Badge>
        )}
      </Group>
      {r.canDecide && refusing && (
        <Group align="flex-end" mt="xs" gap="xs">
          <Textarea label="Lý do từ chối" value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={1} style={{ flex: '1 1 240px' }} />
          <Button size="xs" color="red" disabled={!reason.trim()} loading={decide.isPending && decide.variables === 'refuse'} onClick={() => decide.mutate('refuse')}>
            Gửi từ chối
          </Button>
        </Group>
      )}
      {decide.error && <ErrorAlert error={decide.error} />}
    </Card>
  );
}

/** Requests already decided: who asked, who confirmed or refused. */
export function DecidedRequests({ requests }: { requests: LockRequest[] }) {
  const decided = requests.filter((r) => r.status !== 'pending');
  if (!decided.length) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Yêu cầu đã xử lý
      </Title>
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing="xs" data-testid="decided-lock-requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Yêu cầu</Table.Th>
              <Table.Th>Người đề nghị</Table.Th>
              <Table.Th>Kết quả</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decided.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text size="sm">{r.summary}</Text>
                  <Text size="xs" c="dimmed">
                    {r.reason}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.requestedByName}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(r.requestedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={r.status === 'confirmed' ? 'teal' : 'red'} variant="light">
                    {r.status === 'confirmed' ? 'Đã xác nhận' : 'Từ chối'}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {r.decidedByName}, {formatDateTime(r.decidedAt)}
                    {r.decisionReason && ` — ${r.decisionReason}`}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
