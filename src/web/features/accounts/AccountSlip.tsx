/**
 * Phiếu tài khoản: what to hand to the person (school, name, username, one-time password, how to
 * log in). Shown once; printed through a print-only copy so nothing else of the page prints.
 */
import { Alert, Button, Code, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import type { AccountSlip } from '../../api/types.ts';
import { formatDateTime, serverNow } from '../../lib/format.ts';

function SlipContent({ slip }: { slip: AccountSlip }) {
  const loginUrl = window.location.origin;
  return (
    <Paper withBorder p="md" className="slip" radius={0}>
      <Stack gap="xs">
        <Text size="sm" tt="uppercase" fw={600}>
          {slip.schoolName}
        </Text>
        <Title order={2} size="h3" ta="center">
          PHIẾU TÀI KHOẢN SỔ ĐIỂM SỐ
        </Title>
        <Table withTableBorder withColumnBorders>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w="40%">Họ và tên</Table.Th>
              <Table.Td fw={600}>{slip.account.fullName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Vai trò</Table.Th>
              <Table.Td>{slip.account.roleLabels.join(', ')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Địa chỉ đăng nhập</Table.Th>
              <Table.Td>{loginUrl}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Tên đăng nhập</Table.Th>
              <Table.Td>
                <Code fz="md" data-testid="slip-username">
                  {slip.account.username}
                </Code>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Mật khẩu dùng một lần</Table.Th>
              <Table.Td>
                <Code fz="md" data-testid="slip-password">
                  {slip.oneTimePassword}
                </Code>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {slip.loginUrlHint && <Text size="sm">{slip.loginUrlHint}</Text>}
        <Text size="sm">
          Hướng dẫn: vào địa chỉ trên, đăng nhập bằng tên đăng nhập và mật khẩu dùng một lần. Hệ thống sẽ yêu cầu{' '}
          <b>đổi mật khẩu ở lần đăng nhập đầu</b>. Không đưa mật khẩu cho người khác; nếu quên mật khẩu, liên hệ Ban quản trị phần mềm
          của trường để được cấp lại.
        </Text>
        <Text size="xs" c="dimmed">
          In lúc {formatDateTime(serverNow().toISOString())}
        </Text>
      </Stack>
    </Paper>
  );
}

export function printSlips() {
  document.body.classList.add('printing-slips');
  const done = () => {
    document.body.classList.remove('printing-slips');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function AccountSlipModal({ slip, onClose }: { slip: AccountSlip; onClose: () => void }) {
  useEffect(() => () => document.body.classList.remove('printing-slips'), []);
  return (
    <>
      <Modal opened onClose={onClose} title="Phiếu tài khoản" size="lg" closeOnClickOutside={false}>
        <Stack>
          <Alert color="orange" variant="light">
            Mật khẩu dùng một lần chỉ hiện ở đây một lần. Hãy in phiếu (hoặc chép lại) và trao tận tay người dùng.
          </Alert>
          <SlipContent slip={slip} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Đóng
            </Button>
            <Button onClick={printSlips}>In phiếu</Button>
          </Group>
        </Stack>
      </Modal>
      {createPortal(
        <div className="slip-print-area" style={{ display: 'none' }}>
          <SlipContent slip={slip} />
        </div>,
        document.body,
      )}
    </>
  );
}
