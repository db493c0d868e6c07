/** Tài khoản, phân quyền: accounts of the school, their state, and what the admin board may do to them. */
import { Badge, Button, Group, Menu, Modal, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { accountsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Account, AccountSlip } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDateTime, serverNow } from '../../lib/format.ts';
import { AccountSlipModal } from './AccountSlip.tsx';
import { CreateAccountModal, CreateGuardianAccountModal, RolesModal } from './AccountModals.tsx';

function isGuardian(a: Account): boolean {
  return a.roles.includes('guardian') || a.studentIds.length > 0;
}

export function AccountStateBadges({ account }: { account: Account }) {
  const locked = account.lockedUntil && account.lockedUntil > serverNow().toISOString();
  return (
    <Group gap={4}>
      {account.disabled ? (
        <Badge color="red" variant="light">
          Đã khóa
        </Badge>
      ) : (
        <Badge color="teal" variant="light">
          Đang dùng
        </Badge>
      )}
      {locked && (
        <Badge color="orange" variant="light" title={`Đăng nhập sai nhiều lần: lần thử tiếp theo sau ${formatDateTime(account.lockedUntil)}`}>
          Đang bị làm chậm
        </Badge>
      )}
      {account.mustChangePassword && (
        <Badge color="yellow" variant="light">
          Chưa đổi mật khẩu
        </Badge>
      )}
      {account.totpEnabled && (
        <Badge color="blue" variant="light">
          Xác thực hai lớp
        </Badge>
      )}
    </Group>
  );
}

const CONFIRM_TITLES = { reset: 'Cấp lại mật khẩu', secondFactor: 'Tắt xác thực hai lớp', disable: 'Khóa tài khoản', enable: 'Mở khóa tài khoản' };
const CONFIRM_BUTTONS = { reset: 'Cấp lại mật khẩu', secondFactor: 'Tắt xác thực hai lớp', disable: 'Khóa', enable: 'Mở khóa' };

export function AccountList() {
  const { schoolId, me } = useSession();
  const queryClient = useQueryClient();
  const accounts = useQuery({ queryKey: keys.accounts(schoolId), queryFn: () => accountsApi.list(schoolId) });
  const [kind, setKind] = useState<'staff' | 'guardian'>('staff');
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<'staff' | 'guardian' | null>(null);
  const [slip, setSlip] = useState<AccountSlip | null>(null);
  const [rolesOf, setRolesOf] = useState<Account | null>(null);
  const [confirm, setConfirm] = useState<{ account: Account; action: 'reset' | 'secondFactor' | 'disable' | 'enable' } | null>(null);

  const invalidate = () => queryClient.invalidateQueries({ queryKey: keys.accounts(schoolId) });
  const act = useMutation({
    mutationFn: async ({ account, action }: { account: Account; action: 'reset' | 'secondFactor' | 'disable' | 'enable' }) => {
      if (action === 'reset') return accountsApi.resetPassword(account.id);
      if (action === 'secondFactor') {
        await accountsApi.resetSecondFactor(account.id);
        return null;
      }
      await accountsApi.update(account.id, { disabled: action === 'disable', version: account.version });
      return null;
    },
    onSuccess: async (result) => {
      setConfirm(null);
      if (result) setSlip(result);
      await invalidate();
    },
  });

  const f = filter.trim().toLocaleLowerCase('vi');
  const list = (accounts.data ?? [])
    .filter((a) => (kind === 'guardian' ? isGuardian(a) : !isGuardian(a)))
    .filter((a) => !f || a.fullName.toLocaleLowerCase('vi').includes(f) || a.username.includes(f))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));

  return (
    <>
      <PageHeader
        title="Tài khoản, phân quyền"
        subtitle="Tạo tài khoản, cấp lại mật khẩu, khóa tài khoản và phân quyền cho cán bộ, giáo viên, phụ huynh"
        actions={
          <>
            <Button onClick={() => setDialog('staff')}>Tạo tài khoản cán bộ</Button>
            <Button variant="light" onClick={() => setDialog('guardian')}>
              Tạo tài khoản phụ huynh
            </Button>
          </>
        }
      />
      <Group mb="sm" gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as typeof kind)}
          data={[
            { value: 'staff', label: 'Cán bộ, giáo viên' },
            { value: 'guardian', label: 'Phụ huynh' },
          ]}
        />
        <TextInput placeholder="Tìm theo tên hoặc tên đăng nhập" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={280} />
      </Group>
      {accounts.isLoading && <Loading />}
      {accounts.error && <ErrorAlert error={accounts.error} onRetry={() => accounts.refetch()} />}
      {act.error && !confirm && <ErrorAlert error={act.error} />}
      {accounts.data && (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Họ và tên</Table.Th>
                <Table.Th>Tên đăng nhập</Table.Th>
                <Table.Th>Vai trò</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
                <Table.Th>Đăng nhập gần nhất</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td fw={500}>{a.fullName}</Table.Td>
                  <Table.Td ff="monospace">{a.username}</Table.Td>
                  <Table.Td>{a.roleLabels.join(', ')}</Table.Td>
                  <Table.Td>
                    <AccountStateBadges account={a} />
                  </Table.Td>
                  <Table.Td className="tabular nowrap">{a.lastLoginAt ? formatDateTime(a.lastLoginAt) : 'Chưa đăng nhập'}</Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <Button size="compact-xs" variant="subtle">
                          Thao tác
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        {!isGuardian(a) && <Menu.Item onClick={() => setRolesOf(a)}>Phân quyền (vai trò)…</Menu.Item>}
                        <Menu.Item onClick={() => setConfirm({ account: a, action: 'reset' })}>Cấp lại mật khẩu…</Menu.Item>
                        {a.totpEnabled && (
                          <Menu.Item onClick={() => setConfirm({ account: a, action: 'secondFactor' })}>Tắt xác thực hai lớp (mất điện thoại)…</Menu.Item>
                        )}
                        {a.disabled ? (
                          <Menu.Item onClick={() => setConfirm({ account: a, action: 'enable' })}>Mở khóa tài khoản</Menu.Item>
                        ) : (
                          <Menu.Item color="red" disabled={a.id === me.user.id} onClick={() => setConfirm({ account: a, action: 'disable' })}>
                            Khóa tài khoản…
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
              {list.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>Không có tài khoản.</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {dialog === 'staff' && (
        <CreateAccountModal
          onClose={() => setDialog(null)}
          onCreated={async (s) => {
            setDialog(null);
            setSlip(s);
            await invalidate();
          }}
        />
      )}
      {dialog === 'guardian' && (
        <CreateGuardianAccountModal
          onClose={() => setDialog(null)}
          onCreated={async (s) => {
            setDialog(null);
            setSlip(s);
            await invalidate();
          }}
        />
      )}
      {rolesOf && <RolesModal account={rolesOf} onClose={() => setRolesOf(null)} onSaved={invalidate} />}
      {confirm && (
        <Modal
          opened
          onClose={() => setConfirm(null)}
          title={CONFIRM_TITLES[confirm.action]}
        >
          <Stack>
            <Text size="sm">
              {confirm.action === 'reset'
                ? `Cấp mật khẩu dùng một lần mới cho ${confirm.account.fullName} (${confirm.account.username}). Mật khẩu cũ hết hiệu lực; người dùng phải đổi mật khẩu ở lần đăng nhập đầu.`
                : confirm.action === 'secondFactor'
                  ? `Chỉ làm khi ${confirm.account.fullName} mất cả điện thoại lẫn mã khôi phục và thầy/cô đã xác minh trực tiếp người này. Mã khôi phục cũ hết hiệu lực, các phiên đang mở bị đóng; lần đăng nhập sau người dùng phải cài lại ứng dụng xác thực.`
                  : confirm.action === 'disable'
                  ? `${confirm.account.fullName} sẽ không đăng nhập được nữa cho đến khi được mở khóa. Các phiên đang mở bị đóng.`
                  : `${confirm.account.fullName} sẽ đăng nhập lại được.`}
            </Text>
            {act.error && <ErrorAlert error={act.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                Hủy
              </Button>
              <Button color={confirm.action === 'disable' || confirm.action === 'secondFactor' ? 'red' : undefined} loading={act.isPending} onClick={() => act.mutate(confirm)}>
                {CONFIRM_BUTTONS[confirm.action]}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {slip && <AccountSlipModal slip={slip} onClose={() => setSlip(null)} />}
    </>
  );
}
