/**
 * Xác nhận học bạ (C6): per class, each student's year record (confirmed, changed since, not yet:
 * version, rule version, SHA-256, who confirmed and when), why the class cannot be confirmed yet
 * (the server's reason), and the principal's "Xác nhận học bạ" for the class or the chosen
 * students, after a confirmation step; the học bạ PDF of each confirmed student.
 */
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Modal, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { printUrls } from '../../api/endpoints.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { ClassSelect, pickClass, useClassChoices } from '../homeroom/common.tsx';
import { type TranscriptConfirmation, type TranscriptRecordState, transcriptConfirmationApi, transcriptConfirmationKey } from './transcript-confirmation-api.ts';

const STATE: Record<TranscriptRecordState, { label: string; color: string }> = {
  confirmed: { label: 'Đã xác nhận', color: 'teal' },
  changed: { label: 'Đã thay đổi sau xác nhận', color: 'orange' },
  unconfirmed: { label: 'Chưa xác nhận', color: 'gray' },
};

function StateBadge({ state }: { state: TranscriptRecordState }) {
  return (
    <Badge color={STATE[state].color} variant="light" styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }} data-testid="transcript-state">
      {STATE[state].label}
    </Badge>
  );
}

/** The student's học bạ as it prints now (every confirmed year), in a new tab. */
function PdfLink({ studentId }: { studentId: string }) {
  return (
    <Anchor href={printUrls.transcript(studentId)} target="_blank" rel="noopener" inherit>
      Xem PDF
    </Anchor>
  );
}

export function TranscriptConfirmationView({ yearId, classId }: { yearId: string; classId: string | null }) {
  const { me } = useSession();
  const { choices, loading, error } = useClassChoices(yearId, { wideAbility: 'results.view' });
  const chosen = pickClass(classId, choices, me.homeroomClassIds);
  const cls = choices.find((c) => c.id === chosen);
  return (
    <>
      <PageHeader
        title={cls ? `Xác nhận học bạ — Lớp ${cls.name}` : 'Xác nhận học bạ'}
        subtitle="Hiệu trưởng xác nhận thông tin và kết quả cả năm đưa vào học bạ của từng học sinh; bản đã xác nhận được giữ nguyên, thay đổi sau đó cần xác nhận lại."
      />
      <ClassSelect base="/xac-nhan-hoc-ba" choices={choices} value={chosen} />
      {loading && <Loading />}
      {error ? <ErrorAlert error={error} /> : null}
      {!chosen && !loading && <Text c="dimmed">Chọn một lớp.</Text>}
      {chosen && <ConfirmationPanel key={chosen} classId={chosen} />}
    </>
  );
}

function ConfirmationPanel({ classId }: { classId: string }) {
  const status = useQuery({ queryKey: transcriptConfirmationKey(classId), queryFn: () => transcriptConfirmationApi.status(classId), staleTime: 0 });
  if (status.isLoading) return <Loading label="Đang đối chiếu học bạ…" />;
  if (status.error) return <ErrorAlert error={status.error} onRetry={() => status.refetch()} />;
  return <ConfirmationTable data={status.data as TranscriptConfirmation} />;
}

function ConfirmationTable({ data }: { data: TranscriptConfirmation }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const mayConfirm = can('transcript.confirm');
  const mayPrint = can('transcript.print');
  const [selected, setSelected] = useState<string[]>([]);
  const [asking, setAsking] = useState(false);
  const phone = useMediaQuery('(max-width: 48em)', false);
  const confirm = useMutation({
    mutationFn: () => transcriptConfirmationApi.confirm(data.classId, selected.length ? selected : undefined),
    onSuccess: () => {
      setAsking(false);
      setSelected([]);
      return queryClient.invalidateQueries({ queryKey: transcriptConfirmationKey(data.classId) });
    },
  });
  const count = (s: TranscriptRecordState) => data.students.filter((x) => x.state === s).length;
  const pending = count('changed') + count('unconfirmed');
  const toConfirm = selected.length || data.students.length;
  const block = data.blocker ?? (pending === 0 && selected.length === 0 ? 'Học bạ của cả lớp đã được xác nhận, không có gì thay đổi.' : null);
  const selectAll = (label?: string) => (
    <Checkbox
      aria-label="Chọn cả lớp"
      label={label}
      checked={selected.length === data.students.length && data.students.length > 0}
      indeterminate={selected.length > 0 && selected.length < data.students.length}
      onChange={(e) => setSelected(e.currentTarget.checked ? data.students.map((s) => s.studentId) : [])}
    />
  );
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));

  return (
    <Stack gap="md">
      <Card withBorder padding="sm">
        <Group gap="sm" wrap="wrap" justify="space-between">
          <Group gap="xs" wrap="wrap" data-testid="transcript-counts">
            <Badge color="teal" variant="light">Đã xác nhận: {count('confirmed')}</Badge>
            {count('changed') > 0 && <Badge color="orange" variant="light">Thay đổi sau xác nhận: {count('changed')}</Badge>}
            <Badge color="gray" variant="light">Chưa xác nhận: {count('unconfirmed')}</Badge>
          </Group>
          {mayConfirm && (
            <Button size="sm" disabled={Boolean(block)} onClick={() => setAsking(true)} data-testid="confirm-transcripts">
              {selected.length ? `Xác nhận học bạ (${selected.length} học sinh)` : 'Xác nhận học bạ'}
            </Button>
          )}
        </Group>
        {data.blocker && (
          <Alert color="orange" mt="sm" title="Chưa xác nhận được" data-testid="transcript-blocker">
            {data.blocker}
          </Alert>
        )}
        {block && !data.blocker && (
          <Text size="sm" c="dimmed" mt={6}>
            {block}
          </Text>
        )}
        {confirm.data && (
          <Text size="sm" c="teal.8" mt={6} data-testid="transcript-confirmed">
            Đã xác nhận {confirm.data.created} học bạ{confirm.data.unchanged ? `; ${confirm.data.unchanged} học bạ không thay đổi` : ''}.
          </Text>
        )}
      </Card>

      {phone ? (
        <Stack gap={0}>
          {mayConfirm && <Group py={6}>{selectAll('Chọn cả lớp')}</Group>}
          {data.students.map((s) => (
            <Group key={s.studentId} gap="xs" wrap="nowrap" align="flex-start" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-testid="transcript-row">
              {mayConfirm && <Checkbox mt={2} aria-label={`Chọn ${s.fullName}`} checked={selected.includes(s.studentId)} onChange={(e) => toggle(s.studentId, e.currentTarget.checked)} />}
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <Text size="sm" truncate>
                    {s.listNumber}. {s.fullName}
                  </Text>
                  <StateBadge state={s.state} />
                </Group>
                {s.record && (
                  <Text size="xs" c="dimmed">
                    Lần {s.record.versionNo}, {formatDateTime(s.record.confirmedAt)}, {s.record.confirmedByName} · {s.record.ruleVersion} · {s.record.sha256.slice(0, 8)}…
                    {mayPrint && (
                      <>
                        {' · '}
                        <PdfLink studentId={s.studentId} />
                      </>
                    )}
                  </Text>
                )}
              </Stack>
            </Group>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table striped withTableBorder fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                {mayConfirm && (
                  <Table.Th w={36}>
                    {selectAll()}
                  </Table.Th>
                )}
                <Table.Th w={44}>STT</Table.Th>
                <Table.Th>Họ và tên</Table.Th>
                <Table.Th>Tình trạng</Table.Th>
                <Table.Th ta="center">Lần</Table.Th>
                <Table.Th>Xác nhận lúc, người xác nhận</Table.Th>
                <Table.Th>Quy định</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>Mã SHA-256</Table.Th>
                {mayPrint && <Table.Th>Học bạ</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.students.map((s) => (
                <Table.Tr key={s.studentId} data-testid="transcript-row">
                  {mayConfirm && (
                    <Table.Td>
                      <Checkbox aria-label={`Chọn ${s.fullName}`} checked={selected.includes(s.studentId)} onChange={(e) => toggle(s.studentId, e.currentTarget.checked)} />
                    </Table.Td>
                  )}
                  <Table.Td>{s.listNumber}</Table.Td>
                  <Table.Td>{s.fullName}</Table.Td>
                  <Table.Td>
                    <StateBadge state={s.state} />
                  </Table.Td>
                  <Table.Td ta="center">{s.record?.versionNo ?? ''}</Table.Td>
                  <Table.Td>
                    {s.record && (
                      <>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(s.record.confirmedAt)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {s.record.confirmedByName}
                        </Text>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>{s.record?.ruleVersion ?? ''}</Table.Td>
                  <Table.Td>
                    {s.record && (
                      <Tooltip label={s.record.sha256}>
                        <Text size="xs" ff="monospace">
                          {s.record.sha256.slice(0, 8)}…
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                  {mayPrint && <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.record && <PdfLink studentId={s.studentId} />}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed">
        Học bạ in từ các bản đã xác nhận của mọi năm học của học sinh. Ký số học bạ ở trang Ký số.
      </Text>

      <Modal opened={asking} onClose={() => setAsking(false)} title="Xác nhận học bạ" centered>
        <Stack gap="sm">
          <Text size="sm">
            Xác nhận thông tin và kết quả cả năm đưa vào học bạ của {selected.length ? `${toConfirm} học sinh đã chọn` : `cả lớp ${data.className} (${toConfirm} học sinh)`}. Học sinh
            không có gì thay đổi được giữ nguyên; học sinh có thay đổi được ghi thành lần xác nhận mới, bản cũ vẫn được lưu.
          </Text>
          {confirm.error && <ErrorAlert error={confirm.error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setAsking(false)}>
              Hủy
            </Button>
            <Button loading={confirm.isPending} onClick={() => confirm.mutate()} data-testid="confirm-transcripts-yes">
              Xác nhận
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
