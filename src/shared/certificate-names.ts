/**
 * A certificate's name (X.500, RFC 4514) as people read it: "CN=Nguyễn An, O=Trường THCS Nguyễn
 * Trãi, Hưng Yên", without the backslashes that escape a comma or another special character.
 */
export function readableDistinguishedName(dn: string): string {
  return dn.replace(/\\([\\,+"<>;=#\s])/g, '$1');
}
