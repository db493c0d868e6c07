/**
 * Which delegation, if any, lets a vice-principal act (issue 22): pure rules over the actor's
 * loaded delegations and the classes of her school (the terms are in delegation.ts).
 */
import { type Actor, hasRole } from './actor.ts';
import { type ActiveDelegation, type DelegatedPower, type DelegationClass, POWER_VERBS, SECTION_NAMES, covers, sectionOfGrade } from './delegation.ts';

function delegationsOf(actor: Actor, power: DelegatedPower, schoolId: string): ActiveDelegation[] {
  if (!hasRole(actor, 'vice_principal', schoolId)) return [];
  return (actor.delegations ?? []).filter((d) => d.schoolId === schoolId && d.powers.includes(power));
}

/**
 * The delegation under which the actor holds `power` over every class of the target, or null.
 * A target of a whole year (no classes) is covered by a delegation of scope `all` for that year.
 */
export function delegationCovering(actor: Actor, power: DelegatedPower, t: { schoolId: string; classIds?: string[]; schoolYearId?: string }): ActiveDelegation | null {
  const candidates = delegationsOf(actor, power, t.schoolId);
  if (t.classIds?.length) {
    const classes = t.classIds.map((id) => actor.delegationClasses?.[id]);
    if (classes.some((c) => !c)) return null;
    return candidates.find((d) => classes.every((c) => covers(d, c as DelegationClass))) ?? null;
  }
  if (t.schoolYearId) return candidates.find((d) => d.schoolYearId === t.schoolYearId && d.scope === 'all') ?? null;
  return null;
}

/** Whether the actor holds `power` anywhere in the school (what the menus show). */
export function holdsPower(actor: Actor, power: DelegatedPower, schoolId: string): boolean {
  return delegationsOf(actor, power, schoolId).length > 0;
}

/** The refusal naming what is missing: the power, the section and the year of the target. */
export function missingDelegation(power: DelegatedPower, actor: Actor, t: { classIds?: string[] }): string {
  const c = t.classIds?.length ? actor.delegationClasses?.[t.classIds[0]] : undefined;
  const what = c ? ` của ${SECTION_NAMES[sectionOfGrade(c.grade)]} năm học ${c.yearName} (lớp ${c.name})` : '';
  return `Thầy/cô chưa được Hiệu trưởng ủy quyền ${POWER_VERBS[power]}${what}.`;
}
