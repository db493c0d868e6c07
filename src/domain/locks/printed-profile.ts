/**
 * The student profile fields the học bạ prints (C6): locked with the year, changed after that only
 * by an approved request (issue 22). Of the guardians it prints relation, name and occupation.
 */
export const PRINTED_PROFILE_FIELDS = ['familyName', 'middleName', 'givenName', 'sex', 'dateOfBirth', 'placeOfBirth', 'ethnicity', 'nationality', 'nationalId', 'studentCode', 'address', 'guardians'] as const;
export type ProfileField = (typeof PRINTED_PROFILE_FIELDS)[number];

/** A profile as far as the học bạ prints it. */
export type PrintedProfile = Record<Exclude<ProfileField, 'guardians'>, string | null> & {
  guardians: readonly { relation: string; fullName: string; occupation?: string | null }[];
};

/** A field as the học bạ prints it, to compare. */
export function printedProfileValue(s: PrintedProfile, field: ProfileField): string {
  if (field === 'guardians') return JSON.stringify(s.guardians.map((g) => [g.relation, g.fullName, g.occupation ?? null]));
  return s[field] ?? '';
}

/** The printed fields that differ between two versions of a profile. */
export function changedProfileFields(before: PrintedProfile, after: PrintedProfile): ProfileField[] {
  return PRINTED_PROFILE_FIELDS.filter((f) => printedProfileValue(before, f) !== printedProfileValue(after, f));
}
