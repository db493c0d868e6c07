/**
 * Sổ theo dõi và đánh giá học sinh của lớp (R3, C5): every subject of one class in one term,
 * read-only, for the homeroom teacher and the leadership to check (G3).
 */
import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { gradebookApi, printUrls } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { GradebookSheet } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { termLabel } from '../../../shared/labels.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { useClasses } from '../people/hooks.ts';
import { averageLabel } from './GradebookGrid.tsx';
import { currentTermNo, useSchoolWideReader } from './hooks.ts';

export function ClassBookView({ yearId, classId }: { yearId: string; classId: string | null }) {
  const { me } = useSession();
  const wide = useSchoolWideReader();
  const [, navigate] = useLocation();
  const classes = useClasses(yearId);
  const setup = useYearSetup(yearId);
  const [termNo, setTermNo] = useState<number | null>(null);
  const term = termNo ?? currentTermNo(setup.data?.terms);
  const choices = (classes.data ?? []).filter((c) => wide || me.homeroomClassIds.includes(c.id)).sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'vi'));
  const chosen = classId ?? (choices.length === 1 ? choices[0].id : null);
  const book = useQuery({ queryKey: keys.classBook(chosen ?? '', term), queryFn: () => gradebookApi.classBook(chosen as string, term), enabled: Boolean(chosen) });

  return (
    <>
      <PageHeader title={book.data ? `Sổ theo dõi và đánh giá học sinh — Lớp ${book.data.className}` : 'Sổ theo dõi và đánh giá học sinh'} subtitle="Mọi môn học của lớp, chỉ xem. Điểm trung bình do phần mềm tính."
        actions={
          book.data && (
            <Button component="a" href={printUrls.classBook(book.data.classId, term === 2 ? 'hk2' : 'hk1')} target="_blank" rel="noopener" variant="light">
              In sổ (PDF)
            </Button>
          )
        }
      />
      <Group gap="sm" align="flex-end" mb="md" className="no-print">
        <Select
          label="Lớp"
          w={140}
          data={choices.map((c) => ({ value: c.id, label: c.name }))}
          value={chosen}
          onChange={(v) => v && navigate(`/so-theo-doi/${v}`)}
          allowDeselect={false}
          searchable
        />
        <SegmentedControl
          aria-label="Học kỳ"
          data={[
            { value: '1', label: termLabel(1, 'kỳ') },
            { value: '2', label: termLabel(2, 'kỳ') },
          ]}
          value={String(term)}
          onChange={(v) => setTermNo(Number(v))}
        />
      </Group>
      {(classes.isLoading || book.isLoading) && <Loading />}
      {book.error && <ErrorAlert error={book.error} onRetry={() => book.refetch()} />}
      {!chosen && !classes.isLoading && <Text c="dimmed">Chọn một lớp.</Text>}
      {book.data && (
        <Stack gap="xl">
          {book.data.sheets.map((s) => (
            <SheetTable key={s.subject.id} sheet={s} />
          ))}
          {book.data.sheets.length === 0 && <Text c="dimmed">Khối này chưa có môn học.</Text>}
        </Stack>
      )}
      <Text size="xs" c="dimmed" mt="md">
        {termLabel(term, 'kỳ')}
      </Text>
    </>
  );
}

function SheetTable({ sheet }: { sheet: GradebookSheet }) {
  const avg = averageLabel(sheet);
  const required = sheet.columns.filter((c) => c.required);
  const missing = sheet.rows.filter((r) => r.active).reduce((n, r) => n + required.filter((c) => !r.cells[c.key]?.display).length, 0);
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Title order={2} size="h4">
          {sheet.subject.name}
        </Title>
        <Text size="sm" c="dimmed">
          {sheet.teacherName ?? 'chưa phân công'}
        </Text>
        {missing > 0 ? <Badge color="orange" variant="light">Còn {missing} ô trống</Badge> : <Badge color="teal" variant="light">Đã nhập đủ</Badge>}
        <Anchor component={Link} href={`/so-diem/${sheet.classId}/${sheet.subject.id}/${sheet.termNo}`} size="sm" className="no-print">
          Mở sổ điểm môn này
        </Anchor>
      </Group>
      <Table.ScrollContainer minWidth={600}>
        <Table withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>STT</Table.Th>
              <Table.Th>Họ và tên</Table.Th>
              {sheet.columns.map((c) => (
                <Table.Th key={c.key} ta="center" className="nowrap">
                  {c.label}
                </Table.Th>
              ))}
              {avg && <Table.Th ta="center">{avg}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sheet.rows.map((r) => (
              <Table.Tr key={r.studentId} c={r.active ? undefined : 'dimmed'}>
                <Table.Td className="tabular">{r.listNumber}</Table.Td>
                <Table.Td className="nowrap">{r.fullName}</Table.Td>
                {sheet.columns.map((c) => (
                  <Table.Td key={c.key} ta={c.kind === 'comment' ? 'left' : 'center'} className="tabular" maw={c.kind === 'comment' ? 260 : undefined}>
                    {r.cells[c.key]?.display ?? ''}
                  </Table.Td>
                ))}
                {avg && (
                  <Table.Td ta="center" fw={700} className="tabular">
                    {r.average ?? ''}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
