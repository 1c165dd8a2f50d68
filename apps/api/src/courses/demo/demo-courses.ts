/**
 * Demo courses built from the province's own documents (/work/shared/seeds): the Hải Dương action plan for
 * Đề án 1439 and the article summarising it, Khánh Hòa's plan 6861/KH-UBND for the public-service culture scheme
 * (QĐ 1847/QĐ-TTg), Khánh Hòa QĐ 1718/QĐ-UBND on CCHC staff capacity, and the Thừa Thiên Huế CCHC plan with the
 * six reform fields. Lessons quote or summarise those texts.
 */
export interface DemoLesson {
  title: string;
  minutes: number;
  html?: string;
  link?: string;
}

export interface DemoCourse {
  key: string;
  title: string;
  description: string;
  hours: number;
  topics: string[];
  modules: { title: string; lessons: DemoLesson[] }[];
}

const quote = (text: string, source: string) => `<blockquote>${text}</blockquote><p><em>(${source})</em></p>`;

export const DEMO_COURSES: DemoCourse[] = [
  {
    key: 'asean',
    title: 'Đề án 1439: Nền công vụ và Cộng đồng ASEAN',
    description:
      'Tìm hiểu Cộng đồng ASEAN, Tuyên bố ASEAN về vai trò của nền công vụ làm chất xúc tác đạt được Tầm nhìn Cộng đồng ASEAN 2025 và nhiệm vụ của cơ quan, đơn vị theo Quyết định số 1439/QĐ-TTg ngày 29/10/2018 của Thủ tướng Chính phủ.',
    hours: 4,
    topics: ['ASEAN', 'KNHC'],
    modules: [
      {
        title: 'Phần 1. Cộng đồng ASEAN và Tầm nhìn 2025',
        lessons: [
          {
            title: 'Đề án 1439 ra đời như thế nào',
            minutes: 10,
            html:
              '<p>Ngày 29/10/2018, Thủ tướng Chính phủ ban hành <strong>Quyết định số 1439/QĐ-TTg</strong> phê duyệt Đề án triển khai “Tuyên bố ASEAN về vai trò của nền công vụ làm chất xúc tác trong việc đạt được Tầm nhìn Cộng đồng ASEAN 2025” (gọi tắt là <strong>Đề án 1439</strong>), có hiệu lực từ ngày phê duyệt.</p>' +
              '<p>Đề án nhằm tích cực, chủ động xây dựng Cộng đồng ASEAN trên tất cả các lĩnh vực, trong đó có lĩnh vực công vụ, công chức; phát huy vai trò của nền công vụ trong các chương trình cải cách toàn diện.</p>' +
              '<h3>Ý chính</h3><ul><li>Quán triệt Tầm nhìn Cộng đồng ASEAN vào nội dung cải cách, đổi mới nền công vụ Việt Nam.</li><li>Nâng cao nhận thức của đội ngũ cán bộ, công chức, viên chức về Cộng đồng ASEAN.</li><li>Tăng cường chia sẻ thông tin và phối hợp giữa các bộ, ngành, địa phương trong hợp tác ASEAN.</li></ul>',
          },
          {
            title: 'Mục tiêu đến năm 2025',
            minutes: 10,
            html:
              '<p>Kế hoạch hành động thực hiện Đề án 1439 đặt mục tiêu chung: xây dựng một Cộng đồng ASEAN <em>hướng vào người dân, lấy người dân làm trung tâm và có trách nhiệm xã hội</em>.</p>' +
              '<h3>Mục tiêu cụ thể đến năm 2025</h3><ul>' +
              '<li><strong>100%</strong> cán bộ, công chức được tập huấn, trang bị kiến thức đầy đủ về Cộng đồng ASEAN.</li>' +
              '<li><strong>Ít nhất 80%</strong> cán bộ, công chức được tập huấn về kỹ năng hành chính, quản lý nhà nước đáp ứng các tiêu chuẩn và giá trị chung của nền công vụ các nước ASEAN.</li>' +
              '<li>Đẩy mạnh đào tạo, bồi dưỡng để nâng cao tiêu chuẩn chuyên môn, nghiệp vụ, năng lực và đạo đức công vụ.</li>' +
              '<li>Bảo đảm tiếp thu những nguyên tắc quản trị hiệu quả của nền công vụ các nước ASEAN.</li></ul>' +
              quote('Giai đoạn từ năm 2019-2025, 100% công chức được tập huấn, trang bị kiến thức đầy đủ về Cộng đồng ASEAN; 80% công chức được tập huấn về kỹ năng hành chính, quản lý nhà nước…', 'Bài viết giới thiệu Đề án 1439'),
          },
          { title: 'Trang thông tin chính thức của ASEAN', minutes: 5, link: 'https://asean.org' },
        ],
      },
      {
        title: 'Phần 2. Nhiệm vụ của cơ quan, đơn vị',
        lessons: [
          {
            title: 'Tuyên truyền, nâng cao nhận thức',
            minutes: 15,
            html:
              '<p>Các sở, ban, ngành và UBND các cấp đẩy mạnh tuyên truyền về mục tiêu của Tầm nhìn Cộng đồng ASEAN 2025 đến toàn bộ cán bộ, công chức, viên chức từ tỉnh đến cấp xã:</p>' +
              '<ol><li>Nâng cao nhận thức về giá trị chung của Cộng đồng ASEAN nói chung và nền công vụ các nước ASEAN nói riêng.</li>' +
              '<li>Đổi mới, sáng tạo trong xây dựng chính sách và cung cấp dịch vụ công tại cơ quan, đơn vị.</li>' +
              '<li>Khuyến khích nghiên cứu, học hỏi kinh nghiệm của các nước ASEAN.</li></ol>' +
              '<p>Tiếp thu các nguyên tắc quản trị hiệu quả của ASEAN theo hướng <strong>lấy người dân làm trung tâm</strong>; xây dựng cơ quan hành chính có trách nhiệm, minh bạch, hiệu quả.</p>',
          },
          {
            title: 'Kỹ năng hành chính theo chuẩn ASEAN',
            minutes: 15,
            html:
              '<p>Nền công vụ các nước ASEAN chia sẻ các giá trị: <strong>chuyên nghiệp, trách nhiệm, minh bạch, hiệu quả, lấy người dân làm trung tâm</strong>. Người công chức cần:</p>' +
              '<ul><li>Giao tiếp hành chính rõ ràng, đúng mực, kể cả với đối tác nước ngoài;</li><li>Sử dụng công nghệ thông tin trong xử lý công việc;</li><li>Tham gia chia sẻ kinh nghiệm trong các lĩnh vực giáo dục, y tế, nông nghiệp, chính phủ điện tử, thương mại và đầu tư.</li></ul>',
          },
          {
            title: 'Lộ trình và báo cáo kết quả',
            minutes: 10,
            html:
              '<p>Đề án chia hai giai đoạn: <strong>giai đoạn I (2019–2022)</strong>, sơ kết vào quý IV/2022, và <strong>giai đoạn II (2022–2025)</strong>, tổng kết vào quý IV/2025.</p>' +
              '<p>Hằng năm, các cơ quan, đơn vị báo cáo kết quả thực hiện <strong>trước ngày 25/11</strong>; Sở Nội vụ tổng hợp, báo cáo <strong>trước ngày 15/12</strong>.</p>' +
              '<p>Kết quả học tập trên hệ thống này được dùng làm căn cứ thống kê tỷ lệ cán bộ, công chức đã được bồi dưỡng.</p>',
          },
        ],
      },
    ],
  },
  {
    key: 'vhcv',
    title: 'Văn hóa công vụ theo Quyết định 1847/QĐ-TTg',
    description:
      'Nội dung Đề án Văn hóa công vụ và Kế hoạch số 6861/KH-UBND ngày 12/7/2019 của UBND tỉnh Khánh Hòa: tinh thần, thái độ làm việc, chuẩn mực giao tiếp, ứng xử, đạo đức công vụ và phòng, chống tham nhũng vặt.',
    hours: 3,
    topics: ['VHCV'],
    modules: [
      {
        title: 'Phần 1. Mục đích và yêu cầu',
        lessons: [
          {
            title: 'Vì sao cần văn hóa công vụ',
            minutes: 10,
            html:
              quote('Tạo sự chuyển biến mạnh mẽ về nhận thức, hành động của cấp ủy đảng, chính quyền các cấp và của toàn thể đội ngũ cán bộ, công chức, viên chức, người lao động đối với việc thực hiện Đề án Văn hóa công vụ.', 'Kế hoạch 6861/KH-UBND, mục I.1') +
              '<p>Kế hoạch nhằm khắc phục những hạn chế trong thực hiện văn hóa công vụ, hình thành <strong>phong cách ứng xử, lề lối làm việc chuẩn mực</strong>, bảo đảm tính chuyên nghiệp, trách nhiệm, năng động, minh bạch, hiệu quả.</p>',
          },
          {
            title: 'Vai trò nêu gương của người đứng đầu',
            minutes: 10,
            html:
              '<p>Kế hoạch đề cao vai trò, trách nhiệm của <strong>người đứng đầu</strong> gắn với việc nêu gương. Người đứng đầu và toàn thể cán bộ, công chức, viên chức nắm vững nội dung văn hóa công vụ để góp phần xây dựng nền hành chính:</p>' +
              '<ul><li>chuyên nghiệp, trách nhiệm, minh bạch, hiệu quả, vì Nhân dân phục vụ;</li><li>nâng cao đạo đức công vụ, đạo đức nghề nghiệp;</li><li>tăng cường kỷ luật, kỷ cương hành chính; phòng, chống tham nhũng.</li></ul>',
          },
        ],
      },
      {
        title: 'Phần 2. Nội dung thực hiện tại cơ quan, đơn vị',
        lessons: [
          {
            title: 'Chuẩn mực giao tiếp, ứng xử',
            minutes: 15,
            html:
              '<p>Tuyên truyền đến tất cả cán bộ, công chức, viên chức, người lao động để nâng cao nhận thức về <strong>tinh thần, thái độ làm việc, các chuẩn mực giao tiếp, ứng xử, đạo đức lối sống</strong>.</p>' +
              '<h3>Khi tiếp công dân</h3><ul><li>Chào hỏi, lắng nghe, hướng dẫn rõ ràng, đầy đủ một lần.</li><li>Không gây phiền hà, sách nhiễu; không nhận quà, tiền — phòng, chống “tham nhũng vặt”.</li><li>Trang phục gọn gàng, đeo thẻ công chức; đúng giờ.</li></ul>',
          },
          {
            title: 'Rà soát quy chế, phát động thi đua',
            minutes: 10,
            html:
              '<ol><li>Rà soát, sửa đổi, bổ sung nội quy, quy tắc, quy chế làm việc của cơ quan, đơn vị (hoàn thành trong năm 2020).</li>' +
              '<li>Triển khai đồng bộ các quy định về văn hóa công vụ trong tất cả cơ quan hành chính, đơn vị sự nghiệp từ tỉnh đến cấp xã.</li>' +
              '<li>Tổ chức bồi dưỡng về văn hóa công vụ và phát động phong trào thi đua đến từng người (thường xuyên).</li></ol>',
          },
          {
            title: 'Đánh giá, xếp loại và báo cáo',
            minutes: 10,
            html:
              '<p>Nội dung văn hóa công vụ được bổ sung thành <strong>tiêu chí đánh giá, xếp loại mức độ hoàn thành nhiệm vụ hằng năm</strong> của cán bộ, công chức, viên chức và của cơ quan, đơn vị.</p>' +
              '<p>Các cơ quan, đơn vị gửi báo cáo kết quả <strong>trước ngày 15/11</strong>; Sở Nội vụ tổng hợp, báo cáo UBND tỉnh <strong>trước ngày 01/12</strong> hằng năm.</p>',
          },
        ],
      },
    ],
  },
  {
    key: 'theche',
    title: 'Cải cách thể chế',
    description: 'Chỉ tiêu và nhiệm vụ cải cách thể chế: xây dựng, kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật.',
    hours: 1.5,
    topics: ['CCHC.THECHE'],
    modules: [
      {
        title: 'Cải cách thể chế',
        lessons: [
          {
            title: 'Chỉ tiêu cải cách thể chế',
            minutes: 10,
            html:
              quote('Đảm bảo 100% văn bản quy phạm pháp luật được ban hành đúng trình tự, thủ tục và đảm bảo chất lượng theo quy định của Luật ban hành văn bản quy phạm pháp luật.', 'Kế hoạch CCHC, mục II.1') +
              '<p>Mỗi cơ quan, đơn vị phải được quy định rõ trách nhiệm trong xây dựng và thực hiện các thể chế được ban hành. Ở tỉnh, Sở Tư pháp và Sở Kế hoạch và Đầu tư phụ trách lĩnh vực này (QĐ 1718/QĐ-UBND).</p>',
          },
          {
            title: 'Kiểm tra, rà soát văn bản',
            minutes: 15,
            html:
              '<ul><li>Nâng cao chất lượng kiểm tra, rà soát, hệ thống hóa văn bản QPPL do HĐND, UBND các cấp ban hành, tránh chồng chéo, trùng lắp.</li>' +
              '<li>Đổi mới kiểm tra, giám sát trong tham mưu ban hành văn bản để loại bỏ <strong>lợi ích cục bộ</strong>.</li>' +
              '<li>Kịp thời phát hiện, xử lý văn bản trái pháp luật, thiếu đồng bộ, không phù hợp thực tế địa phương.</li></ul>',
          },
        ],
      },
    ],
  },
  {
    key: 'tthc',
    title: 'Cải cách thủ tục hành chính',
    description: 'Một cửa, một cửa liên thông, dịch vụ công trực tuyến, công khai và kiểm soát thủ tục hành chính, đo mức độ hài lòng của người dân.',
    hours: 2,
    topics: ['CCHC.TTHC'],
    modules: [
      {
        title: 'Cải cách thủ tục hành chính',
        lessons: [
          {
            title: 'Chỉ tiêu cải cách TTHC',
            minutes: 10,
            html:
              '<ul><li><strong>100%</strong> TTHC được quy trình hóa theo tiêu chuẩn ISO 9001:2015, đơn giản, dễ hiểu, dễ thực hiện.</li>' +
              '<li>Mức độ hài lòng của người dân, doanh nghiệp đạt <strong>trên 80%</strong>.</li>' +
              '<li><strong>100%</strong> TTHC được tiếp nhận, giải quyết theo cơ chế một cửa, một cửa liên thông (trừ TTHC đặc thù).</li>' +
              '<li>Tăng tỷ lệ TTHC cung cấp dưới dạng dịch vụ công trực tuyến và hồ sơ nộp trực tuyến.</li></ul>',
          },
          {
            title: 'Công khai và kiểm soát TTHC',
            minutes: 15,
            html:
              '<p>Thực hiện đầy đủ việc <strong>công khai TTHC</strong> trên phương tiện thông tin đại chúng, trang thông tin điện tử và niêm yết tại nơi tiếp nhận hồ sơ. Mọi thủ tục mới phải được đánh giá tác động theo quy định về kiểm soát TTHC.</p>' +
              '<p>Nâng cao chất lượng Trung tâm Phục vụ hành chính công và Bộ phận Một cửa cấp xã theo phương châm <strong>“Thân thiện, đúng hẹn, đơn giản”</strong>.</p>',
          },
          { title: 'Cổng Dịch vụ công quốc gia', minutes: 5, link: 'https://dichvucong.gov.vn' },
        ],
      },
    ],
  },
  {
    key: 'tcbm',
    title: 'Cải cách tổ chức bộ máy hành chính nhà nước',
    description: 'Sắp xếp, kiện toàn tổ chức bộ máy tinh gọn; quy chế làm việc; đánh giá, xếp loại công tác CCHC của cơ quan, đơn vị.',
    hours: 1.5,
    topics: ['CCHC.TCBM'],
    modules: [
      {
        title: 'Cải cách tổ chức bộ máy',
        lessons: [
          {
            title: 'Tinh gọn bộ máy',
            minutes: 15,
            html:
              '<p>Tiếp tục rà soát bộ máy các sở, ban, ngành để kiện toàn cơ quan chuyên môn theo hướng <strong>thu gọn đầu mối, giảm khâu trung gian, quản lý đa ngành, đa lĩnh vực</strong> (Nghị quyết 18-NQ/TW, 19-NQ/TW).</p>' +
              quote('100% các cơ quan, đơn vị, bộ phận ban hành quy chế làm việc trên phương châm: “Làm việc theo quy trình, giải quyết công việc theo quy định, điều hành theo quy chế”.', 'Kế hoạch CCHC, mục II.3'),
          },
          {
            title: 'Đánh giá công tác CCHC',
            minutes: 10,
            html: '<p>Đánh giá, xếp loại công tác CCHC của sở, ngành, UBND các cấp; gắn kết quả với thi đua khen thưởng và đánh giá cán bộ hằng năm; khảo sát mức độ hài lòng của người dân về dịch vụ hành chính công.</p>',
          },
        ],
      },
    ],
  },
  {
    key: 'cdcv',
    title: 'Cải cách chế độ công vụ',
    description: 'Xây dựng đội ngũ cán bộ, công chức, viên chức có cơ cấu hợp lý, đủ năng lực; tuyển dụng cạnh tranh; đánh giá theo kết quả; tinh giản biên chế.',
    hours: 1.5,
    topics: ['CCHC.CDCV'],
    modules: [
      {
        title: 'Cải cách chế độ công vụ',
        lessons: [
          {
            title: 'Đội ngũ và vị trí việc làm',
            minutes: 15,
            html:
              '<ul><li>Xây dựng đội ngũ có số lượng, cơ cấu hợp lý, đủ trình độ năng lực thi hành công vụ từ tỉnh đến cấp xã.</li>' +
              '<li>Đánh giá cán bộ, công chức trên cơ sở <strong>hiệu quả hoàn thành nhiệm vụ</strong>.</li>' +
              '<li>Tuyển dụng công chức, viên chức bằng hình thức <strong>cạnh tranh</strong>; đổi mới tuyển chọn lãnh đạo, quản lý.</li></ul>',
          },
          {
            title: 'Bồi dưỡng theo vị trí việc làm',
            minutes: 10,
            html: '<p>Tập trung đào tạo, bồi dưỡng cán bộ, công chức, viên chức theo nhu cầu công việc và vị trí việc làm; nâng cao đạo đức công vụ thông qua tuyên truyền, bồi dưỡng, kiểm tra, giám sát trong thực thi công vụ.</p>',
          },
        ],
      },
    ],
  },
  {
    key: 'tcc',
    title: 'Cải cách tài chính công',
    description: 'Đổi mới cơ chế phân bổ ngân sách theo kết quả, cơ chế tự chủ của cơ quan hành chính và đơn vị sự nghiệp công lập.',
    hours: 1.5,
    topics: ['CCHC.TCC'],
    modules: [
      {
        title: 'Cải cách tài chính công',
        lessons: [
          {
            title: 'Phân bổ ngân sách theo kết quả',
            minutes: 15,
            html:
              '<p>Đổi mới cơ chế phân bổ ngân sách cho các cơ quan hành chính nhà nước: cấp ngân sách <strong>dựa trên kết quả và chất lượng hoạt động</strong>, hướng vào kiểm soát đầu ra, chất lượng chi tiêu theo mục tiêu, nhiệm vụ.</p>' +
              '<p>Tăng cường kỷ luật, kỷ cương trong quản lý ngân sách; xác định rõ trách nhiệm người đứng đầu; tiết kiệm, chống lãng phí.</p>',
          },
          {
            title: 'Cơ chế tự chủ',
            minutes: 10,
            html: '<p>Thực hiện tốt cơ chế tự chủ, tự chịu trách nhiệm về biên chế và kinh phí đối với cơ quan nhà nước và đơn vị sự nghiệp công lập; chuyển một số đơn vị sự nghiệp sang hoạt động theo loại hình doanh nghiệp khi đủ điều kiện.</p>',
          },
        ],
      },
    ],
  },
  {
    key: 'cqs',
    title: 'Xây dựng chính quyền điện tử, chính quyền số',
    description: 'Văn bản điện tử liên thông, một cửa điện tử, dịch vụ công trực tuyến và kỹ năng ứng dụng công nghệ thông tin của công chức.',
    hours: 1.5,
    topics: ['CCHC.CQS', 'CCHC.KN.CNTT'],
    modules: [
      {
        title: 'Chính quyền điện tử, chính quyền số',
        lessons: [
          {
            title: 'Chỉ tiêu hiện đại hóa nền hành chính',
            minutes: 15,
            html:
              '<ul><li><strong>100%</strong> cơ quan chuyên môn ứng dụng văn bản điện tử liên thông 4 cấp trên phần mềm quản lý và điều hành.</li>' +
              '<li>Văn bản, tài liệu chính thức trao đổi giữa các cơ quan hành chính hoàn toàn dưới dạng điện tử (trừ văn bản mật).</li>' +
              '<li><strong>100%</strong> đơn vị sử dụng phần mềm một cửa điện tử dùng chung, kết nối cổng dịch vụ công của tỉnh.</li></ul>',
          },
          {
            title: 'Kỹ năng số của công chức',
            minutes: 10,
            html: '<p>Công chức cần thành thạo xử lý văn bản điện tử, chữ ký số, hướng dẫn người dân nộp hồ sơ trực tuyến và bảo vệ thông tin cá nhân của người dân. Sở Thông tin và Truyền thông phụ trách lĩnh vực này (QĐ 1718/QĐ-UBND).</p>',
          },
        ],
      },
    ],
  },
  {
    key: 'knhc',
    title: 'Kỹ năng hành chính cho cán bộ, công chức',
    description:
      'Kỹ năng hành chính theo mục tiêu của Đề án 1439 (ít nhất 80% cán bộ, công chức được bồi dưỡng): soạn thảo và trình bày văn bản hành chính theo Nghị định 30/2020/NĐ-CP, xử lý văn bản đến, giao tiếp với người dân, quản lý thời gian, làm việc nhóm và điều hành cuộc họp.',
    hours: 3,
    topics: ['KNHC'],
    modules: [
      {
        title: 'Phần 1. Văn bản hành chính theo Nghị định 30/2020/NĐ-CP',
        lessons: [
          {
            title: 'Thể thức văn bản hành chính',
            minutes: 15,
            html:
              '<p><strong>Nghị định 30/2020/NĐ-CP</strong> về công tác văn thư quy định thể thức văn bản hành chính gồm các thành phần chính:</p>' +
              '<ol><li>Quốc hiệu và Tiêu ngữ;</li><li>Tên cơ quan, tổ chức ban hành văn bản;</li><li>Số, ký hiệu của văn bản;</li><li>Địa danh và thời gian ban hành văn bản;</li>' +
              '<li>Tên loại và trích yếu nội dung văn bản;</li><li>Nội dung văn bản;</li><li>Chức vụ, họ tên và chữ ký của người có thẩm quyền;</li><li>Dấu, chữ ký số của cơ quan, tổ chức;</li><li>Nơi nhận.</li></ol>' +
              '<p><strong>Trích yếu nội dung</strong> là một dòng hoặc một số dòng ngắn gọn, phản ánh khái quát nội dung chủ yếu của văn bản; không chép nguyên đoạn đầu văn bản.</p>',
          },
          {
            title: 'Kỹ thuật trình bày văn bản',
            minutes: 10,
            html:
              '<ul><li>Khổ giấy <strong>A4 (210 mm x 297 mm)</strong>.</li>' +
              '<li>Phông chữ tiếng Việt <strong>Times New Roman</strong>, bộ mã ký tự Unicode theo <strong>TCVN 6909:2001</strong>, màu đen.</li>' +
              '<li>Lề trên và lề dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm.</li>' +
              '<li>Nội dung văn bản cỡ chữ 13–14, căn đều hai lề.</li></ul>',
          },
          {
            title: 'Văn bản đến và văn bản điện tử',
            minutes: 10,
            html:
              '<p>Văn bản đến phải được đăng ký, trình và chuyển giao trong ngày, chậm nhất là trong ngày làm việc tiếp theo. Văn bản không thuộc thẩm quyền phải được báo cáo lãnh đạo để chuyển kịp thời đến cơ quan có thẩm quyền và thông báo cho nơi gửi.</p>' +
              '<p>Văn bản điện tử có giá trị pháp lý khi được <strong>ký số</strong> bởi người có thẩm quyền và ký số của cơ quan, tổ chức theo quy định; bản chụp, bản quét không ký số không thay thế bản gốc.</p>',
          },
        ],
      },
      {
        title: 'Phần 2. Giao tiếp, thời gian và làm việc nhóm',
        lessons: [
          {
            title: 'Giao tiếp với người dân tại bộ phận một cửa',
            minutes: 10,
            html:
              '<ul><li><strong>Lắng nghe tích cực</strong> và hỏi lại để xác nhận đúng yêu cầu, tránh yêu cầu bổ sung hồ sơ nhiều lần.</li>' +
              '<li>Khi người dân bức xúc: giữ bình tĩnh, tôn trọng, lắng nghe, giải thích rõ căn cứ pháp lý và hướng xử lý.</li>' +
              '<li>Nghe điện thoại công vụ: chào, xưng danh, tên cơ quan, hỏi nội dung cần giúp và ghi chép lại.</li>' +
              '<li>Thư điện tử công vụ: tiêu đề rõ ràng, mục đích ngay đoạn đầu, ký đủ họ tên, chức vụ, cơ quan; không gửi tài liệu mật qua hộp thư cá nhân, dịch vụ miễn phí.</li></ul>',
          },
          {
            title: 'Quản lý thời gian',
            minutes: 10,
            html:
              '<p>Lập danh sách việc theo mức độ <strong>quan trọng</strong> và <strong>khẩn cấp</strong> (ma trận Eisenhower), đặt thời hạn cho từng việc và theo dõi, hạn chế bị gián đoạn khi cần tập trung.</p>' +
              '<p>Việc quan trọng nhưng không khẩn cấp, như xây dựng kế hoạch năm, cần được <strong>lên lịch và giữ đúng lịch</strong>, để không trở thành việc khẩn cấp.</p>',
          },
          {
            title: 'Làm việc nhóm và điều hành cuộc họp',
            minutes: 10,
            html:
              '<p>Làm việc nhóm hiệu quả cần ba điều kiện: phân công rõ vai trò, mục tiêu chung và cơ chế trao đổi thông tin thường xuyên.</p>' +
              '<p>Khi các đơn vị tranh cãi về trách nhiệm chủ trì, người chủ trì họp đối chiếu chức năng, nhiệm vụ theo văn bản quy định rồi kết luận phân công rõ đơn vị chủ trì, phối hợp và thời hạn.</p>' +
              '<p><strong>Trách nhiệm giải trình</strong>: cơ quan, người có thẩm quyền làm rõ thông tin, giải thích kịp thời về việc thực hiện nhiệm vụ, quyền hạn được giao.</p>',
          },
        ],
      },
    ],
  },
];
