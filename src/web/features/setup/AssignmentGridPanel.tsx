/**
 * Phân công chuyên môn: for one grade, rows are classes and columns are subjects; each cell picks
 * the subject teacher. Changes are highlighted and saved in one batch.
 */
import { Button, Group, NativeSelect, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { YearSetup } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Page.tsx';
import { sortClasses } from './ClassesPanel.tsx';
import { staffOptions, useStaffList } from './hooks.ts';

const cellKey = (classId: string, subjectId: string) => `${classId}|${subjectId}`;

export function AssignmentGridPanel({ setup }: { setup: YearSetup }) {
  const yearId = setup.year.id;
  const queryClient = useQueryClient();
  const grid = useQuery({ queryKey: keys.assignments(yearId), queryFn: () => setupApi.assignments(yearId) });
  const staff = useStaffList();
  const [changes, setChanges] = useState<Record<string, string | null>>({});
  const classesAll = grid.data?.classes ?? setup.classes;
  const subjectsAll = grid.data?.subjects ?? setup.subjects;
  const grades = [...new Set(classesAll.map((c) => c.grade))].sort((a, b) => a - b);
  const [gradeState, setGrade] = useState<number | null>(null);
  const grade = gradeState ?? grades[0] ?? null;

  const saved = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of grid.data?.assignments ?? []) m.set(cellKey(a.classId, a.subjectId), a.staffId);
    return m;
  }, [grid.data]);

  const save = useMutation({
    mutationFn: () =>
      setupApi.updateAssignments(yearId, {
        changes: Object.entries(changes).map(([k, staffId]) => {
          const [classId, subjectId] = k.split('|');
          return { classId, subjectId, staffId };
        }),
      }),
    onSuccess: async (data) => {
      queryClient.setQueryData(keys.assignments(yearId), data);
      setChanges({});
      await queryClient.invalidateQueries({ queryKey: keys.assignments(yearId) });
    },
  });

  if (grid.isLoading) return <Loading />;
  if (grid.error) return <ErrorAlert error={grid.error} onRetry={() => grid.refetch()} />;

  const classes = sortClasses(classesAll.filter((c) => c.grade === grade));
  const subjects = subjectsAll.filter((s) => s.grade === grade).sort((a, b) => a.sortOrder - b.sortOrder);
  const options = [{ value: '', label: '—' }, ...staffOptions(staff.data)];
  const count = Object.keys(changes).length;
  const unassigned = classes.reduce(
    (n, c) => n + subjects.filter((s) => !(changes[cellKey(c.id, s.id)] ?? saved.get(cellKey(c.id, s.id)))).length,
    0,
  );

  return (
    <Stack>
      <Group justify="space-between">
        {grades.length > 0 && (
          <SegmentedControl
            data={grades.map((g) => ({ value: String(g), label: `Khối ${g}` }))}
            value={grade === null ? undefined : String(grade)}
            onChange={(v) => setGrade(Number(v))}
          />
        )}
        <Text size="sm" c="dimmed">
          {unassigned > 0 ? `Còn ${unassigned} ô chưa phân công ở khối này.` : 'Khối này đã phân công đủ.'}
        </Text>
      </Group>
      {classes.length === 0 ? (
        <Text c="dimmed">Năm học chưa có lớp để phân công.</Text>
      ) : (
        <Table.ScrollContainer minWidth={Math.max(480, 90 + subjects.length * 170)} maxHeight={600}>
          <Table withColumnBorders withTableBorder className="grid-sticky" verticalSpacing={4} horizontalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Lớp</Table.Th>
                {subjects.map((s) => (
                  <Table.Th key={s.id} title={s.name} style={{ minWidth: 160 }}>
                    {s.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {classes.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td fw={600}>{c.name}</Table.Td>
                  {subjects.map((s) => {
                    const k = cellKey(c.id, s.id);
                    const changed = k in changes;
                    const value = (changed ? changes[k] : saved.get(k)) ?? '';
                    return (
                      <Table.Td key={s.id} className={changed ? 'cell-changed' : undefined}>
                        <NativeSelect
                          size="xs"
                          aria-label={`${s.name} lớp ${c.name}`}
                          data={options}
                          value={value}
                          onChange={(e) => {
                            const v = e.currentTarget.value || null;
                            setChanges((ch) => {
                              const next = { ...ch };
                              if ((saved.get(k) ?? null) === v) delete next[k];
                              else next[k] = v;
                              return next;
                            });
                          }}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {save.error && <ErrorAlert error={save.error} />}
      <Group>
        <Button onClick={() => save.mutate()} disabled={!count} loading={save.isPending}>
          Lưu phân công{count ? ` (${count} thay đổi)` : ''}
        </Button>
        {count > 0 && (
          <Button variant="default" onClick={() => setChanges({})}>
            Hủy thay đổi
          </Button>
        )}
      </Group>
    </Stack>
  );
}
