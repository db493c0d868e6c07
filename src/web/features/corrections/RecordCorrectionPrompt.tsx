/**
 * Records under lock on the homeroom screens (issue 22: conduct, attendance, the printed profile):
 * the lock as the server words it (who locked, when) beside a lock icon, and for the class's
 * homeroom teacher "Đề nghị thay đổi" — a form that files the changes as a Giấy đề nghị thay đổi
 * thông tin (reason, kind of evidence) for the principal to decide. A save refused under lock
 * offers the same; any other error shows as usual.
 */
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../api/client.ts';
import { correctionsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Correction, CreateRecordCorrectionInput, EvidenceKind } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CORRECTION_KIND_LABELS, EVIDENCE_KIND_LABELS } from '../../../shared/labels.ts';
import { LockIcon } from '../gradebook/GradebookGrid.tsx';

/** The refused changes, as a request files them (without its reason and evidence). */
export type RecordCorrectionDraft = CreateRecordCorrectionInput extends infer T ? (T extends unknown ? Omit<T, 'reason' | 'evidenceKind'> : never) : never;

/** What of the class's records is locked now. */
export function useRecordLocks(classId: string | null) {
  return useQuery({ queryKey: keys.recordLocks(classId ?? ''), queryFn: () => correctionsApi.recordLocks(classId as string), enabled: Boolean(classId) });
}

/** A locked record: the lock icon and who locked it when. */
export function RecordLockNotice({ message }: { message: string }) {
  return (
    <Alert color="orange" variant="light" p="xs" title={<Group gap={6}><LockIcon size={14} /> Đã khóa sổ</Group>} data-testid="record-lock">
      <Text size="sm">{message} Thay đổi cần giấy đề nghị thay đổi thông tin được Hiệu trưởng duyệt.</Text>
    </Alert>
  );
}

/** The class's printed profile fields are locked (the whole year): the notice; a save of them is then refused and offers the request. */
export function ProfileLockNotice({ classId }: { classId: string }) {
  const lock = useRecordLocks(classId).data?.profile ?? null;
  return lock ? <RecordLockNotice message={`Họ tên, ngày sinh, nơi sinh và các thông tin in trong học bạ: ${lock}`} /> : null;
}

/** A screen's records are locked: the notice, and for the homeroom teacher the request of the changes made on it. */
export function RecordLockBar({ classId, lock, draft, onFiled }: { classId: string; lock: string; draft: () => RecordCorrectionDraft; onFiled: () => void }) {
  const { me } = useSession();
  const [filing, setFiling] = useState<RecordCorrectionDraft | null>(null);
  const count = draft().changes.length;
  return (
    <Stack gap={4}>
      <RecordLockNotice message={lock} />
      {me.homeroomClassIds.includes(classId) && (
        <Button size="xs" color="orange" w="fit-content" disabled={count === 0} onClick={() => setFiling(draft())} data-testid="record-correction-open">
          Đề nghị thay đổi{count ? ` (${count})` : ''}
        </Button>
      )}
      {filing && <RecordCorrectionModal classId={classId} draft={filing} onClose={() => setFiling(null)} onFiled={onFiled} />}
    </Stack>
  );
}

export function LockedSaveAlert({ error, classId, draft }: { error: unknown; classId: string; draft: () => RecordCorrectionDraft | null }) {
  const { me } = useSession();
  const [filing, setFiling] = useState<RecordCorrectionDraft | null>(null);
  if (!(error instanceof ApiError && error.status === 423)) return <ErrorAlert error={error} />;
  const canFile = me.homeroomClassIds.includes(classId);
  return (
    <Alert color="orange" variant="light" title={<Group gap={6}><LockIcon size={14} /> Đã khóa sổ</Group>} role="alert" data-testid="record-locked">
      <Text size="sm">{error.message}</Text>
      {canFile && (
        <Button
          size="xs"
          mt="xs"
          variant="light"
          onClick={() => setFiling(draft())}
          data-testid="record-correction-open"
        >
          Đề nghị thay đổi
        </Button>
      )}
      {filing && <RecordCorrectionModal classId={classId} draft={filing} onClose={() => setFiling(null)} />}
    </Alert>
  );
}

/** `onFiled`: the request is filed (the screen drops the changes it asked for). */
export function RecordCorrectionModal({ classId, draft, onClose, onFiled }: { classId: string; draft: RecordCorrectionDraft; onClose: () => void; onFiled?: () => void }) {
  const { schoolId } = useSession();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [evidenceKind, setEvidenceKind] = useState<EvidenceKind>('other');
  const [done, setDone] = useState<Correction | null>(null);
  const submit = useMutation({
    mutationFn: () => correctionsApi.createRecord(classId, { ...draft, reason: reason.trim(), evidenceKind } as CreateRecordCorrectionInput),
    onSuccess: async (c) => {
      setDone(c);
      onFiled?.();
      await queryClient.invalidateQueries({ queryKey: keys.corrections(schoolId) });
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Giấy đề nghị thay đổi thông tin — ${CORRECTION_KIND_LABELS[draft.kind]}`} size="lg" centered>
      {done ? (
        <Stack data-testid="record-correction-created">
          <Alert color="teal" title={`Đã gửi giấy đề nghị số ${done.number}`}>
            Giấy đề nghị đang chờ Hiệu trưởng duyệt. Khi được duyệt, Ban quản trị phần mềm cập nhật; thầy/cô nhận được thông báo.
          </Alert>
          <Group>
            <Button component={Link} href={`/de-nghi-sua-diem/${done.id}`}>
              Xem giấy đề nghị
            </Button>
            <Button variant="subtle" onClick={onClose}>
              Đóng
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) submit.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              {draft.changes.length} thay đổi bị khóa sẽ được gửi Hiệu trưởng duyệt; giấy đề nghị in được, ghi rõ thông tin cũ và thông tin đề nghị thay đổi.
            </Text>
            <Textarea label="Lý do đề nghị thay đổi" required minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="record-correction-reason" />
            <Select
              label="Minh chứng"
              data={Object.entries(EVIDENCE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              value={evidenceKind}
              onChange={(v) => v && setEvidenceKind(v as EvidenceKind)}
              allowDeselect={false}
            />
            {submit.error && <ErrorAlert error={submit.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Hủy
              </Button>
              <Button type="submit" loading={submit.isPending} disabled={!reason.trim()}>
                Gửi giấy đề nghị
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
