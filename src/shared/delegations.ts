/** Delegation to the vice-principal (issue 22): what the principal grants and the page shows. */
import { z } from 'zod';
import { DELEGATED_POWERS, DELEGATION_SCOPES } from '../domain/policies/delegation.ts';
import { ZId } from './api-common.ts';

export const ZDelegatedPower = z.enum(DELEGATED_POWERS);
export const ZDelegationScope = z.enum(DELEGATION_SCOPES);

export const ZDelegation = z.object({
  id: z.string(),
  schoolYearId: z.string(),
  yearName: z.string(),
  delegateUserId: z.string(),
  delegateName: z.string(),
  powers: z.array(ZDelegatedPower),
  scope: ZDelegationScope,
  grantedByName: z.string().nullable(),
  grantedAt: z.string(),
  revokedByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  version: z.number().int(),
});

export const ZDelegationsPage = z.object({
  delegations: z.array(ZDelegation),
  /** The school's vice-principals with an open account: whom the principal may delegate. */
  candidates: z.array(z.object({ userId: z.string(), fullName: z.string() })),
  years: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const ZGrantDelegationInput = z.object({
  schoolYearId: ZId,
  delegateUserId: ZId,
  powers: z.array(ZDelegatedPower).min(1, 'Chọn ít nhất một quyền ủy quyền.'),
  scope: ZDelegationScope,
});

export const ZRevokeDelegationInput = z.object({ version: z.number().int() });
