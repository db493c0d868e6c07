/**
 * Điểm danh (G4): the homeroom teacher's roll of a day and session for the whole class (P / K by
 * keyboard, "Cả lớp đi học đủ", notes), a subject teacher's absences in her lesson, the month
 * view, the class summary with the 45-session warning (TT 22 Điều 12) and a student's history.
 */
import { Alert, Button, Group, NumberInput, SegmentedControl, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { homeroomApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { AttendanceDay, AttendanceSession } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LockedSaveAlert, type RecordCorrectionDraft, RecordLockBar, useRecordLocks } from '../corrections/RecordCorrectionPrompt.tsx';
import { termNoOfDay } from '../../../domain/locks/find-record-lock.ts';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate, todayIso } from '../../lib/format.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { ClassSelect, pickClass, useClassChoices } from './common.tsx';
import { type Choice, KeyGrid } from './KeyGrid.tsx';
import { MonthView } from './AttendanceMonthView.tsx';
import { SESSION_LABELS, SummaryView } from './AttendanceSummaryView.tsx';

const ABSENCE_CHOICES: Choice[] = [
  { value: 'P', keys: ['p'], color: 'blue', title: 'Nghỉ có phép' },
  { value: 'K', keys: ['k'], color: 'red', title: 'Nghỉ không phép' },
];

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
