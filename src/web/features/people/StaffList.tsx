/** Cán bộ, giáo viên, nhân viên: list, add, edit. */
import { Badge, Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Table, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { staffApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Sex, Staff } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDate } from '../../lib/format.ts';
import { SEX_LABELS } from '../../../shared/labels.ts';
import { POSITION_LABELS } from '../../lib/labels.ts';
import { useStaffList } from '../setup/hooks.ts';

export function StaffList() {
  const { can } = useSession();
  const staff = useStaffList();
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const [filter, setFilter] = useState('');
  const manage = can('staff.manage');
  const f = filter.trim().toLocaleLowerCase('vi');
  const list = (staff.data ?? [])
    .filter((s) => !f || s.fullName.toLocaleLowerCase('vi').includes(f) || s.speciality.toLocaleLowerCase('vi').includes(f))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.givenName.localeCompare(b.givenName, 'vi') || a.fullName.localeCompare(b.fullName, 'vi'));
  return (
    <>
      <PageHeader
        title="Cán bộ, giáo viên"
        subtitle={staff.data ? `${staff.data.filter((s) => s.active).length} người đang công tác` : undefined}
        actions={manage && <Button onClick={() => setEditing('new')}>Thêm cán bộ, giáo viên</Button>}
      />
      <TextInput placeholder="Tìm theo tên hoặc chuyên môn" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} mb="sm" maw={360} />
      {staff.isLoading && <Loading />}
      {staff.error && <ErrorAlert error={staff.error} onRetry={() => staff.refetch()} />}
      {staff.data && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>STT</Table.Th>
                <Table.Th>Họ và tên</Table.Th>
                <Table.Th>Giới tính</Table.Th>
                <Table.Th>Ngày sinh</Table.Th>
                <Table.Th>Chức vụ</Table.Th>
                <Table.Th>Chuyên môn</Table.Th>
                <Table.Th>Điện thoại</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
                {manage && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((s, i) => (
                <Table.Tr key={s.id} c={s.active ? undefined : 'dimmed'}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td fw={500}>{s.fullName}</Table.Td>
                  <Table.Td>{SEX_LABELS[s.sex]}</Table.Td>
                  <Table.Td className="tabular">{formatDate(s.dateOfBirth)}</Table.Td>
                  <Table.Td>{POSITION_LABELS[s.position] ?? s.position}</Table.Td>
                  <Table.Td>{s.speciality}</Table.Td>
                  <Table.Td className="tabular">{s.phone}</Table.Td>
                  <Table.Td>
                    {s.active ? (
                      <Badge variant="light">Đang công tác</Badge>
                    ) : (
                      <Badge variant="light" color="gray">
                        Đã nghỉ
                      </Badge>
                    )}
                  </Table.Td>
                  {manage && (
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(s)}>
                        Sửa
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
              {list.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={9}>Không có ai.</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <StaffModal staff={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function StaffModal({ staff, onClose }: { staff: Staff | null; onClose: () => void }) {
  const { schoolId } = useSession();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    familyName: staff?.familyName ?? '',
    middleName: staff?.middleName ?? '',
    givenName: staff?.givenName ?? '',
    sex: (staff?.sex ?? 'female') as Sex,
    dateOfBirth: staff?.dateOfBirth ?? null,
    position: (staff?.position ?? 'teacher') as 'principal' | 'vice_principal' | 'teacher' | 'clerk' | 'staff',
    speciality: staff?.speciality ?? '',
    phone: staff?.phone ?? '',
    email: staff?.email ?? '',
  });
  const [active, setActive] = useState(staff?.active ?? true);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const save = useMutation({
    mutationFn: () => (staff ? staffApi.update(staff.id, { ...form, active, version: staff.version }) : staffApi.create(schoolId, form)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.staff(schoolId) });
      onClose();
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  return (
    <Modal opened onClose={onClose} title={staff ? `Sửa: ${staff.fullName}` : 'Thêm cán bộ, giáo viên'} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <TextInput label="Họ" value={form.familyName} onChange={(e) => set('familyName', e.currentTarget.value)} error={err('familyName')} required />
            <TextInput label="Tên đệm" value={form.middleName} onChange={(e) => set('middleName', e.currentTarget.value)} error={err('middleName')} />
            <TextInput label="Tên" value={form.givenName} onChange={(e) => set('givenName', e.currentTarget.value)} error={err('givenName')} required />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select label="Giới tính" data={Object.entries(SEX_LABELS).map(([value, label]) => ({ value, label }))} value={form.sex} onChange={(v) => v && set('sex', v as Sex)} allowDeselect={false} />
            <DateField label="Ngày sinh" value={form.dateOfBirth} onChange={(v) => set('dateOfBirth', v)} error={err('dateOfBirth')} />
            <Select
              label="Chức vụ"
              data={Object.entries(POSITION_LABELS).map(([value, label]) => ({ value, label }))}
              value={form.position}
              onChange={(v) => v && set('position', v as typeof form.position)}
              allowDeselect={false}
            />
            <TextInput label="Chuyên môn" placeholder="Ví dụ: Toán, Ngữ văn" value={form.speciality} onChange={(e) => set('speciality', e.currentTarget.value)} error={err('speciality')} />
            <TextInput label="Điện thoại" type="tel" value={form.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={err('phone')} />
            <TextInput label="Thư điện tử" type="email" value={form.email} onChange={(e) => set('email', e.currentTarget.value)} error={err('email')} />
          </SimpleGrid>
          {staff && <Switch label="Đang công tác tại trường" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
          {save.error && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={save.isPending}>
              Lưu
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
