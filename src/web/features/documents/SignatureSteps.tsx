/**
 * The signature steps of a document in order, each as it stands: signed digitally (who, the
 * certificate, when), signed by hand on paper — shown for what it is, not a digital signature —
 * or still to come.
 */
import { Badge, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import type { DocumentSummary, SignatureStatus } from '../../api/types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { readableDistinguishedName } from '../../../shared/certificate-names.ts';

const DOC_STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: 'Bản in chưa ký', color: 'gray' },
  signing: { label: 'Đang ký', color: 'blue' },
  signed: { label: 'Đã ký đủ', color: 'green' },
};

export function DocumentStatusBadge({ doc }: { doc: Pick<DocumentSummary, 'status' | 'supersededById'> }) {
  const s = doc.supersededById ? { label: 'Đã có bản mới thay thế', color: 'orange' } : (DOC_STATUS[doc.status] ?? { label: doc.status, color: 'gray' });
  return (
    <Badge color={s.color} variant="light" style={{ flexShrink: 0 }}>
      {s.label}
    </Badge>
  );
}

function stepText(s: SignatureStatus): { mark: string; color: string; text: string } {
  if (s.status === 'signed') return { mark: '✓', color: 'green', text: `Đã ký số — ${s.signerName ?? ''}` };
  if (s.status === 'handwritten')
    return { mark: '✎', color: 'yellow', text: `${s.role === 'seal' ? 'Đóng dấu' : 'Ký tay'} trên bản giấy — không phải chữ ký số${s.signerName ? ` (ghi nhận bởi ${s.signerName})` : ''}` };
  return { mark: String(s.seq), color: 'gray', text: 'Chưa ký' };
}

export function SignatureSteps({ signatures, compact = false }: { signatures: SignatureStatus[]; compact?: boolean }) {
  if (signatures.length === 0) return <Text size="sm" c="dimmed">Văn bản này không cần ký số.</Text>;
  return (
    <Stack gap={compact ? 4 : 'xs'} data-testid="signature-steps">
      {[...signatures]
        .sort((a, b) => a.seq - b.seq)
        .map((s) => {
          const t = stepText(s);
          return (
            <Group key={s.seq} gap="xs" wrap="nowrap" align="flex-start">
              <ThemeIcon size={compact ? 20 : 24} radius="xl" color={t.color} variant={s.status === 'pending' ? 'light' : 'filled'} style={{ flexShrink: 0 }}>
                <Text size="xs" fw={700}>
                  {t.mark}
                </Text>
              </ThemeIcon>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm">
                  <b>{s.roleLabel}</b>: {t.text}
                  {s.signedAt && s.status !== 'pending' ? `, lúc ${formatDateTime(s.signedAt)}` : ''}
                </Text>
                {!compact && s.certificateSubject && (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    Chứng thư số: {readableDistinguishedName(s.certificateSubject)}
                    {s.certificateIssuer ? ` — cấp bởi ${readableDistinguishedName(s.certificateIssuer)}` : ''}
                  </Text>
                )}
              </Stack>
            </Group>
          );
        })}
    </Stack>
  );
}
