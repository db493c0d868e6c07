/** Lớp of the year: grade, name, homeroom teacher (GVCN), room, number of students. */
import { Anchor, Button, Group, Modal, Select, Stack, Table, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { ClassGroup, YearSetup } from '../../api/types.ts';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { staffOptions, useStaffList } from './hooks.ts';

export function sortClasses(classes: ClassGroup[]): ClassGroup[] {
  return [...classes].sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'vi', { numeric: true }));
}

export function ClassesPanel({ setup }: { setup: YearSetup }) {
  const [editing, setEditing] = useState<ClassGroup | 'new' | null>(null);
  const classes = sortClasses(setup.classes);
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setEditing('new')}>Thêm lớp</Button>
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Lớp</Table.Th>
              <Table.Th>Khối</Table.Th>
              <Table.Th>Giáo viên chủ nhiệm</Table.Th>
              <Table.Th>Phòng học</Table.Th>
              <Table.Th ta="right">Sĩ số</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {classes.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} href={`/lop/${c.id}`} fw={500}>
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.grade}</Table.Td>
                <Table.Td>{c.homeroomName ?? '—'}</Table.Td>
                <Table.Td>{c.room || '—'}</Table.Td>
                <Table.Td ta="right">{c.studentCount}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(c)}>
                    Sửa
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
            {classes.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>Chưa có lớp nào. Bấm “Thêm lớp”.</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <ClassModal setup={setup} klass={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function ClassModal({ setup, klass, onClose }: { setup: YearSetup; klass: ClassGroup | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const staff = useStaffList();
  const grades = setup.gradeLevels.map((g) => g.grade);
  const [grade, setGrade] = useState<string | null>(klass ? String(klass.grade) : grades[0] ? String(grades[0]) : null);
  const [name, setName] = useState(klass?.name ?? '');
  const [homeroom, setHomeroom] = useState<string | null>(klass?.homeroomStaffId ?? null);
  const [room, setRoom] = useState(klass?.room ?? '');
  const save = useMutation({
    mutationFn: () =>
      klass
        ? setupApi.updateClass(klass.id, { name, homeroomStaffId: homeroom, room })
        : setupApi.createClass(setup.year.id, { grade: Number(grade), name, homeroomStaffId: homeroom, room }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.year(setup.year.id) }),
        queryClient.invalidateQueries({ queryKey: keys.classes(setup.year.id) }),
        queryClient.invalidateQueries({ queryKey: keys.assignments(setup.year.id) }),
      ]);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={klass ? `Sửa lớp ${klass.name}` : 'Thêm lớp'}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Select
            label="Khối"
            data={(grades.length ? grades : Array.from({ length: 12 }, (_, i) => i + 1)).map((g) => ({ value: String(g), label: `Khối ${g}` }))}
            value={grade}
            onChange={setGrade}
            disabled={Boolean(klass)}
            allowDeselect={false}
            error={fieldError(save.error, 'grade')}
            required
          />
          <TextInput
            label="Tên lớp"
            placeholder="Ví dụ: 6A1"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
            required
            data-autofocus
          />
          <Select
            label="Giáo viên chủ nhiệm"
            data={staffOptions(staff.data, homeroom)}
            value={homeroom}
            onChange={setHomeroom}
            searchable
            clearable
            placeholder={staff.isLoading ? 'Đang tải…' : 'Chưa phân công'}
            nothingFoundMessage="Không tìm thấy"
            error={fieldError(save.error, 'homeroomStaffId')}
          />
          <TextInput label="Phòng học" value={room} onChange={(e) => setRoom(e.currentTarget.value)} error={fieldError(save.error, 'room')} />
          {save.error && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!grade || !name.trim()}>
              {klass ? 'Lưu' : 'Thêm lớp'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
