/** Học kỳ I và Học kỳ II: dates. */
import { Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { YearSetup } from '../../api/types.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { termLabel } from '../../../shared/labels.ts';

export function TermsPanel({ setup }: { setup: YearSetup }) {
  const queryClient = useQueryClient();
  const initial = [1, 2].map((no) => {
    const t = setup.terms.find((x) => x.termNo === no);
    return { termNo: no, startsOn: t?.startsOn ?? '', endsOn: t?.endsOn ?? '', endTestOn: t?.endTestOn ?? null };
  });
  const [terms, setTerms] = useState(initial);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => setupApi.updateTerms(setup.year.id, { terms }),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: keys.year(setup.year.id) });
    },
  });
  const set = (i: number, field: 'startsOn' | 'endsOn' | 'endTestOn', v: string | null) => {
    setSaved(false);
    setTerms((ts) => ts.map((t, j) => (j === i ? { ...t, [field]: field === 'endTestOn' ? v : (v ?? '') } : t)));
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack maw={640}>
        {terms.map((t, i) => (
          <Paper key={t.termNo} withBorder p="sm">
            <Text fw={600} mb="xs">
              {termLabel(t.termNo, 'kỳ')}
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              <DateField label="Từ ngày" value={t.startsOn || null} onChange={(v) => set(i, 'startsOn', v)} />
              <DateField label="Đến ngày" value={t.endsOn || null} onChange={(v) => set(i, 'endsOn', v)} />
              <DateField
                label="Ngày kiểm tra cuối kỳ"
                description="Hạn sửa điểm đã nhập tính lùi từ ngày này"
                value={t.endTestOn}
                onChange={(v) => set(i, 'endTestOn', v)}
              />
            </SimpleGrid>
          </Paper>
        ))}
        {save.error && <ErrorAlert error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Lưu học kỳ
          </Button>
          {saved && (
            <Text c="teal" size="sm">
              Đã lưu.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
