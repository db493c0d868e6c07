/**
 * Khóa sổ, mở sổ (C1, C7, G10): the principal — or the admin board on the principal's recorded
 * order — locks and unlocks by scope, sets the update windows (Đợt cập nhật điểm) whose end locks
 * their point, and sets how score changes are controlled in the school.
 */
import { Alert, Badge, Button, Card, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { WINDOW_LABELS } from '../../../domain/gradebook/find-edit-block.ts';
import { locksApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { AssessmentWindow, Lock, LocksOverview, SchoolSettings, WindowPoint } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { CORRECTION_APPLY_LABELS, REASON_REQUIRED_LABELS, WINDOW_STATE_LABELS } from '../../lib/labels.ts';
import { columnName, termLabel } from '../../../shared/labels.ts';
import { useYearSetup } from '../setup/hooks.ts';

const POINTS: WindowPoint[] = ['term1.midterm', 'term1.endOfTerm', 'term2.midterm', 'term2.endOfTerm', 'wholeYear'];
const COLUMN_KEYS = [
  ...['TX1', 'TX2', 'TX3', 'TX4', 'TX5', 'GK', 'CK', 'NX'].map((value) => ({ value, label: columnName(value) })),
  { value: 'MUC_GK', label: 'Mức đạt được giữa kỳ (tiểu học)' },
  { value: 'KT_GK', label: 'Điểm KTĐK giữa kỳ (tiểu học)' },
  { value: 'MUC_CK', label: 'Mức đạt được cuối kỳ (tiểu học)' },
  { value: 'KT_CK', label: 'Điểm KTĐK cuối kỳ (tiểu học)' },
];
const ORDER_LABEL = 'Theo lệnh của Hiệu trưởng';
const ORDER_PLACEHOLDER = 'Theo lệnh của Hiệu trưởng ngày 05/12/2026';

function useIsPrincipal(): boolean {
  const { me, schoolId } = useSession();
  return me.grants.some((g) => g.role === 'principal' && g.schoolId === schoolId);
}

export function LocksView({ yearId }: { yearId: string }) {
  const overview = useQuery({ queryKey: keys.locks(yearId), queryFn: () => locksApi.overview(yearId) });
  return (
    <>
      <PageHeader
        title="Khóa sổ, mở sổ"
        subtitle="Hiệu trưởng quyết định thời điểm khóa, mở sổ điểm; Ban quản trị phần mềm thực hiện theo lệnh của Hiệu trưởng. Mọi lệnh đều được ghi lại."
      />
      {overview.isLoading && <Loading />}
      {overview.error && <ErrorAlert error={overview.error} onRetry={() => overview.refetch()} />}
      {overview.data && (
        <Tabs defaultValue="locks" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="locks">Khóa sổ</Tabs.Tab>
            <Tabs.Tab value="windows">Đợt cập nhật điểm</Tabs.Tab>
            <Tabs.Tab value="settings">Thiết lập sửa điểm</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="locks">
            <LocksPanel yearId={yearId} overview={overview.data} />
          </Tabs.Panel>
          <Tabs.Panel value="windows">
            <WindowsPanel yearId={yearId} windows={overview.data.windows} />
          </Tabs.Panel>
          <Tabs.Panel value="settings">
            <SettingsPanel />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}

function LocksPanel({ yearId, overview }: { yearId: string; overview: LocksOverview }) {
  const queryClient = useQueryClient();
  const principal = useIsPrincipal();
  const setup = useYearSetup(yearId);
  const [grade, setGrade] = useState<string | null>(null);
  const [classId, setClassId] = useState<string | null>(null);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [termNo, setTermNo] = useState<string | null>(null);
  const [columnKey, setColumnKey] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [orderedBy, setOrderedBy] = useState('');
  const [releasing, setReleasing] = useState<Lock | null>(null);
  const classes = (setup.data?.classes ?? []).filter((c) => !grade || c.grade === Number(grade)).sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'vi'));
  const cls = setup.data?.classes.find((c) => c.id === classId);
  const subjects = (setup.data?.subjects ?? []).filter((s) => (!cls || s.grade === cls.grade) && (!grade || s.grade === Number(grade)));
  const grades = [...new Set((setup.data?.gradeLevels ?? []).map((g) => g.grade))];
  const set = (data: LocksOverview) => queryClient.setQueryData(keys.locks(yearId), data);
  const create = useMutation({
    mutationFn: () =>
      locksApi.create(yearId, {
        grade: grade ? Number(grade) : null,
        classId,
        subjectId,
        termNo: termNo ? Number(termNo) : null,
        columnKey,
        reason: reason.trim(),
        orderedBy: orderedBy.trim(),
      }),
    onSuccess: async (data) => {
      set(data);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['sheet'] });
    },
  });
  const active = overview.locks.filter((l) => !l.releasedAt);
  const released = overview.locks.filter((l) => l.releasedAt);
  const scopePreview = [grade && `Khối ${grade}`, cls && `Lớp ${cls.name}`, subjects.find((s) => s.id === subjectId)?.name, termNo && termLabel(Number(termNo), 'kỳ'), columnKey && COLUMN_KEYS.find((c) => c.value === columnKey)?.label]
    .filter(Boolean)
    .join(' · ');

  return (
    <Stack gap="lg">
      <Card withBorder maw={900}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Stack gap="sm">
            <Title order={2} size="h4">
              Khóa sổ
            </Title>
            <Text size="sm" c="dimmed">
              Để trống một ô là khóa mọi giá trị của ô đó (ví dụ chỉ chọn Học kỳ I là khóa toàn trường học kỳ I).
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }}>
              <Select label="Khối" placeholder="Mọi khối" clearable data={grades.map((g) => ({ value: String(g), label: `Khối ${g}` }))} value={grade} onChange={(v) => { setGrade(v); setClassId(null); }} />
              <Select label="Lớp" placeholder="Mọi lớp" clearable searchable data={classes.map((c) => ({ value: c.id, label: c.name }))} value={classId} onChange={setClassId} />
              <Select label="Môn học" placeholder="Mọi môn" clearable searchable data={[...new Map(subjects.map((s) => [cls || grade ? s.id : s.name, s])).values()].map((s) => ({ value: s.id, label: cls || grade ? s.name : `${s.name} (khối ${s.grade})` }))} value={subjectId} onChange={setSubjectId} />
              <Select label="Học kỳ" placeholder="Cả năm" clearable data={[{ value: '1', label: termLabel(1, 'kỳ') }, { value: '2', label: termLabel(2, 'kỳ') }]} value={termNo} onChange={setTermNo} />
              <Select label="Cột điểm" placeholder="Mọi cột" clearable data={COLUMN_KEYS} value={columnKey} onChange={setColumnKey} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Lý do khóa" value={reason} onChange={(e) => setReason(e.currentTarget.value)} placeholder="Ví dụ: kết thúc giữa học kỳ I" />
              <TextInput
                label={ORDER_LABEL}
                required={!principal}
                description={principal ? 'Hiệu trưởng khóa sổ trực tiếp; có thể để trống.' : 'Ban quản trị chỉ khóa, mở sổ theo lệnh của Hiệu trưởng.'}
                value={orderedBy}
                onChange={(e) => setOrderedBy(e.currentTarget.value)}
                placeholder={ORDER_PLACEHOLDER}
                error={fieldError(create.error, 'orderedBy')}
              />
            </SimpleGrid>
            {create.error && !fieldError(create.error, 'orderedBy') && <ErrorAlert error={create.error} />}
            <Group>
              <Button type="submit" color="red" loading={create.isPending}>
                Khóa sổ: {scopePreview || 'Toàn trường'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>

      <Stack gap="xs">
        <Title order={2} size="h4">
          Đang khóa ({active.length})
        </Title>
        <LockTable locks={active} onRelease={setReleasing} />
      </Stack>
      {released.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            Đã mở sổ
          </Title>
          <LockTable locks={released} />
        </Stack>
      )}
      {releasing && <ReleaseModal lock={releasing} onClose={() => setReleasing(null)} onDone={set} />}
    </Stack>
  );
}

function LockTable({ locks, onRelease }: { locks: Lock[]; onRelease?: (l: Lock) => void }) {
  if (!locks.length) return <Text c="dimmed" size="sm">Không có.</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="xs" data-testid={onRelease ? 'active-locks' : 'released-locks'}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Phạm vi</Table.Th>
            <Table.Th>Lý do, lệnh</Table.Th>
            <Table.Th>Người khóa</Table.Th>
            {!onRelease && <Table.Th>Mở sổ</Table.Th>}
            {onRelease && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {locks.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td fw={500}>{l.scopeLabel}</Table.Td>
              <Table.Td>
                <Text size="sm">{l.reason || '—'}</Text>
                {l.orderedBy && (
                  <Text size="xs" c="dimmed">
                    {l.orderedBy}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{l.setByName}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(l.setAt)}
                </Text>
              </Table.Td>
              {!onRelease && (
                <Table.Td>
                  <Text size="sm">
                    {l.releasedByName}, {formatDateTime(l.releasedAt)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {l.releaseReason}
                  </Text>
                </Table.Td>
              )}
              {onRelease && (
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => onRelease(l)}>
                    Mở sổ
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReleaseModal({ lock, onClose, onDone }: { lock: Lock; onClose: () => void; onDone: (d: LocksOverview) => void }) {
  const principal = useIsPrincipal();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [orderedBy, setOrderedBy] = useState('');
  const release = useMutation({
    mutationFn: () => locksApi.release(lock.id, { reason: reason.trim(), orderedBy: orderedBy.trim() }),
    onSuccess: async (d) => {
      onDone(d);
      await queryClient.invalidateQueries({ queryKey: ['sheet'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Mở sổ: ${lock.scopeLabel}`} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          release.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput label="Lý do mở sổ" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(release.error, 'reason')} data-autofocus />
          <TextInput label={ORDER_LABEL} required={!principal} value={orderedBy} onChange={(e) => setOrderedBy(e.currentTarget.value)} placeholder={ORDER_PLACEHOLDER} error={fieldError(release.error, 'orderedBy')} />
          {release.error && !fieldError(release.error, 'reason') && !fieldError(release.error, 'orderedBy') && <ErrorAlert error={release.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={release.isPending} disabled={!reason.trim()}>
              Mở sổ
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function WindowsPanel({ yearId, windows }: { yearId: string; windows: AssessmentWindow[] }) {
  return (
    <Stack gap="sm" maw={960}>
      <Text size="sm" c="dimmed">
        Mỗi đợt cập nhật điểm có ngày mở và ngày kết thúc (theo kế hoạch của Phòng/Sở GDĐT). Hết đợt, phần điểm tương ứng tự khóa: muốn sửa phải gửi giấy đề nghị.
      </Text>
      {POINTS.map((p) => (
        <WindowRow key={p} yearId={yearId} point={p} window={windows.find((w) => w.point === p) ?? null} />
      ))}
    </Stack>
  );
}

function WindowRow({ yearId, point, window }: { yearId: string; point: WindowPoint; window: AssessmentWindow | null }) {
  const queryClient = useQueryClient();
  const principal = useIsPrincipal();
  const [opensOn, setOpensOn] = useState<string | null>(window?.opensOn ?? null);
  const [closesOn, setClosesOn] = useState<string | null>(window?.closesOn ?? null);
  const [orderedBy, setOrderedBy] = useState('');
  const save = useMutation({
    mutationFn: () => locksApi.setWindow(yearId, point, { opensOn: opensOn ?? '', closesOn: closesOn ?? '', orderedBy: orderedBy.trim() }),
    onSuccess: async (d) => {
      queryClient.setQueryData(keys.locks(yearId), d);
      await queryClient.invalidateQueries({ queryKey: ['sheet'] });
    },
  });
  const color = { upcoming: 'gray', open: 'teal', closed: 'red' } as const;
  return (
    <Card withBorder padding="sm" data-testid={`window-${point}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Group justify="space-between" mb={6}>
          <Text fw={600}>{WINDOW_LABELS[point]}</Text>
          {window ? (
            <Badge color={color[window.state]} variant="light">
              {WINDOW_STATE_LABELS[window.state]}
            </Badge>
          ) : (
            <Badge color="gray" variant="outline">
              Chưa đặt
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} verticalSpacing="xs">
          <DateField label="Mở từ ngày" value={opensOn} onChange={setOpensOn} size="xs" />
          <DateField label="Đến hết ngày" value={closesOn} onChange={setClosesOn} size="xs" />
          <TextInput label={ORDER_LABEL} required={!principal} size="xs" value={orderedBy} onChange={(e) => setOrderedBy(e.currentTarget.value)} placeholder={ORDER_PLACEHOLDER} error={fieldError(save.error, 'orderedBy')} />
          <Group align="flex-end">
            <Button type="submit" size="xs" loading={save.isPending} disabled={!opensOn || !closesOn}>
              Lưu đợt
            </Button>
          </Group>
        </SimpleGrid>
        {window && (
          <Text size="xs" c="dimmed" mt={4}>
            {formatDate(window.opensOn)}–{formatDate(window.closesOn)} · đặt bởi {window.setByName}, {formatDateTime(window.setAt)}
            {window.orderedBy && ` · ${window.orderedBy}`}
          </Text>
        )}
        {save.error && !fieldError(save.error, 'orderedBy') && <ErrorAlert error={save.error} />}
      </form>
    </Card>
  );
}

function SettingsPanel() {
  const { schoolId } = useSession();
  const principal = useIsPrincipal();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: keys.settings(schoolId), queryFn: () => locksApi.settings(schoolId) });
  if (settings.isLoading) return <Loading />;
  if (settings.error) return <ErrorAlert error={settings.error} />;
  if (!settings.data) return null;
  return <SettingsForm initial={settings.data} principal={principal} onSaved={(d) => queryClient.setQueryData(keys.settings(schoolId), d)} />;
}

function SettingsForm({ initial, principal, onSaved }: { initial: SchoolSettings; principal: boolean; onSaved: (s: SchoolSettings) => void }) {
  const { schoolId } = useSession();
  const queryClient = useQueryClient();
  const [s, setS] = useState<SchoolSettings>(initial);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => locksApi.updateSettings(schoolId, s),
    onSuccess: async (d) => {
      onSaved(d);
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['sheet'] });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack maw={640} gap="sm">
        {!principal && (
          <Alert color="blue" p="xs">
            Chỉ Hiệu trưởng thay đổi được các thiết lập này.
          </Alert>
        )}
        <Select
          label="Lý do khi sửa điểm"
          description="Khi nào giáo viên phải ghi lý do (được lưu trong nhật kí sửa điểm)"
          data={Object.entries(REASON_REQUIRED_LABELS).map(([value, label]) => ({ value, label }))}
          value={s.reasonRequired}
          onChange={(v) => v && (setSaved(false), setS({ ...s, reasonRequired: v as SchoolSettings['reasonRequired'] }))}
          allowDeselect={false}
          disabled={!principal}
        />
        <NumberInput
          label="Số ngày khóa sửa trước kiểm tra cuối kỳ"
          description="Hạn cuối sửa điểm đã nhập: bao nhiêu ngày trước ngày kiểm tra cuối kỳ (mặc định 7 ngày = 1 tuần)"
          min={0}
          max={60}
          value={s.editDeadlineDays}
          onChange={(v) => (setSaved(false), setS({ ...s, editDeadlineDays: typeof v === 'number' ? v : Number(v) || 0 }))}
          disabled={!principal}
        />
        <Select
          label="Cách cập nhật đề nghị"
          description="Sau khi Hiệu trưởng duyệt giấy đề nghị thay đổi thông tin"
          data={Object.entries(CORRECTION_APPLY_LABELS).map(([value, label]) => ({ value, label }))}
          value={s.correctionApply}
          onChange={(v) => v && (setSaved(false), setS({ ...s, correctionApply: v as SchoolSettings['correctionApply'] }))}
          allowDeselect={false}
          disabled={!principal}
        />
        {save.error && <ErrorAlert error={save.error} />}
        {principal && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Lưu thiết lập
            </Button>
            {saved && (
              <Text c="teal" size="sm">
                Đã lưu.
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}
