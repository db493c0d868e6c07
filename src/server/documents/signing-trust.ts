/**
 * The trust store of a running server (issue 14): the configured roots (env.signing.trust), read
 * once per configuration and checked when the routes are registered, so a missing folder stops
 * the start-up rather than a signature.
 */
import type { Env } from '../platform/env.ts';
import { type TrustStore, fileTrustStore } from '../platform/signing/trust-store.ts';

const stores = new WeakMap<Env['signing']['trust'], TrustStore>();

export function signingTrustStore(env: Pick<Env, 'signing'>): TrustStore {
  const config = env.signing.trust;
  let store = stores.get(config);
  if (!store) {
    store = fileTrustStore(config);
    stores.set(config, store);
  }
  return store;
}
