/**
 * The few Reflect metadata functions tsyringe (a dependency of @peculiar/x509) checks for at
 * import; imported before @peculiar/x509 (demo certificates, the test PKI) so no extra package is needed.
 */
type Key = unknown;
const store = new WeakMap<object, Map<Key, unknown>>();
const own = (target: object, create: boolean) => {
  let map = store.get(target);
  if (!map && create) store.set(target, (map = new Map()));
  return map;
};
const reflect = Reflect as unknown as Record<string, unknown>;
if (typeof reflect.getMetadata !== 'function') {
  const getOwnMetadata = (key: Key, target: object) => own(target, false)?.get(key);
  const getMetadata = (key: Key, target: object): unknown => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
      const map = own(t, false);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  };
  const defineMetadata = (key: Key, value: unknown, target: object) => void own(target, true)?.set(key, value);
  Object.assign(reflect, {
    getOwnMetadata,
    getMetadata,
    defineMetadata,
    hasOwnMetadata: (key: Key, target: object) => own(target, false)?.has(key) ?? false,
    hasMetadata: (key: Key, target: object) => getMetadata(key, target) !== undefined,
    metadata: (key: Key, value: unknown) => (target: object) => defineMetadata(key, value, target),
  });
}
export {};
