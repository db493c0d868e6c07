/** The recent bulk prints of the school (or of the user), newest first, each openable. */
import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { printJobsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Page.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { PRINT_KIND_LABELS, labelOf } from '../../../shared/labels.ts';
import { jobStatusColor, jobStatusLabel } from './print-kinds.ts';

export function RecentJobs({ schoolId, onOpen }: { schoolId: string; onOpen(jobId: string): void }) {
  const jobs = useQuery({ queryKey: keys.printJobs(schoolId), queryFn: () => printJobsApi.list(schoolId) });
  if (jobs.isLoading) return <Loading />;
  if (jobs.error) return <ErrorAlert error={jobs.error} onRetry={() => jobs.refetch()} />;
  const rows = jobs.data ?? [];
  if (rows.length === 0) return <Text c="dimmed">Chưa có lần in nào.</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Lúc</Table.Th>
            <Table.Th>Văn bản</Table.Th>
            <Table.Th>Trạng thái</Table.Th>
            <Table.Th ta="right">Văn bản / trang</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((j) => (
            <Table.Tr key={j.id}>
              <Table.Td>
                <Anchor component="button" size="sm" onClick={() => onOpen(j.id)}>
                  {formatDateTime(j.createdAt)}
                </Anchor>
              </Table.Td>
              <Table.Td>{labelOf(PRINT_KIND_LABELS, j.kind)}</Table.Td>
              <Table.Td>
                <Badge color={jobStatusColor(j.status)} variant="light">
                  {jobStatusLabel(j.status)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                {j.result ? `${j.result.documents.length} / ${j.result.pages}` : `${j.progressDone}/${j.progressTotal}`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
