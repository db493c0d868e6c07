/**
 * Tiểu học (G8, TT 27/2020 Điều 7 k2, Điều 13): the homeroom teacher rates the 5 qualities and
 * the 10 competences of every student at a point (T / Đ / C by keyboard), writes a comment, and at
 * the end of the year nominates students for "Học sinh Tiêu biểu" with the class's recognition.
 */
import { Alert, Anchor, Badge, Button, Checkbox, Group, Menu, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { primaryApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { PrimaryAssessmentRow, PrimaryPoint, Trait } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { primaryPointOn } from '../../../domain/results/current-primary-point.ts';
import { todayIso } from '../../lib/format.ts';
import { useYearSetup } from '../setup/hooks.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { TT27_TRAIT_LEVEL_NAMES, primaryPointLabel } from '../../../shared/labels.ts';
import { ClassSelect, PeriodControl, pickClass, useClassChoices } from '../homeroom/common.tsx';
import { type Choice, KeyGrid } from '../homeroom/KeyGrid.tsx';

export const TRAIT_CHOICES: Choice[] = [
  { value: 'T', keys: ['t', '1'], color: 'teal', title: TT27_TRAIT_LEVEL_NAMES.T },
  { value: 'Đ', keys: ['đ', 'd', '2'], color: 'blue', title: TT27_TRAIT_LEVEL_NAMES.Đ },
  { value: 'C', keys: ['c', '3'], color: 'red', title: TT27_TRAIT_LEVEL_NAMES.C },
];

const ABBR: Record<string, string> = {
  'Yêu nước': 'YN',
  'Nhân ái': 'NA',
  'Chăm chỉ': 'CC',
  'Trung thực': 'TT',
  'Trách nhiệm': 'TN',
  'Tự chủ và tự học': 'TC-TH',
  'Giao tiếp và hợp tác': 'GT-HT',
  'Giải quyết vấn đề và sáng tạo': 'GQVĐ',
  'Ngôn ngữ': 'NN',
  'Tính toán': 'TTo', // not 'TT': that is Trung thực, in the same header
  'Khoa học': 'KH',
  'Công nghệ': 'CN',
  'Tin học': 'TH',
  'Thẩm mĩ': 'TM',
  'Thể chất': 'TC',
};
export const traitAbbr = (name: string) => ABBR[name] ?? name.slice(0, 4);

export const POINTS: PrimaryPoint[] = ['GK1', 'CK1', 'GK2', 'CN'];

const POINT_SHORT: Record<PrimaryPoint, string> = { GK1: 'GK I', CK1: 'CK I', GK2: 'GK II', CN: 'Cuối năm' };

export function PointControl({ value, onChange }: { value: PrimaryPoint; onChange: (p: PrimaryPoint) => void }) {
  return (
    <PeriodControl label="Thời điểm đánh giá" data={POINTS.map((p) => ({ value: p, label: primaryPointLabel(p, 'kỳ'), short: POINT_SHORT[p] }))} value={value} onChange={onChange} />
  );
}

/**
 * The point a primary page shows: the one in the address (?thoi-diem=GK1…), else the one the user
 * picked, else the point running today by the server's clock (TT 27/2020 Điều 6).
 */
export function usePrimaryPoint(yearId: string): [PrimaryPoint | null, (p: PrimaryPoint) => void] {
  const setup = useYearSetup(yearId);
  const asked = new URLSearchParams(useSearch()).get('thoi-diem');
  const [picked, setPicked] = useState<PrimaryPoint | null>(POINTS.find((p) => p === asked) ?? null);
  // Null until the year's term dates are known: never "Cuối năm học" for a moment (issue 15 §6).
  return [picked ?? (setup.data ? primaryPointOn(todayIso(), setup.data.terms) : null), setPicked];
}

export function PrimaryAssessmentView({ yearId, classId }: { yearId: string; classId: string | null }) {
  const { me } = useSession();
  const { choices, loading, error } = useClassChoices(yearId, { wideAbility: 'results.view', regime: 'TT27' });
  const chosen = pickClass(classId, choices, me.homeroomClassIds);
  const cls = choices.find((c) => c.id === chosen);
  const [point, setPoint] = usePrimaryPoint(yearId);
  return (
    <>
      <PageHeader
        title={cls ? `Phẩm chất, năng lực — Lớp ${cls.name}` : 'Phẩm chất, năng lực (tiểu học)'}
        subtitle="Giáo viên chủ nhiệm đánh giá 5 phẩm chất và 10 năng lực: Tốt (T), Đạt (Đ), Cần cố gắng (C) — Thông tư 27/2020, Điều 7."
      />
      <ClassSelect base="/tieu-hoc" choices={choices} value={chosen}>
        {point && <PointControl value={point} onChange={setPoint} />}
      </ClassSelect>
      {(loading || !point) && <Loading />}
      {error ? <ErrorAlert error={error} /> : null}
      {!chosen && !loading && <Text c="dimmed">{choices.length ? 'Chọn một lớp.' : 'Không có lớp tiểu học nào thầy/cô được xem.'}</Text>}
      {chosen && point && <AssessmentPanel key={`${chosen}/${point}`} classId={chosen} point={point} />}
    </>
  );
}

interface Draft {
  traits: Trait[];
  comment: string;
  nominated: boolean;
  nominationNote: string;
}

function AssessmentPanel({ classId, point }: { classId: string; point: PrimaryPoint }) {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const editable = me.homeroomClassIds.includes(classId);
  const sheet = useQuery({ queryKey: keys.primaryAssessments(classId, point), queryFn: () => primaryApi.assessments(classId, point), staleTime: 0 });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  useEffect(() => setDrafts({}), [sheet.dataUpdatedAt]);

  const rows = sheet.data?.rows ?? [];
  const q = sheet.data?.qualityNames ?? [];
  const c = sheet.data?.competenceNames ?? [];
  const saved = (r: PrimaryAssessmentRow): Draft => ({ traits: [...r.qualities, ...r.competences], comment: r.comment, nominated: r.nominated, nominationNote: r.nominationNote });
  const value = (r: PrimaryAssessmentRow): Draft => drafts[r.studentId] ?? saved(r);
  const isChanged = (r: PrimaryAssessmentRow) => {
    const d = drafts[r.studentId];
    if (!d) return false;
    const s = saved(r);
    return d.traits.some((t, i) => t !== s.traits[i]) || d.comment.trim() !== s.comment || d.nominated !== s.nominated || d.nominationNote.trim() !== s.nominationNote;
  };
  const changed = rows.filter(isChanged);
  const set = (r: PrimaryAssessmentRow, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [r.studentId]: { ...value(r), ...patch } }));
  const blankCells = rows.reduce((n, r) => n + value(r).traits.filter((t) => t === null).length, 0);

  const save = useMutation({
    mutationFn: (_students: number) =>
      primaryApi.save(classId, {
        point,
        entries: changed.map((r) => {
          const v = value(r);
          return {
            studentId: r.studentId,
            qualities: v.traits.slice(0, q.length),
            competences: v.traits.slice(q.length),
            comment: v.comment.trim(),
            nominated: point === 'CN' ? v.nominated : false,
            nominationNote: point === 'CN' && v.nominated ? v.nominationNote.trim() : '',
            baseVersion: r.version,
          };
        }),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.primaryAssessments(classId, point) });
      void queryClient.invalidateQueries({ queryKey: keys.primarySummary(classId, point) });
    },
  });

  const fill = (trait: 'T' | 'Đ') =>
    setDrafts((d) => {
      const out = { ...d };
      for (const r of rows) {
        const v = value(r);
        if (v.traits.some((t) => t === null)) out[r.studentId] = { ...v, traits: v.traits.map((t) => t ?? trait) };
      }
      return out;
    });

  if (sheet.isLoading) return <Loading />;
  if (sheet.error) return <ErrorAlert error={sheet.error} onRetry={() => sheet.refetch()} />;

  const columns = [
    ...q.map((n, i) => ({ key: `q${i}`, label: traitAbbr(n), title: `Phẩm chất: ${n}` })),
    ...c.map((n, i) => ({ key: `c${i}`, label: traitAbbr(n), title: `${i < 3 ? 'Năng lực chung' : 'Năng lực đặc thù'}: ${n}` })),
  ];

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap" className="no-print">
        {editable ? <Badge color="teal">Thầy/cô đánh giá lớp này</Badge> : <Badge color="gray">Chỉ xem</Badge>}
        <Text size="sm" c="dimmed" data-testid="blank-count">
          {blankCells ? `Còn ${blankCells} ô chưa đánh giá` : 'Đã đánh giá đủ'}
        </Text>
        <Anchor component={Link} href={`/so-tong-hop/${classId}?thoi-diem=${point}`} size="sm">
          Sổ tổng hợp kết quả đánh giá giáo dục
        </Anchor>
        {editable && (
          <Group gap={6} ml="auto">
            <Menu withinPortal>
              <Menu.Target>
                <Button size="xs" variant="light" disabled={blankCells === 0} data-testid="fill-blanks">
                  Điền các ô trống…
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{primaryPointLabel(point, 'kỳ')}</Menu.Label>
                <Menu.Item onClick={() => fill('T')}>Điền Tốt (T) cho các ô trống — {POINT_SHORT[point]}</Menu.Item>
                <Menu.Item onClick={() => fill('Đ')}>Điền Đạt (Đ) cho các ô trống — {POINT_SHORT[point]}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button size="xs" onClick={() => save.mutate(changed.length)} loading={save.isPending} disabled={changed.length === 0} data-testid="primary-save">
              {changed.length ? `Lưu ${POINT_SHORT[point]} (${changed.length})` : 'Đã lưu'}
            </Button>
          </Group>
        )}
      </Group>
      {editable && (
        <Text size="xs" c="dimmed" className="no-print" visibleFrom="sm">
          Bàn phím: T (1) = Tốt, Đ hoặc D (2) = Đạt, C (3) = Cần cố gắng, phím cách = xóa; gõ xong một ô sẽ sang ô bên phải; mũi tên, Enter để di chuyển.
        </Text>
      )}
      {point === 'CN' && (
        <Alert color="blue" variant="light" p="xs">
          Đề xuất khen thưởng “Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện” (Điều 13): học sinh được đánh giá Hoàn thành tốt, có thành tích nổi bật hoặc tiến bộ rõ rệt, được tập thể lớp công nhận. Ghi rõ việc tập thể lớp công nhận (ngày họp lớp).
        </Alert>
      )}
      {save.error && <ErrorAlert error={save.error} />}
      {save.isSuccess && changed.length === 0 && (
        <Text size="sm" c="teal.8" data-testid="primary-saved">
          Đã lưu đánh giá {primaryPointLabel(point, 'kỳ').toLocaleLowerCase('vi')} cho {save.variables} học sinh (chỉ thời điểm này).
        </Text>
      )}
      <KeyGrid
        testId="primary-grid"
        across
        groups={[
          { label: 'Phẩm chất', span: q.length },
          { label: 'Năng lực chung', span: 3 },
          { label: 'Năng lực đặc thù', span: c.length - 3 },
        ]}
        tailSpan={point === 'CN' ? 2 : 1}
        readOnly={!editable}
        columns={columns}
        choices={TRAIT_CHOICES}
        rows={rows.map((r) => {
          const v = value(r);
          const s = saved(r);
          return { id: r.studentId, listNumber: r.listNumber, fullName: r.fullName, values: v.traits, changed: v.traits.map((t, i) => t !== s.traits[i]) };
        })}
        onChange={(i, col, v) => {
          const r = rows[i];
          const traits = [...value(r).traits];
          traits[col] = v as Trait;
          set(r, { traits });
        }}
        tailHeader={
          <>
            <Table.Th miw={180}>Nhận xét</Table.Th>
            {point === 'CN' && <Table.Th miw={240}>Đề xuất khen thưởng</Table.Th>}
          </>
        }
        tail={(i) => {
          const r = rows[i];
          const v = value(r);
          return (
            <>
              <Table.Td p={2}>
                <TextInput size="xs" variant="unstyled" px={4} readOnly={!editable} value={v.comment} aria-label={`Nhận xét — ${r.fullName}`} onChange={(e) => set(r, { comment: e.currentTarget.value })} />
              </Table.Td>
              {point === 'CN' && (
                <Table.Td p={2}>
                  <Group gap={4} wrap="nowrap">
                    <Checkbox
                      size="xs"
                      aria-label={`Đề xuất khen thưởng — ${r.fullName}`}
                      disabled={!editable}
                      checked={v.nominated}
                      onChange={(e) => set(r, { nominated: e.currentTarget.checked })}
                    />
                    {v.nominated && (
                      <TextInput
                        size="xs"
                        style={{ flex: 1 }}
                        readOnly={!editable}
                        placeholder="Thành tích; tập thể lớp công nhận ngày…"
                        value={v.nominationNote}
                        aria-label={`Ghi chú đề xuất — ${r.fullName}`}
                        onChange={(e) => set(r, { nominationNote: e.currentTarget.value })}
                      />
                    )}
                  </Group>
                </Table.Td>
              )}
            </>
          );
        }}
      />
      <Text size="xs" c="dimmed">
        Phẩm chất: {q.map((n) => `${traitAbbr(n)} = ${n}`).join(', ')}. Năng lực chung: {c.slice(0, 3).map((n) => `${traitAbbr(n)} = ${n}`).join(', ')}. Năng lực đặc thù:{' '}
        {c.slice(3).map((n) => `${traitAbbr(n)} = ${n}`).join(', ')}. Mức: {Object.entries(TT27_TRAIT_LEVEL_NAMES).map(([k, l]) => `${k} = ${l}`).join(', ')}.
      </Text>
    </Stack>
  );
}
