/**
 * Điểm danh, the class summary: sessions and lessons missed per term and year, the 45-session
 * warning (TT 22/2021 Điều 12; none in primary) and one student's history by month.
 */
import { Alert, Anchor, Badge, Modal, Stack, Table, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { homeroomApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { AttendanceSession, AttendanceSummaryRow } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Page.tsx';
import { formatDate, todayIso } from '../../lib/format.ts';
import { monthDays } from './AttendanceMonthView.tsx';
import { StudentName } from './StudentName.tsx';

export const SESSION_LABELS: Record<AttendanceSession, string> = { morning: 'Buổi sáng', afternoon: 'Buổi chiều' };
export const ABSENCE_LIMIT = 45;

export function SummaryView({ classId }: { classId: string }) {
  const summary = useQuery({ queryKey: keys.attendanceSummary(classId), queryFn: () => homeroomApi.attendanceSummary(classId) });
  const [history, setHistory] = useState<AttendanceSummaryRow | null>(null);
  // TT 27 (primary) has no absence limit; the 45 sessions are TT 22's (Điều 12).
  const limited = useSession().school?.level !== 'primary';
  if (summary.isLoading) return <Loading />;
  if (summary.error) return <ErrorAlert error={summary.error} onRetry={() => summary.refetch()} />;
  const rows = summary.data?.rows ?? [];
  const over = limited ? rows.filter((r) => r.overLimit) : [];
  const near = limited ? rows.filter((r) => !r.overLimit && r.sessionsLeft <= 5) : [];
  return (
    <Stack gap="sm">
      {over.length > 0 && (
        <Alert color="red" title="Nghỉ quá 45 buổi" data-testid="absence-over">
          {over.map((r) => `${r.fullName} (${r.year.sessions} buổi)`).join(', ')}: không đủ điều kiện lên lớp (Thông tư 22/2021, Điều 12).
        </Alert>
      )}
      {near.length > 0 && (
        <Alert color="yellow" title="Sắp đến giới hạn 45 buổi" data-testid="absence-near">
          {near.map((r) => `${r.fullName} (còn ${r.sessionsLeft} buổi)`).join(', ')}.
        </Alert>
      )}
      <div className="kg-scroll">
        <Table withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={6} fz="sm" className="kg-table" data-testid="absence-summary">
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2}>STT</Table.Th>
              <Table.Th rowSpan={2} className="kg-name">
                Họ và tên
              </Table.Th>
              <Table.Th colSpan={2} ta="center">
                Học kỳ I
              </Table.Th>
              <Table.Th colSpan={2} ta="center">
                Học kỳ II
              </Table.Th>
              <Table.Th colSpan={4} ta="center">
                Cả năm
              </Table.Th>
              {limited && (
                <Table.Th rowSpan={2} ta="center">
                  Còn được nghỉ
                </Table.Th>
              )}
            </Table.Tr>
            <Table.Tr>
              {['P', 'K', 'P', 'K', 'P', 'K', 'Số buổi', 'Số tiết'].map((h, i) => (
                <Table.Th key={i} ta="center">
                  {h}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.studentId} className={!limited ? undefined : r.overLimit ? 'abs-over' : r.sessionsLeft <= 5 ? 'abs-near' : undefined}>
                <Table.Td>{r.listNumber}</Table.Td>
                <Table.Td className="kg-name">
                  <Anchor component="button" size="sm" ta="left" onClick={() => setHistory(r)}>
                    <StudentName fullName={r.fullName} />
                  </Anchor>
                </Table.Td>
                {[r.term1.excused, r.term1.unexcused, r.term2.excused, r.term2.unexcused, r.year.excused, r.year.unexcused, r.year.sessions, r.year.lessons].map((n, i) => (
                  <Table.Td key={i} ta="center" className="tabular">
                    {n || ''}
                  </Table.Td>
                ))}
                {limited && <Table.Td ta="center">
                  {r.overLimit ? (
                    <Badge color="red">Quá {r.year.sessions - ABSENCE_LIMIT} buổi</Badge>
                  ) : r.sessionsLeft <= 5 ? (
                    <Badge color="yellow">{r.sessionsLeft}</Badge>
                  ) : (
                    <Text size="sm" className="tabular">
                      {r.sessionsLeft}
                    </Text>
                  )}
                </Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Text size="xs" c="dimmed">
        Số buổi nghỉ tính cả có phép và không phép. Bấm tên học sinh để xem từng tháng, từng ngày nghỉ.
      </Text>
      {history && <HistoryModal classId={classId} row={history} onClose={() => setHistory(null)} />}
    </Stack>
  );
}

/** A student's absences: totals per month, and the days of the months with absences. */
function HistoryModal({ classId, row, onClose }: { classId: string; row: AttendanceSummaryRow; onClose: () => void }) {
  const months = Object.entries(row.byMonth)
    .filter(([, t]) => t.sessions + t.lessons > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  const [month, setMonth] = useState<string | null>(months.at(-1)?.[0] ?? null);
  const days = month ? monthDays(month, todayIso()) : [];
  const queries = useQueries({ queries: days.map((d) => ({ queryKey: keys.attendance(classId, d), queryFn: () => homeroomApi.attendance(classId, d) })) });
  const records = days.flatMap((d, i) => (queries[i]?.data?.marks ?? []).filter((m) => m.studentId === row.studentId).map((m) => ({ ...m, date: d })));
  return (
    <Modal opened onClose={onClose} title={`Nghỉ học — ${row.fullName}`} size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Cả năm: {row.year.sessions} buổi (có phép {row.year.excused}, không phép {row.year.unexcused}), {row.year.lessons} tiết. {row.overLimit ? 'Đã quá 45 buổi.' : `Còn được nghỉ ${row.sessionsLeft} buổi.`}
        </Text>
        {months.length === 0 ? (
          <Text c="dimmed" size="sm">
            Chưa nghỉ buổi nào.
          </Text>
        ) : (
          <Table withTableBorder fz="sm" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tháng</Table.Th>
                <Table.Th ta="center">Có phép</Table.Th>
                <Table.Th ta="center">Không phép</Table.Th>
                <Table.Th ta="center">Số buổi</Table.Th>
                <Table.Th ta="center">Số tiết</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {months.map(([m, t]) => (
                <Table.Tr key={m} bg={m === month ? 'teal.0' : undefined} style={{ cursor: 'pointer' }} onClick={() => setMonth(m)}>
                  <Table.Td>
                    Tháng {Number(m.slice(5))}/{m.slice(0, 4)}
                  </Table.Td>
                  <Table.Td ta="center">{t.excused}</Table.Td>
                  <Table.Td ta="center">{t.unexcused}</Table.Td>
                  <Table.Td ta="center">{t.sessions}</Table.Td>
                  <Table.Td ta="center">{t.lessons}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {month && (
          <Stack gap={2}>
            <Text fw={500} size="sm">
              Các ngày nghỉ tháng {Number(month.slice(5))}/{month.slice(0, 4)}
            </Text>
            {queries.some((q) => q.isLoading) && <Loading />}
            {records.map((r, i) => (
              <Text key={i} size="sm">
                {formatDate(r.date)} — {SESSION_LABELS[r.session]}
                {r.periodNo > 0 ? `, tiết ${r.periodNo}` : ''}: {r.kind === 'P' ? 'có phép' : 'không phép'}
                {r.note ? ` (${r.note})` : ''}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
