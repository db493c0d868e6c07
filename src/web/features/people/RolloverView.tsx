/**
 * Kết chuyển lên lớp: from one school year to the next. Preview every student's move, tick those
 * who stay in the same grade (không lên lớp), optionally map old classes to new ones, then apply.
 */
import { Alert, Badge, Button, Checkbox, Group, List, Modal, NativeSelect, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { studentsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { RolloverPreview } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { ROLLOVER_ACTION_LABELS } from '../../lib/labels.ts';
import { sortClasses } from '../setup/ClassesPanel.tsx';
import { useClasses } from './hooks.ts';

export function RolloverView() {
  const { years, yearId } = useSession();
  const queryClient = useQueryClient();
  // years are newest first
  const idx = Math.max(0, years.findIndex((y) => y.id === yearId));
  const [toYearId, setToYearId] = useState<string | null>(years[idx]?.id ?? null);
  const [fromYearId, setFromYearId] = useState<string | null>(years[idx + 1]?.id ?? null);
  const [retained, setRetained] = useState<Set<string>>(new Set());
  const [classMap, setClassMap] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState(false);
  const [result, setResult] = useState<RolloverPreview | null>(null);

  const ready = Boolean(fromYearId && toYearId && fromYearId !== toYearId);
  const preview = useQuery({
    queryKey: keys.rollover(fromYearId ?? '', toYearId ?? ''),
    queryFn: () => studentsApi.rolloverPreview(fromYearId as string, toYearId as string),
    enabled: ready,
  });
  const fromClasses = useClasses(fromYearId);
  const toClasses = useClasses(toYearId);

  const apply = useMutation({
    mutationFn: () =>
      studentsApi.rollover(fromYearId as string, {
        toYearId: toYearId as string,
        retainedStudentIds: [...retained],
        classMap,
      }),
    onSuccess: async (data) => {
      setResult(data);
      setConfirm(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['rollover'] }),
        queryClient.invalidateQueries({ queryKey: ['classes'] }),
        queryClient.invalidateQueries({ queryKey: ['classList'] }),
      ]);
    },
  });

  const yearOptions = years.map((y) => ({ value: y.id, label: `Năm học ${y.name}` }));
  const moves = useMemo(() => preview.data?.moves ?? [], [preview.data]);
  const counts = useMemo(() => {
    const c = { promoted: 0, retained: 0, graduated: 0 };
    for (const m of moves) c[retained.has(m.studentId) ? 'retained' : m.action] += 1;
    return c;
  }, [moves, retained]);
  const oldClassNames = [...new Set(moves.map((m) => m.fromClass))];
  const oldClassByName = new Map((fromClasses.data ?? []).map((c) => [c.name, c]));
  const toOptions = [{ value: '', label: 'Tự động (theo tên lớp)' }, ...sortClasses(toClasses.data ?? []).map((c) => ({ value: c.id, label: `Lớp ${c.name}` }))];

  return (
    <>
      <PageHeader title="Kết chuyển lên lớp" subtitle="Chuyển học sinh sang năm học mới: lên lớp, không lên lớp (ở lại lớp), ra trường" />
      <SimpleGrid cols={{ base: 1, xs: 2 }} maw={640} mb="md">
        <Select label="Từ năm học" data={yearOptions} value={fromYearId} onChange={setFromYearId} allowDeselect={false} />
        <Select label="Sang năm học" data={yearOptions} value={toYearId} onChange={setToYearId} allowDeselect={false} />
      </SimpleGrid>
      {years.length < 2 && (
        <Alert color="blue" mb="md">
          Cần có năm học mới (tạo ở “Thiết lập năm học”, sao chép lớp từ năm trước) trước khi kết chuyển.
        </Alert>
      )}
      {fromYearId && fromYearId === toYearId && (
        <Alert color="orange" mb="md">
          Hãy chọn hai năm học khác nhau.
        </Alert>
      )}
      {result && (
        <Alert color="teal" title="Đã kết chuyển" mb="md">
          Đã chuyển {result.moves.length} học sinh sang năm học mới.
        </Alert>
      )}
      {preview.isLoading && ready && <Loading label="Đang tính danh sách kết chuyển…" />}
      {preview.error && <ErrorAlert error={preview.error} onRetry={() => preview.refetch()} />}
      {preview.data && (
        <Stack>
          {preview.data.problems.length > 0 && (
            <Alert color="orange" title="Cần xử lý trước">
              <List size="sm">
                {preview.data.problems.map((p, i) => (
                  <List.Item key={i}>{p}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Group gap="xs">
            <Badge variant="light" color="teal">
              Lên lớp: {counts.promoted}
            </Badge>
            <Badge variant="light" color="orange">
              Không lên lớp: {counts.retained}
            </Badge>
            <Badge variant="light" color="violet">
              Ra trường: {counts.graduated}
            </Badge>
          </Group>
          {oldClassNames.length > 0 && (toClasses.data?.length ?? 0) > 0 && (
            <details>
              <summary style={{ cursor: 'pointer' }}>
                <Text span size="sm" fw={500}>
                  Ghép lớp cũ → lớp mới (tùy chọn)
                </Text>
              </summary>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mt="xs">
                {oldClassNames.map((name) => {
                  const old = oldClassByName.get(name);
                  if (!old) return null;
                  return (
                    <NativeSelect
                      key={name}
                      label={`Lớp ${name} →`}
                      data={toOptions}
                      value={classMap[old.id] ?? ''}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setClassMap((m) => {
                          const next = { ...m };
                          if (v) next[old.id] = v;
                          else delete next[old.id];
                          return next;
                        });
                      }}
                    />
                  );
                })}
              </SimpleGrid>
            </details>
          )}
          <Table.ScrollContainer minWidth={640} maxHeight={560}>
            <Table striped stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={50}>STT</Table.Th>
                  <Table.Th>Họ và tên</Table.Th>
                  <Table.Th>Lớp cũ</Table.Th>
                  <Table.Th>Không lên lớp</Table.Th>
                  <Table.Th>Kết quả</Table.Th>
                  <Table.Th>Lớp mới</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {moves.map((m, i) => {
                  const isRetained = retained.has(m.studentId);
                  const action = isRetained ? 'retained' : m.action;
                  return (
                    <Table.Tr key={m.enrollmentId}>
                      <Table.Td>{i + 1}</Table.Td>
                      <Table.Td fw={500}>{m.fullName}</Table.Td>
                      <Table.Td>{m.fromClass}</Table.Td>
                      <Table.Td>
                        <Checkbox
                          aria-label={`${m.fullName} không lên lớp`}
                          checked={isRetained || m.action === 'retained'}
                          disabled={m.action === 'retained'}
                          onChange={(e) => {
                            const checked = e.currentTarget.checked;
                            setRetained((s) => {
                              const next = new Set(s);
                              if (checked) next.add(m.studentId);
                              else next.delete(m.studentId);
                              return next;
                            });
                          }}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={action === 'promoted' ? 'teal' : action === 'retained' ? 'orange' : 'violet'}>
                          {ROLLOVER_ACTION_LABELS[action]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{isRetained ? '(lớp cùng khối, xếp khi áp dụng)' : (m.toClassName ?? '—')}</Table.Td>
                    </Table.Tr>
                  );
                })}
                {moves.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>Không có học sinh nào để kết chuyển.</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group>
            <Button onClick={() => setConfirm(true)} disabled={!moves.length}>
              Kết chuyển {moves.length} học sinh
            </Button>
          </Group>
        </Stack>
      )}
      <Modal opened={confirm} onClose={() => setConfirm(false)} title="Xác nhận kết chuyển">
        <Stack>
          <Text size="sm">
            {counts.promoted} học sinh lên lớp, {counts.retained} học sinh không lên lớp, {counts.graduated} học sinh ra trường. Thao tác
            được ghi vào nhật kí hệ thống.
          </Text>
          {apply.error && <ErrorAlert error={apply.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              Hủy
            </Button>
            <Button onClick={() => apply.mutate()} loading={apply.isPending}>
              Kết chuyển
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
