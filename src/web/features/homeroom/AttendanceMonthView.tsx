/** Điểm danh, the month view: every day of a month, morning/afternoon marks per student (G4). */
import { Select, Stack, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { homeroomApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { Loading } from '../../components/Page.tsx';
import { formatDate, todayIso } from '../../lib/format.ts';
import { addDays } from './common.tsx';
import { StudentName } from './StudentName.tsx';

const WEEKDAYS = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];

export function monthDays(month: string, upTo: string): string[] {
  const out: string[] = [];
  let d = `${month}-01`;
  while (d.startsWith(month) && d <= upTo) {
    if (new Date(`${d}T00:00:00Z`).getUTCDay() !== 0) out.push(d);
    d = addDays(d, 1);
  }
  return out;
}

export function MonthView({ classId }: { classId: string }) {
  const [month, setMonth] = useState(todayIso().slice(0, 7));
  const days = monthDays(month, todayIso());
  const queries = useQueries({
    queries: days.map((d) => ({ queryKey: keys.attendance(classId, d), queryFn: () => homeroomApi.attendance(classId, d) })),
  });
  const loading = queries.some((q) => q.isLoading);
  const students = queries.find((q) => q.data)?.data?.students ?? [];
  const mark = (studentId: string, i: number) => {
    const marks = (queries[i]?.data?.marks ?? []).filter((m) => m.studentId === studentId && m.periodNo === 0);
    return ['morning', 'afternoon'].map((s) => marks.find((m) => m.session === s)?.kind ?? '').join('/').replace(/^\/$/, '');
  };
  const months = monthsOfYear();
  return (
    <Stack gap="sm">
      <Select label="Tháng" w={160} data={months} value={month} onChange={(v) => v && setMonth(v)} allowDeselect={false} className="no-print" />
      {loading && <Loading />}
      {!loading && days.length === 0 && <Text c="dimmed">Tháng này chưa đến.</Text>}
      {students.length > 0 && (
        <>
          <Text size="xs" c="dimmed">
            Mỗi ô: buổi sáng/buổi chiều (P: có phép, K: không phép). Chủ nhật không hiện.
          </Text>
          <div className="kg-scroll">
            <Table withTableBorder withColumnBorders verticalSpacing={1} horizontalSpacing={3} fz="xs" className="kg-table" data-testid="attendance-month">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>STT</Table.Th>
                  <Table.Th className="kg-name">Họ và tên</Table.Th>
                  {days.map((d) => (
                    <Table.Th key={d} ta="center" title={formatDate(d)}>
                      {Number(d.slice(8))}
                      <br />
                      <span style={{ fontWeight: 400 }}>{WEEKDAYS[new Date(`${d}T00:00:00Z`).getUTCDay()]}</span>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {students.map((s) => (
                  <Table.Tr key={s.studentId}>
                    <Table.Td>{s.listNumber}</Table.Td>
                    <Table.Td className="kg-name">
                      <StudentName fullName={s.fullName} />
                    </Table.Td>
                    {days.map((d, i) => {
                      const m = mark(s.studentId, i);
                      return (
                        <Table.Td key={d} ta="center" c={m.includes('K') ? 'red.8' : m ? 'blue.8' : undefined} fw={700}>
                          {m}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </>
      )}
    </Stack>
  );
}

/** The months from September to the month of today (school year), newest first. */
function monthsOfYear(): { value: string; label: string }[] {
  const today = todayIso();
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const startYear = m >= 8 ? y : y - 1;
  const out: { value: string; label: string }[] = [];
  for (let i = 0; i < 12; i++) {
    const mm = ((8 + i) % 12) + 1;
    const yy = mm >= 9 ? startYear : startYear + 1;
    const value = `${yy}-${String(mm).padStart(2, '0')}`;
    if (value > today.slice(0, 7)) break;
    out.push({ value, label: `Tháng ${mm}/${yy}` });
  }
  return out.reverse();
}
