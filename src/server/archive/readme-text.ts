/** README.txt of a year-end archive package: what it is and how to check it offline (Vietnamese). */
import { RETENTION_RULES } from './retention.ts';

export interface ReadmeInput {
  schoolName: string;
  schoolCode: string;
  schoolYearName: string;
  createdAtText: string;
  packageName: string;
  signed: boolean;
  generatorVersion: string;
}

export function readmeText(i: ReadmeInput): string {
  const lines = [
    `GÓI LƯU TRỮ HỒ SƠ NĂM HỌC ${i.schoolYearName}`,
    `${i.schoolName} (mã ${i.schoolCode})`,
    `Lập lúc ${i.createdAtText} bằng phần mềm Sổ Điểm Số ${i.generatorVersion}.`,
    '',
    '1. GÓI NÀY LÀ GÌ',
    'Bản lưu trữ các hồ sơ điện tử của năm học để ghi ra đĩa DVD hoặc ổ cứng ngoài chuyên dụng và',
    'niêm phong: sổ theo dõi và đánh giá học sinh, học bạ, sổ liên lạc, bảng xác nhận kết quả và các',
    'tài liệu khác đã lưu; nhật kí nhập, sửa điểm theo từng giáo viên, từng tháng; giấy đề nghị thay',
    'đổi thông tin kèm minh chứng; toàn bộ nhật kí hệ thống (có mã băm để kiểm tra lại) và dữ liệu',
    'của năm học ở dạng JSON.',
    '',
    '  tai-lieu/            tài liệu đã in, ký (PDF), theo loại và theo lớp; danh-muc-tai-lieu.json',
    '  nhat-ki-sua-diem/    nhật kí nhập, sửa điểm: <giáo viên>/<yyyy-mm>.csv (mở bằng Excel) và .json',
    '  giay-de-nghi/        giấy đề nghị thay đổi thông tin sau khóa sổ và minh chứng',
    '  nhap-diem-excel/     tệp Excel giáo viên đã dùng để nhập điểm',
    '  nhat-ki-he-thong/    su-kien.jsonl: mọi sự kiện của các chuỗi nhật kí, kèm mã băm',
    '  du-lieu/             dữ liệu năm học, mỗi bảng một tệp JSON',
    '  manifest.json        bản kê: mỗi tệp với kích thước, mã SHA-256, loại hồ sơ, thời hạn bảo quản',
    i.signed
      ? '  manifest.json.p7s    chữ ký số (CMS, tách rời) của nhà trường trên manifest.json'
      : '  (gói này chưa được ký số: không có manifest.json.p7s)',
    '  SHA256SUMS           mã SHA-256 của mọi tệp, để kiểm tra bằng lệnh sha256sum',
    '',
    '2. KIỂM TRA GÓI KHÔNG CẦN MẠNG',
    'a) Bằng Sổ Điểm Số (kiểm tra đủ tệp, không thừa, không sửa, và chữ ký số):',
    `     npm run -s sodiem -- archive verify /duong-dan/${i.packageName}`,
    '   Kết quả 0 = nguyên vẹn; 1 = liệt kê từng tệp bị thiếu, bị sửa hoặc thừa.',
    'b) Bằng sha256sum (Linux, macOS: shasum -a 256 -c; Windows: dùng WSL hoặc Git Bash):',
    `     cd /duong-dan/${i.packageName} && sha256sum -c SHA256SUMS`,
    '   Mọi dòng phải là "OK". Tệp thừa không được lệnh này phát hiện: so với manifest.json.',
    'c) Chữ ký số trên bản kê bằng OpenSSL:',
    '     openssl cms -verify -binary -inform DER -in manifest.json.p7s -content manifest.json \\',
    '       -CAfile chung-thu-goc.pem -out /dev/null',
    '   ("Verification successful" là chữ ký đúng và manifest.json chưa bị sửa; chung-thu-goc.pem là',
    '   chứng thư gốc của tổ chức cung cấp dịch vụ chứng thực chữ ký số. Thêm -noverify nếu chỉ',
    '   kiểm tra nội dung mà không kiểm tra chuỗi chứng thư.) Xem người ký:',
    '     openssl cms -cmsout -print -inform DER -in manifest.json.p7s | grep -A3 subject',
    '   Vì manifest.json ghi mã SHA-256 của từng tệp, chữ ký này bảo đảm cho toàn bộ gói.',
    '',
    '3. THỜI HẠN BẢO QUẢN',
    'Theo Thông tư 27/2016/TT-BGDĐT và Thông tư 09/2011/TT-BNV; mỗi tệp ghi thời hạn trong manifest.json.',
    'Mục có dấu * là thời hạn chọn thận trọng, văn thư cần đối chiếu văn bản hiện hành.',
    ...RETENTION_RULES.map((r) => `  - ${r.name}: ${r.label}${r.confirmed ? '' : ' *'}`),
    '',
    '4. GHI ĐĨA, SAO CHÉP',
    'Ghi nguyên thư mục (hoặc tệp .zip cùng tên) ra đĩa DVD-R (ghi một lần, đóng phiên) và ổ cứng',
    'ngoài chuyên dụng; kiểm tra lại trên bản đã ghi bằng mục 2 trước khi niêm phong; ghi nhãn đĩa',
    'gồm tên trường, năm học, ngày ghi và mã SHA-256 của manifest.json.',
    '',
    'Gói chứa dữ liệu cá nhân của học sinh: chỉ lưu giữ, sao chép và cung cấp theo quy định về bảo vệ',
    'dữ liệu cá nhân.',
    '',
  ];
  return lines.join('\r\n');
}
