/** Đợt cập nhật điểm (C7): each window, set by the principal or asked by the admin board; ending one on empty columns asks to confirm (issue 15). */
import { Alert, Badge, Button, Card, Group, ScrollArea, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { WINDOW_LABELS } from '../../../domain/gradebook/find-edit-block.ts';
import { ApiError } from '../../api/client.ts';
import { locksApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { AssessmentWindow, LocksOverview, WindowPoint } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { WINDOW_STATE_LABELS } from '../../lib/labels.ts';
import { type LockRequest, REQUESTED_MESSAGE, wasRequested } from './lock-requests-api.ts';
import type { ZEmptyColumn } from '../../../shared/locks.ts';
import { POINTS, useIsPrincipal } from './locks-common.ts';

export function WindowsPanel({ yearId, overview }: { yearId: string; overview: LocksOverview }) {
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
    mutationFn: (confirmEmpty: boolean) => locksApi.setWindow(yearId, point, { opensOn: opensOn ?? '', closesOn: closesOn ?? '', reason: reason.trim(), confirmEmpty }),
    onSuccess: async (d) => {
      queryClient.setQueryData(keys.locks(yearId), d);
      setRequested(wasRequested(d));
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['sheet'] });
    },
  });
  const refused = emptyColumnsOf(save.error);
  const color = { upcoming: 'gray', open: 'teal', closed: 'red' } as const;
  return (
    <Card withBorder padding="sm" data-testid={`window-${point}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(false);
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
        {refused ? (
          <ConfirmClosing refused={refused} pending={save.isPending} onConfirm={() => save.mutate(true)} onCancel={() => save.reset()} />
        ) : (
          save.error && !fieldError(save.error, 'reason') && <ErrorAlert error={save.error} />
        )}
      </form>
    </Card>
  );
}

type EmptyColumn = z.infer<typeof ZEmptyColumn>;

/** The 409 of a window that would lock required cells empty: its message and list, or null. */
function emptyColumnsOf(error: unknown): { message: string; emptyCells: number; columns: EmptyColumn[] } | null {
  if (!(error instanceof ApiError) || error.status !== 409 || !Array.isArray(error.body.emptyColumns)) return null;
  return { message: error.message, emptyCells: Number(error.body.emptyCells ?? 0), columns: error.body.emptyColumns as EmptyColumn[] };
}

/** "ĐĐGtx 2: 420/480 ô (3 môn chưa đủ) · ĐĐGck: 0/480 ô (12 môn chưa đủ)": one class's empty columns summed by column. */
function byColumn(cols: EmptyColumn[]): string {
  const sums = new Map<string, { entered: number; total: number; subjects: number }>();
  for (const c of cols) {
    const x = sums.get(c.columnLabel) ?? { entered: 0, total: 0, subjects: 0 };
    sums.set(c.columnLabel, { entered: x.entered + c.entered, total: x.total + c.students, subjects: x.subjects + 1 });
  }
  return [...sums.entries()].map(([label, x]) => `${label}: ${x.entered}/${x.total} ô (${x.subjects} môn chưa đủ)`).join(' · ');
}

/** Issue 15: the classes and columns still empty, and the principal's explicit confirmation to end the window anyway. */
function ConfirmClosing({ refused, pending, onConfirm, onCancel }: { refused: NonNullable<ReturnType<typeof emptyColumnsOf>>; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  const byClass = new Map<string, EmptyColumn[]>();
  for (const c of refused.columns) byClass.set(c.className, [...(byClass.get(c.className) ?? []), c]);
  return (
    <Alert color="orange" mt="xs" title="Còn ô bắt buộc chưa nhập" data-testid="confirm-closing">
      <Stack gap={6}>
        <Text size="sm">{refused.message}</Text>
        <ScrollArea.Autosize mah={220}>
          <Stack gap={2}>
            {[...byClass.entries()].map(([className, cols]) => (
              <Text key={className} size="sm" data-testid="confirm-closing-class">
                <b>{className}</b>: {byColumn(cols)}
              </Text>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Group gap="xs">
          <Button size="xs" color="red" loading={pending} onClick={onConfirm} data-testid="confirm-closing-yes">
            Vẫn kết thúc đợt, khóa {refused.emptyCells} ô trống
          </Button>
          <Button size="xs" variant="default" onClick={onCancel}>
            Để giáo viên nhập tiếp
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
