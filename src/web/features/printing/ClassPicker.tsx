/**
 * Which classes to print: one class, a whole grade or the whole school — checkboxes grouped by
 * grade, a grade's box (and the school's) ticking all of its classes.
 */
import { Checkbox, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ClassGroup } from '../../api/types.ts';

export function ClassPicker({ classes, value, onChange }: { classes: ClassGroup[]; value: string[]; onChange(ids: string[]): void }) {
  const chosen = new Set(value);
  const grades = [...new Set(classes.map((c) => c.grade))].sort((a, b) => a - b);
  const byGrade = (g: number) => classes.filter((c) => c.grade === g).sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
  const setMany = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(classes.filter((c) => next.has(c.id)).map((c) => c.id));
  };
  const all = classes.map((c) => c.id);
  const allOn = all.length > 0 && all.every((id) => chosen.has(id));

  return (
    <Stack gap="xs">
      {grades.length > 1 && (
        <Checkbox
          label={<Text fw={600} size="sm">Toàn trường ({classes.length} lớp)</Text>}
          checked={allOn}
          indeterminate={!allOn && chosen.size > 0}
          onChange={(e) => setMany(all, e.currentTarget.checked)}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, md: Math.min(grades.length, 4) || 1 }} spacing="xs">
        {grades.map((g) => {
          const ids = byGrade(g).map((c) => c.id);
          const on = ids.filter((id) => chosen.has(id)).length;
          return (
            <Paper key={g} withBorder p="xs" radius="sm">
              <Checkbox
                mb={6}
                label={<Text fw={600} size="sm">{`Cả khối ${g}`}</Text>}
                checked={on === ids.length}
                indeterminate={on > 0 && on < ids.length}
                onChange={(e) => setMany(ids, e.currentTarget.checked)}
              />
              <Group gap="sm" pl="md">
                {byGrade(g).map((c) => (
                  <Checkbox key={c.id} size="sm" label={`Lớp ${c.name}`} checked={chosen.has(c.id)} onChange={(e) => setMany([c.id], e.currentTarget.checked)} />
                ))}
              </Group>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
