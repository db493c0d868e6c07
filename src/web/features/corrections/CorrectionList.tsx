/** Giấy đề nghị sửa điểm: the list, filtered by status and class (C2). */
import { Anchor, Badge, Group, Pagination, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { correctionsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { CorrectionStatus } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { CORRECTION_STATUS_LABELS } from '../../../shared/labels.ts';
import { CORRECTION_STATUS_COLORS } from '../../lib/labels.ts';
import { useClasses } from '../people/hooks.ts';

const PAGE_SIZE = 50;

export function CorrectionList() {
  const { schoolId, yearId, can } = useSession();
  const [status, setStatus] = useState<string>('all');
  const [classId, setClassId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const classes = useClasses(yearId);
  const q = { status: status === 'all' ? undefined : (status as CorrectionStatus), classId: classId ?? undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useQuery({ queryKey: keys.corrections(schoolId, q), queryFn: () => correctionsApi.list(schoolId, q), placeholderData: keepPreviousData });
  const total = list.data?.total ?? 0;
  const subtitle = can('correction.decide')
    ? 'Hiệu trưởng duyệt hoặc từ chối từng giấy, có ghi lý do.'
    : can('correction.apply')
      ? 'Ban quản trị phần mềm cập nhật vào sổ các giấy đã được Hiệu trưởng duyệt.'
      : 'Các giấy đề nghị thay đổi thông tin thầy/cô đã gửi (và của lớp chủ nhiệm).';
  return (
    <>
      <PageHeader title="Giấy đề nghị sửa điểm" subtitle={subtitle} />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap" className="no-print">
        <SegmentedControl
          aria-label="Trạng thái"
          data={[
            { value: 'all', label: 'Tất cả' },
            ...(['pending', 'approved', 'rejected', 'applied'] as const).map((s) => ({ value: s, label: CORRECTION_STATUS_LABELS[s] })),
          ]}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
        />
        <Select
          aria-label="Lớp"
          placeholder="Mọi lớp"
          w={140}
          clearable
          data={(classes.data ?? []).map((c) => ({ value: c.id, label: `Lớp ${c.name}` }))}
          value={classId}
          onChange={(v) => {
            setClassId(v);
            setPage(1);
          }}
        />
        {list.data && (
          <Text size="sm" c="dimmed">
            {total} giấy đề nghị
          </Text>
        )}
      </Group>
      {list.isLoading && <Loading />}
      {list.error && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      {list.data && (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="correction-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>Số</Table.Th>
                  <Table.Th>Lớp · Môn</Table.Th>
                  <Table.Th>Người đề nghị</Table.Th>
                  <Table.Th>Thời gian</Table.Th>
                  <Table.Th>Nội dung</Table.Th>
                  <Table.Th>Trạng thái</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.requests.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} href={`/de-nghi-sua-diem/${r.id}`}>
                        Số {r.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {r.className} · {r.subjectName}
                    </Table.Td>
                    <Table.Td>{r.requestedByName}</Table.Td>
                    <Table.Td className="tabular">{formatDateTime(r.requestedAt)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {r.cells.map((c) => `${c.studentName} — ${c.columnLabel}: ${c.oldDisplay || '∅'} → ${c.newDisplay || '∅'}`).join('; ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={CORRECTION_STATUS_COLORS[r.status]} variant="light">
                        {CORRECTION_STATUS_LABELS[r.status] ?? r.status}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {list.data.requests.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>Không có giấy đề nghị nào.</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {total > PAGE_SIZE && (
            <Group justify="center" mt="md">
              <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
            </Group>
          )}
        </>
      )}
    </>
  );
}
