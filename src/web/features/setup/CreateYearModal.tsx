/** Tạo năm học: dates, the two terms, grades, and where subjects and classes come from. */
import { schoolYearContaining } from '../../../domain/calendar/school-year-of.ts';
import { todayIso } from '../../lib/format.ts';
import { Button, Checkbox, Group, Modal, NumberInput, Radio, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { SchoolYear } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';

const LEVEL_GRADES: Record<string, number[]> = {
  primary: [1, 2, 3, 4, 5],
  lowerSecondary: [6, 7, 8, 9],
  upperSecondary: [10, 11, 12],
  lower_secondary: [6, 7, 8, 9],
  upper_secondary: [10, 11, 12],
};

function defaults(startYear: number) {
  const y = startYear;
  return {
    startsOn: `${y}-09-05`,
    endsOn: `${y + 1}-05-31`,
    term1: { startsOn: `${y}-09-05`, endsOn: `${y + 1}-01-17` },
    term2: { startsOn: `${y + 1}-01-18`, endsOn: `${y + 1}-05-31` },
  };
}

export function CreateYearModal({ opened, onClose, years }: { opened: boolean; onClose: () => void; years: SchoolYear[] }) {
  const { school, schoolId, setYearId } = useSession();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const nextStart = years.length ? Math.max(...years.map((y) => y.startYear)) + 1 : schoolYearContaining(todayIso());
  const [startYear, setStartYear] = useState(nextStart);
  const [dates, setDates] = useState(defaults(nextStart));
  const [grades, setGrades] = useState<number[]>(LEVEL_GRADES[school?.level ?? ''] ?? [6, 7, 8, 9]);
  const [source, setSource] = useState<'template' | 'copy'>(years.length ? 'copy' : 'template');
  const [copyFrom, setCopyFrom] = useState<string | null>(years[0]?.id ?? null);

  useEffect(() => {
    if (opened) {
      setStartYear(nextStart);
      setDates(defaults(nextStart));
      setSource(years.length ? 'copy' : 'template');
      setCopyFrom(years[0]?.id ?? null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const create = useMutation({
    mutationFn: () =>
      setupApi.createYear(schoolId, {
        startYear,
        startsOn: dates.startsOn,
        endsOn: dates.endsOn,
        terms: [
          { termNo: 1, ...dates.term1 },
          { termNo: 2, ...dates.term2 },
        ],
        grades,
        copyFromYearId: source === 'copy' ? copyFrom : null,
      }),
    onSuccess: async (setup) => {
      await queryClient.invalidateQueries({ queryKey: keys.years(schoolId) });
      setYearId(setup.year.id);
      onClose();
      navigate(`/thiet-lap/${setup.year.id}`);
    },
  });

  const setDate = (path: 'startsOn' | 'endsOn' | 'term1.startsOn' | 'term1.endsOn' | 'term2.startsOn' | 'term2.endsOn', v: string | null) => {
    setDates((d) => {
      const copy = structuredClone(d);
      const [a, b] = path.split('.') as [keyof typeof d, string | undefined];
      if (b) (copy[a] as Record<string, string>)[b] = v ?? '';
      else (copy as Record<string, unknown>)[a] = v ?? '';
      return copy;
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Tạo năm học mới" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <NumberInput
            label="Năm bắt đầu"
            description={`Năm học ${startYear}-${startYear + 1}`}
            value={startYear}
            min={2000}
            max={2100}
            allowDecimal={false}
            thousandSeparator=""
            onChange={(v) => {
              const y = Number(v);
              setStartYear(y);
              if (y >= 2000 && y <= 2100) setDates(defaults(y));
            }}
            error={fieldError(create.error, 'startYear')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <DateField label="Ngày bắt đầu năm học" value={dates.startsOn} onChange={(v) => setDate('startsOn', v)} required />
            <DateField label="Ngày kết thúc năm học" value={dates.endsOn} onChange={(v) => setDate('endsOn', v)} required />
            <DateField label="Học kỳ I: từ ngày" value={dates.term1.startsOn} onChange={(v) => setDate('term1.startsOn', v)} required />
            <DateField label="Học kỳ I: đến ngày" value={dates.term1.endsOn} onChange={(v) => setDate('term1.endsOn', v)} required />
            <DateField label="Học kỳ II: từ ngày" value={dates.term2.startsOn} onChange={(v) => setDate('term2.startsOn', v)} required />
            <DateField label="Học kỳ II: đến ngày" value={dates.term2.endsOn} onChange={(v) => setDate('term2.endsOn', v)} required />
          </SimpleGrid>
          <Checkbox.Group
            label="Các khối lớp của trường trong năm học"
            value={grades.map(String)}
            onChange={(v) => setGrades(v.map(Number).sort((a, b) => a - b))}
            error={fieldError(create.error, 'grades')}
          >
            <Group gap="sm" mt={6}>
              {Array.from({ length: 12 }, (_, i) => i + 1).map((g) => (
                <Checkbox key={g} value={String(g)} label={`Khối ${g}`} />
              ))}
            </Group>
          </Checkbox.Group>
          <Radio.Group label="Môn học, lớp và phân công" value={source} onChange={(v) => setSource(v as 'template' | 'copy')}>
            <Stack gap={6} mt={6}>
              <Radio value="template" label="Theo Chương trình giáo dục phổ thông 2018 (môn học, số tiết, hình thức đánh giá mặc định)" />
              <Radio value="copy" label="Sao chép từ năm học trước (môn học, tổ chuyên môn, lớp, phân công)" disabled={!years.length} />
            </Stack>
          </Radio.Group>
          {source === 'copy' && (
            <Select
              label="Sao chép từ"
              data={years.map((y) => ({ value: y.id, label: `Năm học ${y.name}` }))}
              value={copyFrom}
              onChange={setCopyFrom}
              allowDeselect={false}
            />
          )}
          <Text size="xs" c="dimmed">
            Sau khi tạo, thầy/cô vẫn sửa được học kỳ, môn học, lớp và phân công.
          </Text>
          {create.error && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!grades.length}>
              Tạo năm học {startYear}-{startYear + 1}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
