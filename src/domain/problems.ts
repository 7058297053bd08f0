// Stable problem codes (RFC 9457 `code` field) with their HTTP status and a message in Vietnamese and English.
// Services throw `Problem`; the HTTP layer renders it as application/problem+json in the request's language.
export type Lang = 'vi' | 'en';
type Params = Record<string, unknown>;
type Msg = { status: number; vi: (p: Params) => string; en: (p: Params) => string };

const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export const PROBLEMS = {
  'malformed-json': {
    status: 400,
    vi: () => 'Nội dung gửi lên không phải JSON hợp lệ.',
    en: () => 'The request body is not valid JSON.',
  },
  'validation-failed': {
    status: 400,
    vi: (p) => `Dữ liệu không hợp lệ: ${s(p.summary)}`,
    en: (p) => `The request is not valid: ${s(p.summary)}`,
  },
  'unsupported-media-type': {
    status: 415,
    vi: () => 'Định dạng nội dung không được hỗ trợ; hãy gửi application/json.',
    en: () => 'Unsupported content type; send application/json.',
  },
  'body-too-large': {
    status: 413,
    vi: (p) => `Nội dung gửi lên quá lớn (tối đa ${s(p.limit)} byte).`,
    en: (p) => `The request body is too large (at most ${s(p.limit)} bytes).`,
  },
  'request-headers-too-large': {
    status: 431,
    vi: () => 'Phần đầu của yêu cầu (địa chỉ và các trường tiêu đề) quá lớn.',
    en: () => 'The request head (its address and header fields) is too large.',
  },
  'request-timeout': {
    status: 408,
    vi: () => 'Yêu cầu gửi đến quá chậm nên máy chủ đã dừng chờ.',
    en: () => 'The request arrived too slowly; the server stopped waiting.',
  },
  'malformed-request': {
    status: 400,
    vi: () => 'Yêu cầu HTTP không đúng định dạng.',
    en: () => 'The HTTP request is malformed.',
  },
  'uri-too-long': {
    status: 414,
    vi: () => 'Địa chỉ yêu cầu quá dài.',
    en: () => 'The request address is too long.',
  },
  'not-signed-in': {
    status: 401,
    vi: () => 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn.',
    en: () => 'You are not signed in, or your session has expired.',
  },
  'session-expired': {
    status: 401,
    vi: () => 'Phiên làm việc đã hết hạn; vui lòng đăng nhập lại.',
    en: () => 'Your session has expired; please sign in again.',
  },
  'invalid-credentials': {
    status: 401,
    vi: (p) =>
      `Tên đăng nhập hoặc mật khẩu không đúng${p.minutes ? `; sau nhiều lần sai, tài khoản bị tạm khóa ${s(p.minutes)} phút` : ''}.`,
    en: (p) =>
      `Wrong username or password${p.minutes ? `; after repeated failures an account is locked for ${s(p.minutes)} minutes` : ''}.`,
  },
  'password-change-required': {
    status: 403,
    vi: () => 'Bạn cần đổi mật khẩu tạm trước khi làm việc khác (Tài khoản → Đổi mật khẩu).',
    en: () => 'Change your temporary password before doing anything else (Account → Change password).',
  },
  'account-locked': {
    status: 429,
    vi: (p) => `Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau ${s(p.minutes)} phút.`,
    en: (p) => `The account is locked after repeated failed sign-ins; try again in ${s(p.minutes)} minutes.`,
  },
  'rate-limited': {
    status: 429,
    vi: () => 'Quá nhiều yêu cầu; vui lòng thử lại sau ít phút.',
    en: () => 'Too many requests; please try again in a few minutes.',
  },
  'invalid-client': {
    status: 401,
    vi: () => 'Mã ứng dụng (client_id) hoặc khóa bí mật (client_secret) không đúng, hoặc ứng dụng đã bị thu hồi.',
    en: () => 'The client_id or client_secret is wrong, or the client has been revoked.',
  },
  'unsupported-grant-type': {
    status: 400,
    vi: () => 'Chỉ hỗ trợ grant_type=client_credentials.',
    en: () => 'Only grant_type=client_credentials is supported.',
  },
  'invalid-scope': {
    status: 400,
    vi: (p) => `Ứng dụng không được cấp phạm vi: ${s(p.scopes)}.`,
    en: (p) => `The client was not granted the scope(s): ${s(p.scopes)}.`,
  },
  'token-invalid': {
    status: 401,
    vi: () => 'Mã truy cập (Bearer) không hợp lệ hoặc đã bị thu hồi.',
    en: () => 'The bearer access token is not valid or has been revoked.',
  },
  'token-expired': {
    status: 401,
    vi: () => 'Mã truy cập (Bearer) đã hết hạn; hãy lấy mã mới tại /api/oauth/token.',
    en: () => 'The bearer access token has expired; get a new one from /api/oauth/token.',
  },
  'scope-missing': {
    status: 403,
    vi: (p) => `Ứng dụng thiếu phạm vi ${s(p.scope)} để gọi thao tác này.`,
    en: (p) => `The client lacks the scope ${s(p.scope)} this operation needs.`,
  },
  'not-for-clients': {
    status: 403,
    vi: () => 'Thao tác này chỉ dành cho cán bộ đăng nhập, không dành cho ứng dụng kết nối.',
    en: () => 'This operation is for signed-in staff only, not for API clients.',
  },
  'ip-not-allowed': {
    status: 403,
    vi: () => 'Ứng dụng không được gọi từ địa chỉ IP này.',
    en: () => 'The client may not call from this IP address.',
  },
  'api-client-revoked': {
    status: 409,
    vi: () => 'Ứng dụng kết nối đã bị thu hồi.',
    en: () => 'The API client has been revoked.',
  },
  'webhook-url-not-https': {
    status: 422,
    vi: () => 'Địa chỉ nhận webhook phải dùng https.',
    en: () => 'A webhook URL must use https.',
  },
  'webhook-url-private': {
    status: 422,
    vi: (p) => `Địa chỉ nhận webhook trỏ tới mạng nội bộ, máy này hoặc địa chỉ liên kết cục bộ (${s(p.address)}): không được phép.`,
    en: (p) => `The webhook URL points to a private, loopback or link-local address (${s(p.address)}): not allowed.`,
  },
  'webhook-url-unresolvable': {
    status: 422,
    vi: (p) => `Không phân giải được tên máy của địa chỉ nhận webhook (${s(p.host)}).`,
    en: (p) => `The webhook URL's host name does not resolve (${s(p.host)}).`,
  },
  'webhook-event-not-allowed': {
    status: 422,
    vi: (p) => `Ứng dụng không có quyền ${s(p.scope)} cần cho sự kiện ${s(p.event)}.`,
    en: (p) => `The client lacks the scope ${s(p.scope)} the event ${s(p.event)} needs.`,
  },
  'webhook-unit-out-of-reach': {
    status: 422,
    vi: () => 'Chỉ đăng ký sự kiện của các đơn vị mà ứng dụng được phép truy cập.',
    en: () => 'A webhook may only cover units the client may reach.',
  },
  'webhook-delivery-pending': {
    status: 409,
    vi: () => 'Lần gửi này đang chờ gửi; chỉ gửi lại được lần gửi đã xong hoặc đã dừng.',
    en: () => 'This delivery is still pending; only a delivered or dead one can be replayed.',
  },
  'csrf-token-missing': {
    status: 403,
    vi: () => 'Thiếu hoặc sai mã chống giả mạo (x-csrf-token).',
    en: () => 'The x-csrf-token header is missing or wrong.',
  },
  forbidden: {
    status: 403,
    vi: () => 'Bạn không có quyền thực hiện thao tác này.',
    en: () => 'You are not allowed to do this.',
  },
  'training-boundary': {
    status: 403,
    vi: () =>
      'Dữ liệu ĐÀO TẠO và dữ liệu thật không được truy cập lẫn nhau: tài khoản đào tạo chỉ làm việc trong đơn vị đào tạo, tài khoản thật không thao tác trên dữ liệu đào tạo.',
    en: () =>
      'TRAINING data and real data do not reach each other: a training account works in training units only, and a real account does not act on training data.',
  },
  'training-unit-required': {
    status: 422,
    vi: () => 'Đơn vị này không phải đơn vị đào tạo.',
    en: () => 'This unit is not a training unit.',
  },
  'training-role-invalid': {
    status: 422,
    vi: (p) => `Học viên không được giữ vai trò ${s(p.role)} (chỉ vai trò nghiệp vụ trong đơn vị đào tạo).`,
    en: (p) => `A trainee may not hold the role ${s(p.role)} (only working roles in a training unit).`,
  },
  'training-id-number-required': {
    status: 422,
    vi: () =>
      'Trong đơn vị đào tạo chỉ dùng số định danh đào tạo (bắt đầu bằng 000): dữ liệu dân cư thật không được tra cứu khi luyện tập.',
    en: () => 'A training unit uses training ID numbers only (starting with 000): real population data is not looked up in practice.',
  },
  'training-exercise-unavailable': {
    status: 409,
    vi: () => 'Chưa có hồ sơ mẫu cho bài tập này; quản trị viên hãy đặt lại dữ liệu đào tạo.',
    en: () => 'No sample record is left for this exercise; ask the administrator to reset the training data.',
  },
  'not-found': {
    status: 404,
    vi: (p) => `Không tìm thấy ${s(p.what) || 'tài nguyên'}.`,
    en: (p) => `${s(p.what) || 'The resource'} was not found.`,
  },
  'route-not-found': {
    status: 404,
    vi: () => 'Không có địa chỉ API này.',
    en: () => 'No such API route.',
  },
  conflict: {
    status: 409,
    vi: (p) => `Xung đột dữ liệu: ${s(p.reason)}`,
    en: (p) => `Conflict: ${s(p.reason)}`,
  },
  'idempotency-key-reused': {
    status: 422,
    vi: () => 'Idempotency-Key này đã được dùng cho một yêu cầu khác.',
    en: () => 'This Idempotency-Key was already used with a different request.',
  },
  'password-too-weak': {
    status: 422,
    vi: () => 'Mật khẩu phải có ít nhất 10 ký tự, gồm chữ hoa, chữ thường và chữ số, và không chứa tên đăng nhập.',
    en: () => 'The password needs at least 10 characters with upper case, lower case and a digit, and must not contain the username.',
  },
  'password-wrong': {
    status: 422,
    vi: () => 'Mật khẩu hiện tại không đúng.',
    en: () => 'The current password is wrong.',
  },
  'unit-parent-invalid': {
    status: 422,
    vi: () => 'Xã, phường phải thuộc một tỉnh; tỉnh không thuộc đơn vị nào (chính quyền hai cấp).',
    en: () => 'A commune or ward belongs to a province; a province has no parent (two-level local government).',
  },
  'role-not-grantable': {
    status: 403,
    vi: (p) => `Bạn không thể cấp vai trò ${s(p.role)} tại đơn vị này.`,
    en: (p) => `You may not grant the role ${s(p.role)} in this unit.`,
  },
  'account-not-manageable': {
    status: 403,
    vi: () =>
      'Bạn không thể quản lý tài khoản này: tài khoản có vai trò ở đơn vị bạn không quản trị, hoặc vai trò ngang hay cao hơn vai trò của bạn.',
    en: () => 'You may not manage this account: it holds a role in a unit you do not administer, or a role equal to or above your own.',
  },
  'last-admin': {
    status: 422,
    vi: () => 'Không thể gỡ vai trò quản trị hệ thống cuối cùng.',
    en: () => 'The last system administrator cannot be removed.',
  },
  'calendar-date-outside-year': {
    status: 422,
    vi: (p) => `Ngày không thuộc năm ${s(p.year)}: ${s(p.dates)}.`,
    en: (p) => `Dates outside ${s(p.year)}: ${s(p.dates)}.`,
  },
  'calendar-date-conflict': {
    status: 422,
    vi: (p) => `Một ngày không thể vừa là ngày nghỉ vừa là ngày làm việc bù: ${s(p.dates)}.`,
    en: (p) => `A day cannot be both a holiday and a swapped working day: ${s(p.dates)}.`,
  },
  'import-invalid': {
    status: 422,
    vi: (p) =>
      `Tệp nhập có ${s(p.count)} lỗi; không có dòng nào được nhập. Lỗi đầu tiên: dòng ${s(p.row)}, trường ${s(p.field)}: ${s(p.message)}`,
    en: (p) => `The file has ${s(p.count)} error(s); nothing was imported. First: row ${s(p.row)}, field ${s(p.field)}: ${s(p.message)}`,
  },
  'form-schema-invalid': {
    status: 422,
    vi: (p) => `Biểu mẫu điện tử (JSON Schema) không hợp lệ: ${s(p.message)}`,
    en: (p) => `The e-form JSON Schema is invalid: ${s(p.message)}`,
  },
  'form-definition-invalid': {
    status: 422,
    vi: (p) => `Biểu mẫu điện tử có ${s(p.count)} lỗi; chưa lưu. Lỗi đầu tiên (${s(p.key)}): ${s(p.first)}`,
    en: (p) => `The e-form has ${s(p.count)} mistake(s); nothing was saved. First (${s(p.key)}): ${s(p.firstEn)}`,
  },
  'publication-transition': {
    status: 409,
    vi: (p) => `Phiên bản đang ở trạng thái "${s(p.status)}": không thể ${s(p.action)}.`,
    en: (p) => `The version is "${s(p.status)}": it cannot be ${s(p.action)}.`,
  },
  'review-version-stale': {
    status: 409,
    vi: (p) => `Thủ tục đã có phiên bản mới (phiên bản ${s(p.version)}) cần rà soát; tải lại màn hình rà soát rồi ký xác nhận.`,
    en: (p) => `A newer version (version ${s(p.version)}) is now under review; reload the review and sign off again.`,
  },
  'publication-elements-missing': {
    status: 422,
    vi: (p) => `Chưa thể công bố: thủ tục còn thiếu ${s(p.list)} (Nghị định 63/2010, Điều 8 khoản 2).`,
    en: (p) => `Cannot publish: the procedure lacks ${s(p.listEn)} (Decree 63/2010 Art. 8(2)).`,
  },
  'publication-decision-invalid': {
    status: 422,
    vi: (p) => `Quyết định công bố chưa đúng: ${s(p.message)}`,
    en: (p) => `The deciding document is not right: ${s(p.messageEn)}`,
  },
  'procedure-code-exists': {
    status: 409,
    vi: (p) => `Thủ tục mã ${s(p.code)} đã có trong danh mục; hãy sửa thủ tục đó để tạo phiên bản mới.`,
    en: (p) => `Procedure ${s(p.code)} is already in the catalogue; edit it to make a new version.`,
  },
  'action-not-allowed': {
    status: 409,
    vi: (p) =>
      `Không thể thực hiện "${s(p.action)}" khi ${s(p.what) || 'hồ sơ'} đang ở trạng thái "${s(p.status)}". Các thao tác được phép: ${s(p.allowed) || 'không có'}.`,
    en: (p) =>
      `Action '${s(p.action)}' cannot be performed in state '${s(p.status)}'${p.what ? ` (${s(p.what)})` : ''}. Available actions: ${s(p.allowed) || 'none'}.`,
  },
  'components-missing': {
    status: 422,
    vi: (p) => `Hồ sơ chưa đủ thành phần bắt buộc: ${s(p.names)}.`,
    en: (p) => `Mandatory components are missing: ${s(p.names)}.`,
  },
  'component-not-in-procedure': {
    status: 422,
    vi: () => 'Chỉ được yêu cầu các thành phần hồ sơ mà thủ tục quy định (Nghị định 118/2025, Điều 5).',
    en: () => 'Only components the procedure lists may be requested (Decree 118/2025 Art. 5).',
  },
  'supplement-already-requested': {
    status: 422,
    vi: () => 'Hồ sơ đã được yêu cầu bổ sung một lần; chỉ được yêu cầu bổ sung, hoàn thiện hồ sơ một lần (Nghị định 118/2025, Điều 11).',
    en: () => 'A supplement was already requested; a dossier may be sent back for supplement only once (Decree 118/2025 Art. 11).',
  },
  'withdrawal-request-missing': {
    status: 422,
    vi: () => 'Chỉ dừng xử lý khi có yêu cầu rút hồ sơ của công dân được ghi nhận (Thông tư 03/2025/TT-VPCP, Điều 7).',
    en: () => "Processing may stop only on the citizen's recorded withdrawal request (TT 03/2025/TT-VPCP Art. 7).",
  },
  'extension-already-used': {
    status: 422,
    vi: () => 'Hồ sơ đã được xin lỗi và hẹn lại ngày trả kết quả một lần; chỉ được hẹn lại một lần.',
    en: () => 'The apology and new date were already given once; the date may be moved only once.',
  },
  'extension-date-invalid': {
    status: 422,
    vi: () =>
      'Ngày hẹn trả kết quả mới phải sau thời hạn đã hẹn và sau thời điểm hiện tại; phiếu xin lỗi hẹn lại ngày trả kết quả chỉ được lùi ngày hẹn, một lần (Nghị định 61/2018/NĐ-CP như đang áp dụng; Mẫu 04).',
    en: () =>
      'The new return date must be later than the current due time and than now: the apology may only move the date later, once (Decree 61/2018 as still applied; form 04).',
  },
  'registry-component-not-requestable': {
    status: 422,
    vi: (p) =>
      `Không được yêu cầu công dân nộp giấy tờ mà Cơ sở dữ liệu quốc gia về dân cư đã có (${s(p.names)}); chỉ yêu cầu khi tra cứu cơ sở dữ liệu không thành công (Nghị định 104/2022/NĐ-CP; Nghị định 224/2026/NĐ-CP, Điều 18 khoản 4).`,
    en: (p) =>
      `Documents the National Population Database holds may not be asked from the citizen (${s(p.names)}); only when the lookup failed (Decree 104/2022; Decree 224/2026 Art. 18(4)).`,
  },
  'result-file-required': {
    status: 422,
    vi: () =>
      'Ban hành kết quả phải kèm tệp kết quả đã ký (bản quét hoặc bản điện tử, PDF hoặc ảnh): kết quả được số hóa, lưu vào hồ sơ, kho dữ liệu của công dân và đồng bộ Cổng Dịch vụ công quốc gia (Quyết định 766/QĐ-TTg, chỉ tiêu 4.1, 4.2).',
    en: () =>
      'Issuing a result needs the signed result file (scan or electronic, PDF or image): it is digitised into the dossier, the citizen’s data store and the national portal record (Decision 766/QĐ-TTg, indicators 4.1, 4.2).',
  },
  'handover-details-required': {
    status: 422,
    vi: (p) =>
      `Cần ghi cách trả kết quả vào sổ theo dõi hồ sơ: trực tiếp (họ tên và số giấy tờ của người nhận), qua bưu chính (mã vận đơn) hoặc trực tuyến (Thông tư 03/2025/TT-VPCP, Mẫu 07). ${s(p.detail)}`,
    en: (p) =>
      `Record how the result was handed over: in person (the receiver's name and ID number), by post (tracking number) or electronically (TT 03/2025/TT-VPCP, form 07). ${s(p.detail)}`,
  },
  'supplement-nothing-received': {
    status: 422,
    vi: () =>
      'Tiếp nhận hồ sơ bổ sung phải ghi rõ ít nhất một thành phần đã nhận, mỗi thành phần kèm tệp quét hoặc đánh dấu đã xuất trình bản chính (Nghị định 118/2025/NĐ-CP, Điều 11).',
    en: () =>
      'Receiving a supplement must name at least one component received, each with its files or marked as presented (Decree 118/2025 Art. 11).',
  },
  'withdrawal-evidence-required': {
    status: 422,
    vi: () =>
      'Yêu cầu rút hồ sơ nộp trực tiếp hoặc qua bưu chính phải kèm bản quét đơn có chữ ký của công dân; yêu cầu trực tuyến do chính công dân gửi trên Cổng dịch vụ công (Thông tư 03/2025/TT-VPCP, Điều 7).',
    en: () =>
      "A withdrawal request made in person or by post needs the scan of the citizen's signed request; an online one is sent by the citizen on the portal (TT 03/2025/TT-VPCP Art. 7).",
  },
  'signature-required': {
    status: 422,
    vi: () => 'Cần chữ ký số của người có thẩm quyền (lãnh đạo phê duyệt) trước khi ban hành kết quả hoặc văn bản.',
    en: () => "The signing role's digital signature (the approving leader) is required before the result or notice is issued.",
  },
  'offline-procedure-changed': {
    status: 409,
    vi: (p) =>
      `Hồ sơ tiếp nhận ngoại tuyến (biên nhận tạm ${s(p.provisionalNo)}) theo phiên bản thủ tục đã được thay bằng phiên bản ${s(p.version)}; cán bộ kiểm tra lại thành phần hồ sơ rồi gửi theo phiên bản hiện hành.`,
    en: (p) =>
      `The offline intake (provisional receipt ${s(p.provisionalNo)}) used a procedure version since replaced by version ${s(p.version)}; check the components and send it under the current version.`,
  },
  'procedure-not-handled': {
    status: 422,
    vi: () => 'Đơn vị có thẩm quyền không giải quyết thủ tục này.',
    en: () => 'The competent unit does not handle this procedure.',
  },
  'boundary-not-allowed': {
    status: 422,
    vi: () => 'Thủ tục không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính; chỉ đơn vị có thẩm quyền được tiếp nhận.',
    en: () => 'This procedure is not on the boundary-free list; only the competent unit may receive it.',
  },
  'channel-not-offered': {
    status: 422,
    vi: (p) => `Thủ tục không tiếp nhận qua kênh ${s(p.channel)}.`,
    en: (p) => `The procedure is not offered through the ${s(p.channel)} channel.`,
  },
  'return-point-invalid': {
    status: 422,
    vi: () => 'Nơi trả kết quả phải là một điểm tiếp nhận đang hoạt động của đơn vị có thẩm quyền hoặc nơi nộp hồ sơ.',
    en: () => 'The return point must be an active reception point of the competent or the receiving unit.',
  },
  'transfer-target-invalid': {
    status: 422,
    vi: () => 'Chỉ chuyển hồ sơ cho một đơn vị khác trong tỉnh có giải quyết thủ tục này.',
    en: () => 'A dossier is transferred only to another unit of the province that handles the procedure.',
  },
  'assignee-invalid': {
    status: 422,
    vi: () => 'Người được phân công phải là chuyên viên của đơn vị có thẩm quyền.',
    en: () => 'The assignee must be a specialist of the competent unit.',
  },
  'no-specialist': {
    status: 422,
    vi: () => 'Đơn vị chưa có chuyên viên để phân công.',
    en: () => 'The unit has no specialist to assign.',
  },
  'outbox-message-not-dead': {
    status: 409,
    vi: () => 'Chỉ gửi lại được thông điệp đã chuyển vào danh sách lỗi (dead); thông điệp này đang chờ gửi hoặc đã gửi xong.',
    en: () => 'Only a dead message can be replayed; this one is pending or already delivered.',
  },
  'period-invalid': {
    status: 400,
    vi: () => 'Khoảng thời gian không hợp lệ: "from" phải trước "to".',
    en: () => 'The period is not valid: "from" must be before "to".',
  },
  'file-type-not-allowed': {
    status: 415,
    vi: () => 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).',
    en: () => 'Only PDF, JPEG or PNG files are accepted (checked by content).',
  },
  'file-unreadable': {
    status: 422,
    vi: () => 'Không đọc được tệp (tệp hỏng hoặc có mật khẩu).',
    en: () => 'The file cannot be read (damaged or password-protected).',
  },
  'file-too-complex': {
    status: 422,
    vi: (p) => `Tệp vượt giới hạn kiểm tra an toàn (${s(p.limit)}); hãy lưu lại tệp PDF bằng phần mềm khác hoặc quét lại rồi gửi lại.`,
    en: (p) => `The file exceeds the safety limits of inspection (${s(p.limit)}); save the PDF again with other software or rescan it.`,
  },
  'import-too-large': {
    status: 413,
    vi: (p) => `Tệp nhập quá lớn: tối đa ${s(p.rows)} dòng và ${s(p.bytes)} byte.`,
    en: (p) => `The import is too large: at most ${s(p.rows)} rows and ${s(p.bytes)} bytes.`,
  },
  'file-invalid': {
    status: 422,
    vi: () => 'Tệp đính kèm không tồn tại hoặc không thuộc đơn vị tiếp nhận.',
    en: () => 'An attached file does not exist or does not belong to the receiving unit.',
  },
  'id-number-invalid': {
    status: 400,
    vi: () => 'Số định danh cá nhân phải gồm 12 chữ số.',
    en: () => 'A personal ID number has 12 digits.',
  },
  // The citizen portal (VNeID, online applications, OTP, payment, uploads).
  'citizen-not-signed-in': {
    status: 401,
    vi: () => 'Bạn chưa đăng nhập bằng tài khoản VNeID hoặc phiên đã hết hạn; vui lòng đăng nhập lại.',
    en: () => 'You are not signed in with VNeID, or the session has expired; please sign in again.',
  },
  'oidc-state-invalid': {
    status: 400,
    vi: () => 'Lượt đăng nhập VNeID này không hợp lệ, đã được dùng hoặc đã quá hạn; vui lòng bấm đăng nhập lại từ đầu.',
    en: () => 'This VNeID sign-in is not valid, was already used or is too old; please start the sign-in again.',
  },
  'oidc-sign-in-failed': {
    status: 400,
    vi: (p) => `Không đăng nhập được bằng VNeID: ${s(p.reason)}. Vui lòng thử lại.`,
    en: (p) => `VNeID sign-in failed: ${s(p.reason)}. Please try again.`,
  },
  'vneid-level-required': {
    status: 403,
    vi: () =>
      'Thủ tục này yêu cầu tài khoản định danh điện tử mức độ 2. Bạn có thể nâng cấp tại Công an xã, phường nơi cư trú (mang theo thẻ căn cước gắn chíp) rồi đăng nhập lại; hoặc đến Trung tâm phục vụ hành chính công để cán bộ nộp hồ sơ giúp.',
    en: () =>
      'This procedure needs a level-2 electronic identity account. Upgrade at your commune or ward police station (bring your chip ID card) and sign in again, or visit the service centre and an officer will file it with you.',
  },
  'procedure-not-online': {
    status: 422,
    vi: () => 'Thủ tục này chưa được cung cấp trực tuyến; vui lòng nộp tại Trung tâm phục vụ hành chính công.',
    en: () => 'This procedure is not offered online; please file it at the service centre.',
  },
  'form-invalid': {
    status: 422,
    vi: (p) => `Tờ khai chưa đúng: ${s(p.summary)}`,
    en: (p) => `The form is not complete or not valid: ${s(p.summary)}`,
  },
  'application-not-editable': {
    status: 409,
    vi: (p) => `Hồ sơ trực tuyến đang ở bước "${s(p.status)}", không sửa được nữa.`,
    en: (p) => `The online application is at step "${s(p.status)}" and can no longer be changed.`,
  },
  'revision-conflict': {
    status: 409,
    vi: () => 'Bản nháp đã được sửa ở nơi khác (thiết bị khác); hãy tải lại bản mới nhất.',
    en: () => 'The draft was changed elsewhere (another device); load the latest version.',
  },
  'otp-invalid': {
    status: 422,
    vi: (p) => `Mã xác nhận không đúng. Còn ${s(p.left)} lần thử.`,
    en: (p) => `The confirmation code is wrong. ${s(p.left)} attempts left.`,
  },
  'otp-old-code': {
    status: 422,
    vi: (p) => `Đây là mã cũ (${s(p.given)}). Hãy dùng mã mới nhất, bắt đầu bằng ${s(p.prefix)}.`,
    en: (p) => `That is an old code (${s(p.given)}). Use the newest code, which starts with ${s(p.prefix)}.`,
  },
  'otp-expired': {
    status: 422,
    vi: () => 'Mã xác nhận đã hết hạn; hãy bấm "Gửi lại mã".',
    en: () => 'The confirmation code has expired; press "Send the code again".',
  },
  'otp-attempts-exceeded': {
    status: 429,
    vi: () => 'Bạn đã nhập sai quá số lần cho phép; hãy yêu cầu mã mới.',
    en: () => 'Too many wrong codes; ask for a new code.',
  },
  'otp-resend-too-soon': {
    status: 429,
    vi: (p) => `Vui lòng chờ ${s(p.seconds)} giây trước khi gửi lại mã.`,
    en: (p) => `Please wait ${s(p.seconds)} seconds before sending the code again.`,
  },
  'otp-not-requested': {
    status: 409,
    vi: () => 'Chưa có mã xác nhận nào được gửi cho hồ sơ này.',
    en: () => 'No confirmation code has been sent for this application.',
  },
  'otp-already-used': {
    status: 409,
    vi: () => 'Mã xác nhận này đã được dùng rồi; nếu cần xác nhận lại, hãy yêu cầu mã mới.',
    en: () => 'This confirmation code was already used; ask for a new code to confirm again.',
  },
  'otp-too-many-sends': {
    status: 429,
    vi: (p) =>
      `Đã gửi mã xác nhận nhiều lần trong một giờ; vui lòng thử lại sau ${s(p.minutes)} phút, hoặc đến Trung tâm phục vụ hành chính công để được hỗ trợ.`,
    en: (p) => `A code was sent too many times within an hour; try again in ${s(p.minutes)} minutes, or visit the service centre for help.`,
  },
  'payment-signature-invalid': {
    status: 401,
    vi: () => 'Chữ ký của thông báo thanh toán không hợp lệ; thông báo bị từ chối và đã được ghi lại.',
    en: () => 'The payment notification signature is not valid; it was refused and recorded.',
  },
  'payment-amount-mismatch': {
    status: 422,
    vi: (p) => `Số tiền thanh toán (${s(p.given)} đ) không khớp với số phải nộp (${s(p.expected)} đ); không ghi nhận.`,
    en: (p) => `The amount paid (${s(p.given)} VND) does not match the amount due (${s(p.expected)} VND); not recorded.`,
  },
  'payment-not-required': {
    status: 409,
    vi: () => 'Hồ sơ này không phải nộp phí, lệ phí trực tuyến.',
    en: () => 'This application has no fee to pay online.',
  },
  'upload-checksum-mismatch': {
    status: 422,
    vi: () => 'Tệp tải lên bị lỗi đường truyền (mã kiểm tra không khớp); vui lòng tải lại tệp.',
    en: () => 'The uploaded file was damaged in transit (checksum mismatch); please upload it again.',
  },
  'upload-offset-mismatch': {
    status: 409,
    vi: (p) => `Phần tệp gửi lên không nối tiếp phần đã nhận (đã nhận ${s(p.received)} byte).`,
    en: (p) => `The uploaded part does not continue what was received (${s(p.received)} bytes so far).`,
  },
  'upload-expired': {
    status: 410,
    vi: () => 'Lượt tải tệp này đã hết hạn; vui lòng tải lại.',
    en: () => 'This upload has expired; please upload the file again.',
  },
  'file-not-owned': {
    status: 422,
    vi: () => 'Tệp đính kèm không tồn tại hoặc không phải tệp của bạn (tệp bạn tải lên hoặc trong kho dữ liệu điện tử của bạn).',
    en: () => 'An attached file does not exist or is not yours (a file you uploaded or one in your electronic data store).',
  },
  'rating-not-allowed': {
    status: 409,
    vi: () => 'Chỉ đánh giá được sau khi đã nhận kết quả, và mỗi hồ sơ một lần.',
    en: () => 'A dossier can be rated once, after its result was returned.',
  },
  'feedback-invalid': {
    status: 422,
    vi: (p) => `Phản ánh, kiến nghị chưa hợp lệ (Nghị định 20/2008, Điều 7): ${s(p.summary)}`,
    en: (p) => `The feedback is not acceptable (Decree 20/2008 Art. 7): ${s(p.summary)}`,
  },
  'feedback-dossier-not-found': {
    status: 422,
    vi: (p) =>
      `Không tìm thấy hồ sơ ${s(p.code)} của người gửi: kiểm tra mã hồ sơ và số định danh cá nhân của người đứng tên hồ sơ (hoặc đăng nhập bằng VNeID).`,
    en: (p) =>
      `No dossier ${s(p.code)} of the sender was found: check the dossier code and the applicant's ID number (or sign in with VNeID).`,
  },
  'feedback-transfer-outside-province': {
    status: 422,
    vi: () => 'Chỉ chuyển phản ánh cho đơn vị có thẩm quyền khác trong cùng tỉnh.',
    en: () => 'Feedback can be transferred only to another competent unit of the same province.',
  },
  'answer-not-specific': {
    status: 422,
    vi: (p) => `Câu trả lời chưa cụ thể, rõ ràng: ${s(p.summary)} Hãy sửa các mục được đánh dấu.`,
    en: (p) => `The answer is not specific: ${s(p.summary)} Fix the marked fields.`,
  },
  'feedback-question-asked': {
    status: 422,
    vi: () => 'Đã đề nghị người gửi bổ sung thông tin một lần; không đề nghị lần thứ hai.',
    en: () => 'The sender was already asked for more information once.',
  },
  'feedback-rating-window-open': {
    status: 422,
    vi: (p) => `Người gửi còn thời hạn đánh giá đến ${s(p.until)}; chưa thể kết thúc.`,
    en: (p) => `The sender may still rate it until ${s(p.until)}; it cannot be closed yet.`,
  },
  'feedback-rating-closed': {
    status: 422,
    vi: () => 'Chỉ đánh giá được trong 14 ngày kể từ khi kết quả được công khai.',
    en: () => 'An answer can be rated within 14 days of its publication.',
  },
  'feedback-already-rated': {
    status: 409,
    vi: () => 'Phản ánh này đã được đánh giá; mỗi phản ánh chỉ đánh giá một lần.',
    en: () => 'This feedback was already rated; it can be rated once.',
  },
  'feedback-rating-reason-required': {
    status: 422,
    vi: () => 'Khi chưa hài lòng, hãy cho biết lý do để phản ánh được xử lý lại.',
    en: () => 'Say why you are not satisfied, so that the feedback is handled again.',
  },
  'service-unavailable': {
    status: 503,
    vi: () => 'Hệ thống tạm thời không sẵn sàng; dữ liệu của bạn chưa bị mất, vui lòng thử lại.',
    en: () => 'The system is temporarily unavailable; nothing you sent was lost, please retry.',
  },
  'internal-error': {
    status: 500,
    vi: () => 'Lỗi hệ thống không mong muốn; sự cố đã được ghi lại.',
    en: () => 'An unexpected error occurred; it has been logged.',
  },
  // Queue, appointments and the rating at the counter.
  'queue-field-not-served': {
    status: 422,
    vi: (p) => `Điểm tiếp nhận không có quầy phục vụ lĩnh vực ${s(p.field)}.`,
    en: (p) => `No counter at this reception point serves the field ${s(p.field)}.`,
  },
  'counter-not-signed-in': {
    status: 403,
    vi: () => 'Bạn chưa đăng nhập vào quầy này; hãy mở quầy trước khi gọi số.',
    en: () => 'You are not signed in to this counter; open it before calling numbers.',
  },
  'counter-taken': {
    status: 409,
    vi: (p) => `Quầy đang do ${s(p.officer)} phụ trách.`,
    en: (p) => `The counter is held by ${s(p.officer)}.`,
  },
  'counter-busy': {
    status: 409,
    vi: (p) => `Quầy đang phục vụ số ${s(p.number)}; hãy hoàn thành, chuyển hoặc bỏ qua số này trước.`,
    en: (p) => `The counter is serving ${s(p.number)}; finish, transfer or miss it first.`,
  },
  'queue-empty': {
    status: 404,
    vi: () => 'Không còn ai chờ ở các lĩnh vực của quầy.',
    en: () => 'Nobody is waiting for the fields of this counter.',
  },
  'queue-no-current-ticket': {
    status: 409,
    vi: () => 'Quầy chưa gọi số nào.',
    en: () => 'The counter has no called ticket.',
  },
  'queue-action-not-allowed': {
    status: 409,
    vi: (p) => `Không thể "${s(p.action)}" số đang ở trạng thái "${s(p.status)}". Thao tác được phép: ${s(p.allowed) || 'không có'}.`,
    en: (p) => `Cannot '${s(p.action)}' a ticket in state '${s(p.status)}'. Available actions: ${s(p.allowed) || 'none'}.`,
  },
  'queue-max-calls': {
    status: 422,
    vi: () => 'Đã gọi số này 3 lần; hãy chuyển sang "vắng mặt".',
    en: () => 'This number has been called 3 times; mark it missed.',
  },
  'queue-miss-too-early': {
    status: 422,
    vi: (p) => `Chỉ được coi là vắng mặt sau 3 lần gọi (đã gọi ${s(p.calls)} lần).`,
    en: (p) => `A ticket is missed only after 3 calls (called ${s(p.calls)} times).`,
  },
  'queue-transfer-invalid': {
    status: 422,
    vi: () => 'Chỉ chuyển được sang một quầy khác đang hoạt động của cùng điểm tiếp nhận.',
    en: () => 'A ticket can only be transferred to another active counter of the same reception point.',
  },
  'appointment-not-found': {
    status: 404,
    vi: () => 'Không tìm thấy lịch hẹn còn hiệu lực cho hôm nay.',
    en: () => 'No valid appointment for today was found.',
  },
  'booking-slot-invalid': {
    status: 422,
    vi: () => 'Giờ hẹn không phải một khung giờ nhận hẹn của điểm tiếp nhận.',
    en: () => 'The time is not one of the reception point’s bookable slots.',
  },
  'booking-slot-past': {
    status: 422,
    vi: () => 'Không thể đặt lịch hẹn vào thời điểm đã qua.',
    en: () => 'An appointment cannot be booked in the past.',
  },
  'booking-too-far': {
    status: 422,
    vi: (p) => `Chỉ đặt lịch hẹn trong hôm nay và ${s(p.days)} ngày tới.`,
    en: (p) => `Appointments can be booked for today and the next ${s(p.days)} days only.`,
  },
  'booking-day-off': {
    status: 422,
    vi: () => 'Ngày đã chọn là ngày nghỉ (ngày lễ, Tết hoặc ngày nghỉ hằng tuần).',
    en: () => 'The chosen day is a day off (a public holiday or weekly rest day).',
  },
  'booking-limit-day': {
    status: 422,
    vi: (p) => `Mỗi người được đặt tối đa ${s(p.limit)} lịch hẹn trong một ngày.`,
    en: (p) => `At most ${s(p.limit)} appointments a day per person.`,
  },
  'booking-limit-field': {
    status: 422,
    vi: (p) => `Mỗi người được đặt tối đa ${s(p.limit)} lịch hẹn cho một lĩnh vực trong một ngày.`,
    en: (p) => `At most ${s(p.limit)} appointment per field a day per person.`,
  },
  'booking-slot-full': {
    status: 409,
    vi: () => 'Khung giờ này đã hết chỗ; hãy chọn khung giờ khác.',
    en: () => 'This slot is full; choose another.',
  },
  'rating-already-given': {
    status: 409,
    vi: () => 'Lượt phục vụ này đã được đánh giá; mỗi lượt chỉ đánh giá một lần.',
    en: () => 'This visit has already been rated; each visit is rated once.',
  },
  'rating-not-available': {
    status: 422,
    vi: () => 'Chỉ đánh giá được sau khi đã được phục vụ tại quầy.',
    en: () => 'A rating can be given only after being served at the counter.',
  },
  'period-too-long': {
    status: 400,
    vi: (p) => `Khoảng thời gian dài quá ${s(p.years)} năm; hãy chọn khoảng ngắn hơn.`,
    en: (p) => `The period spans more than ${s(p.years)} years; choose a shorter one.`,
  },
  'indicator-set-unknown': {
    status: 400,
    vi: (p) => `Không có bộ chỉ số "${s(p.set)}". Các bộ hiện có: ${s(p.known)}.`,
    en: (p) => `There is no indicator set "${s(p.set)}". Known sets: ${s(p.known)}.`,
  },
  'breakdown-unknown': {
    status: 400,
    vi: (p) =>
      `Không phân tích được theo "${s(p.by)}" / chỉ số "${s(p.key)}". Chọn theo: unit, procedure, officer, step; chỉ số: ${s(p.keys)}.`,
    en: (p) => `Cannot break down by "${s(p.by)}" / indicator "${s(p.key)}". By: unit, procedure, officer, step; indicators: ${s(p.keys)}.`,
  },
  'threshold-invalid': {
    status: 400,
    vi: (p) =>
      `Ngưỡng cảnh báo tuân thủ đặt cho cấp tỉnh, mỗi loại một lần (${s(p.kinds)}), số trường hợp mỗi tháng từ 0 đến 10000: ${s(p.detail)}.`,
    en: (p) => `Compliance thresholds are set for a province, once per kind (${s(p.kinds)}), 0 to 10000 a month: ${s(p.detail)}.`,
  },
} satisfies Record<string, Msg>;

export type ProblemCode = keyof typeof PROBLEMS;

export function problemDefinition(code: string): Msg | undefined {
  return (PROBLEMS as Record<string, Msg>)[code];
}
export function allProblemCodes(): string[] {
  return Object.keys(PROBLEMS).sort();
}

export class Problem extends Error {
  readonly code: string;
  readonly status: number;
  readonly params: Params;
  /** Extra members of the problem document (e.g. `allowedActions`, `missing`, `errors`). */
  readonly extensions: Params;
  constructor(code: ProblemCode | (string & {}), params: Params = {}, extensions: Params = {}) {
    const def = problemDefinition(code);
    super(def ? def.en(params) : code);
    this.code = code;
    this.status = def?.status ?? 400;
    this.params = params;
    this.extensions = extensions;
  }
  detail(lang: Lang): string {
    const def = problemDefinition(this.code);
    return def ? def[lang](this.params) : this.code;
  }
}
