import { describe, expect, it } from 'vitest';
import { type PrintedProfile, changedProfileFields } from './printed-profile.ts';

const profile: PrintedProfile = {
  familyName: 'Trần',
  middleName: 'Thu',
  givenName: 'Anh',
  sex: 'female',
  dateOfBirth: '2014-02-03',
  placeOfBirth: 'Hưng Yên',
  ethnicity: 'Kinh',
  nationality: 'Việt Nam',
  nationalId: null,
  studentCode: null,
  address: 'Mỹ Hào',
  guardians: [{ relation: 'mother', fullName: 'Trần Thị Hằng', occupation: null }],
};

describe('C6: the profile fields the học bạ prints', () => {
  it.each([
    ['the given name', { givenName: 'Ánh' }, ['givenName']],
    ['the date of birth and the address', { dateOfBirth: '2014-03-02', address: 'Hưng Yên' }, ['dateOfBirth', 'address']],
    ['a guardian’s occupation', { guardians: [{ relation: 'mother', fullName: 'Trần Thị Hằng', occupation: 'Giáo viên' }] }, ['guardians']],
    ['a guardian’s phone only (not printed)', { guardians: [{ relation: 'mother', fullName: 'Trần Thị Hằng', occupation: null, phone: '0912345678' }] }, []],
    ['nothing', {}, []],
  ])('a change of %s', (_label, change, fields) => {
    expect(changedProfileFields(profile, { ...profile, ...change } as PrintedProfile)).toEqual(fields);
  });
});
