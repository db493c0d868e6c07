/**
 * Điểm danh (G4): the homeroom teacher's roll of a day and session for the whole class (P / K by
 * keyboard, "Cả lớp đi học đủ", notes), a subject teacher's absences in her lesson, the month
 * view, the class summary with the 45-session warning (TT 22 Điều 12) and a student's history.
 */
import { Alert, Anchor, Badge, Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { homeroomApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { AttendanceDay, AttendanceSession, AttendanceSummaryRow } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LockedSaveAlert, type RecordCorrectionDraft, RecordLockBar, useRecordLocks } from '../corrections/RecordCorrectionPrompt.tsx';
import { termNoOfDay } from '../../../domain/locks/find-record-lock.ts';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate, todayIso } from '../../lib/format.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { ClassSelect, addDays, pickClass, useClassChoices } from './common.tsx';
import { type Choice, KeyGrid } from './KeyGrid.tsx';

const ABSENCE_CHOICES: Choice[] = [
  { value: 'P', keys: ['p'], color: 'blue', title: 'Nghỉ có phép' },
  { value: 'K', keys: ['k'], color: 'red', title: 'Nghỉ không phép' },
];
const SESSION_LABELS: Record<AttendanceSession, string> = { morning: 'Buổi sáng', afternoon: 'Buổi chiều' };
const WEEKDAYS = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];
export const ABSENCE_LIMIT = 45;

export function AttendanceView({ yearId, classId }: { yearId: string; classId: string | null }) {
  const { me } = useSession();
  const { choices, loading, error } = useClassChoices(yearId, { wideAbility: 'attendance.record', teaching: true });
  const chosen = pickClass(classId, choices, me.homeroomClassIds);
  const cls = choices.find((c) => c.id === chosen);
  const [tab, setTab] = useState<string | null>('day');

  return (
    <>
      <PageHeader title={cls ? `Điểm danh — Lớp ${cls.name}` : 'Điểm danh'} subtitle="Nghỉ có phép (P), nghỉ không phép (K). Không quá 45 buổi nghỉ trong năm học (Thông tư 22/2021, Điều 12)." />
      <ClassSelect base="/diem-danh" choices={choices} value={chosen} />
      {loading && <Loading />}
      {error ? <ErrorAlert error={error} /> : null}
      {!chosen && !loading && <Text c="dimmed">Chọn một lớp.</Text>}
      {chosen && (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="day">Theo buổi</Tabs.Tab>
            <Tabs.Tab value="month">Theo tháng</Tabs.Tab>
            <Tabs.Tab value="summary">Tổng hợp số buổi nghỉ</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="day">
            <DayRoll key={chosen} yearId={yearId} classId={chosen} />
          </Tabs.Panel>
          <Tabs.Panel value="month">
            <MonthView classId={chosen} />
          </Tabs.Panel>
          <Tabs.Panel value="summary">
            <SummaryView classId={chosen} />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}

interface Draft {
  kind: 'P' | 'K' | null;
  note: string;
}

function DayRoll({ yearId, classId }: { yearId: string; classId: string }) {
  const { me, can } = useSession();
  const setup = useYearSetup(yearId);
  const queryClient = useQueryClient();
  const [date, setDate] = useState<string | null>(todayIso());
  const [session, setSession] = useState<AttendanceSession>('morning');
  const isHomeroom = me.homeroomClassIds.includes(classId) || can('attendance.record');
  const mySubjects = me.teaching.filter((t) => t.classId === classId).map((t) => setup.data?.subjects.find((s) => s.id === t.subjectId)).filter((s) => s !== undefined);
  const [mode, setMode] = useState<'session' | 'lesson'>(isHomeroom ? 'session' : 'lesson');
  const [subjectId, setSubjectId] = useState<string | null>(mySubjects[0]?.id ?? null);
  const [periodNo, setPeriodNo] = useState<number>(1);
  useEffect(() => {
    if (!subjectId && mySubjects[0]) setSubjectId(mySubjects[0].id);
  }, [subjectId, mySubjects]);

  const today = todayIso();
  const future = date !== null && date > today;
  const day = useQuery({ queryKey: keys.attendance(classId, date ?? ''), queryFn: () => homeroomApi.attendance(classId, date as string), enabled: Boolean(date) && !future });
  const lesson = mode === 'lesson' && subjectId ? { subjectId, periodNo } : null;

  const saved = useMemo(() => savedMarks(day.data, session, lesson), [day.data, session, lesson?.subjectId, lesson?.periodNo]); // eslint-disable-line react-hooks/exhaustive-deps
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  useEffect(() => setDrafts({}), [date, session, mode, subjectId, periodNo]);
  // A session's marks count in the totals: locked with their term (issue 22); a lesson's are not.
  const termLocks = useRecordLocks(classId).data?.attendance ?? [];
  const lock = mode === 'session' && date && termLocks.length ? (termLocks.find((t) => t.termNo === termNoOfDay(date, termLocks))?.lock ?? null) : null;

  const students = day.data?.students ?? [];
  const value = (id: string): Draft => drafts[id] ?? saved.get(id) ?? { kind: null, note: '' };
  const changedIds = students.filter((s) => {
    const d = drafts[s.studentId];
    if (!d) return false;
    const o = saved.get(s.studentId) ?? { kind: null, note: '' };
    return d.kind !== o.kind || (d.kind !== null && d.note.trim() !== o.note);
  });

  const draft = (): RecordCorrectionDraft => ({
    kind: 'attendance',
    changes: changedIds.map((s) => ({ studentId: s.studentId, date: date as string, session, mark: value(s.studentId).kind, note: value(s.studentId).kind ? value(s.studentId).note.trim() : '' })),
  });
  const save = useMutation({
    mutationFn: () =>
      homeroomApi.recordAttendance(classId, {
        date: date as string,
        session,
        marks: changedIds.map((s) => ({ studentId: s.studentId, kind: value(s.studentId).kind, note: value(s.studentId).kind ? value(s.studentId).note.trim() : '' })),
        lesson,
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.attendance(classId, data.date), data);
      void queryClient.invalidateQueries({ queryKey: keys.attendanceSummary(classId) });
      setDrafts({});
    },
  });

  const set = (id: string, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [id]: { ...value(id), ...patch } }));
  const absent = students.filter((s) => value(s.studentId).kind !== null);
  const lessonMarks = (day.data?.marks ?? []).filter((m) => m.session === session && m.periodNo > 0);
  const subjectName = (id: string | null) => setup.data?.subjects.find((s) => s.id === id)?.name ?? '';

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap" className="no-print">
        <DateField label="Ngày" w={130} value={date} onChange={setDate} data-testid="attendance-date" />
        <div>
          <Text size="sm" fw={500} mb={2}>
            Buổi
          </Text>
          <SegmentedControl
            aria-label="Buổi"
            data={[
              { value: 'morning', label: 'Sáng' },
              { value: 'afternoon', label: 'Chiều' },
            ]}
            value={session}
            onChange={(v) => setSession(v as AttendanceSession)}
          />
        </div>
        {isHomeroom && mySubjects.length > 0 && (
          <div>
            <Text size="sm" fw={500} mb={2}>
              Ghi
            </Text>
            <SegmentedControl
              data={[
                { value: 'session', label: 'Cả buổi' },
                { value: 'lesson', label: 'Theo tiết' },
              ]}
              value={mode}
              onChange={(v) => setMode(v as 'session' | 'lesson')}
            />
          </div>
        )}
        {mode === 'lesson' && (
          <>
            <Select label="Môn" w={170} data={mySubjects.map((s) => ({ value: s.id, label: s.name }))} value={subjectId} onChange={setSubjectId} allowDeselect={false} />
            <NumberInput label="Tiết" w={80} min={1} max={10} value={periodNo} onChange={(v) => setPeriodNo(Number(v) || 1)} />
          </>
        )}
      </Group>

      {!isHomeroom && mySubjects.length === 0 && (
        <Alert color="orange">Thầy/cô không chủ nhiệm và không dạy lớp này nên không điểm danh được.</Alert>
      )}
      {future && <Alert color="orange">Không điểm danh trước cho ngày chưa đến ({formatDate(date)}).</Alert>}
      {!date && <Text c="dimmed">Nhập ngày (dd/mm/yyyy).</Text>}
      {day.isLoading && <Loading />}
      {day.error && <ErrorAlert error={day.error} onRetry={() => day.refetch()} />}

      {day.data && !future && (
        <>
          <Group gap="xs" wrap="wrap" className="no-print">
            <Text size="sm" fw={500} data-testid="attendance-count">
              {SESSION_LABELS[session]} {formatDate(date)}
              {mode === 'lesson' && ` — ${subjectName(subjectId)}, tiết ${periodNo}`}: sĩ số {students.length}, vắng {absent.length}
              {absent.length > 0 &&
                ` (P: ${absent.filter((s) => value(s.studentId).kind === 'P').length}, K: ${absent.filter((s) => value(s.studentId).kind === 'K').length})`}
            </Text>
            <Group gap={6} ml="auto">
              <Button
                size="xs"
                variant="light"
                onClick={() => setDrafts(Object.fromEntries(students.map((s) => [s.studentId, { kind: null, note: '' }])))}
                data-testid="all-present"
              >
                Cả lớp đi học đủ
              </Button>
              <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} disabled={changedIds.length === 0 || lock !== null} data-testid="attendance-save">
                {changedIds.length ? `Lưu điểm danh (${changedIds.length})` : 'Đã lưu'}
              </Button>
            </Group>
          </Group>
          <Text size="xs" c="dimmed" className="no-print" visibleFrom="sm">
            Bàn phím: P = nghỉ có phép, K = nghỉ không phép, phím cách = có mặt; mũi tên hoặc Enter để chuyển dòng. Bấm vào ô để đổi.
          </Text>
          {lock && <RecordLockBar classId={classId} lock={lock} draft={draft} onFiled={() => setDrafts({})} />}
          {save.error && <LockedSaveAlert error={save.error} classId={classId} draft={draft} />}
          {save.isSuccess && changedIds.length === 0 && (
            <Text size="sm" c="teal.8" data-testid="attendance-saved">
              Đã lưu điểm danh.
            </Text>
          )}
          <KeyGrid
            testId="attendance-grid"
            columns={[{ key: 'mark', label: mode === 'lesson' ? `Tiết ${periodNo}` : session === 'morning' ? 'Sáng' : 'Chiều' }]}
            choices={ABSENCE_CHOICES}
            emptyLabel="có mặt"
            rows={students.map((s) => ({
              id: s.studentId,
              listNumber: s.listNumber,
              fullName: s.fullName,
              values: [value(s.studentId).kind],
              changed: [changedIds.includes(s)],
            }))}
            onChange={(r, _c, v) => set(students[r].studentId, { kind: v as 'P' | 'K' | null })}
            tailHeader={
              <>
                <Table.Th>Ghi chú (lý do)</Table.Th>
                {mode === 'session' && <Table.Th className="nowrap">Vắng theo tiết</Table.Th>}
              </>
            }
            tail={(r) => {
              const s = students[r];
              const v = value(s.studentId);
              const lessons = lessonMarks.filter((m) => m.studentId === s.studentId);
              return (
                <>
                  <Table.Td p={2} miw={160}>
                    {v.kind && (
                      <TextInput
                        size="xs"
                        variant="unstyled"
                        px={4}
                        placeholder="Lý do nghỉ"
                        value={v.note}
                        aria-label={`Ghi chú — ${s.fullName}`}
                        onChange={(e) => set(s.studentId, { note: e.currentTarget.value })}
                      />
                    )}
                  </Table.Td>
                  {mode === 'session' && (
                    <Table.Td fz="xs" className="nowrap">
                      {lessons.map((m) => `Tiết ${m.periodNo} ${subjectName(m.subjectId)} (${m.kind})`).join('; ')}
                    </Table.Td>
                  )}
                </>
              );
            }}
          />
        </>
      )}
    </Stack>
  );
}

/** The saved marks of the roll (period 0) or of one lesson. */
function savedMarks(day: AttendanceDay | undefined, session: AttendanceSession, lesson: { subjectId: string; periodNo: number } | null): Map<string, Draft> {
  const out = new Map<string, Draft>();
  for (const m of day?.marks ?? []) {
    if (m.session !== session) continue;
    if (lesson ? m.periodNo !== lesson.periodNo || m.subjectId !== lesson.subjectId : m.periodNo !== 0) continue;
    out.set(m.studentId, { kind: m.kind, note: m.note });
  }
  return out;
}

function monthDays(month: string, upTo: string): string[] {
  const out: string[] = [];
  let d = `${month}-01`;
  while (d.startsWith(month) && d <= upTo) {
    if (new Date(`${d}T00:00:00Z`).getUTCDay() !== 0) out.push(d);
    d = addDays(d, 1);
  }
  return out;
}

function MonthView({ classId }: { classId: string }) {
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
                    <Table.Td className="kg-name nowrap">{s.fullName}</Table.Td>
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

function SummaryView({ classId }: { classId: string }) {
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
                <Table.Td className="kg-name nowrap">
                  <Anchor component="button" size="sm" onClick={() => setHistory(r)}>
                    {r.fullName}
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
