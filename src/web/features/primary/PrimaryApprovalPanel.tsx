/**
 * The approval of a primary class's four points (C5, TT 27/2020): per point whether the summary
 * book is complete, the homeroom teacher's proposal, the principal's approval (when, by whom, and
 * whether the data changed since the frozen snapshot), with the propose and approve buttons.
 */
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { primaryApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { PrimaryApprovals, PrimaryPoint } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Page.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { primaryPointLabel } from '../../../shared/labels.ts';

type PointApproval = PrimaryApprovals['points'][number];

export function PrimaryApprovalPanel({ classId }: { classId: string }) {
  const q = useQuery({ queryKey: keys.primaryApprovals(classId), queryFn: () => primaryApi.approvals(classId), staleTime: 0 });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const data = q.data as PrimaryApprovals;
  return (
    <Card withBorder padding="sm" data-testid="primary-approvals">
      <Stack gap="xs">
        <Title order={5}>Phê duyệt kết quả đánh giá</Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          {data.points.map((p) => (
            <PointCard key={p.point} classId={classId} row={p} />
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Khi Hiệu trưởng phê duyệt, kết quả của thời điểm được lưu cố định và sổ của thời điểm đó bị khóa; muốn sửa cần giấy đề nghị thay đổi thông tin.
        </Text>
      </Stack>
    </Card>
  );
}

function PointCard({ classId, row }: { classId: string; row: PointApproval }) {
  const { me, can } = useSession();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.primaryApprovals(classId) });
  const point: PrimaryPoint = row.point;
  const propose = useMutation({ mutationFn: () => primaryApi.propose(classId, point), onSuccess: refresh });
  const approve = useMutation({ mutationFn: () => primaryApi.approve(classId, point, row.proposal!.id), onSuccess: refresh });
  const { proposal, approved } = row;
  const upToDate = approved && !approved.changedSince && !proposal;
  const canPropose = me.homeroomClassIds.includes(classId) && row.missingCount === 0 && !upToDate && !(proposal && !proposal.changedSince);
  const canApprove = can('results.approve') && row.missingCount === 0 && proposal && !proposal.changedSince;
  const proposed = proposal ?? approved;
  return (
    <Card withBorder padding="xs" data-testid={`approval-${point}`}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{primaryPointLabel(point, 'kỳ')}</Text>
          {row.missingCount ? (
            <Badge color="orange" variant="light">
              Còn thiếu {row.missingCount} mục
            </Badge>
          ) : (
            <Badge color="teal" variant="light">
              Đủ dữ liệu
            </Badge>
          )}
        </Group>
        <Text size="sm" c={proposed ? undefined : 'dimmed'}>
          {proposed ? `Đề nghị: ${formatDateTime(proposed.proposedAt)} — ${proposed.proposedByName}` : 'Chưa đề nghị'}
          {proposal?.changedSince && (
            <Badge ml={4} color="orange" variant="light">
              dữ liệu đã thay đổi, cần đề nghị lại
            </Badge>
          )}
        </Text>
        <Text size="sm" c={approved ? undefined : 'dimmed'} data-testid={`approved-${point}`}>
          {approved ? `Phê duyệt: ${formatDateTime(approved.approvedAt)} — ${approved.approvedByName}` : 'Chưa phê duyệt'}
          {approved?.changedSince && (
            <Badge ml={4} color="orange" variant="light">
              dữ liệu đã khác bản đã duyệt
            </Badge>
          )}
        </Text>
        {(propose.error || approve.error) && <ErrorAlert error={propose.error ?? approve.error} />}
        <Group gap={4} className="no-print">
          {me.homeroomClassIds.includes(classId) && (
            <Button size="xs" variant="light" disabled={!canPropose} loading={propose.isPending} onClick={() => propose.mutate()} data-testid={`propose-${point}`}>
              {proposal?.changedSince ? 'Đề nghị lại' : 'Đề nghị phê duyệt'}
            </Button>
          )}
          {can('results.approve') && (
            <Button size="xs" disabled={!canApprove} loading={approve.isPending} onClick={() => approve.mutate()} data-testid={`approve-${point}`}>
              Phê duyệt
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
