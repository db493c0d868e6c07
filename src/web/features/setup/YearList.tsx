/** Năm học của trường, and the button to create the next one. */
import { Anchor, Badge, Button, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate } from '../../lib/format.ts';
import { YEAR_STATUS_LABELS } from '../../lib/labels.ts';
import { CreateYearModal } from './CreateYearModal.tsx';

export function YearList() {
  const { schoolId, yearId, setYearId } = useSession();
  const years = useQuery({ queryKey: keys.years(schoolId), queryFn: () => setupApi.years(schoolId) });
  const [opened, { open, close }] = useDisclosure();
  const sorted = [...(years.data ?? [])].sort((a, b) => b.startYear - a.startYear);
  return (
    <>
      <PageHeader
        title="Thiết lập năm học"
        subtitle="Năm học, học kỳ, môn học, lớp, tổ chuyên môn, phân công chủ nhiệm và phân công chuyên môn"
        actions={<Button onClick={open}>Tạo năm học mới</Button>}
      />
      {years.isLoading && <Loading />}
      {years.error && <ErrorAlert error={years.error} onRetry={() => years.refetch()} />}
      {years.data && (
        <Table.ScrollContainer minWidth={520}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Năm học</Table.Th>
                <Table.Th>Bắt đầu</Table.Th>
                <Table.Th>Kết thúc</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((y) => (
                <Table.Tr key={y.id}>
                  <Table.Td>
                    <Anchor component={Link} href={`/thiet-lap/${y.id}`} fw={500}>
                      Năm học {y.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td className="tabular">{formatDate(y.startsOn)}</Table.Td>
                  <Table.Td className="tabular">{formatDate(y.endsOn)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{YEAR_STATUS_LABELS[y.status] ?? y.status}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {y.id === yearId ? (
                      <Badge color="teal">Đang xem</Badge>
                    ) : (
                      <Button size="compact-xs" variant="subtle" onClick={() => setYearId(y.id)}>
                        Chọn làm năm đang xem
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              {sorted.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>Chưa có năm học nào. Bấm “Tạo năm học mới”.</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateYearModal opened={opened} onClose={close} years={sorted} />
    </>
  );
}
