/**
 * Kiểm tra lại (G7, TT 22 Điều 14): in summer, per class and subject, the students whose year
 * result sends them to a retest of this subject; the subject's teacher enters the retest score
 * (or Đ / CĐ), which replaces the year result; the final results are then re-classified.
 */
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../api/client.ts';
import { homeroomApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { useYearSetup } from '../setup/hooks.ts';
import { TT22_OUTCOME_NAMES, labelOf } from '../../../shared/labels.ts';
import { ClassSelect, OUTCOME_COLORS, pickClass, useClassChoices } from './common.tsx';

export function RetestView({ yearId, classId }: { yearId: string; classId: string | null }) {
  const { me } = useSession();
  const { choices, loading, error } = useClassChoices(yearId, { wideAbility: 'results.view', teaching: true, regime: 'TT22' });
  const chosen = pickClass(classId, choices, me.homeroomClassIds) ?? choices.find((c) => me.teaching.some((t) => t.classId === c.id))?.id ?? null;
  const cls = choices.find((c) => c.id === chosen);
  return (
    <>
      <PageHeader
        title={cls ? `Kiểm tra lại — Lớp ${cls.name}` : 'Kiểm tra lại'}
        subtitle="Học sinh có kết quả học tập cả năm Chưa đạt kiểm tra lại các môn có ĐTBmcn dưới 5,0 hoặc Chưa đạt (Thông tư 22/2021, Điều 14). Điểm kiểm tra lại thay kết quả cả năm của môn."
      />
      <ClassSelect base="/kiem-tra-lai" choices={choices} value={chosen} />
      {loading && <Loading />}
      {error ? <ErrorAlert error={error} /> : null}
      {!chosen && !loading && <Text c="dimmed">Chọn một lớp.</Text>}
      {chosen && <RetestPanel key={chosen} yearId={yearId} classId={chosen} />}
    </>
  );
}

function RetestPanel({ yearId, classId }: { yearId: string; classId: string }) {
  const { me, can } = useSession();
  const setup = useYearSetup(yearId);
  // The year results say who retests what; the final results show the retest values once entered.
  const year = useQuery({ queryKey: keys.results(classId, 'year'), queryFn: () => homeroomApi.results(classId, 'year'), staleTime: 0 });
  const final = useQuery({ queryKey: keys.results(classId, 'final'), queryFn: () => homeroomApi.results(classId, 'final'), staleTime: 0 });
  const retest = (year.data?.students ?? []).filter((s) => s.outcome === 'retest');
  const codes = [...new Set(retest.flatMap((s) => s.retestSubjects))];
  const cls = setup.data?.classes.find((c) => c.id === classId);
  const subjects = (setup.data?.subjects ?? []).filter((s) => s.grade === cls?.grade && codes.includes(s.code)).sort((a, b) => a.sortOrder - b.sortOrder);
  const mine = (id: string) => me.teaching.some((t) => t.classId === classId && t.subjectId === id);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const chosen = subjectId ?? subjects.find((s) => mine(s.id))?.id ?? subjects[0]?.id ?? null;
  const subject = subjects.find((s) => s.id === chosen);

  if (year.isLoading || setup.isLoading) return <Loading label="Đang tính kết quả cả năm…" />;
  if (year.error) return <ErrorAlert error={year.error} onRetry={() => year.refetch()} />;
  if (!year.data?.complete && retest.length === 0)
    return <Alert color="blue">Kết quả cả năm của lớp chưa đủ dữ liệu; danh sách kiểm tra lại có khi sổ điểm cả năm và kết quả rèn luyện đã nhập đủ.</Alert>;
  if (retest.length === 0) return <Alert color="teal">Lớp không có học sinh phải kiểm tra lại.</Alert>;

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Môn kiểm tra lại"
          w={240}
          data={subjects.map((s) => ({ value: s.id, label: `${s.name}${mine(s.id) ? ' (môn của tôi)' : ''}` }))}
          value={chosen}
          onChange={setSubjectId}
          allowDeselect={false}
          data-testid="retest-subject"
        />
        <Anchor component={Link} href={`/ket-qua/${classId}/final`} size="sm" mb={6}>
          Xem kết quả sau kiểm tra lại
        </Anchor>
      </Group>
      {subject && (
        <RetestSubject
          key={subject.id}
          classId={classId}
          subject={subject}
          editable={mine(subject.id) || can('gradebook.edit')}
          students={retest.filter((s) => s.retestSubjects.includes(subject.code))}
          yearValue={(studentId) => year.data?.students.find((s) => s.studentId === studentId)?.subjects.find((x) => x.code === subject.code)?.value ?? null}
          finalOf={(studentId) => final.data?.students.find((s) => s.studentId === studentId) ?? null}
        />
      )}
    </Stack>
  );
}

function RetestSubject({
  classId,
  subject,
  editable,
  students,
  yearValue,
  finalOf,
}: {
  classId: string;
  subject: { id: string; code: string; name: string; assessmentKind: string };
  editable: boolean;
  students: { studentId: string; listNumber: number; fullName: string }[];
  yearValue: (id: string) => string | null;
  finalOf: (id: string) => { subjects: { code: string; value: string | null }[]; outcome: string | null; academic: string | null } | null;
}) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>({});
  const [versions, setVersions] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const [needReason, setNeedReason] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const scored = subject.assessmentKind === 'scored';
  const entered = students.filter((s) => (values[s.studentId] ?? '').trim() !== '');

  const save = useMutation({
    mutationFn: () =>
      homeroomApi.saveRetest(classId, subject.id, {
        entries: entered.map((s) => ({ studentId: s.studentId, value: values[s.studentId].trim(), baseVersion: versions[s.studentId] ?? 0 })),
        reason: reason.trim(),
      }),
    onSuccess: (res) => {
      const v = { ...versions };
      for (const c of res.saved) v[c.studentId] = c.cell.version;
      for (const c of res.unchanged) v[c.studentId] = c.version;
      setVersions(v);
      setValues({});
      setConflict(null);
      setNeedReason(false);
      void queryClient.invalidateQueries({ queryKey: keys.results(classId) });
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      if (err.body.reasonRequired === true) setNeedReason(true);
      const conflicts = (err.body.conflicts ?? []) as { studentId: string; current: { display: string; version: number } }[];
      if (conflicts.length) {
        setVersions((v) => ({ ...v, ...Object.fromEntries(conflicts.map((c) => [c.studentId, c.current.version])) }));
        setConflict(conflicts.map((c) => `${students.find((s) => s.studentId === c.studentId)?.fullName}: đã có ${c.current.display || '(trống)'}`).join('; '));
      }
    },
  });

  return (
    <Stack gap="sm">
      <Text size="sm">
        {students.length} học sinh kiểm tra lại môn <b>{subject.name}</b>. {scored ? 'Nhập điểm từ 0 đến 10 (8,5 hoặc 8.5).' : 'Nhập Đ (Đạt) hoặc CĐ (Chưa đạt).'}
      </Text>
      {!editable && <Badge color="gray">Chỉ xem (giáo viên dạy môn này nhập)</Badge>}
      <div className="kg-scroll">
        <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={3} maw={760} data-testid="retest-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>STT</Table.Th>
              <Table.Th>Họ và tên</Table.Th>
              <Table.Th ta="center">{scored ? 'ĐTBmcn' : 'Cả năm'}</Table.Th>
              <Table.Th ta="center">Kiểm tra lại</Table.Th>
              <Table.Th title="Tính với các điểm kiểm tra lại đã nhập; đủ các môn mới là kết quả chính thức">Kết quả (với điểm đã nhập)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {students.map((s, i) => {
              const f = finalOf(s.studentId);
              const after = f?.subjects.find((x) => x.code === subject.code)?.value ?? null;
              const before = yearValue(s.studentId);
              return (
                <Table.Tr key={s.studentId} data-student={s.fullName}>
                  <Table.Td>{s.listNumber}</Table.Td>
                  <Table.Td className="nowrap">{s.fullName}</Table.Td>
                  <Table.Td ta="center" c="red.8" className="tabular">
                    {before ?? ''}
                  </Table.Td>
                  <Table.Td p={2} w={110}>
                    <TextInput
                      size="xs"
                      aria-label={`Điểm kiểm tra lại — ${s.fullName}`}
                      data-row={i}
                      readOnly={!editable}
                      value={values[s.studentId] ?? (after !== before ? after ?? '' : '')}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setValues((x) => ({ ...x, [s.studentId]: v }));
                      }}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          document.querySelector<HTMLInputElement>(`[data-testid="retest-table"] input[data-row="${i + 1}"]`)?.focus();
                        }
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    {f?.outcome ? (
                      <Badge size="sm" variant="light" color={OUTCOME_COLORS[f.outcome] ?? 'gray'}>
                        {labelOf(TT22_OUTCOME_NAMES, f.outcome)}
                      </Badge>
                    ) : (
                      <Text size="xs" c="dimmed">
                        chờ các môn khác
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>
      {needReason && (
        <Textarea label="Lý do sửa điểm đã nhập" required maw={560} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      )}
      {conflict && (
        <Alert color="orange" maw={760}>
          Điểm kiểm tra lại đã có trên máy chủ — {conflict}. Bấm Lưu lần nữa để thay bằng điểm thầy/cô vừa nhập.
        </Alert>
      )}
      {save.error && !conflict && <ErrorAlert error={save.error} />}
      {editable && (
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={entered.length === 0 || (needReason && !reason.trim())} data-testid="retest-save">
            Lưu điểm kiểm tra lại
          </Button>
          {save.isSuccess && (
            <Text size="sm" c="teal.8" data-testid="retest-saved">
              Đã lưu.
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
