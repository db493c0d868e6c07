/** The fields of a student's profile (sơ yếu lý lịch) and guardians, for adding and editing. */
import { ActionIcon, Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { GuardianInput, Sex, StudentDetail, StudentInput } from '../../api/types.ts';
import { DateField } from '../../components/DateField.tsx';
import { fieldError } from '../../components/ErrorAlert.tsx';
import { GUARDIAN_RELATION_LABELS, SEX_LABELS } from '../../../shared/labels.ts';

export interface StudentForm {
  familyName: string;
  middleName: string;
  givenName: string;
  sex: Sex;
  dateOfBirth: string | null;
  placeOfBirth: string;
  ethnicity: string;
  nationality: string;
  religion: string;
  nationalId: string;
  studentCode: string;
  address: string;
  phone: string;
  guardians: GuardianInput[];
}

export function emptyStudentForm(): StudentForm {
  return {
    familyName: '',
    middleName: '',
    givenName: '',
    sex: 'male',
    dateOfBirth: null,
    placeOfBirth: '',
    ethnicity: 'Kinh',
    nationality: 'Việt Nam',
    religion: '',
    nationalId: '',
    studentCode: '',
    address: '',
    phone: '',
    guardians: [],
  };
}

/** Whether the server sent the personal record (Q4: only to the homeroom teacher, the leadership, the admin board, the guardian). */
export function hasPersonalRecord(s: StudentDetail['student']): boolean {
  return s.guardians !== undefined;
}

export function studentToForm(s: StudentDetail['student']): StudentForm {
  return {
    familyName: s.familyName,
    middleName: s.middleName,
    givenName: s.givenName,
    sex: s.sex,
    dateOfBirth: s.dateOfBirth,
    placeOfBirth: s.placeOfBirth ?? '',
    ethnicity: s.ethnicity ?? '',
    nationality: s.nationality ?? '',
    religion: s.religion ?? '',
    nationalId: s.nationalId ?? '',
    studentCode: s.studentCode ?? '',
    address: s.address ?? '',
    phone: s.phone ?? '',
    guardians: (s.guardians ?? []).map((g) => ({ ...g })),
  };
}

/** The request body; empty optional texts become null as the API expects. */
export function formToInput(f: StudentForm): StudentInput {
  const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    familyName: f.familyName,
    middleName: f.middleName,
    givenName: f.givenName,
    sex: f.sex,
    dateOfBirth: f.dateOfBirth ?? '',
    placeOfBirth: f.placeOfBirth,
    ethnicity: f.ethnicity,
    nationality: f.nationality,
    religion: f.religion,
    nationalId: orNull(f.nationalId),
    studentCode: orNull(f.studentCode),
    address: f.address,
    phone: orNull(f.phone),
    guardians: f.guardians.map((g) => ({
      relation: g.relation,
      fullName: g.fullName,
      phone: g.phone && g.phone.trim() ? g.phone.trim() : null,
      occupation: g.occupation && g.occupation.trim() ? g.occupation.trim() : null,
      birthYear: g.birthYear ?? null,
    })),
  };
}

export function StudentProfileFields({
  value,
  onChange,
  error,
  readOnly = false,
  personal = true,
  prefix = 'student.',
}: {
  value: StudentForm;
  onChange: (v: StudentForm) => void;
  error: unknown;
  readOnly?: boolean;
  /** false: the reader does not receive the personal record; only names, birth date, sex and student code are shown. */
  personal?: boolean;
  /** Where the server puts these fields in its error paths. */
  prefix?: string;
}) {
  const set = <K extends keyof StudentForm>(k: K, v: StudentForm[K]) => onChange({ ...value, [k]: v });
  const err = (f: string) => fieldError(error, `${prefix}${f}`) ?? fieldError(error, f);
  const setGuardian = (i: number, g: Partial<GuardianInput>) =>
    set(
      'guardians',
      value.guardians.map((x, j) => (j === i ? { ...x, ...g } : x)),
    );
  const common = { readOnly, variant: readOnly ? 'filled' : 'default' } as const;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <TextInput {...common} label="Họ" value={value.familyName} onChange={(e) => set('familyName', e.currentTarget.value)} error={err('familyName')} required={!readOnly} />
        <TextInput {...common} label="Tên đệm" value={value.middleName} onChange={(e) => set('middleName', e.currentTarget.value)} error={err('middleName')} />
        <TextInput {...common} label="Tên" value={value.givenName} onChange={(e) => set('givenName', e.currentTarget.value)} error={err('givenName')} required={!readOnly} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        <Select
          {...common}
          label="Giới tính"
          data={Object.entries(SEX_LABELS).map(([v, l]) => ({ value: v, label: l }))}
          value={value.sex}
          onChange={(v) => v && set('sex', v as Sex)}
          allowDeselect={false}
          error={err('sex')}
        />
        <DateField {...common} label="Ngày sinh" value={value.dateOfBirth} onChange={(v) => set('dateOfBirth', v)} error={err('dateOfBirth')} required={!readOnly} />
        {personal && (
          <>
            <TextInput {...common} label="Nơi sinh" value={value.placeOfBirth} onChange={(e) => set('placeOfBirth', e.currentTarget.value)} error={err('placeOfBirth')} />
            <TextInput {...common} label="Dân tộc" value={value.ethnicity} onChange={(e) => set('ethnicity', e.currentTarget.value)} error={err('ethnicity')} />
            <TextInput {...common} label="Quốc tịch" value={value.nationality} onChange={(e) => set('nationality', e.currentTarget.value)} error={err('nationality')} />
            <TextInput {...common} label="Tôn giáo" value={value.religion} onChange={(e) => set('religion', e.currentTarget.value)} error={err('religion')} />
            <TextInput
              {...common}
              label="Mã định danh cá nhân"
              description="12 chữ số (số CCCD)"
              inputMode="numeric"
              value={value.nationalId}
              onChange={(e) => set('nationalId', e.currentTarget.value.replace(/\s/g, ''))}
              error={err('nationalId')}
            />
          </>
        )}
        <TextInput
          {...common}
          label="Mã học sinh"
          description="10 chữ số (mã trên CSDL ngành)"
          inputMode="numeric"
          value={value.studentCode}
          onChange={(e) => set('studentCode', e.currentTarget.value.replace(/\s/g, ''))}
          error={err('studentCode')}
        />
        {personal && <TextInput {...common} label="Điện thoại" type="tel" value={value.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={err('phone')} />}
      </SimpleGrid>
      {!personal && (
        <Text size="sm" c="dimmed">
          Nơi sinh, dân tộc, tôn giáo, mã định danh, địa chỉ, điện thoại và thông tin cha mẹ chỉ hiển thị cho giáo viên chủ nhiệm của lớp, Ban giám hiệu và Ban quản trị.
        </Text>
      )}
      {personal && <TextInput {...common} label="Nơi ở hiện nay" value={value.address} onChange={(e) => set('address', e.currentTarget.value)} error={err('address')} />}
      {personal && (
        <Fieldset legend="Cha, mẹ hoặc người giám hộ" variant="filled" p="sm">
          <Stack gap="sm">
            {value.guardians.length === 0 && (
              <Text size="sm" c="dimmed">
                Chưa có thông tin.
              </Text>
            )}
            {value.guardians.map((g, i) => (
              <Group key={i} align="flex-end" gap="xs" wrap="wrap">
                <Select
                  {...common}
                  label="Quan hệ"
                  w={140}
                  data={Object.entries(GUARDIAN_RELATION_LABELS).map(([v, l]) => ({ value: v, label: l }))}
                  value={g.relation}
                  onChange={(v) => v && setGuardian(i, { relation: v as GuardianInput['relation'] })}
                  allowDeselect={false}
                />
                <TextInput
                  {...common}
                  label="Họ và tên"
                  style={{ flex: '1 1 200px' }}
                  value={g.fullName}
                  onChange={(e) => setGuardian(i, { fullName: e.currentTarget.value })}
                  error={err(`guardians.${i}.fullName`)}
                  required={!readOnly}
                />
                <NumberInput
                  {...common}
                  label="Năm sinh"
                  w={100}
                  value={g.birthYear ?? ''}
                  onChange={(v) => setGuardian(i, { birthYear: v === '' ? null : Number(v) })}
                  allowDecimal={false}
                  thousandSeparator=""
                  hideControls
                  error={err(`guardians.${i}.birthYear`)}
                />
                <TextInput
                  {...common}
                  label="Nghề nghiệp"
                  style={{ flex: '1 1 140px' }}
                  value={g.occupation ?? ''}
                  onChange={(e) => setGuardian(i, { occupation: e.currentTarget.value })}
                />
                <TextInput
                  {...common}
                  label="Điện thoại"
                  type="tel"
                  w={140}
                  value={g.phone ?? ''}
                  onChange={(e) => setGuardian(i, { phone: e.currentTarget.value })}
                  error={err(`guardians.${i}.phone`)}
                />
                {!readOnly && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mb={2}
                    aria-label="Xóa người này"
                    title="Xóa người này"
                    onClick={() => set('guardians', value.guardians.filter((_, j) => j !== i))}
                  >
                    ✕
                  </ActionIcon>
                )}
              </Group>
            ))}
            {!readOnly && value.guardians.length < 4 && (
              <Button
                variant="light"
                size="xs"
                w="fit-content"
                onClick={() =>
                  set('guardians', [
                    ...value.guardians,
                    {
                      relation: value.guardians.some((g) => g.relation === 'father')
                        ? value.guardians.some((g) => g.relation === 'mother')
                          ? 'guardian'
                          : 'mother'
                        : 'father',
                      fullName: '',
                      phone: null,
                      occupation: null,
                      birthYear: null,
                    },
                  ])
                }
              >
                Thêm cha, mẹ hoặc người giám hộ
              </Button>
            )}
          </Stack>
        </Fieldset>
      )}
    </Stack>
  );
}
