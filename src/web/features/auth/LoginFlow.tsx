/**
 * Đăng nhập: password, then (as the server asks) the 6-digit code or a recovery code, a new
 * password on first login, and turning on two-factor authentication for the principal and the
 * admin board (with its recovery codes, shown once).
 */
import { Alert, Anchor, Box, Button, Center, Code, Image, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { renderSVG } from 'uqr';
import { ApiError, setCsrfToken } from '../../api/client.ts';
import { authApi } from '../../api/endpoints.ts';
import type { LoginNext, LoginResult } from '../../api/types.ts';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { RecoveryCodeList } from './RecoveryCodes.tsx';
import { secondFactorApi } from './second-factor-api.ts';

type Step = 'password' | LoginNext;

export function LoginFlow({ initialStep, onReady }: { initialStep: Step; onReady: () => void | Promise<void> }) {
  const [step, setStep] = useState<Step>(initialStep);
  const [notice, setNotice] = useState<string | null>(null);
  /** Kept for the change-password step right after a login with a one-time password. */
  const [lastPassword, setLastPassword] = useState<string>('');

  function advance(result: LoginResult) {
    setCsrfToken(result.csrfToken);
    setNotice(null);
    if (result.next === 'ready') void onReady();
    else setStep(result.next);
  }

  function restart(message: string | null) {
    setCsrfToken(null);
    setLastPassword('');
    setNotice(message);
    setStep('password');
  }

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md" w="100%" maw={420}>
        <Stack gap="md">
          <Box>
            <Title order={1} size="h2" c="teal.8">
              Sổ Điểm Số
            </Title>
            <Text size="sm" c="dimmed">
              Sổ điểm điện tử, học bạ số của nhà trường
            </Text>
          </Box>
          {notice && (
            <Alert color="orange" variant="light">
              {notice}
            </Alert>
          )}
          {step === 'password' && (
            <PasswordStep
              onDone={(result, password) => {
                setLastPassword(password);
                advance(result);
              }}
            />
          )}
          {step === 'totp' && <SecondFactorStep onDone={advance} onSessionLost={(msg) => restart(msg)} />}
          {step === 'changePassword' && <ChangePasswordStep knownPassword={lastPassword} onDone={advance} />}
          {step === 'setupTotp' && <SetupTotpStep onDone={advance} />}
          {step !== 'password' && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={async () => {
                await authApi.logout().catch(() => undefined);
                restart(null);
              }}
            >
              Quay lại đăng nhập
            </Anchor>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

function PasswordStep({ onDone }: { onDone: (result: LoginResult, password: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({ mutationFn: () => authApi.login(username, password), onSuccess: (r) => onDone(r, password) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Đăng nhập
        </Title>
        <TextInput
          label="Tên đăng nhập"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={fieldError(login.error, 'username')}
          required
          data-autofocus
          autoFocus
        />
        <PasswordInput
          label="Mật khẩu"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError(login.error, 'password')}
          required
        />
        {login.error && !fieldError(login.error, 'username') && !fieldError(login.error, 'password') && (
          <ErrorAlert error={login.error} title="Đăng nhập không thành công" />
        )}
        <Button type="submit" loading={login.isPending} fullWidth>
          Đăng nhập
        </Button>
      </Stack>
    </form>
  );
}

function CodeInput({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: boolean }) {
  return (
    <TextInput
      label="Mã xác thực 6 chữ số"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      placeholder="••••••"
      error={error}
      size="lg"
      styles={{ input: { textAlign: 'center', letterSpacing: '0.5em', fontVariantNumeric: 'tabular-nums' } }}
      autoFocus
      data-autofocus
    />
  );
}

type SecondFactorProps = { onDone: (r: LoginResult) => void; onSessionLost: (message: string) => void };

/** The 6-digit code, or (no phone at hand) a recovery code; after a recovery code, how many are left. */
function SecondFactorStep({ onDone, onSessionLost }: SecondFactorProps) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [used, setUsed] = useState<{ result: LoginResult; left: number } | null>(null);
  if (used) {
    return (
      <Stack gap="sm">
        <Title order={2} size="h4">
          Đã đăng nhập bằng mã khôi phục
        </Title>
        <Alert color={used.left <= 2 ? 'orange' : 'teal'} variant="light" data-testid="recovery-codes-left">
          Mã vừa dùng đã hết hiệu lực. Còn {used.left} mã khôi phục chưa dùng.
        </Alert>
        <Text size="sm">
          {used.left <= 2 ? 'Sắp hết mã khôi phục. ' : ''}Thầy/cô có thể tạo mã mới trong trình đơn tài khoản (góc trên bên phải) → “Mã khôi phục”.
        </Text>
        <Button onClick={() => onDone(used.result)} fullWidth>
          Tiếp tục
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      {useRecovery ? (
        <RecoveryCodeStep onDone={(result, left) => setUsed({ result, left })} onSessionLost={onSessionLost} />
      ) : (
        <TotpStep onDone={onDone} onSessionLost={onSessionLost} />
      )}
      <Anchor component="button" type="button" size="sm" onClick={() => setUseRecovery(!useRecovery)}>
        {useRecovery ? 'Dùng mã xác thực 6 chữ số' : 'Dùng mã khôi phục'}
      </Anchor>
    </Stack>
  );
}

/** A wrong code ends the pending session on the server (401): start again from the password. A throttled one (429) keeps it. */
function onSecondFactorError(err: unknown, onSessionLost: (message: string) => void) {
  if (err instanceof ApiError && err.status === 401) onSessionLost(err.message);
}

function TotpStep({ onDone, onSessionLost }: SecondFactorProps) {
  const [code, setCode] = useState('');
  const verify = useMutation({
    mutationFn: () => authApi.totp(code),
    onSuccess: onDone,
    onError: (err) => {
      onSecondFactorError(err, onSessionLost);
      setCode('');
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        verify.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          Mã xác thực
        </Title>
        <Text size="sm">Mở ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) trên điện thoại và nhập mã 6 chữ số.</Text>
        <CodeInput value={code} onChange={setCode} error={Boolean(verify.error)} />
        {verify.error && <ErrorAlert error={verify.error} />}
        <Button type="submit" loading={verify.isPending} disabled={code.length !== 6} fullWidth>
          Xác nhận
        </Button>
      </Stack>
    </form>
  );
}

function RecoveryCodeStep({ onDone, onSessionLost }: { onDone: (r: LoginResult, left: number) => void; onSessionLost: (message: string) => void }) {
  const [code, setCode] = useState('');
  const verify = useMutation({
    mutationFn: () => secondFactorApi.recoveryLogin(code),
    onSuccess: (r) => onDone({ next: r.next, csrfToken: r.csrfToken }, r.recoveryCodesLeft),
    onError: (err) => {
      onSecondFactorError(err, onSessionLost);
      setCode('');
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        verify.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          Mã khôi phục
        </Title>
        <Text size="sm">Không có điện thoại? Nhập một trong các mã khôi phục đã lưu khi bật xác thực hai lớp. Mỗi mã chỉ dùng được một lần.</Text>
        <TextInput
          label="Mã khôi phục"
          placeholder="xxxx-xxxx-xxxx"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          size="lg"
          styles={{ input: { textAlign: 'center', fontFamily: 'monospace', letterSpacing: '0.1em' } }}
          error={Boolean(verify.error)}
          autoFocus
          data-autofocus
        />
        {verify.error && <ErrorAlert error={verify.error} />}
        <Button type="submit" loading={verify.isPending} disabled={code.replace(/[\s-]/g, '').length !== 12} fullWidth>
          Xác nhận
        </Button>
      </Stack>
    </form>
  );
}

function ChangePasswordStep({ knownPassword, onDone }: { knownPassword: string; onDone: (r: LoginResult) => void }) {
  const [current, setCurrent] = useState(knownPassword);
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({ mutationFn: () => authApi.changePassword(current, next), onSuccess: onDone });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (next !== again) {
          setMismatch(true);
          return;
        }
        setMismatch(false);
        change.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          Đổi mật khẩu
        </Title>
        <Text size="sm">
          Đây là lần đăng nhập đầu (hoặc mật khẩu vừa được cấp lại). Thầy/cô hãy đặt mật khẩu mới mà chỉ mình biết.
        </Text>
        {!knownPassword && (
          <PasswordInput
            label="Mật khẩu hiện tại"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={fieldError(change.error, 'currentPassword')}
            required
          />
        )}
        <PasswordInput
          label="Mật khẩu mới"
          description="Ít nhất 10 ký tự; nên dùng một câu dễ nhớ."
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={fieldError(change.error, 'newPassword')}
          required
        />
        <PasswordInput
          label="Nhập lại mật khẩu mới"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          error={mismatch ? 'Hai lần nhập mật khẩu mới không giống nhau.' : undefined}
          required
        />
        {change.error && !fieldError(change.error, 'newPassword') && <ErrorAlert error={change.error} />}
        <Button type="submit" loading={change.isPending} disabled={!current || !next} fullWidth>
          Đổi mật khẩu
        </Button>
      </Stack>
    </form>
  );
}

function SetupTotpStep({ onDone }: { onDone: (r: LoginResult) => void }) {
  const setup = useQuery({ queryKey: ['totpSetup'], queryFn: secondFactorApi.totpSetup, staleTime: Infinity, gcTime: 0, retry: false });
  const [code, setCode] = useState('');
  const enable = useMutation({ mutationFn: () => authApi.totpEnable(code), onSuccess: onDone, onError: () => setCode('') });
  const qr = useMemo(
    () => (setup.data ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(setup.data.otpauthUri, { border: 2 }))}` : null),
    [setup.data],
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        enable.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          Bật xác thực hai lớp
        </Title>
        <Text size="sm">
          Tài khoản của Hiệu trưởng và Ban quản trị phần mềm phải dùng xác thực hai lớp. Cài ứng dụng xác thực trên điện thoại,
          quét mã QR dưới đây (hoặc nhập khóa bí mật), rồi nhập mã 6 chữ số ứng dụng hiện ra.
        </Text>
        {setup.isLoading && <Loader mx="auto" />}
        {setup.error && <ErrorAlert error={setup.error} onRetry={() => setup.refetch()} />}
        {setup.data && qr && (
          <Stack gap={4} align="center">
            <Image src={qr} alt="Mã QR để thêm tài khoản vào ứng dụng xác thực" w={200} h={200} fit="contain" />
            <Text size="xs" c="dimmed">
              Khóa bí mật
            </Text>
            <Code fz="sm" style={{ wordBreak: 'break-all', letterSpacing: 1 }} data-testid="totp-secret">
              {setup.data.secret.replace(/(.{4})/g, '$1 ').trim()}
            </Code>
          </Stack>
        )}
        {setup.data && (
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              Mã khôi phục
            </Text>
            <Text size="sm">
              Khi mất điện thoại, mỗi mã dưới đây thay được mã 6 chữ số một lần. Hãy sao chép, tải về hoặc chép tay và cất ở nơi an toàn:
              các mã chỉ hiện một lần này.
            </Text>
            <RecoveryCodeList codes={setup.data.recoveryCodes} />
          </Stack>
        )}
        <CodeInput value={code} onChange={setCode} error={Boolean(enable.error)} />
        {enable.error && <ErrorAlert error={enable.error} />}
        <Button type="submit" loading={enable.isPending} disabled={code.length !== 6 || !setup.data} fullWidth>
          Bật xác thực hai lớp
        </Button>
      </Stack>
    </form>
  );
}
