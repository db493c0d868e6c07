/**
 * Kế hoạch kiểm tra (G10): the school's periodic tests per class, subject and term with their
 * days, and for each test whose day has passed how many of its scores are entered (chưa đến hạn /
 * đã nhập đủ / còn thiếu N). The principal and the admin board date tests here or import the plan
 * from Excel; the end-of-term test's day sets the class's last day for re-entries; a test with no
 * score entered yet can be deleted from the plan (after a confirmation). Teachers see their
 * classes' tests. On a phone each test is a card.
 */
import { Alert, Anchor, Badge, Button, Card, FileInput, Group, Modal, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import type { TestingPlanInputEntry, TestingPlanRow } from '../../../shared/testing-plan.ts';
import { inSentence, termLabel } from '../../../shared/labels.ts';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate } from '../../lib/format.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { testingPlanApi, testingPlanKey } from './testing-plan-api.ts';

const STATUS_COLORS = { notDue: 'gray', complete: 'teal', missing: 'red' } as const;
const TESTS = [
  { value: '1.midterm', label: 'Giữa học kỳ I' },
  { value: '1.endOfTerm', label: 'Cuối học kỳ I' },
  { value: '2.midterm', label: 'Giữa học kỳ II' },
  { value: '2.endOfTerm', label: 'Cuối học kỳ II' },
];

function StatusBadge({ row }: { row: TestingPlanRow }) {
  return (
    <Badge color={STATUS_COLORS[row.status.kind]} variant="light" data-testid="plan-status">
      {row.statusLabel}
    </Badge>
  );
}

export function TestingPlanView({ yearId }: { yearId: string }) {
  const { can } = useSession();
  const manage = can('testingPlan.manage');
  const phone = useMediaQuery('(max-width: 40em)');
  const [termNo, setTermNo] = useState<number | null>(null);
  const [className, setClassName] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const plan = useQuery({ queryKey: testingPlanKey(yearId, termNo), queryFn: () => testingPlanApi.plan(yearId, termNo) });
  const rows = (plan.data?.rows ?? []).filter((r) => (!className || r.className === className) && (!status || r.status.kind === status));
  const classNames = [...new Set((plan.data?.rows ?? []).map((r) => r.className))];
  const missing = (plan.data?.rows ?? []).filter((r) => r.status.kind === 'missing').length;
  const [deleting, setDeleting] = useState<TestingPlanRow | null>(null);
  /** Only a test whose column has no score yet may leave the plan (the server says so too). */
  const deletable = (r: TestingPlanRow) => manage && r.entered === 0;
  const deleteButton = (r: TestingPlanRow) => (
    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(r)} aria-label={`Xóa bài kiểm tra ${inSentence(r.testLabel)} môn ${r.subjectName} lớp ${r.className}`} data-testid="plan-delete">
      Xóa
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Kế hoạch kiểm tra"
        subtitle="Các bài kiểm tra định kỳ theo lớp, môn và học kỳ; tiến độ nhập điểm của các bài đã kiểm tra. Hạn sửa điểm: một tuần trước ngày kiểm tra cuối kỳ của lớp."
      />
      {manage && <PlanEditor yearId={yearId} />}
      <Group gap="sm" align="flex-end" my="md" wrap="wrap" className="no-print">
        <SegmentedControl
          aria-label="Học kỳ"
          data={[
            { value: '', label: 'Cả năm' },
            { value: '1', label: termLabel(1, 'kỳ') },
            { value: '2', label: termLabel(2, 'kỳ') },
          ]}
          value={termNo ? String(termNo) : ''}
          onChange={(v) => setTermNo(v ? Number(v) : null)}
        />
        <Select placeholder="Mọi lớp" aria-label="Lớp" w={120} clearable data={classNames} value={className} onChange={setClassName} />
        <Select
          placeholder="Mọi tình trạng"
          aria-label="Tình trạng"
          w={170}
          clearable
          data={[
            { value: 'missing', label: 'Còn thiếu điểm' },
            { value: 'complete', label: 'Đã nhập đủ' },
            { value: 'notDue', label: 'Chưa đến hạn' },
          ]}
          value={status}
          onChange={setStatus}
        />
      </Group>
      {plan.isLoading && <Loading />}
      {plan.error && <ErrorAlert error={plan.error} onRetry={() => plan.refetch()} />}
      {plan.data && (
        <>
          <Text size="sm" mb="sm">
            {plan.data.schoolWide ? 'Toàn trường' : 'Các lớp, môn thầy/cô phụ trách'}: {plan.data.rows.length} bài kiểm tra
            {missing > 0 && (
              <>
                , <b>{missing}</b> bài đã kiểm tra còn thiếu điểm
              </>
            )}
            .
          </Text>
          {phone ? (
            <Stack gap="xs" data-testid="plan-cards">
              {rows.map((r) => (
                <Card key={r.id} withBorder padding="xs">
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={600} size="sm">
                      {r.className} · {r.subjectName}
                    </Text>
                    <StatusBadge row={r} />
                  </Group>
                  <Text size="sm">
                    {r.testLabel}: {formatDate(r.testOn)}
                    {r.status.kind !== 'notDue' && ` · đã nhập ${r.entered}/${r.expected}`}
                  </Text>
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="xs" c="dimmed">
                      {r.editLastDay ? `Hạn sửa điểm: ${formatDate(r.editLastDay)}` : ''}
                    </Text>
                    {deletable(r) && deleteButton(r)}
                  </Group>
                </Card>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table striped verticalSpacing="xs" data-testid="plan-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Lớp</Table.Th>
                    <Table.Th>Môn học</Table.Th>
                    <Table.Th>Bài kiểm tra</Table.Th>
                    <Table.Th>Ngày kiểm tra</Table.Th>
                    <Table.Th>Hạn sửa điểm</Table.Th>
                    <Table.Th>Đã nhập</Table.Th>
                    <Table.Th>Tình trạng</Table.Th>
                    {manage && <Table.Th aria-label="Thao tác" />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.className}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} href={`/so-diem/${r.classId}/${r.subjectId}/${r.termNo}`}>
                          {r.subjectName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{r.testLabel}</Table.Td>
                      <Table.Td className="tabular">{formatDate(r.testOn)}</Table.Td>
                      <Table.Td className="tabular">{r.editLastDay ? formatDate(r.editLastDay) : '—'}</Table.Td>
                      <Table.Td className="tabular nowrap">{r.status.kind === 'notDue' ? '—' : `${r.entered}/${r.expected}`}</Table.Td>
                      <Table.Td>
                        <StatusBadge row={r} />
                      </Table.Td>
                      {manage && <Table.Td>{deletable(r) && deleteButton(r)}</Table.Td>}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {deleting && <DeletePlannedTest yearId={yearId} row={deleting} onClose={() => setDeleting(null)} />}
          {rows.length === 0 && <Text size="sm">Chưa có bài kiểm tra nào trong kế hoạch{className || status ? ' khớp bộ lọc' : ''}.</Text>}
          {manage && plan.data.suggestedWindows.length > 0 && (
            <Card withBorder mt="md" padding="sm">
              <Title order={5}>Gợi ý đợt cập nhật điểm theo kế hoạch</Title>
              <Text size="xs" c="dimmed" mb="xs">
                Chỉ để tham khảo: đặt đợt cập nhật ở trang “Khóa sổ, mở sổ”.
              </Text>
              {plan.data.suggestedWindows.map((w) => (
                <Text size="sm" key={w.point}>
                  {w.label.replace(/^./, (c) => c.toUpperCase())}: các bài kiểm tra từ {formatDate(w.firstTestOn)} đến {formatDate(w.lastTestOn)}
                </Text>
              ))}
            </Card>
          )}
        </>
      )}
    </>
  );
}

/** Asks before taking a test out of the plan; the server refuses once the test has scores. */
function DeletePlannedTest({ yearId, row, onClose }: { yearId: string; row: TestingPlanRow; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => testingPlanApi.delete(yearId, row.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['testing-plan', yearId] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Xóa bài kiểm tra khỏi kế hoạch" centered>
      <Stack gap="sm">
        <Text size="sm">
          Xóa bài kiểm tra <b>{inSentence(row.testLabel)}</b> môn <b>{row.subjectName}</b> lớp <b>{row.className}</b>, ngày {formatDate(row.testOn)}, khỏi kế hoạch kiểm tra?
          {row.test === 'endOfTerm' && ' Hạn sửa điểm của lớp và môn này trở về hạn chung của học kỳ.'} Việc xóa được ghi vào nhật kí.
        </Text>
        {remove.error && <ErrorAlert error={remove.error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Hủy
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()} data-testid="plan-delete-yes">
            Xóa bài kiểm tra
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The principal's and the admin board's tools: date one test (a class or a whole grade), or import the plan from Excel. */
function PlanEditor({ yearId }: { yearId: string }) {
  const queryClient = useQueryClient();
  const setup = useYearSetup(yearId);
  const [scope, setScope] = useState<string | null>(null);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [test, setTest] = useState<string | null>(null);
  const [testOn, setTestOn] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['testing-plan', yearId] });
  const save = useMutation({ mutationFn: (entry: TestingPlanInputEntry) => testingPlanApi.set(yearId, [entry]), onSuccess: refresh });
  const upload = useMutation({ mutationFn: (f: File) => testingPlanApi.import(yearId, f), onSuccess: refresh });
  const classes = setup.data?.classes ?? [];
  const grades = [...new Set(classes.map((c) => c.grade))].sort((a, b) => a - b);
  const grade = scope?.startsWith('grade:') ? Number(scope.slice(6)) : classes.find((c) => c.id === scope)?.grade;
  const subjects = (setup.data?.subjects ?? []).filter((s) => s.grade === grade);
  const rowErrors = upload.error instanceof ApiError ? upload.error.fieldErrors : [];
  const submit = () => {
    if (!scope || !subjectId || !test || !testOn) return;
    const [term, kind] = test.split('.');
    save.mutate({
      classId: scope.startsWith('grade:') ? null : scope,
      grade: scope.startsWith('grade:') ? Number(scope.slice(6)) : null,
      subjectId,
      termNo: Number(term) as 1 | 2,
      test: kind as 'midterm' | 'endOfTerm',
      testOn,
    });
  };
  const changed = (c: { created: number; changed: number; unchanged: number }) => `Thêm ${c.created}, đổi ngày ${c.changed}, giữ nguyên ${c.unchanged} bài kiểm tra.`;

  return (
    <Card withBorder padding="sm" className="no-print">
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Khối/Lớp"
            w={130}
            data={[...grades.map((g) => ({ value: `grade:${g}`, label: `Khối ${g}` })), ...classes.map((c) => ({ value: c.id, label: c.name }))]}
            value={scope}
            onChange={(v) => (setScope(v), setSubjectId(null))}
            searchable
          />
          <Select label="Môn" w={180} data={subjects.map((s) => ({ value: s.id, label: s.name }))} value={subjectId} onChange={setSubjectId} searchable />
          <Select label="Bài kiểm tra" w={160} data={TESTS} value={test} onChange={setTest} />
          <DateField label="Ngày kiểm tra" w={130} value={testOn} onChange={setTestOn} />
          <Button onClick={submit} disabled={!scope || !subjectId || !test || !testOn} loading={save.isPending}>
            Lưu ngày kiểm tra
          </Button>
        </Group>
        {save.data && <Alert color="teal">{changed(save.data)}</Alert>}
        {save.error && <ErrorAlert error={save.error} />}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <FileInput
            label="Nhập kế hoạch từ Excel (.xlsx)"
            placeholder="Chọn tệp…"
            w={260}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => (setFile(f), upload.reset())}
            clearable
          />
          <Button variant="light" onClick={() => file && upload.mutate(file)} disabled={!file} loading={upload.isPending}>
            Nhập kế hoạch
          </Button>
          <Anchor href={testingPlanApi.templateUrl(yearId)} download="ke-hoach-kiem-tra.xlsx" size="sm">
            Tải mẫu Excel (kèm kế hoạch đã có)
          </Anchor>
        </Group>
        {upload.data && <Alert color="teal">{changed(upload.data)}</Alert>}
        {upload.error && rowErrors.length === 0 && <ErrorAlert error={upload.error} />}
        {rowErrors.length > 0 && (
          <Alert color="red" title="Chưa nhập ngày kiểm tra nào">
            <Stack gap={2}>
              {rowErrors.map((e, i) => (
                <Text size="sm" key={i}>
                  {e.message}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
