/**
 * RC2-CBC decryption (RFC 2268), only to open older .p12 files: OpenSSL 1.x and many Windows
 * tools encrypt the certificates of a PKCS#12 file with pbeWithSHAAnd40BitRC2-CBC, and Node's
 * OpenSSL 3 no longer offers RC2 without the legacy provider.
 */

// biome-ignore format: the table of RFC 2268
const PITABLE = Buffer.from(
  'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb6266fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
    '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad',
  'hex',
);

function expandKey(key: Buffer, effectiveBits: number): Uint16Array {
  const t = key.length;
  const l = new Uint8Array(128);
  l.set(key);
  for (let i = t; i < 128; i++) l[i] = PITABLE[(l[i - 1] + l[i - t]) & 255];
  const t8 = (effectiveBits + 7) >> 3;
  const tm = 255 % 2 ** (8 + effectiveBits - 8 * t8);
  l[128 - t8] = PITABLE[l[128 - t8] & tm];
  for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[l[i + 1] ^ l[i + t8]];
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = l[2 * i] + 256 * l[2 * i + 1];
  return k;
}

function decryptBlock(k: Uint16Array, block: Buffer): Buffer {
  const r = [block.readUInt16LE(0), block.readUInt16LE(2), block.readUInt16LE(4), block.readUInt16LE(6)];
  const shifts = [1, 2, 3, 5];
  let j = 63;
  const mixRounds = (count: number) => {
    for (let round = 0; round < count; round++) {
      for (let i = 3; i >= 0; i--) {
        const s = shifts[i];
        r[i] = ((r[i] >>> s) | (r[i] << (16 - s))) & 0xffff;
        r[i] = (r[i] - k[j] - (r[(i + 3) % 4] & r[(i + 2) % 4]) - (~r[(i + 3) % 4] & r[(i + 1) % 4])) & 0xffff;
        j--;
      }
    }
  };
  const mash = () => {
    for (let i = 3; i >= 0; i--) r[i] = (r[i] - k[r[(i + 3) % 4] & 63]) & 0xffff;
  };
  mixRounds(5);
  mash();
  mixRounds(6);
  mash();
  mixRounds(5);
  const out = Buffer.alloc(8);
  r.forEach((w, i) => out.writeUInt16LE(w, 2 * i));
  return out;
}

/** Decrypts RC2-CBC with the given effective key bits (40 or 128) and removes PKCS#7 padding. */
export function rc2CbcDecrypt(key: Buffer, effectiveBits: number, iv: Buffer, data: Buffer): Buffer {
  if (data.length % 8 !== 0 || data.length === 0) throw new Error('RC2: bad ciphertext length');
  const k = expandKey(key, effectiveBits);
  const out = Buffer.alloc(data.length);
  let prev = iv;
  for (let off = 0; off < data.length; off += 8) {
    const block = data.subarray(off, off + 8);
    const plain = decryptBlock(k, block);
    for (let i = 0; i < 8; i++) out[off + i] = plain[i] ^ prev[i];
    prev = block;
  }
  const pad = out[out.length - 1];
  if (pad < 1 || pad > 8) throw new Error('RC2: bad padding');
  return out.subarray(0, out.length - pad);
}
