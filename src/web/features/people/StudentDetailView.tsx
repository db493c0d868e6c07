/** Hồ sơ học sinh: profile (sơ yếu lý lịch), enrollment history (quá trình học tập) and moves. */
import { Badge, Button, Group, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { studentsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Enrollment, StudentDetail, StudentInput } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type PrintedProfile, changedProfileFields } from '../../../domain/locks/printed-profile.ts';
import { LockedSaveAlert, ProfileLockNotice, type RecordCorrectionDraft } from '../corrections/RecordCorrectionPrompt.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate } from '../../lib/format.ts';
import { SEX_LABELS } from '../../../shared/labels.ts';
import { ENROLLMENT_STATUS_COLORS, ENROLLMENT_STATUS_LABELS, ORIGIN_LABELS } from '../../lib/labels.ts';
import { type EnrollmentAction, EnrollmentActionModal } from './EnrollmentActionModal.tsx';
import { useClassAbility } from './hooks.ts';
import { formToInput, hasPersonalRecord, type StudentForm, StudentProfileFields, studentToForm } from './StudentProfileFields.tsx';

const CURRENT = new Set(['active', 'transferred_in']);

export function StudentDetailView({ studentId }: { studentId: string }) {
  const queryClient = useQueryClient();
  const allowed = useClassAbility();
  const detail = useQuery({ queryKey: keys.student(studentId), queryFn: () => studentsApi.detail(studentId) });
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<StudentForm | null>(null);
  const [action, setAction] = useState<EnrollmentAction | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (detail.data && !editing) setForm(studentToForm(detail.data.student));
  }, [detail.data, editing]);

  const save = useMutation({
    mutationFn: () => studentsApi.update(studentId, formToInput(form as StudentForm), detail.data?.student.version ?? 0),
    onSuccess: async (data) => {
      queryClient.setQueryData(keys.student(studentId), data);
      setEditing(false);
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['classList'] });
    },
  });

  if (detail.isLoading) return <Loading />;
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />;
  if (!detail.data || !form) return null;
  const { student, enrollments } = detail.data;
  const sorted = [...enrollments].sort((a, b) => (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : 0));
  const current: Enrollment | undefined = sorted.find((e) => CURRENT.has(e.status));
  const personal = hasPersonalRecord(student);
  const canEdit = personal && allowed('student.edit', current?.classId);
  const canMove = current && allowed('enrollment.manage', current.classId);

  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Lớp học', href: '/lop' },
          ...(current ? [{ label: `Lớp ${current.className}`, href: `/lop/${current.classId}` }] : []),
          { label: student.fullName },
        ]}
        title={student.fullName}
        subtitle={[
          SEX_LABELS[student.sex],
          `sinh ngày ${formatDate(student.dateOfBirth)}`,
          current ? `lớp ${current.className}` : null,
          student.studentCode ? `mã HS ${student.studentCode}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          canMove && (
            <>
              <Button variant="light" onClick={() => setAction('changeClass')}>
                Chuyển lớp
              </Button>
              <Button variant="light" color="orange" onClick={() => setAction('transferOut')}>
                Chuyển trường
              </Button>
              <Button variant="light" color="red" onClick={() => setAction('dropOut')}>
                Thôi học
              </Button>
            </>
          )
        }
      />
      <Tabs defaultValue="profile">
        <Tabs.List mb="md">
          <Tabs.Tab value="profile">Sơ yếu lý lịch</Tabs.Tab>
          <Tabs.Tab value="history">Quá trình học tập</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profile">
          <Paper withBorder p="md">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate();
              }}
              noValidate
            >
              <Stack>
                {current && editing && <ProfileLockNotice classId={current.classId} />}
                <StudentProfileFields value={form} onChange={setForm} error={save.error} readOnly={!editing} personal={personal} />
                {save.error &&
                  (current ? (
                    <LockedSaveAlert error={save.error} classId={current.classId} draft={() => profileDraft(student, formToInput(form))} />
                  ) : (
                    <ErrorAlert error={save.error} />
                  ))}
                {canEdit && (
                  <Group>
                    {editing ? (
                      <>
                        <Button type="submit" loading={save.isPending}>
                          Lưu hồ sơ
                        </Button>
                        <Button
                          variant="default"
                          onClick={() => {
                            setEditing(false);
                            save.reset();
                            setForm(studentToForm(student));
                          }}
                        >
                          Hủy
                        </Button>
                      </>
                    ) : (
                      <Button
                        variant="light"
                        onClick={() => {
                          setSaved(false);
                          setEditing(true);
                        }}
                      >
                        Sửa hồ sơ
                      </Button>
                    )}
                    {saved && !editing && (
                      <Text c="teal" size="sm">
                        Đã lưu.
                      </Text>
                    )}
                  </Group>
                )}
              </Stack>
            </form>
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Table.ScrollContainer minWidth={720}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Năm học</Table.Th>
                  <Table.Th>Lớp</Table.Th>
                  <Table.Th>Từ ngày</Table.Th>
                  <Table.Th>Đến ngày</Table.Th>
                  <Table.Th>Hình thức</Table.Th>
                  <Table.Th>Trạng thái</Table.Th>
                  <Table.Th>Ghi chú</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{e.schoolYearName}</Table.Td>
                    <Table.Td fw={500}>{e.className}</Table.Td>
                    <Table.Td className="tabular">{formatDate(e.startsOn)}</Table.Td>
                    <Table.Td className="tabular">{formatDate(e.endsOn)}</Table.Td>
                    <Table.Td>{ORIGIN_LABELS[e.origin] ?? e.origin}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={ENROLLMENT_STATUS_COLORS[e.status]}>
                        {ENROLLMENT_STATUS_LABELS[e.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{e.note}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Tabs.Panel>
      </Tabs>
      {action && current && <EnrollmentActionModal action={action} student={student} enrollment={current} onClose={() => setAction(null)} />}
    </>
  );
}

/** The printed fields the refused edit changes, as a profile correction files them (issue 22). */
function profileDraft(student: StudentDetail['student'], edited: StudentInput): RecordCorrectionDraft {
  const before = formToInput(studentToForm(student)) as PrintedProfile;
  return { kind: 'profile', changes: changedProfileFields(before, edited as PrintedProfile).map((field) => ({ studentId: student.id, field, value: edited[field] ?? null })) };
}
