/** Creating staff and guardian accounts, and changing an account's roles. */
import { Button, Checkbox, Group, Modal, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { accountsApi, studentsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Account, AccountSlip } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { ROLE_LABELS } from '../../lib/labels.ts';
import { sortClasses } from '../setup/ClassesPanel.tsx';
import { staffOptions, useStaffList } from '../setup/hooks.ts';
import { useClasses } from '../people/hooks.ts';

const STAFF_ROLES = ['principal', 'vice_principal', 'admin', 'teacher', 'clerk'] as const;
type StaffRole = (typeof STAFF_ROLES)[number];

const PRIVILEGED: StaffRole[] = ['principal', 'admin'];

function RoleCheckboxes({ value, onChange, error }: { value: StaffRole[]; onChange: (v: StaffRole[]) => void; error?: string }) {
  const { can } = useSession();
  const mayGrant = can('account.grantPrivileged');
  return (
    <Checkbox.Group
      label="Vai trò"
      description="Giáo viên chủ nhiệm và giáo viên bộ môn được xác định theo phân công, không cần chọn ở đây."
      value={value}
      onChange={(v) => onChange(v as StaffRole[])}
      error={error}
    >
      <Stack gap={6} mt={6}>
        {STAFF_ROLES.map((r) => (
          <Checkbox
            key={r}
            value={r}
            label={ROLE_LABELS[r]}
            disabled={!mayGrant && PRIVILEGED.includes(r)}
            title={!mayGrant && PRIVILEGED.includes(r) ? 'Chỉ Hiệu trưởng được trao vai trò này' : undefined}
          />
        ))}
        {!mayGrant && (
          <Text size="xs" c="dimmed">
            Chỉ Hiệu trưởng được trao hoặc thu hồi vai trò Hiệu trưởng và Ban quản trị phần mềm.
          </Text>
        )}
      </Stack>
    </Checkbox.Group>
  );
}

export function CreateAccountModal({ onClose, onCreated }: { onClose: () => void; onCreated: (slip: AccountSlip) => void }) {
  const { schoolId } = useSession();
  const staff = useStaffList();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [fullName, setFullName] = useState('');
  const [username, setUsername] = useState('');
  const [roles, setRoles] = useState<StaffRole[]>(['teacher']);
  const create = useMutation({
    mutationFn: () => accountsApi.create(schoolId, { fullName, username: username.trim() || undefined, staffId, roles }),
    onSuccess: onCreated,
  });
  return (
    <Modal opened onClose={onClose} title="Tạo tài khoản cán bộ, giáo viên">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Select
            label="Cán bộ, giáo viên"
            description="Chọn người trong danh sách cán bộ để gắn tài khoản với hồ sơ (cần cho phân công)."
            data={staffOptions(staff.data)}
            value={staffId}
            onChange={(v) => {
              setStaffId(v);
              const s = staff.data?.find((x) => x.id === v);
              if (s) {
                setFullName(s.fullName);
                if (s.position === 'principal') setRoles(['principal']);
                else if (s.position === 'vice_principal') setRoles(['vice_principal']);
                else if (s.position === 'clerk') setRoles(['clerk']);
              }
            }}
            searchable
            clearable
            nothingFoundMessage="Không tìm thấy"
          />
          <TextInput label="Họ và tên" value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} error={fieldError(create.error, 'fullName')} required />
          <TextInput
            label="Tên đăng nhập"
            description="Để trống để hệ thống tự đặt theo họ tên"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value.toLowerCase())}
            error={fieldError(create.error, 'username')}
            autoCapitalize="none"
          />
          <RoleCheckboxes value={roles} onChange={setRoles} error={fieldError(create.error, 'roles')} />
          {create.error && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!fullName.trim() || !roles.length}>
              Tạo tài khoản
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CreateGuardianAccountModal({ onClose, onCreated }: { onClose: () => void; onCreated: (slip: AccountSlip) => void }) {
  const { schoolId, yearId } = useSession();
  const classes = useClasses(yearId);
  const [classId, setClassId] = useState<string | null>(null);
  const list = useQuery({ queryKey: keys.classList(classId ?? ''), queryFn: () => studentsApi.classList(classId as string), enabled: Boolean(classId) });
  const [studentIds, setStudentIds] = useState<string[]>([]);
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const [fullName, setFullName] = useState('');
  const [username, setUsername] = useState('');
  const create = useMutation({
    mutationFn: () => accountsApi.createGuardian(schoolId, { fullName, studentIds, username: username.trim() || undefined }),
    onSuccess: onCreated,
  });
  const options = [
    ...(list.data?.entries ?? []).map((e) => ({ value: e.student.id, label: `${e.student.fullName} (${list.data?.className})` })),
    ...studentIds.filter((id) => !list.data?.entries.some((e) => e.student.id === id)).map((id) => ({ value: id, label: known.get(id) ?? id })),
  ];
  return (
    <Modal opened onClose={onClose} title="Tạo tài khoản phụ huynh">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Select
            label="Lớp của con"
            data={sortClasses(classes.data ?? []).map((c) => ({ value: c.id, label: `Lớp ${c.name}` }))}
            value={classId}
            onChange={setClassId}
            searchable
          />
          <MultiSelect
            label="Học sinh"
            description="Một tài khoản phụ huynh có thể gắn với nhiều con (chọn lớp khác để thêm)."
            data={options}
            value={studentIds}
            onChange={(ids) => {
              setStudentIds(ids);
              setKnown((m) => {
                const next = new Map(m);
                for (const o of options) next.set(o.value, o.label);
                return next;
              });
              if (!fullName) {
                const first = list.data?.entries.find((e) => e.student.id === ids[0]);
                const g = first?.student.guardians?.[0];
                if (g) setFullName(g.fullName);
              }
            }}
            searchable
            error={fieldError(create.error, 'studentIds')}
          />
          <TextInput label="Họ và tên phụ huynh" value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} error={fieldError(create.error, 'fullName')} required />
          <TextInput
            label="Tên đăng nhập"
            description="Để trống để hệ thống tự đặt"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value.toLowerCase())}
            error={fieldError(create.error, 'username')}
            autoCapitalize="none"
          />
          {create.error && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!fullName.trim() || !studentIds.length}>
              Tạo tài khoản
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function RolesModal({ account, onClose, onSaved }: { account: Account; onClose: () => void; onSaved: () => void | Promise<void> }) {
  const [roles, setRoles] = useState<StaffRole[]>(account.roles.filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r)));
  const save = useMutation({
    mutationFn: () => accountsApi.update(account.id, { roles, version: account.version }),
    onSuccess: async () => {
      await onSaved();
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Phân quyền: ${account.fullName}`}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Tên đăng nhập: {account.username}
        </Text>
        <RoleCheckboxes value={roles} onChange={setRoles} error={fieldError(save.error, 'roles')} />
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Hủy
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!roles.length}>
            Lưu
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
