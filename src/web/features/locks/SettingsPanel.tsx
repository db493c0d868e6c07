/** Thiết lập sửa điểm: how score changes are controlled in the school, and when teachers are reminded of a window's end. */
import { Alert, Anchor, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { locksApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { SchoolSettings } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Page.tsx';
import { CORRECTION_APPLY_LABELS, EVIDENCE_REQUIRED_LABELS, REASON_REQUIRED_LABELS } from '../../lib/labels.ts';
import { useIsPrincipal } from './locks-common.ts';

export function SettingsPanel() {
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
        <NumberInput
          label="Nhắc giáo viên trước khi hết đợt cập nhật (ngày)"
          description="Giáo viên còn cột điểm bắt buộc chưa nhập được nhắc trong ứng dụng (và qua thư điện tử nếu trường cấu hình) mỗi ngày, từ bấy nhiêu ngày trước ngày kết thúc đợt"
          min={0}
          max={30}
          value={s.reminderDaysBefore}
          onChange={(v) => (setSaved(false), setS({ ...s, reminderDaysBefore: typeof v === 'number' ? v : Number(v) || 0 }))}
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

