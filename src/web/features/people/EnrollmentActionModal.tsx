/** Chuyển lớp / Chuyển trường (chuyển đi) / Thôi học: date, destination and reason. */
import { Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { studentsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Enrollment, StudentDetail } from '../../api/types.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { todayIso } from '../../lib/format.ts';
import { sortClasses } from '../setup/ClassesPanel.tsx';
import { useClasses } from './hooks.ts';

export type EnrollmentAction = 'changeClass' | 'transferOut' | 'dropOut';

const TITLES: Record<EnrollmentAction, string> = {
  changeClass: 'Chuyển lớp',
  transferOut: 'Chuyển trường (chuyển đi)',
  dropOut: 'Thôi học',
};

export function EnrollmentActionModal({
  action,
  student,
  enrollment,
  onClose,
}: {
  action: EnrollmentAction;
  student: StudentDetail['student'];
  enrollment: Enrollment;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const classes = useClasses(enrollment.schoolYearId);
  const [date, setDate] = useState<string | null>(todayIso());
  const [toClassId, setToClassId] = useState<string | null>(null);
  const [toSchool, setToSchool] = useState('');
  const [reason, setReason] = useState('');
  const run = useMutation({
    mutationFn: () => {
      const d = date ?? '';
      if (action === 'changeClass') return studentsApi.changeClass(student.id, { toClassId: toClassId ?? '', date: d, reason });
      if (action === 'transferOut') return studentsApi.transferOut(student.id, { date: d, toSchool, reason });
      return studentsApi.dropOut(student.id, { date: d, reason });
    },
    onSuccess: async (detail) => {
      queryClient.setQueryData(keys.student(student.id), detail);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['classList'] }),
        queryClient.invalidateQueries({ queryKey: keys.classes(enrollment.schoolYearId) }),
      ]);
      onClose();
    },
  });
  // Mantine reads any item with a `group` key as a group: build groups of plain items.
  const sorted = sortClasses((classes.data ?? []).filter((c) => c.id !== enrollment.classId));
  const groups = [...new Set(sorted.map((c) => c.grade))].map((g) => ({
    group: `Khối ${g}`,
    items: sorted.filter((c) => c.grade === g).map((c) => ({ value: c.id, label: `Lớp ${c.name}` })),
  }));
  const ready = Boolean(date) && (action !== 'changeClass' || toClassId) && (action !== 'transferOut' || toSchool.trim()) && (action !== 'dropOut' || reason.trim());
  return (
    <Modal opened onClose={onClose} title={`${TITLES[action]}: ${student.fullName}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Đang học lớp {enrollment.className}, năm học {enrollment.schoolYearName}.
          </Text>
          {action === 'changeClass' && (
            <Select
              label="Chuyển sang lớp"
              data={groups}
              value={toClassId}
              onChange={setToClassId}
              searchable
              nothingFoundMessage="Không có lớp"
              error={fieldError(run.error, 'toClassId')}
              required
            />
          )}
          {action === 'transferOut' && (
            <TextInput
              label="Chuyển đến trường"
              value={toSchool}
              onChange={(e) => setToSchool(e.currentTarget.value)}
              error={fieldError(run.error, 'toSchool')}
              required
            />
          )}
          <DateField label={action === 'dropOut' ? 'Ngày thôi học' : 'Ngày chuyển'} value={date} onChange={setDate} error={fieldError(run.error, 'date')} required />
          <Textarea
            label="Lý do"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError(run.error, 'reason')}
            required={action === 'dropOut'}
            autosize
            minRows={2}
          />
          {run.error && <ErrorAlert error={run.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" color={action === 'changeClass' ? undefined : 'red'} loading={run.isPending} disabled={!ready}>
              {TITLES[action]}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
