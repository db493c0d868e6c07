/**
 * Khóa sổ, mở sổ (C1, C7, G10): the principal locks and unlocks by scope, sets the update windows
 * (Đợt cập nhật điểm) whose end locks their point, and sets how score changes are controlled in
 * the school. The admin board locks on the principal's recorded order; its releases and window
 * changes are requests the principal — or a vice-principal she delegated (issue 22) — confirms or
 * refuses here (issue 14 §3).
 */
import { Alert, Anchor, Badge, Button, Card, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { WINDOW_LABELS } from '../../../domain/gradebook/find-edit-block.ts';
import { locksApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { AssessmentWindow, Lock, LocksOverview, SchoolSettings, WindowPoint } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { CORRECTION_APPLY_LABELS, EVIDENCE_REQUIRED_LABELS, REASON_REQUIRED_LABELS, WINDOW_STATE_LABELS } from '../../lib/labels.ts';
import { columnName, termLabel } from '../../../shared/labels.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { type LockRequest, REQUESTED_MESSAGE, lockRequestsApi, wasRequested } from './lock-requests-api.ts';

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
        subtitle="Hiệu trưởng quyết định thời điểm khóa, mở sổ điểm. Ban quản trị phần mềm khóa sổ theo lệnh của Hiệu trưởng; mở sổ, đổi đợt cập nhật điểm chỉ có hiệu lực khi Hiệu trưởng xác nhận. Mọi lệnh đều được ghi lại."
      />
      {overview.isLoading && <Loading />}
      {overview.error && <ErrorAlert error={overview.error} onRetry={() => overview.refetch()} />}
      {overview.data && <PendingRequests yearId={yearId} overview={overview.data} />}
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
            <WindowsPanel yearId={yearId} overview={overview.data} />
          </Tabs.Panel>
          <Tabs.Panel value="settings">
            <SettingsPanel />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}

/** The requests waiting for the principal: she (or her delegate) confirms or refuses; the others see them wait. */
function PendingRequests({ yearId, overview }: { yearId: string; overview: LocksOverview }) {
  const pending = overview.requests.filter((r) => r.status === 'pending');
  if (!pending.length) return null;
  const deciding = pending.some((r) => r.canDecide);
  return (
    <Card withBorder mb="md" maw={900} bg="yellow.0" data-testid="pending-lock-requests">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Yêu cầu chờ xác nhận ({pending.length})
        </Title>
        <Text size="sm" c="dimmed">
          {deciding
            ? 'Ban quản trị đề nghị mở sổ hoặc đổi đợt cập nhật điểm. Việc chỉ có hiệu lực khi thầy/cô xác nhận.'
            : `Chờ Hiệu trưởng${overview.delegate ? ` (hoặc phó hiệu trưởng ${overview.delegate.fullName}, được ủy quyền)` : ''} xác nhận; chưa xác nhận thì sổ vẫn giữ nguyên.`}
        </Text>
        {pending.map((r) => (
          <PendingRequest key={r.id} yearId={yearId} request={r} />
        ))}
      </Stack>
    </Card>
  );
}

function PendingRequest({ yearId, request: r }: { yearId: string; request: LockRequest }) {
  const queryClient = useQueryClient();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'confirm' | 'refuse') => lockRequestsApi.decide(r.id, { decision, reason: reason.trim() }),
    onSuccess: async (d) => {
      queryClient.setQueryData(keys.locks(yearId), d);
      await queryClient.invalidateQueries({ queryKey: ['sheet'] });
      await queryClient.invalidateQueries({ queryKey: keys.notifications });
    },
  });
  return (
    <Card withBorder padding="sm" data-testid="lock-request">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ flex: '1 1 260px' }}>
          <Text fw={600} size="sm">
            {r.summary}
          </Text>
          <Text size="sm">Lý do: {r.reason}</Text>
          <Text size="xs" c="dimmed">
            {r.requestedByName} đề nghị lúc {formatDateTime(r.requestedAt)}
          </Text>
        </Stack>
        {r.canDecide ? (
          <Group gap="xs">
            <Button size="xs" color="teal" loading={decide.isPending && decide.variables === 'confirm'} onClick={() => decide.mutate('confirm')}>
              Xác nhận
            </Button>
            <Button size="xs" color="red" variant="light" onClick={() => setRefusing((v) => !v)}>
              Từ chối
            </Button>
          </Group>
        ) : (
          <Badge color="yellow" variant="light">
            Chờ xác nhận
          </Badge>
        )}
      </Group>
      {r.canDecide && refusing && (
        <Group align="flex-end" mt="xs" gap="xs">
          <Textarea label="Lý do từ chối" value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={1} style={{ flex: '1 1 240px' }} />
          <Button size="xs" color="red" disabled={!reason.trim()} loading={decide.isPending && decide.variables === 'refuse'} onClick={() => decide.mutate('refuse')}>
            Gửi từ chối
          </Button>
        </Group>
      )}
      {decide.error && <ErrorAlert error={decide.error} />}
    </Card>
  );
}

/** Requests already decided: who asked, who confirmed or refused. */
function DecidedRequests({ requests }: { requests: LockRequest[] }) {
  const decided = requests.filter((r) => r.status !== 'pending');
  if (!decided.length) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Yêu cầu đã xử lý
      </Title>
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing="xs" data-testid="decided-lock-requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Yêu cầu</Table.Th>
              <Table.Th>Người đề nghị</Table.Th>
              <Table.Th>Kết quả</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decided.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text size="sm">{r.summary}</Text>
                  <Text size="xs" c="dimmed">
                    {r.reason}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.requestedByName}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(r.requestedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={r.status === 'confirmed' ? 'teal' : 'red'} variant="light">
                    {r.status === 'confirmed' ? 'Đã xác nhận' : 'Từ chối'}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {r.decidedByName}, {formatDateTime(r.decidedAt)}
                    {r.decisionReason && ` — ${r.decisionReason}`}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function LocksPanel({ yearId, overview }: { yearId: string; overview: LocksOverview }) {
  const queryClient = useQueryClient();
  const principal = useIsPrincipal();
  const { can } = useSession();
  const manage = can('lock.manage');
  const [requested, setRequested] = useState(false);
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
  const waiting = new Set(overview.requests.filter((r) => r.status === 'pending' && r.lockId).map((r) => r.lockId));
  const released = overview.locks.filter((l) => l.releasedAt);
  const scopePreview = [grade && `Khối ${grade}`, cls && `Lớp ${cls.name}`, subjects.find((s) => s.id === subjectId)?.name, termNo && termLabel(Number(termNo), 'kỳ'), columnKey && COLUMN_KEYS.find((c) => c.value === columnKey)?.label]
    .filter(Boolean)
    .join(' · ');

  return (
    <Stack gap="lg">
      {requested && (
        <Alert color="yellow" withCloseButton onClose={() => setRequested(false)} data-testid="request-sent">
          {REQUESTED_MESSAGE}
        </Alert>
      )}
      {manage && (
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
                  description={principal ? 'Hiệu trưởng khóa sổ trực tiếp; có thể để trống.' : 'Ban quản trị khóa sổ theo lệnh của Hiệu trưởng; mở sổ là gửi yêu cầu để Hiệu trưởng xác nhận.'}
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
      )}

      <Stack gap="xs">
        <Title order={2} size="h4">
          Đang khóa ({active.length})
        </Title>
        <LockTable locks={active} waiting={waiting} onRelease={manage ? setReleasing : undefined} />
      </Stack>
      {released.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            Đã mở sổ
          </Title>
          <LockTable locks={released} />
        </Stack>
      )}
      <DecidedRequests requests={overview.requests} />
      {releasing && (
        <ReleaseModal
          lock={releasing}
          onClose={() => setReleasing(null)}
          onDone={(d) => {
            set(d);
            setRequested(wasRequested(d));
          }}
        />
      )}
    </Stack>
  );
}

function LockTable({ locks, waiting, onRelease }: { locks: Lock[]; waiting?: Set<string | null>; onRelease?: (l: Lock) => void }) {
  if (!locks.length) return <Text c="dimmed" size="sm">Không có.</Text>;
  const active = Boolean(waiting);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="xs" data-testid={active ? 'active-locks' : 'released-locks'}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Phạm vi</Table.Th>
            <Table.Th>Lý do, lệnh</Table.Th>
            <Table.Th>Người khóa</Table.Th>
            {!active && <Table.Th>Mở sổ</Table.Th>}
            {active && <Table.Th />}
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
              {!active && (
                <Table.Td>
                  <Text size="sm">
                    {l.releasedByName}, {formatDateTime(l.releasedAt)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {l.releaseReason}
                  </Text>
                </Table.Td>
              )}
              {active && (
                <Table.Td>
                  {waiting?.has(l.id) ? (
                    <Badge color="yellow" variant="light">
                      Chờ xác nhận mở
                    </Badge>
                  ) : (
                    onRelease && (
                      <Button size="xs" variant="light" onClick={() => onRelease(l)}>
                        Mở sổ
                      </Button>
                    )
                  )}
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
  const release = useMutation({
    mutationFn: () => locksApi.release(lock.id, { reason: reason.trim() }),
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
          {!principal && (
            <Text size="sm" c="dimmed">
              Ban quản trị gửi yêu cầu mở sổ: sổ chỉ mở khi Hiệu trưởng (hoặc phó hiệu trưởng được ủy quyền) xác nhận trên phần mềm.
            </Text>
          )}
          <TextInput label="Lý do mở sổ" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(release.error, 'reason')} data-autofocus />
          {release.error && !fieldError(release.error, 'reason') && <ErrorAlert error={release.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={release.isPending} disabled={!reason.trim()}>
              {principal ? 'Mở sổ' : 'Gửi yêu cầu mở sổ'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function WindowsPanel({ yearId, overview }: { yearId: string; overview: LocksOverview }) {
  return (
    <Stack gap="sm" maw={960}>
      <Text size="sm" c="dimmed">
        Mỗi đợt cập nhật điểm có ngày mở và ngày kết thúc (theo kế hoạch của Phòng/Sở GDĐT). Hết đợt, phần điểm tương ứng tự khóa: muốn sửa phải gửi giấy đề nghị.
      </Text>
      {POINTS.map((p) => (
        <WindowRow
          key={p}
          yearId={yearId}
          point={p}
          window={overview.windows.find((w) => w.point === p) ?? null}
          pending={overview.requests.find((r) => r.status === 'pending' && r.point === p) ?? null}
        />
      ))}
    </Stack>
  );
}

function WindowRow({ yearId, point, window, pending }: { yearId: string; point: WindowPoint; window: AssessmentWindow | null; pending: LockRequest | null }) {
  const queryClient = useQueryClient();
  const principal = useIsPrincipal();
  const { can } = useSession();
  const manage = can('lock.manage');
  const [opensOn, setOpensOn] = useState<string | null>(window?.opensOn ?? null);
  const [closesOn, setClosesOn] = useState<string | null>(window?.closesOn ?? null);
  const [reason, setReason] = useState('');
  const [requested, setRequested] = useState(false);
  const save = useMutation({
    mutationFn: () => locksApi.setWindow(yearId, point, { opensOn: opensOn ?? '', closesOn: closesOn ?? '', reason: reason.trim() }),
    onSuccess: async (d) => {
      queryClient.setQueryData(keys.locks(yearId), d);
      setRequested(wasRequested(d));
      setReason('');
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
        {manage && (
          <SimpleGrid cols={{ base: 1, xs: 2, md: principal ? 3 : 4 }} verticalSpacing="xs">
            <DateField label="Mở từ ngày" value={opensOn} onChange={setOpensOn} size="xs" />
            <DateField label="Đến hết ngày" value={closesOn} onChange={setClosesOn} size="xs" />
            {!principal && (
              <TextInput label="Lý do đổi đợt" required size="xs" value={reason} onChange={(e) => setReason(e.currentTarget.value)} placeholder="Ví dụ: theo kế hoạch của Phòng GDĐT" error={fieldError(save.error, 'reason')} />
            )}
            <Group align="flex-end">
              <Button type="submit" size="xs" loading={save.isPending} disabled={!opensOn || !closesOn || (!principal && (!reason.trim() || Boolean(pending)))}>
                {principal ? 'Lưu đợt' : 'Gửi yêu cầu'}
              </Button>
            </Group>
          </SimpleGrid>
        )}
        {window && (
          <Text size="xs" c="dimmed" mt={4}>
            {formatDate(window.opensOn)}–{formatDate(window.closesOn)} · đặt bởi {window.setByName}, {formatDateTime(window.setAt)}
            {window.orderedBy && ` · ${window.orderedBy}`}
          </Text>
        )}
        {pending && (
          <Text size="xs" c="yellow.9" mt={4} data-testid={`window-request-${point}`}>
            Chờ Hiệu trưởng xác nhận: {pending.summary} — {pending.requestedByName}, {formatDateTime(pending.requestedAt)}
          </Text>
        )}
        {requested && (
          <Text size="sm" c="yellow.9" mt={4}>
            {REQUESTED_MESSAGE}
          </Text>
        )}
        {save.error && !fieldError(save.error, 'reason') && <ErrorAlert error={save.error} />}
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
  return (
    <Stack gap="xl">
      <SettingsForm initial={settings.data} principal={principal} onSaved={(d) => queryClient.setQueryData(keys.settings(schoolId), d)} />
      <DelegateNote />
    </Stack>
  );
}

/** Who confirms in the principal's place is now a delegation (issue 22), granted on the Ủy quyền page. */
function DelegateNote() {
  return (
    <Text size="sm" c="dimmed" maw={640}>
      Phó hiệu trưởng xác nhận thay Hiệu trưởng khi được ủy quyền quyền “Xác nhận yêu cầu mở sổ, đổi đợt cập nhật điểm” cho năm học:{' '}
      <Anchor component={Link} href="/uy-quyen">
        xem và ủy quyền ở trang Ủy quyền
      </Anchor>
      .
    </Text>
  );
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
        <Select
          label="Minh chứng khi nhập lại điểm"
          description="Khi sửa điểm đã nhập, giáo viên nêu minh chứng: sổ điểm cá nhân, bài kiểm tra, xác nhận của học sinh cùng lớp (điểm miệng) hoặc minh chứng khác (in trong nhật kí sửa điểm)"
          data={Object.entries(EVIDENCE_REQUIRED_LABELS).map(([value, label]) => ({ value, label }))}
          value={s.evidenceRequired}
          onChange={(v) => v && (setSaved(false), setS({ ...s, evidenceRequired: v as SchoolSettings['evidenceRequired'] }))}
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
