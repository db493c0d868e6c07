/** Phân công chủ nhiệm: one homeroom teacher per class; changes saved together. */
import { Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { YearSetup } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { sortClasses } from './ClassesPanel.tsx';
import { staffOptions, useStaffList } from './hooks.ts';

export function HomeroomPanel({ setup }: { setup: YearSetup }) {
  const queryClient = useQueryClient();
  const staff = useStaffList();
  const [changes, setChanges] = useState<Record<string, string | null>>({});
  const classes = sortClasses(setup.classes);
  const options = [{ value: '', label: '— Chưa phân công —' }, ...staffOptions(staff.data)];
  const count = Object.keys(changes).length;
  // Who already has a class: one teacher should not be GVCN of two classes.
  const current = (id: string, fallback: string | null) => (id in changes ? changes[id] : fallback);
  const holders = new Map<string, number>();
  for (const c of classes) {
    const s = current(c.id, c.homeroomStaffId);
    if (s) holders.set(s, (holders.get(s) ?? 0) + 1);
  }
  const save = useMutation({
    mutationFn: async () => {
      for (const [classId, staffId] of Object.entries(changes)) await setupApi.updateClass(classId, { homeroomStaffId: staffId });
    },
    onSuccess: () => setChanges({}),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.year(setup.year.id) }),
        queryClient.invalidateQueries({ queryKey: keys.classes(setup.year.id) }),
      ]);
    },
  });
  return (
    <Stack>
      <Table.ScrollContainer minWidth={420}>
        <Table striped maw={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={100}>Lớp</Table.Th>
              <Table.Th>Giáo viên chủ nhiệm</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {classes.map((c) => {
              const value = current(c.id, c.homeroomStaffId) ?? '';
              const twice = value && (holders.get(value) ?? 0) > 1;
              return (
                <Table.Tr key={c.id} className={c.id in changes ? 'cell-changed' : undefined}>
                  <Table.Td fw={500}>{c.name}</Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Giáo viên chủ nhiệm lớp ${c.name}`}
                      data={options}
                      value={value}
                      onChange={(e) => {
                        const v = e.currentTarget.value || null;
                        setChanges((ch) => {
                          const next = { ...ch };
                          if (v === c.homeroomStaffId) delete next[c.id];
                          else next[c.id] = v;
                          return next;
                        });
                      }}
                      error={twice ? 'Giáo viên này đang chủ nhiệm lớp khác' : undefined}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {save.error && <ErrorAlert error={save.error} />}
      <Group>
        <Button onClick={() => save.mutate()} disabled={!count} loading={save.isPending}>
          Lưu phân công chủ nhiệm{count ? ` (${count} thay đổi)` : ''}
        </Button>
        {count > 0 && (
          <Button variant="default" onClick={() => setChanges({})}>
            Hủy thay đổi
          </Button>
        )}
        {!classes.length && <Text c="dimmed">Năm học chưa có lớp.</Text>}
      </Group>
    </Stack>
  );
}
