/** Vietnamese names of the subject codes used in evaluate documents (GLOSSARY.md, RULES.md §1.1, §2.1). */
const NAMES: Readonly<Record<string, string>> = {
  NV: 'Ngữ văn',
  TOAN: 'Toán',
  NN1: 'Ngoại ngữ 1',
  GDCD: 'Giáo dục công dân',
  LSDL: 'Lịch sử và Địa lí',
  KHTN: 'Khoa học tự nhiên',
  CN: 'Công nghệ',
  TIN: 'Tin học',
  LS: 'Lịch sử',
  DL: 'Địa lí',
  GDKTPL: 'Giáo dục kinh tế và pháp luật',
  LI: 'Vật lí',
  HOA: 'Hóa học',
  SINH: 'Sinh học',
  GDQPAN: 'Giáo dục quốc phòng và an ninh',
  GDTC: 'Giáo dục thể chất',
  NT: 'Nghệ thuật',
  AN: 'Âm nhạc',
  MT: 'Mĩ thuật',
  HDTN: 'Hoạt động trải nghiệm, hướng nghiệp',
  GDDP: 'Nội dung giáo dục của địa phương',
  TV: 'Tiếng Việt',
  DAODUC: 'Đạo đức',
  TNXH: 'Tự nhiên và Xã hội',
  KH: 'Khoa học',
  THCN: 'Tin học và Công nghệ',
  TD: 'Thể dục',
};

/** The Vietnamese name of a subject code, or the code itself when unknown. */
export function subjectName(code: string): string {
  return NAMES[code] ?? code;
}
