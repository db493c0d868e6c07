/**
 * Recovery codes: the list shown once (to copy or save as a file), and the window where the owner
 * of an account with two-factor authentication sees how many are left and makes new ones after
 * typing her password again.
 */
import { Alert, Button, Group, Modal, PasswordInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { secondFactorApi } from './second-factor-api.ts';

/** Ten codes, shown this once, with a copy and a download button. */
export function RecoveryCodeList({ codes, username }: { codes: string[]; username?: string }) {
  const [copied, setCopied] = useState(false);
  const text = `Mã khôi phục Sổ Điểm Số${username ? ` — tài khoản ${username}` : ''}\nMỗi mã dùng được một lần, thay cho mã xác thực 6 chữ số.\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `ma-khoi-phuc${username ? `-${username}` : ''}.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Stack gap="xs" data-testid="recovery-codes">
      <SimpleGrid cols={2} spacing={4} verticalSpacing={4}>
        {codes.map((code) => (
          <Text key={code} ff="monospace" fz="sm" ta="center" bg="gray.1" py={4} style={{ borderRadius: 4, letterSpacing: 1 }}>
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group gap="xs" grow>
        <Button
          variant="light"
          size="xs"
          onClick={async () => {
            await navigator.clipboard?.writeText(text).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? 'Đã sao chép' : 'Sao chép'}
        </Button>
        <Button variant="light" size="xs" onClick={download}>
          Tải tệp .txt
        </Button>
      </Group>
    </Stack>
  );
}

/** The owner's recovery codes: how many are left; new ones after her password. */
export function RecoveryCodesModal({ username, onClose }: { username: string; onClose: () => void }) {
  const status = useQuery({ queryKey: ['recoveryCodes'], queryFn: secondFactorApi.recoveryStatus, gcTime: 0 });
  const [password, setPassword] = useState('');
  const regenerate = useMutation({ mutationFn: () => secondFactorApi.regenerate(password), onSuccess: () => setPassword('') });
  const codes = regenerate.data?.codes;
  return (
    <Modal opened onClose={onClose} title="Mã khôi phục">
      <Stack gap="sm">
        <Text size="sm">
          Khi không có điện thoại, thầy/cô đăng nhập bằng một mã khôi phục thay cho mã xác thực 6 chữ số. Mỗi mã dùng được một lần.
        </Text>
        {status.error && <ErrorAlert error={status.error} onRetry={() => status.refetch()} />}
        {status.data && !status.data.totpEnabled && <Alert color="gray">Tài khoản chưa bật xác thực hai lớp nên không có mã khôi phục.</Alert>}
        {codes ? (
          <>
            <Alert color="teal" variant="light" title="Mã mới đã được tạo">
              Hãy lưu hoặc in ngay: các mã này chỉ hiện một lần. Các mã cũ đã hết hiệu lực.
            </Alert>
            <RecoveryCodeList codes={codes} username={username} />
            <Button onClick={onClose}>Tôi đã lưu các mã</Button>
          </>
        ) : (
          status.data?.totpEnabled && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                regenerate.mutate();
              }}
            >
              <Stack gap="sm">
                <Alert color={status.data.left <= 2 ? 'orange' : 'gray'} variant="light" data-testid="recovery-codes-left">
                  Còn {status.data.left} mã khôi phục chưa dùng.
                </Alert>
                <PasswordInput
                  label="Nhập lại mật khẩu để tạo mã mới"
                  description="Các mã cũ sẽ hết hiệu lực."
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldError(regenerate.error, 'password')}
                />
                {regenerate.error && !fieldError(regenerate.error, 'password') && <ErrorAlert error={regenerate.error} />}
                <Button type="submit" loading={regenerate.isPending} disabled={!password}>
                  Tạo 10 mã mới
                </Button>
              </Stack>
            </form>
          )
        )}
      </Stack>
    </Modal>
  );
}
