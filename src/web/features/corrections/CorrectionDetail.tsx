/**
 * One Giấy đề nghị thay đổi thông tin: cells old → new, evidence, the principal's decision (one she
 * filed: her delegated vice-principal's; nobody decides their own — issue 14 §3), the board's update.
 */
import { Alert, Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { correctionsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Correction } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { CORRECTION_STATUS_LABELS, EVIDENCE_KIND_LABELS, labelOf, termLabel } from '../../../shared/labels.ts';
import { CORRECTION_STATUS_COLORS } from '../../lib/labels.ts';

function size(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function CorrectionDetail({ id }: { id: string }) {
  const q = useQuery({ queryKey: keys.correction(id), queryFn: () => correctionsApi.get(id) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return null;
  return <CorrectionCard c={q.data} />;
}

function CorrectionCard({ c }: { c: Correction }) {
  const { can, schoolId } = useSession();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const done = async (updated: Correction) => {
    queryClient.setQueryData(keys.correction(c.id), updated);
    await queryClient.invalidateQueries({ queryKey: keys.corrections(schoolId) });
    await queryClient.invalidateQueries({ queryKey: ['sheet'] });
  };
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') => correctionsApi.decide(c.id, { decision, reason: reason.trim(), version: c.version }),
    onSuccess: done,
  });
  const apply = useMutation({ mutationFn: () => correctionsApi.apply(c.id), onSuccess: done });
  const first = c.cells[0];

  return (
    <>
      <PageHeader
        title={`Giấy đề nghị thay đổi thông tin số ${c.number}`}
        subtitle={`Lớp ${c.className} · ${c.subjectName}${first && first.termNo > 0 ? ` · ${termLabel(first.termNo, 'kỳ')}` : ''}`}
        crumbs={[{ label: 'Giấy đề nghị sửa điểm', href: '/de-nghi-sua-diem' }, { label: `Số ${c.number}` }]}
        actions={
          <Button variant="default" component="a" href={correctionsApi.pdfUrl(c.id)} target="_blank" rel="noopener">
            In giấy đề nghị (PDF)
          </Button>
        }
      />
      <Stack gap="md" maw={900}>
        <Group gap="xs">
          <Badge size="lg" color={CORRECTION_STATUS_COLORS[c.status]} data-testid="correction-status">
            {CORRECTION_STATUS_LABELS[c.status] ?? c.status}
          </Badge>
          <Text size="sm" c="dimmed">
            {c.requestedByName} gửi lúc {formatDateTime(c.requestedAt)}
          </Text>
        </Group>
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Học sinh</Table.Th>
                <Table.Th>{c.kind === 'scores' ? 'Cột' : 'Thông tin'}</Table.Th>
                <Table.Th>Giá trị cũ</Table.Th>
                <Table.Th>Đề nghị sửa thành</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.cells.map((cell) => (
                <Table.Tr key={`${cell.studentId}-${cell.columnKey}`}>
                  <Table.Td>{cell.studentName}</Table.Td>
                  <Table.Td>{cell.columnLabel}</Table.Td>
                  <Table.Td className="tabular">{cell.oldDisplay || '(trống)'}</Table.Td>
                  <Table.Td className="tabular" fw={600}>
                    {cell.newDisplay || '(xóa)'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Card withBorder>
            <Text fw={600} size="sm">
              Lý do
            </Text>
            <Text size="sm">{c.reason}</Text>
            <Text fw={600} size="sm" mt="sm">
              Minh chứng
            </Text>
            <Text size="sm">{labelOf(EVIDENCE_KIND_LABELS, c.evidenceKind)}</Text>
            {c.evidence.length > 0 ? (
              <List size="sm" mt={4} data-testid="evidence-list">
                {c.evidence.map((f) => (
                  <List.Item key={f.id}>
                    <Anchor href={correctionsApi.evidenceUrl(c.id, f.id)} target="_blank" rel="noopener">
                      {f.filename}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      ({size(f.size)}, SHA-256 {f.sha256.slice(0, 12)}…)
                    </Text>
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm" c="dimmed">
                Chưa đính kèm tệp.
              </Text>
            )}
          </Card>
          <Card withBorder>
            <Text fw={600} size="sm">
              Quá trình xử lý
            </Text>
            <Text size="sm">1. Giáo viên gửi: {formatDateTime(c.requestedAt)}</Text>
            <Text size="sm">
              2. {c.filedByPrincipal ? 'Phó hiệu trưởng được ủy quyền' : 'Hiệu trưởng'}{' '}
              {c.decidedAt ? `${c.status === 'rejected' ? 'từ chối' : 'duyệt'}: ${c.decidedByName}, ${formatDateTime(c.decidedAt)}` : 'chưa quyết định'}
              {c.decisionReason && ` — ${c.decisionReason}`}
            </Text>
            <Text size="sm">
              3. Cập nhật vào sổ: {c.appliedAt ? `${c.appliedByName}, ${formatDateTime(c.appliedAt)}` : c.status === 'rejected' ? 'không' : 'chưa'}
            </Text>
          </Card>
        </SimpleGrid>

        {c.decisionNote && (
          <Alert color={c.canDecide ? 'blue' : 'yellow'} data-testid="decision-note">
            {c.decisionNote}
          </Alert>
        )}
        {c.canDecide && (
          <Card withBorder data-testid="decision-form">
            <Stack gap="xs">
              <Text fw={600}>{c.filedByPrincipal ? 'Quyết định của phó hiệu trưởng được ủy quyền' : 'Quyết định của Hiệu trưởng'}</Text>
              <Textarea label="Ý kiến / lý do" value={reason} onChange={(e) => setReason(e.currentTarget.value)} minRows={2} placeholder="Ví dụ: đã đối chiếu bài kiểm tra" />
              {decide.error && <ErrorAlert error={decide.error} />}
              <Group>
                <Button color="teal" loading={decide.isPending && decide.variables === 'approve'} onClick={() => decide.mutate('approve')}>
                  Duyệt
                </Button>
                <Button color="red" variant="light" loading={decide.isPending && decide.variables === 'reject'} disabled={!reason.trim()} onClick={() => decide.mutate('reject')}>
                  Từ chối
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                Từ chối cần ghi lý do.
              </Text>
            </Stack>
          </Card>
        )}
        {c.status === 'approved' && can('correction.apply') && (
          <Alert color="blue" title="Đã được Hiệu trưởng duyệt">
            <Text size="sm">
              {c.kind === 'scores'
                ? 'Cập nhật các giá trị mới vào sổ điểm (mọi ô cùng lúc, được ghi vào nhật kí sửa điểm kèm số giấy đề nghị).'
                : 'Cập nhật các thông tin mới vào hồ sơ (mọi thay đổi cùng lúc, được ghi vào nhật kí kèm số giấy đề nghị).'}
            </Text>
            {apply.error && <ErrorAlert error={apply.error} />}
            <Button mt="xs" loading={apply.isPending} onClick={() => apply.mutate()}>
              Cập nhật vào sổ
            </Button>
          </Alert>
        )}
        {c.status === 'applied' && first && c.subjectId && (
          <Text size="sm">
            Đã cập nhật.{' '}
            <Anchor component={Link} href={`/so-diem/${c.classId}/${c.subjectId}/${first.termNo}`}>
              Xem sổ điểm
            </Anchor>
          </Text>
        )}
      </Stack>
    </>
  );
}
