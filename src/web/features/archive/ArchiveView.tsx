/**
 * Lưu trữ (P6, P9): the year-end archive packages of the school — build one for a school year,
 * follow its progress, download the .zip for the DVD and the external drive — and the retention
 * period of each kind of record with its legal basis.
 */
import { Alert, Anchor, Badge, Button, Card, Code, Group, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ArchiveDto, RetentionRuleDto } from '../../../shared/archive.ts';
import { API_BASE, request } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDateTime } from '../../lib/format.ts';

const STATUS: Record<ArchiveDto['status'], { label: string; color: string }> = {
  queued: { label: 'Đang chờ', color: 'gray' },
  running: { label: 'Đang lập', color: 'blue' },
  done: { label: 'Đã xong', color: 'green' },
  failed: { label: 'Lỗi', color: 'red' },
};

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export function ArchiveView() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="Lưu trữ hồ sơ"
        subtitle="Gói lưu trữ cuối năm học để ghi đĩa DVD và ổ cứng ngoài chuyên dụng; thời hạn bảo quản từng loại hồ sơ."
      />
      <Stack gap="lg">
        {can('archive.manage') && <ArchivesPanel />}
        <RetentionPanel />
      </Stack>
    </>
  );
}

function ArchivesPanel() {
  const { schoolId, years, yearId } = useSession();
  const queryClient = useQueryClient();
  const [chosenYear, setChosenYear] = useState<string | null>(yearId);
  const list = useQuery({
    queryKey: ['archives', schoolId],
    queryFn: () => request<ArchiveDto[]>('GET', `/schools/${schoolId}/archives`),
    refetchInterval: (q) => (q.state.data?.some((a) => a.status === 'queued' || a.status === 'running') ? 1500 : false),
  });
  const start = useMutation({
    mutationFn: (schoolYearId: string) => request<ArchiveDto>('POST', `/schools/${schoolId}/archives`, { schoolYearId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['archives', schoolId] }),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        Gói lưu trữ năm học
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Mỗi gói gồm: sổ, học bạ và các văn bản đã lưu; nhật kí nhập, sửa điểm theo giáo viên và tháng; giấy đề nghị và minh
        chứng; nhật kí hệ thống có mã băm; dữ liệu năm học; bản kê manifest.json có mã SHA-256 và thời hạn bảo quản từng tệp.
        Sau khi ghi đĩa, kiểm tra bằng lệnh <Code>sodiem archive verify THƯ_MỤC</Code>.
      </Text>
      <Group align="flex-end" mb="md">
        <Select
          label="Năm học"
          data={years.map((y) => ({ value: y.id, label: y.name }))}
          value={chosenYear ?? yearId}
          onChange={setChosenYear}
          w={200}
        />
        <Button
          disabled={!(chosenYear ?? yearId)}
          loading={start.isPending}
          onClick={() => {
            const id = chosenYear ?? yearId;
            if (id) start.mutate(id);
          }}
        >
          Lập gói lưu trữ
        </Button>
      </Group>
      {start.error && <ErrorAlert error={start.error} />}
      {list.isLoading && <Loading />}
      {list.error && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      {list.data && list.data.length === 0 && <Text size="sm">Chưa lập gói lưu trữ nào.</Text>}
      {list.data && list.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Năm học</Table.Th>
                <Table.Th>Bắt đầu lập</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
                <Table.Th>Nội dung</Table.Th>
                <Table.Th>Tải về</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.schoolYearName}</Table.Td>
                  <Table.Td>{formatDateTime(a.createdAt)}</Table.Td>
                  <Table.Td style={{ minWidth: 110 }}>
                    <Badge color={STATUS[a.status].color} variant="light">
                      {STATUS[a.status].label}
                    </Badge>
                    {(a.status === 'running' || a.status === 'queued') && a.progressTotal > 0 && (
                      <Progress mt={4} value={(100 * a.progressDone) / a.progressTotal} size="sm" />
                    )}
                    {a.error && (
                      <Text size="xs" c="red">
                        {a.error}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {a.result && (
                      <Stack gap={2}>
                        <Text size="sm">
                          {a.result.files} tệp, {megabytes(a.result.bytes)} ({megabytes(a.result.zipBytes)} nén){a.result.signed ? ', đã ký số' : ', chưa ký số'}
                        </Text>
                        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                          SHA-256 manifest.json: {a.result.manifestSha256}
                        </Text>
                        {a.result.warnings.map((w) => (
                          <Text key={w} size="xs" c="orange">
                            {w}
                          </Text>
                        ))}
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {a.result && (
                      <Anchor href={a.result.zipUrl.replace(/^\/api\/v1/, API_BASE)} download>
                        {a.result.name}.zip
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function RetentionPanel() {
  const { schoolId } = useSession();
  const rules = useQuery({
    queryKey: ['retention', schoolId],
    queryFn: () => request<RetentionRuleDto[]>('GET', `/schools/${schoolId}/retention`),
    staleTime: Infinity,
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        Thời hạn bảo quản hồ sơ
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Theo Thông tư 27/2016/TT-BGDĐT và Thông tư 09/2011/TT-BNV. Mỗi tệp trong gói lưu trữ ghi thời hạn của nó.
      </Text>
      {rules.isLoading && <Loading />}
      {rules.error && <ErrorAlert error={rules.error} onRetry={() => rules.refetch()} />}
      {rules.data && (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Loại hồ sơ</Table.Th>
                  <Table.Th>Thời hạn</Table.Th>
                  <Table.Th>Căn cứ</Table.Th>
                  <Table.Th>Ghi chú</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.data.map((r) => (
                  <Table.Tr key={r.recordType}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" fw={600} c={r.years === null ? 'grape' : 'blue'} span>
                        {r.label}
                      </Text>
                      {!r.confirmed && ' *'}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={r.legalBasis}>
                        {r.legalBasis.replace(/ \([^)]*\)/g, '')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.note}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Alert color="yellow" mt="sm">
            * Thời hạn chọn thận trọng (không ngắn hơn hồ sơ mà nó làm căn cứ) vì chưa đối chiếu được mục cụ thể trong phụ lục của
            thông tư; văn thư cần đối chiếu với văn bản hiện hành.
          </Alert>
        </>
      )}
    </Card>
  );
}
