/** Thêm học sinh vào lớp: the whole profile, guardians, and how the student came (tuyển mới / chuyển đến). */
import { Button, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { studentsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { todayIso } from '../../lib/format.ts';
import { emptyStudentForm, formToInput, StudentProfileFields } from './StudentProfileFields.tsx';

export function AddStudentModal({
  classId,
  className,
  yearId,
  onClose,
}: {
  classId: string;
  className: string;
  yearId: string | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(emptyStudentForm);
  const [origin, setOrigin] = useState<'intake' | 'transfer_in'>('intake');
  const [startsOn, setStartsOn] = useState<string | null>(todayIso());
  const [note, setNote] = useState('');
  const add = useMutation({
    mutationFn: () => studentsApi.add(classId, { student: formToInput(form), startsOn: startsOn ?? '', origin, note }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.classList(classId) }),
        yearId ? queryClient.invalidateQueries({ queryKey: keys.classes(yearId) }) : undefined,
      ]);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Thêm học sinh vào lớp ${className}`} size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <SegmentedControl
            value={origin}
            onChange={(v) => setOrigin(v as typeof origin)}
            data={[
              { value: 'intake', label: 'Tuyển mới' },
              { value: 'transfer_in', label: 'Chuyển đến từ trường khác' },
            ]}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <DateField label="Ngày vào lớp" value={startsOn} onChange={setStartsOn} error={fieldError(add.error, 'startsOn')} required />
            <TextInput
              label="Ghi chú"
              placeholder={origin === 'transfer_in' ? 'Chuyển đến từ trường…, số quyết định…' : ''}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={fieldError(add.error, 'note')}
            />
          </SimpleGrid>
          <Text fw={600} size="sm" mt="xs">
            Sơ yếu lý lịch
          </Text>
          <StudentProfileFields value={form} onChange={setForm} error={add.error} />
          {add.error && <ErrorAlert error={add.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={add.isPending}>
              Thêm học sinh
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
