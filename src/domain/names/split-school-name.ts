/** A school's name as the printed covers split it (class book, học bạ): "TRƯỜNG THCS" + "Nguyễn Trãi" from "Trường THCS Nguyễn Trãi". */
export function splitSchoolName(name: string): { label: string; name: string } {
  const m = /^Trường\s+(THCS|THPT|TH|PTDTBT\s+THCS|Tiểu học|Trung học cơ sở|Trung học phổ thông)\s+(.+)$/iu.exec(name.trim());
  return m ? { label: `TRƯỜNG ${m[1].toLocaleUpperCase('vi')}`, name: m[2] } : { label: 'TRƯỜNG', name };
}
