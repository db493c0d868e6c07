/**
 * Which certificates the server trusts for signatures (issue 14), from the environment:
 *   SODIEM_TRUST_ROOTS        folders or PEM/DER files, separated by commas (default: the
 *                             shipped config/trust-roots, see its README.md)
 *   SODIEM_REVOCATION_CHECK   online (default): ask the CA's OCSP responder or CRL named in the
 *                             certificate; off: never go online (revocation reported as not checked)
 * With the demo (SODIEM_DEMO=1) the demo's own throw-away root, DATA_DIR/demo-signing/ca.crt.pem,
 * is trusted too, once the demo has made it.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TrustConfig {
  /** Folders or files that must exist: trust anchors (self-signed) and intermediates. */
  roots: string[];
  /** Files read when they exist (the demo's root, made after start-up). */
  optionalRoots: string[];
  /** Ask OCSP/CRL over the network. */
  onlineRevocation: boolean;
}

/** Where the demo writes its throw-away root certificate (demo-certificates.ts). */
export function demoTrustRootFile(dataDir: string): string {
  return join(dataDir, 'demo-signing', 'ca.crt.pem');
}

/** config/trust-roots of this installation: the first one up from this module (src/… or dist/…). */
export function shippedTrustRootsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'config', 'trust-roots');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return resolve('config', 'trust-roots');
    dir = parent;
  }
}

export function trustConfigFromEnv(source: Record<string, string | undefined>, options: { dataDir: string; demo: boolean }): TrustConfig {
  const listed = (source.SODIEM_TRUST_ROOTS ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const check = (source.SODIEM_REVOCATION_CHECK ?? '').trim() || 'online';
  if (check !== 'online' && check !== 'off') {
    throw new Error(`Cấu hình không hợp lệ: SODIEM_REVOCATION_CHECK phải là online hoặc off (đang là "${check}").`);
  }
  return {
    roots: listed.length ? listed.map((p) => resolve(p)) : [shippedTrustRootsDir()],
    optionalRoots: options.demo ? [demoTrustRootFile(options.dataDir)] : [],
    onlineRevocation: check === 'online',
  };
}
