/** Môn học / hoạt động giáo dục of each grade: periods per year and how they are assessed. */
import { Badge, Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { AssessmentKind, Subject, YearSetup } from '../../api/types.ts';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { ASSESSMENT_KIND_LABELS, ASSESSMENT_KIND_SHORT } from '../../lib/labels.ts';

const KIND_OPTIONS = (Object.keys(ASSESSMENT_KIND_LABELS) as AssessmentKind[]).map((k) => ({ value: k, label: ASSESSMENT_KIND_LABELS[k] }));

export function SubjectsPanel({ setup }: { setup: YearSetup }) {
  const grades = [...new Set([...setup.gradeLevels.map((g) => g.grade), ...setup.subjects.map((s) => s.grade)])].sort((a, b) => a - b);
  const [grade, setGrade] = useState<number>(grades[0] ?? 6);
  const [editing, setEditing] = useState<Subject | 'new' | null>(null);
  const groupName = new Map(setup.subjectGroups.map((g) => [g.id, g.name]));
  const subjects = setup.subjects.filter((s) => s.grade === grade).sort((a, b) => a.sortOrder - b.sortOrder);
  return (
    <Stack>
      <Group justify="space-between">
        {grades.length > 0 && (
          <SegmentedControl
            data={grades.map((g) => ({ value: String(g), label: `Khối ${g}` }))}
            value={String(grade)}
            onChange={(v) => setGrade(Number(v))}
            style={{ maxWidth: '100%', overflowX: 'auto' }}
          />
        )}
        <Button onClick={() => setEditing('new')}>Thêm môn học</Button>
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Mã</Table.Th>
              <Table.Th>Môn học / Hoạt động giáo dục</Table.Th>
              <Table.Th ta="right">Số tiết/năm</Table.Th>
              <Table.Th>Hình thức đánh giá</Table.Th>
              <Table.Th ta="right">Số ĐĐGtx/HK</Table.Th>
              <Table.Th>Tổ chuyên môn</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {subjects.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {s.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {s.name}
                  {s.learningTopicCluster && (
                    <Badge ml={6} size="xs" variant="light">
                      Cụm chuyên đề
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {s.periodsPerYear}
                </Table.Td>
                <Table.Td>{ASSESSMENT_KIND_SHORT[s.assessmentKind]}</Table.Td>
                <Table.Td ta="right">{s.regularCount ?? '—'}</Table.Td>
                <Table.Td>{s.subjectGroupId ? groupName.get(s.subjectGroupId) : '—'}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(s)}>
                    Sửa
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
            {subjects.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>Khối {grade} chưa có môn học.</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <SubjectModal setup={setup} grade={grade} subject={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function SubjectModal({ setup, grade, subject, onClose }: { setup: YearSetup; grade: number; subject: Subject | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState(subject?.code ?? '');
  const [name, setName] = useState(subject?.name ?? '');
  const [periods, setPeriods] = useState<number>(subject?.periodsPerYear ?? 35);
  const [kind, setKind] = useState<AssessmentKind>(subject?.assessmentKind ?? (grade <= 5 ? 'primaryLevel' : 'scored'));
  const [groupId, setGroupId] = useState<string | null>(subject?.subjectGroupId ?? null);
  const [periodic, setPeriodic] = useState(subject?.hasPeriodicTest ?? grade >= 4);
  const [cluster, setCluster] = useState(subject?.learningTopicCluster ?? false);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        periodsPerYear: periods,
        assessmentKind: kind,
        subjectGroupId: groupId,
        hasPeriodicTest: periodic,
        learningTopicCluster: cluster,
      };
      return subject ? setupApi.updateSubject(subject.id, body) : setupApi.createSubject(setup.year.id, { ...body, grade, code });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.year(setup.year.id) });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={subject ? `Sửa môn học — Khối ${subject.grade}` : `Thêm môn học — Khối ${grade}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Mã môn"
            description="Chữ in hoa không dấu, số, gạch dưới (ví dụ TOAN, NGU_VAN)"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
            disabled={Boolean(subject)}
            error={fieldError(save.error, 'code')}
            required
          />
          <TextInput label="Tên môn học / hoạt động giáo dục" value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(save.error, 'name')} required />
          <NumberInput label="Số tiết/năm" value={periods} onChange={(v) => setPeriods(Number(v) || 0)} min={0} max={400} allowDecimal={false} error={fieldError(save.error, 'periodsPerYear')} />
          <Select label="Hình thức đánh giá" data={KIND_OPTIONS} value={kind} onChange={(v) => v && setKind(v as AssessmentKind)} allowDeselect={false} />
          <Select
            label="Tổ chuyên môn"
            data={setup.subjectGroups.map((g) => ({ value: g.id, label: g.name }))}
            value={groupId}
            onChange={setGroupId}
            clearable
            placeholder="Chưa thuộc tổ nào"
          />
          <Checkbox label="Có bài kiểm tra định kỳ" checked={periodic} onChange={(e) => setPeriodic(e.currentTarget.checked)} />
          {grade >= 10 && <Checkbox label="Cụm chuyên đề học tập" checked={cluster} onChange={(e) => setCluster(e.currentTarget.checked)} />}
          {save.error && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={save.isPending}>
              Lưu
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
