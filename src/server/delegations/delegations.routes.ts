/**
 * Delegation to the vice-principal (issue 22): the principal grants and revokes; the leadership
 * and the board see the school's delegations, a vice-principal sees her own.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hasRole } from '../../domain/policies/actor.ts';
import { can } from '../../domain/policies/policy.ts';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZDelegationsPage, ZGrantDelegationInput, ZRevokeDelegationInput } from '../../shared/delegations.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { getDelegationOr404, loadDelegationsPage } from './delegations-queries.ts';
import { grantDelegation } from './grant-delegation.ts';
import { revokeDelegation } from './revoke-delegation.ts';

const tags = ['delegations'];

export async function registerDelegationRoutes(app: FastifyInstance, { db }: RouteDeps): Promise<void> {
  const api = typed(app);

  api.get(
    '/schools/:schoolId/delegations',
    { schema: { tags, summary: 'Ủy quyền của Hiệu trưởng cho phó hiệu trưởng (phó hiệu trưởng: của mình)', params: z.object({ schoolId: ZId }), response: { 200: ZDelegationsPage, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'delegation.view', { schoolId });
      // The principal and the board see every delegation; a vice-principal her own.
      const ownOnly = hasRole(auth.actor, 'vice_principal', schoolId) && !can(auth.actor, 'delegation.manage', { schoolId }).allowed;
      return loadDelegationsPage(db, schoolId, ownOnly ? auth.user.id : null);
    },
  );

  api.post(
    '/schools/:schoolId/delegations',
    { schema: { tags, summary: 'Hiệu trưởng ủy quyền cho một phó hiệu trưởng: các quyền, năm học, cấp học', params: z.object({ schoolId: ZId }), body: ZGrantDelegationInput, response: { 200: ZDelegationsPage, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'delegation.manage', { schoolId });
      await grantDelegation({ db, schoolId, input: request.body, grantedBy: auth.user.id, audit: auditContext(request) });
      return loadDelegationsPage(db, schoolId, null);
    },
  );

  api.post(
    '/delegations/:id/revoke',
    { schema: { tags, summary: 'Hiệu trưởng thu hồi một ủy quyền', params: z.object({ id: ZId }), body: ZRevokeDelegationInput, response: { 200: ZDelegationsPage, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const delegation = await getDelegationOr404(db, request.params.id);
      authorize(auth, 'delegation.manage', { schoolId: delegation.school_id });
      await revokeDelegation({ db, delegation, expectedVersion: request.body.version, revokedBy: auth.user.id, audit: auditContext(request) });
      return loadDelegationsPage(db, delegation.school_id, null);
    },
  );
}
