import { DocumentType } from '@cchc/shared';
import * as texts from './source-texts';

export interface DemoDocument {
  /** Stable key: the seed file the text comes from. */
  key: string;
  number: string | null;
  title: string;
  issuer: string;
  issuedOn: string | null;
  effectiveOn: string | null;
  topicCode: string;
  type: DocumentType;
  summary: string;
  fileName: string;
  text: string;
}

/**
 * The five source documents as library entries, with the numbers, issuers and dates printed on them. Seed 000
 * (Hải Dương) is an excerpt without its header: its number and date are not in the text, so they stay empty
 * rather than invented; the summary says so.
 */
export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    key: '002',
    number: '1718/QĐ-UBND',
    title: 'Quyết định ban hành Đề án “Nâng cao năng lực đội ngũ cán bộ, công chức, viên chức thực hiện công tác cải cách hành chính tỉnh Khánh Hòa giai đoạn 2023 - 2030”',
    issuer: 'UBND tỉnh Khánh Hòa',
    issuedOn: '2023-07-21',
    effectiveOn: '2023-07-21',
    topicCode: 'CCHC',
    type: DocumentType.LegalDocument,
    summary:
      '100% cán bộ, công chức, viên chức thực hiện công tác CCHC được cung cấp kiến thức, kỹ năng và tiếp cận bài giảng, tài liệu, cơ sở dữ liệu CCHC; có kênh hỏi đáp; kiểm tra, đánh giá kiến thức tự động, định kỳ; biểu dương người có kết quả tốt, khuyến nghị bổ sung kiến thức cho người chưa đạt.',
    fileName: 'QĐ 1718-QĐ-UBND Khánh Hòa - Đề án nâng cao năng lực CCHC 2023-2030.pdf',
    text: texts.khanhHoa1718,
  },
  {
    key: '001',
    number: '6861/KH-UBND',
    title: 'Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ (thực hiện Quyết định số 1847/QĐ-TTg)',
    issuer: 'UBND tỉnh Khánh Hòa',
    issuedOn: '2019-07-12',
    effectiveOn: '2019-07-12',
    topicCode: 'VHCV',
    type: DocumentType.LegalDocument,
    summary:
      'Triển khai Đề án Văn hóa công vụ theo Quyết định số 1847/QĐ-TTg: tuyên truyền về tinh thần, thái độ làm việc, chuẩn mực giao tiếp, ứng xử, đạo đức lối sống; bồi dưỡng thường xuyên; kết quả thực hiện gắn với đánh giá, xếp loại hằng năm.',
    fileName: 'KH 6861-KH-UBND Khánh Hòa - Văn hóa công vụ.pdf',
    text: texts.khanhHoaVanHoaCongVu,
  },
  {
    key: '000',
    number: null,
    title: 'Kế hoạch hành động thực hiện Đề án triển khai “Tuyên bố ASEAN về vai trò của nền công vụ làm chất xúc tác trong việc đạt được Tầm nhìn Cộng đồng ASEAN 2025” (Đề án 1439)',
    issuer: 'UBND tỉnh Hải Dương',
    issuedOn: null,
    effectiveOn: null,
    topicCode: 'ASEAN',
    type: DocumentType.LegalDocument,
    summary:
      'Đến năm 2025: 100% cán bộ, công chức được tập huấn kiến thức về Cộng đồng ASEAN; ít nhất 80% được tập huấn kỹ năng hành chính, quản lý nhà nước theo tiêu chuẩn ASEAN. Ban hành năm 2019 (bản trích không ghi số, ngày ký).',
    fileName: 'Hải Dương - Kế hoạch hành động Đề án 1439.pdf',
    text: texts.haiDuongAsean1439,
  },
  {
    key: '004',
    number: '2855/QĐ-UBND',
    title: 'Quyết định phê duyệt Kế hoạch cải cách hành chính năm 2018 tỉnh Thừa Thiên Huế',
    issuer: 'UBND tỉnh Thừa Thiên Huế',
    issuedOn: '2017-12-08',
    effectiveOn: '2017-12-08',
    topicCode: 'CCHC',
    type: DocumentType.LegalDocument,
    summary: 'Kế hoạch CCHC năm 2018 trên sáu lĩnh vực (thể chế, TTHC, tổ chức bộ máy, chế độ công vụ, tài chính công, chính quyền điện tử), chỉ tiêu cho từng cấp và kinh phí thực hiện.',
    fileName: 'QĐ 2855-QĐ-UBND Thừa Thiên Huế - Kế hoạch CCHC 2018.pdf',
    text: texts.hueCchc2018,
  },
  {
    key: '003',
    number: null,
    title: 'Giai đoạn 2019-2025: 100% công chức được tập huấn về Cộng đồng ASEAN, 80% về kỹ năng hành chính, quản lý nhà nước (bài viết về Đề án 1439)',
    issuer: 'Tạp chí Bảo hiểm xã hội — ThS. Nguyễn Thị Kim Oanh',
    issuedOn: '2018-10-31',
    effectiveOn: null,
    topicCode: 'ASEAN',
    type: DocumentType.Guide,
    summary: 'Bài viết tóm tắt Đề án 1439 (Quyết định số 1439/QĐ-TTg ngày 29/10/2018): mục tiêu, nhiệm vụ và các chỉ tiêu bồi dưỡng giai đoạn 2019-2025.',
    fileName: 'Bài viết - Đề án 1439 giai đoạn 2019-2025.pdf',
    text: texts.article1439,
  },
];

export interface DemoFaq {
  topicCode: string;
  title: string;
  body: string;
  answer: string;
}

/** Questions civil servants ask about CCHC training, answered from the province's own documents. */
export const DEMO_FAQ: DemoFaq[] = [
  {
    topicCode: 'CCHC',
    title: 'Tôi làm công tác cải cách hành chính ở phường thì có thuộc đối tượng của Đề án 1718 không?',
    body: 'Tôi là công chức văn phòng - thống kê ở phường, được phân công theo dõi CCHC. Tôi có phải tham gia bồi dưỡng và kiểm tra theo Đề án nâng cao năng lực CCHC của tỉnh không?',
    answer:
      'Có. Theo Quyết định số 1718/QĐ-UBND ngày 21/7/2023 của UBND tỉnh Khánh Hòa, đối tượng của Đề án là cán bộ, công chức, viên chức thực hiện công tác cải cách hành chính tại các cơ quan, đơn vị, địa phương trên địa bàn tỉnh, kể cả cấp xã, phường. Đề án đặt mục tiêu 100% người làm công tác CCHC được cung cấp kiến thức, kỹ năng cần thiết và được tiếp cận bài giảng, tài liệu, cơ sở dữ liệu CCHC; đồng thời được kiểm tra, đánh giá kiến thức định kỳ. Anh/chị xem toàn văn Quyết định trong mục Thư viện tài liệu (tìm "1718").',
  },
  {
    topicCode: 'CCHC',
    title: 'Nếu bài kiểm tra kiến thức CCHC định kỳ của tôi chưa đạt thì sao?',
    body: 'Kỳ kiểm tra vừa rồi tôi được điểm thấp. Kết quả này có ảnh hưởng gì và tôi cần làm gì tiếp theo?',
    answer:
      'Quyết định số 1718/QĐ-UBND quy định việc kiểm tra, đánh giá kiến thức CCHC tự động, định kỳ, có cơ chế biểu dương người có kết quả tốt và khuyến nghị cập nhật, bổ sung kiến thức đối với người chưa đạt hoặc đạt kết quả thấp. Trên hệ thống, sau mỗi kỳ kiểm tra anh/chị sẽ thấy kết quả theo từng chủ đề và danh sách bài học, tài liệu nên học lại; khi đã ôn tập, anh/chị có thể làm bài kiểm tra lại nếu kỳ kiểm tra cho phép. Kết quả kiểm tra dùng để bồi dưỡng bổ sung, không phải là hình thức kỷ luật.',
  },
  {
    topicCode: 'ASEAN',
    title: 'Đề án 1439 đặt chỉ tiêu bồi dưỡng cán bộ, công chức như thế nào đến năm 2025?',
    body: 'Đơn vị tôi cần báo cáo tiến độ bồi dưỡng về Cộng đồng ASEAN. Chỉ tiêu cụ thể là bao nhiêu phần trăm?',
    answer:
      'Theo Đề án 1439 (Quyết định số 1439/QĐ-TTg ngày 29/10/2018 của Thủ tướng Chính phủ), giai đoạn 2019 - 2025: 100% cán bộ, công chức được tập huấn, trang bị kiến thức đầy đủ về Cộng đồng ASEAN và ít nhất 80% cán bộ, công chức được tập huấn về kỹ năng hành chính, quản lý nhà nước đáp ứng các tiêu chuẩn và giá trị chung của nền công vụ các nước ASEAN. Các cơ quan, đơn vị báo cáo kết quả hằng năm về UBND tỉnh (qua Sở Nội vụ) theo thời hạn trong kế hoạch của tỉnh.',
  },
  {
    topicCode: 'VHCV',
    title: 'Văn hóa công vụ gồm những nội dung gì mà công chức phải thực hiện?',
    body: 'Cơ quan tôi đang rà soát quy chế làm việc theo Đề án Văn hóa công vụ. Cụ thể cần chú ý những nội dung nào?',
    answer:
      'Theo Kế hoạch số 6861/KH-UBND ngày 12/7/2019 của UBND tỉnh Khánh Hòa triển khai Đề án Văn hóa công vụ (Quyết định số 1847/QĐ-TTg), trọng tâm là: tinh thần, thái độ làm việc; chuẩn mực giao tiếp, ứng xử với nhân dân và đồng nghiệp; đạo đức, lối sống; trang phục, lề lối làm việc. Các cơ quan rà soát, sửa đổi nội quy, quy tắc, quy chế làm việc cho phù hợp; kết quả thực hiện văn hóa công vụ là một tiêu chí khi đánh giá, xếp loại cán bộ, công chức hằng năm.',
  },
  {
    topicCode: 'CCHC',
    title: 'Làm sao tìm nhanh một văn bản trong thư viện khi điện thoại không gõ được dấu?',
    body: 'Tôi thường tra cứu trên điện thoại ở trụ sở phường, bàn phím không có tiếng Việt. Có cần gõ đúng dấu không?',
    answer:
      'Không cần. Ô tìm kiếm của Thư viện tài liệu và mục Hỏi đáp hiểu cả chữ không dấu: gõ "van hoa cong vu" sẽ tìm được "Văn hóa công vụ". Anh/chị cũng có thể gõ số ký hiệu (ví dụ "1718" hoặc "1718/QĐ-UBND") hoặc một cụm từ nằm trong nội dung văn bản; có thể lọc thêm theo lĩnh vực, loại tài liệu và năm ban hành.',
  },
];
