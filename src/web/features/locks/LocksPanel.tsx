/** Khóa sổ: the form (by scope), every active lock — manual and, issue 15, those the end of a window set by itself — and the released ones. */
import { Alert, Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { locksApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Lock, LocksOverview } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { termLabel } from '../../../shared/labels.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { AutoLockList } from './AutoLockList.tsx';
import { DecidedRequests } from './LockRequestsPanel.tsx';
import { REQUESTED_MESSAGE, wasRequested } from './lock-requests-api.ts';
import { COLUMN_KEYS, ORDER_LABEL, ORDER_PLACEHOLDER, useIsPrincipal } from './locks-common.ts';

export function LocksPanel({ yearId, overview }: { yearId: string; overview: LocksOverview }) {
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
        <Title order={2} size="h4" data-testid="active-locks-title">
          Đang khóa ({active.length + overview.autoLocks.length})
        </Title>
        <Text size="sm" c="dimmed">
          Gồm lệnh khóa của Hiệu trưởng (hoặc Ban quản trị theo lệnh) và phần sổ tự khóa khi đợt cập nhật điểm kết thúc.
        </Text>
        <LockTable locks={active} waiting={waiting} onRelease={manage ? setReleasing : undefined} />
        <AutoLockList autoLocks={overview.autoLocks} />
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
