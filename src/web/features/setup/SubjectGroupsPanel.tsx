/** Tổ chuyên môn: name, head (tổ trưởng), members. */
import { Button, Group, Modal, MultiSelect, Select, Stack, Table, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { YearSetup } from '../../api/types.ts';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { staffOptions, useStaffList } from './hooks.ts';

type Group = YearSetup['subjectGroups'][number];

export function SubjectGroupsPanel({ setup }: { setup: YearSetup }) {
  const staff = useStaffList();
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const nameOf = new Map((staff.data ?? []).map((s) => [s.id, s.fullName]));
  const subjectsOf = (groupId: string) => [...new Set(setup.subjects.filter((s) => s.subjectGroupId === groupId).map((s) => s.name))].join(', ');
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setEditing('new')}>Thêm tổ chuyên môn</Button>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tổ chuyên môn</Table.Th>
              <Table.Th>Tổ trưởng</Table.Th>
              <Table.Th>Thành viên</Table.Th>
              <Table.Th>Môn học</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {setup.subjectGroups.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td fw={500}>{g.name}</Table.Td>
                <Table.Td>{g.headStaffId ? nameOf.get(g.headStaffId) ?? '…' : '—'}</Table.Td>
                <Table.Td>{g.memberStaffIds.map((id) => nameOf.get(id) ?? '…').join(', ') || '—'}</Table.Td>
                <Table.Td>{subjectsOf(g.id) || '—'}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(g)}>
                    Sửa
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
            {setup.subjectGroups.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>Chưa có tổ chuyên môn.</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <GroupModal setup={setup} group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function GroupModal({ setup, group, onClose }: { setup: YearSetup; group: Group | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const staff = useStaffList();
  const [name, setName] = useState(group?.name ?? '');
  const [head, setHead] = useState<string | null>(group?.headStaffId ?? null);
  const [members, setMembers] = useState<string[]>(group?.memberStaffIds ?? []);
  const save = useMutation({
    mutationFn: () => {
      const body = { name, headStaffId: head, memberStaffIds: head && !members.includes(head) ? [...members, head] : members };
      return group ? setupApi.updateSubjectGroup(group.id, body) : setupApi.createSubjectGroup(setup.year.id, body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.year(setup.year.id) });
      onClose();
    },
  });
  const options = staffOptions(staff.data);
  return (
    <Modal opened onClose={onClose} title={group ? `Sửa ${group.name}` : 'Thêm tổ chuyên môn'}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput label="Tên tổ" placeholder="Ví dụ: Tổ Toán – Tin" value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(save.error, 'name')} required />
          <Select label="Tổ trưởng chuyên môn" data={options} value={head} onChange={setHead} searchable clearable nothingFoundMessage="Không tìm thấy" />
          <MultiSelect label="Thành viên" data={options} value={members} onChange={setMembers} searchable clearable nothingFoundMessage="Không tìm thấy" />
          {save.error && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
              Lưu
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
