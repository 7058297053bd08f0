// Vietnamese messages of training mode: the band shown in training units, the guided exercises and the province
// administrator's training units page. Every key must exist in training.en.ts. Placeholders: {name}.
export const trainingVi = {
  'tr.band': 'ĐÀO TẠO / TRAINING',
  'tr.bandDetail':
    'Đơn vị đào tạo: dữ liệu mô phỏng, không gửi đến hệ thống thật (Cổng DVC quốc gia, SMS, thanh toán), không tính vào chỉ số.',
  'tr.nav': 'Bài tập đào tạo',
  'tr.title': 'Bài tập đào tạo',
  'tr.intro':
    'Chọn một bài tập: hệ thống giao một tình huống trên hồ sơ hoặc phản ánh mẫu của đơn vị đào tạo. Hãy làm trên các màn hình thật, rồi bấm "Kiểm tra" để biết đã làm đúng chưa và quy định pháp luật áp dụng.',
  'tr.start': 'Bắt đầu',
  'tr.scenario': 'Tình huống',
  'tr.open': 'Mở màn hình để làm',
  'tr.openIntake': 'Mở màn hình tiếp nhận',
  'tr.openDossier': 'Mở hồ sơ',
  'tr.openFeedback': 'Mở phản ánh',
  'tr.check': 'Kiểm tra',
  'tr.passed': 'Đạt: đã làm đúng.',
  'tr.failed': 'Chưa đạt: xem các điểm dưới đây.',
  'tr.law': 'Quy định',
  'tr.history': 'Các lần làm',
  'tr.none': 'Chưa làm bài tập nào.',
  'tr.notChecked': 'Chưa kiểm tra',
  'tr.adminNav': 'Đơn vị đào tạo',
  'tr.adminTitle': 'Đơn vị đào tạo',
  'tr.adminIntro':
    'Tạo đơn vị đào tạo trong hệ thống thật: dữ liệu mẫu (công dân mô phỏng, hồ sơ ở mọi trạng thái) được tạo sẵn; mọi thao tác ở đó không gửi đi hệ thống thật và không tính vào chỉ số. "Đặt lại" đưa dữ liệu về trạng thái mẫu ban đầu.',
  'tr.create': 'Tạo đơn vị đào tạo',
  'tr.kindWard': 'Một phường đào tạo',
  'tr.kindProvince': 'Một tỉnh đào tạo (có phường)',
  'tr.name': 'Tên',
  'tr.reset': 'Đặt lại dữ liệu mẫu',
  'tr.resetConfirm': 'Xóa mọi thao tác của học viên và tạo lại dữ liệu mẫu?',
  'tr.resetDone': 'Đã đặt lại dữ liệu đào tạo.',
  'tr.dossiers': 'Hồ sơ',
  'tr.addTrainee': 'Thêm học viên',
  'tr.username': 'Tên đăng nhập',
  'tr.fullName': 'Họ và tên',
  'tr.password': 'Mật khẩu',
  'tr.roles': 'Vai trò',
  'tr.traineeAdded': 'Đã tạo tài khoản học viên {name}.',
  'tr.noUnits': 'Chưa có đơn vị đào tạo.',
} as const;

export type TrainingKey = keyof typeof trainingVi;
export type TrainingMessages = Record<TrainingKey, string>;
