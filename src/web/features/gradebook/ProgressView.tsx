/** Tiến độ nhập điểm (G9, C7): per class, subject and teacher, which columns are still empty. */
import { Anchor, Badge, Checkbox, Group, Progress as Bar, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { gradebookApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { termLabel } from '../../../shared/labels.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { currentTermNo } from './hooks.ts';

export function ProgressView({ yearId }: { yearId: string }) {
  const setup = useYearSetup(yearId);
  const [termNo, setTermNo] = useState<number | null>(null);
  const term = termNo ?? currentTermNo(setup.data?.terms);
  const [onlyMissing, setOnlyMissing] = useState(true);
  const [teacher, setTeacher] = useState<string | null>(null);
  const [className, setClassName] = useState<string | null>(null);
  const progress = useQuery({ queryKey: keys.progress(yearId, term), queryFn: () => gradebookApi.progress(yearId, term) });
  const rows = progress.data?.rows ?? [];
  const shown = rows.filter((r) => (!onlyMissing || r.filled < r.expected) && (!teacher || (r.teacherName ?? '—') === teacher) && (!className || r.className === className));
  const expected = rows.reduce((n, r) => n + r.expected, 0);
  const filled = rows.reduce((n, r) => n + r.filled, 0);
  const teachers = [...new Set(rows.map((r) => r.teacherName ?? '—'))].sort((a, b) => a.localeCompare(b, 'vi'));
  const classNames = [...new Set(rows.map((r) => r.className))];
  const pct = (a: number, b: number) => (b ? Math.floor((a * 100) / b) : 100);

  return (
    <>
      <PageHeader title="Tiến độ nhập điểm" subtitle="Các cột điểm bắt buộc còn trống theo lớp, môn và giáo viên bộ môn." />
      <Group gap="sm" align="flex-end" mb="md" wrap="wrap" className="no-print">
        <SegmentedControl
          aria-label="Học kỳ"
          data={[
            { value: '1', label: termLabel(1, 'kỳ') },
            { value: '2', label: termLabel(2, 'kỳ') },
          ]}
          value={String(term)}
          onChange={(v) => setTermNo(Number(v))}
        />
        <Select placeholder="Mọi lớp" aria-label="Lớp" w={120} clearable data={classNames} value={className} onChange={setClassName} />
        <Select placeholder="Mọi giáo viên" aria-label="Giáo viên" w={220} clearable searchable data={teachers} value={teacher} onChange={setTeacher} />
        <Checkbox label="Chỉ hiện môn còn thiếu điểm" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.currentTarget.checked)} />
      </Group>
      {progress.isLoading && <Loading />}
      {progress.error && <ErrorAlert error={progress.error} onRetry={() => progress.refetch()} />}
      {progress.data && (
        <>
          <Group gap="sm" mb="sm">
            <Text size="sm">
              Toàn trường: đã nhập <b>{filled}</b>/{expected} ô ({pct(filled, expected)}%)
            </Text>
            <Bar value={pct(filled, expected)} w={200} />
          </Group>
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="xs" data-testid="progress-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Lớp</Table.Th>
                  <Table.Th>Môn học</Table.Th>
                  <Table.Th>Giáo viên bộ môn</Table.Th>
                  <Table.Th>Đã nhập</Table.Th>
                  <Table.Th>Cột còn trống (số học sinh)</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((r) => (
                  <Table.Tr key={`${r.classId}-${r.subjectId}`}>
                    <Table.Td>{r.className}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} href={`/so-diem/${r.classId}/${r.subjectId}/${term}`}>
                        {r.subjectName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{r.teacherName ?? <Text c="red" size="sm">Chưa phân công</Text>}</Table.Td>
                    <Table.Td className="tabular nowrap">
                      {r.filled}/{r.expected} ({pct(r.filled, r.expected)}%)
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {Object.entries(r.missingByColumn).map(([label, n]) => (
                          <Badge key={label} color={n === r.students ? 'red' : 'orange'} variant="light">
                            {label}: {n}
                          </Badge>
                        ))}
                        {Object.keys(r.missingByColumn).length === 0 && <Badge color="teal" variant="light">Đủ</Badge>}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {shown.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{onlyMissing ? 'Mọi môn đã nhập đủ điểm.' : 'Không có dữ liệu.'}</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </>
  );
}
