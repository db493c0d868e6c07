/**
 * Nề nếp, nhận xét tuần (G5): the class's weeks, newest first — the homeroom teacher's note on
 * discipline and the subject teachers' comments — and the form to write this week's note.
 */
import { Badge, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { homeroomApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { WeeklyNote } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate, formatDateTime, todayIso } from '../../lib/format.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { ClassSelect, addDays, mondayOf, pickClass, useClassChoices } from './common.tsx';

const weekLabel = (monday: string) => `Tuần ${formatDate(monday)} – ${formatDate(addDays(monday, 6))}`;

export function WeeklyNotesView({ yearId, classId }: { yearId: string; classId: string | null }) {
  const { me } = useSession();
  const { choices, loading, error } = useClassChoices(yearId, { wideAbility: 'results.view', teaching: true });
  const chosen = pickClass(classId, choices, me.homeroomClassIds);
  const cls = choices.find((c) => c.id === chosen);
  return (
    <>
      <PageHeader title={cls ? `Nề nếp, nhận xét tuần — Lớp ${cls.name}` : 'Nề nếp, nhận xét tuần'} subtitle="Giáo viên chủ nhiệm ghi nề nếp, kỷ luật; giáo viên bộ môn ghi nhận xét tuần về môn mình dạy." />
      <ClassSelect base="/ne-nep" choices={choices} value={chosen} />
      {loading && <Loading />}
      {error ? <ErrorAlert error={error} /> : null}
      {!chosen && !loading && <Text c="dimmed">Chọn một lớp.</Text>}
      {chosen && <Notes key={chosen} yearId={yearId} classId={chosen} />}
    </>
  );
}

function Notes({ yearId, classId }: { yearId: string; classId: string }) {
  const { me } = useSession();
  const setup = useYearSetup(yearId);
  const notes = useQuery({ queryKey: keys.weeklyNotes(classId), queryFn: () => homeroomApi.weeklyNotes(classId) });
  const isHomeroom = me.homeroomClassIds.includes(classId);
  const mySubjects = me.teaching.filter((t) => t.classId === classId).map((t) => setup.data?.subjects.find((s) => s.id === t.subjectId)).filter((s) => s !== undefined);
  const canWrite = isHomeroom || mySubjects.length > 0;

  const byWeek = new Map<string, WeeklyNote[]>();
  for (const n of notes.data ?? []) byWeek.set(n.weekStart, [...(byWeek.get(n.weekStart) ?? []), n]);

  return (
    <Stack gap="md">
      {canWrite && <WriteForm classId={classId} isHomeroom={isHomeroom} subjects={mySubjects.map((s) => ({ value: s.id, label: s.name }))} />}
      {notes.isLoading && <Loading />}
      {notes.error && <ErrorAlert error={notes.error} onRetry={() => notes.refetch()} />}
      {notes.data && notes.data.length === 0 && <Text c="dimmed">Chưa có ghi chép tuần nào.</Text>}
      {[...byWeek.entries()].map(([week, list]) => (
        <Card key={week} withBorder padding="sm" data-testid="week-card">
          <Title order={2} size="h5" mb={4}>
            {weekLabel(week)}
          </Title>
          <Stack gap={6}>
            {list.map((n) => (
              <div key={n.id}>
                <Group gap={6}>
                  <Badge size="sm" variant="light" color={n.kind === 'discipline' ? 'teal' : 'blue'}>
                    {n.kind === 'discipline' ? 'Nề nếp, kỷ luật' : n.subjectName ?? 'Môn học'}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {n.authorName} · {formatDateTime(n.createdAt)}
                  </Text>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {n.text}
                </Text>
              </div>
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function WriteForm({ classId, isHomeroom, subjects }: { classId: string; isHomeroom: boolean; subjects: { value: string; label: string }[] }) {
  const queryClient = useQueryClient();
  const thisWeek = mondayOf(todayIso());
  const weeks = Array.from({ length: 6 }, (_, i) => addDays(thisWeek, -7 * i));
  const [week, setWeek] = useState(thisWeek);
  const kinds = [...(isHomeroom ? [{ value: 'discipline', label: 'Nề nếp, kỷ luật (GVCN)' }] : []), ...subjects.map((s) => ({ value: s.value, label: `Nhận xét môn ${s.label}` }))];
  const [kind, setKind] = useState<string>(kinds[0]?.value ?? 'discipline');
  const [text, setText] = useState('');
  const write = useMutation({
    mutationFn: () =>
      homeroomApi.writeWeeklyNote(classId, kind === 'discipline' ? { weekStart: week, kind: 'discipline', text } : { weekStart: week, kind: 'subject', subjectId: kind, text }),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: keys.weeklyNotes(classId) });
    },
  });
  return (
    <Card withBorder padding="sm" className="no-print">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) write.mutate();
        }}
      >
        <Stack gap="xs">
          <Group gap="sm" wrap="wrap">
            <Select label="Tuần" w={230} data={weeks.map((w) => ({ value: w, label: weekLabel(w) }))} value={week} onChange={(v) => v && setWeek(v)} allowDeselect={false} />
            <Select label="Nội dung" w={240} data={kinds} value={kind} onChange={(v) => v && setKind(v)} allowDeselect={false} />
          </Group>
          <Textarea
            label="Ghi chép"
            autosize
            minRows={2}
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            placeholder={kind === 'discipline' ? 'Ví dụ: Lớp giữ trật tự tốt; 2 bạn đi muộn thứ Ba.' : 'Ví dụ: Lớp chuẩn bị bài tốt, cần tập trung hơn khi làm việc nhóm.'}
            error={fieldError(write.error, 'text')}
          />
          {write.error && !fieldError(write.error, 'text') ? <ErrorAlert error={write.error} /> : null}
          <Group justify="flex-end">
            <Button type="submit" loading={write.isPending} disabled={!text.trim()}>
              Ghi
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
