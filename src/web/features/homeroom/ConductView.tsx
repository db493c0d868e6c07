/**
 * Kết quả rèn luyện (G6, TT 22 Điều 8): the homeroom teacher's T / K / Đ / CĐ per student and
 * term with a comment, by keyboard; the year view with the level of the Điều 8 table and an
 * override that needs a reason; the re-evaluation after summer training (Điều 13).
 */
import { Alert, Badge, Button, Group, Menu, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { homeroomApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { ConductPeriod, ConductRow, Level } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { CONDUCT_PERIOD_LABELS, TT22_LEVEL_NAMES } from '../../../shared/labels.ts';
import { ClassSelect, PeriodControl, LEVEL_COLORS, LEVELS, pickClass, useClassChoices } from './common.tsx';
import { type Choice, KeyGrid } from './KeyGrid.tsx';
import { LockedSaveAlert, type RecordCorrectionDraft, RecordLockBar, useRecordLocks } from '../corrections/RecordCorrectionPrompt.tsx';

export const LEVEL_CHOICES: Choice[] = [
  { value: 'T', keys: ['t', '1'], color: LEVEL_COLORS.T, title: TT22_LEVEL_NAMES.T },
  { value: 'K', keys: ['k', '2'], color: LEVEL_COLORS.K, title: TT22_LEVEL_NAMES.K },
  { value: 'Đ', keys: ['đ', 'd', '3'], color: 'yellow', title: TT22_LEVEL_NAMES.Đ },
  { value: 'CĐ', keys: ['c', '4'], color: LEVEL_COLORS.CĐ, title: TT22_LEVEL_NAMES.CĐ },
];

const CONDUCT_SHORT: Record<ConductPeriod, string> = { term1: 'HK I', term2: 'HK II', year: 'Cả năm', summer: 'Sau hè' };

export function ConductView({ yearId, classId }: { yearId: string; classId: string | null }) {
  const { me } = useSession();
  const { choices, loading, error } = useClassChoices(yearId, { wideAbility: 'results.view', regime: 'TT22' });
  const chosen = pickClass(classId, choices, me.homeroomClassIds);
  const cls = choices.find((c) => c.id === chosen);
  const [period, setPeriod] = useState<ConductPeriod>('term1');
  return (
    <>
      <PageHeader
        title={cls ? `Kết quả rèn luyện — Lớp ${cls.name}` : 'Kết quả rèn luyện'}
        subtitle="Giáo viên chủ nhiệm đánh giá: Tốt (T), Khá (K), Đạt (Đ), Chưa đạt (CĐ). Cả năm theo bảng tại Điều 8, Thông tư 22/2021."
      />
      <ClassSelect base="/ren-luyen" choices={choices} value={chosen}>
        <PeriodControl
          label="Kỳ đánh giá"
          data={(Object.keys(CONDUCT_PERIOD_LABELS) as ConductPeriod[]).map((p) => ({ value: p, label: CONDUCT_PERIOD_LABELS[p], short: CONDUCT_SHORT[p] }))}
          value={period}
          onChange={setPeriod}
        />
      </ClassSelect>
      {loading && <Loading />}
      {error ? <ErrorAlert error={error} /> : null}
      {!chosen && !loading && <Text c="dimmed">Chọn một lớp.</Text>}
      {chosen && <ConductSheetPanel key={`${chosen}/${period}`} classId={chosen} period={period} />}
    </>
  );
}

interface Draft {
  level: Level | null;
  comment: string;
}

function ConductSheetPanel({ classId, period }: { classId: string; period: ConductPeriod }) {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const editable = me.homeroomClassIds.includes(classId);
  const sheet = useQuery({ queryKey: keys.conduct(classId, period), queryFn: () => homeroomApi.conduct(classId, period), staleTime: 0 });
  const needTerms = period === 'year' || period === 'summer';
  const t1 = useQuery({ queryKey: keys.conduct(classId, 'term1'), queryFn: () => homeroomApi.conduct(classId, 'term1'), enabled: needTerms });
  const t2 = useQuery({ queryKey: keys.conduct(classId, 'term2'), queryFn: () => homeroomApi.conduct(classId, 'term2'), enabled: needTerms });
  const yr = useQuery({ queryKey: keys.conduct(classId, 'year'), queryFn: () => homeroomApi.conduct(classId, 'year'), enabled: period === 'summer' });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [reason, setReason] = useState('');
  useEffect(() => setDrafts({}), [sheet.dataUpdatedAt]);
  const lock = useRecordLocks(classId).data?.conduct[period] ?? null;

  const allRows = sheet.data?.rows ?? [];
  // Summer re-evaluation: only the students whose year conduct is Chưa đạt (Điều 13).
  const rows = period === 'summer' ? allRows.filter((r) => yr.data?.rows.find((y) => y.studentId === r.studentId)?.level === 'CĐ' || r.level !== null) : allRows;
  const value = (r: ConductRow): Draft => drafts[r.studentId] ?? { level: r.level, comment: r.comment };
  const changed = rows.filter((r) => drafts[r.studentId] && (drafts[r.studentId].level !== r.level || drafts[r.studentId].comment.trim() !== r.comment));
  const overrides = period === 'year' ? rows.filter((r) => value(r).level !== null && value(r).level !== r.computed && changed.includes(r)) : [];
  const set = (r: ConductRow, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [r.studentId]: { ...value(r), ...patch } }));

  const draft = (): RecordCorrectionDraft => ({ kind: 'conduct', changes: changed.map((r) => ({ studentId: r.studentId, period, level: value(r).level, comment: value(r).comment.trim() })) });
  const save = useMutation({
    mutationFn: () =>
      homeroomApi.saveConduct(classId, {
        period,
        entries: changed.map((r) => ({ studentId: r.studentId, level: value(r).level, comment: value(r).comment.trim(), baseVersion: r.version })),
        reason: reason.trim(),
      }),
    onSuccess: () => {
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['conduct', classId] });
      void queryClient.invalidateQueries({ queryKey: keys.results(classId) });
    },
  });

  const fillBlanks = (level: Level) =>
    setDrafts((d) => {
      const out = { ...d };
      for (const r of rows) if (value(r).level === null) out[r.studentId] = { ...value(r), level };
      return out;
    });

  if (sheet.isLoading) return <Loading />;
  if (sheet.error) return <ErrorAlert error={sheet.error} onRetry={() => sheet.refetch()} />;

  const termLevel = (q: typeof t1, id: string) => q.data?.rows.find((x) => x.studentId === id)?.level ?? null;
  const counts = LEVELS.map((l) => ({ l, n: rows.filter((r) => value(r).level === l).length }));
  const blank = rows.filter((r) => value(r).level === null).length;

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap" className="no-print">
        {editable ? <Badge color="teal">Thầy/cô đánh giá lớp này</Badge> : <Badge color="gray">Chỉ xem (giáo viên chủ nhiệm đánh giá)</Badge>}
        <Text size="sm" c="dimmed" data-testid="conduct-counts">
          {counts.map(({ l, n }) => `${TT22_LEVEL_NAMES[l]}: ${n}`).join(' · ')}
          {blank ? ` · Chưa đánh giá: ${blank}` : ''}
        </Text>
        {editable && (
          <Group gap={6} ml="auto">
            {period !== 'year' && (
              <Menu withinPortal>
                <Menu.Target>
                  <Button size="xs" variant="light" disabled={blank === 0}>
                    Điền các ô trống…
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {LEVELS.map((l) => (
                    <Menu.Item key={l} onClick={() => fillBlanks(l)}>
                      Điền {TT22_LEVEL_NAMES[l]} ({l}) cho {blank} học sinh chưa đánh giá
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
            <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} disabled={changed.length === 0 || lock !== null || (overrides.length > 0 && !reason.trim())} data-testid="conduct-save">
              {changed.length ? `Lưu (${changed.length})` : 'Đã lưu'}
            </Button>
          </Group>
        )}
      </Group>
      {editable && (
        <Text size="xs" c="dimmed" className="no-print" visibleFrom="sm">
          Bàn phím: T (hoặc 1) = Tốt, K (2) = Khá, Đ hoặc D (3) = Đạt, C (4) = Chưa đạt, phím cách = xóa; mũi tên hoặc Enter để chuyển dòng.
        </Text>
      )}
      {period === 'year' && (
        <Alert color="blue" variant="light" p="xs">
          Mức cả năm lấy theo bảng tại Điều 8 (học kỳ I × học kỳ II). Chỉ chọn mức khác khi hội đồng đã thống nhất, và phải ghi lý do (lưu trong nhật kí).
        </Alert>
      )}
      {period === 'summer' && (
        <Alert color="blue" variant="light" p="xs">
          Đánh giá lại sau rèn luyện trong kỳ nghỉ hè (Điều 13): chỉ các học sinh có kết quả rèn luyện cả năm Chưa đạt. Kết quả này thay kết quả cả năm khi xét lên lớp.
        </Alert>
      )}
      {overrides.length > 0 && (
        <Textarea
          label={`Lý do chọn mức khác bảng Điều 8 (${overrides.map((r) => r.fullName).join(', ')})`}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          placeholder="Ví dụ: Tiến bộ vượt bậc trong học kỳ II, hội đồng thống nhất"
          data-testid="conduct-reason"
        />
      )}
      {lock && <RecordLockBar classId={classId} lock={lock} draft={draft} onFiled={() => setDrafts({})} />}
      {save.error && <LockedSaveAlert error={save.error} classId={classId} draft={draft} />}
      {period === 'summer' && rows.length === 0 && <Text c="dimmed">Không có học sinh phải rèn luyện trong kỳ nghỉ hè.</Text>}
      {rows.length > 0 && (
        <KeyGrid
          testId="conduct-grid"
          readOnly={!editable}
          columns={[{ key: 'level', label: period === 'year' ? 'Cả năm' : 'KQRL' }]}
          choices={LEVEL_CHOICES}
          rows={rows.map((r) => ({
            id: r.studentId,
            listNumber: r.listNumber,
            fullName: r.fullName,
            values: [value(r).level],
            changed: [changed.includes(r)],
          }))}
          onChange={(i, _c, v) => set(rows[i], { level: v as Level | null })}
          headHeader={
            needTerms ? (
              <>
                <Table.Th ta="center">HK I</Table.Th>
                <Table.Th ta="center">HK II</Table.Th>
                {period === 'year' ? <Table.Th ta="center" title="Theo bảng Điều 8">Theo Điều 8</Table.Th> : <Table.Th ta="center">Cả năm</Table.Th>}
              </>
            ) : undefined
          }
          head={
            needTerms
              ? (i) => {
                  const r = rows[i];
                  return (
                    <>
                      <Table.Td ta="center">{termLevel(t1, r.studentId) ?? ''}</Table.Td>
                      <Table.Td ta="center">{termLevel(t2, r.studentId) ?? ''}</Table.Td>
                      <Table.Td ta="center" fw={600}>
                        {period === 'year' ? r.computed ?? '' : termLevel(yr, r.studentId) ?? ''}
                      </Table.Td>
                    </>
                  );
                }
              : undefined
          }
          tailHeader={<Table.Th>Nhận xét</Table.Th>}
          tail={(i) => {
            const r = rows[i];
            const v = value(r);
            const differs = period === 'year' && v.level !== null && r.computed !== null && v.level !== r.computed;
            return (
              <Table.Td p={2} miw={200}>
                <Group gap={4} wrap="nowrap">
                  {differs && (
                    <Badge size="xs" color="orange" title="Khác bảng Điều 8">
                      khác bảng
                    </Badge>
                  )}
                  <TextInput
                    size="xs"
                    variant="unstyled"
                    px={4}
                    style={{ flex: 1 }}
                    readOnly={!editable}
                    value={v.comment}
                    aria-label={`Nhận xét — ${r.fullName}`}
                    onChange={(e) => set(r, { comment: e.currentTarget.value })}
                  />
                </Group>
              </Table.Td>
            );
          }}
        />
      )}
    </Stack>
  );
}
