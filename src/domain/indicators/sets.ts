// Indicator sets as configuration: Decision 766/QĐ-TTg (2022) today; a successor under Decree 224/2026
// Art. 19 is expected, and is added here as another entry of INDICATOR_SETS without changing callers.
// Group maxima are Decision 766's (18, 20, 22, 22, 18 = 100). Points per indicator were not published
// (domain-2 §1.1 [U]): the split below is Motcua's documented choice and is configuration, not law.

/** The counter an indicator's numerator or denominator reads from a tally (see tally.ts). */
export type Counter =
  | 'received'
  | 'synced'
  | 'onlineWithEResult'
  | 'feeBearing'
  | 'paidOnline'
  | 'reused'
  | 'storeLinked'
  | 'populationData'
  | 'withResult'
  | 'eResult'
  | 'digitised'
  | 'measured'
  | 'onTime'
  | 'finishedFromReceived'
  | 'processingSeconds'
  | 'feedback'
  | 'feedbackOnTime'
  | 'feedbackSatisfied'
  | 'feedbackRegulation'
  | 'serviceSatisfied'
  // Group 1 (publicity), from the catalogue's publication records (publicity.ts), not from dossiers.
  | 'decisions'
  | 'decisionsAllOnTime'
  | 'publishedOnTime'
  | 'proceduresInForce'
  | 'proceduresComplete';

export type IndicatorDef = {
  /** Decision 766 number, e.g. "2.1". */
  id: string;
  key: string;
  group: string;
  name: { vi: string; en: string };
  numerator: Counter;
  denominator: Counter;
  /** 'rate': value = numerator ÷ denominator (0–1); 'average-days': numerator is seconds, value in days. */
  kind: 'rate' | 'average-days';
  /** Rate for full marks (1 = 100 %); null when the indicator is reported but not scored. */
  threshold: number | null;
  /** Points of this indicator within its group (configurable, see the file comment). */
  max: number;
  /** Multiplied by another indicator's rate before scoring (3.3 × sync rate, domain-2 §1.2). */
  timesRateOf?: string;
};

export type GroupDef = { id: string; name: { vi: string; en: string }; max: number };

export type IndicatorSet = {
  id: string;
  title: string;
  source: string;
  groups: readonly GroupDef[];
  indicators: readonly IndicatorDef[];
};

const QD766: IndicatorSet = {
  id: 'qd766-2022',
  title: 'Bộ chỉ số 766 (Quyết định 766/QĐ-TTg ngày 23/6/2022)',
  source: 'Decision 766/QĐ-TTg; formulas as in domain-2 §1.2 (F766)',
  groups: [
    { id: '1', name: { vi: 'Công khai, minh bạch', en: 'Publicity' }, max: 18 },
    { id: '2', name: { vi: 'Tiến độ giải quyết', en: 'Progress' }, max: 20 },
    { id: '3', name: { vi: 'Dịch vụ trực tuyến', en: 'Online services' }, max: 22 },
    { id: '4', name: { vi: 'Mức độ số hóa hồ sơ', en: 'Digitisation' }, max: 22 },
    { id: '5', name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' }, max: 18 },
  ],
  indicators: [
    // Group 1: 1.1–1.3 from the publication records of procedure versions (issue 17, publicity.ts); 1.4 from dossiers.
    ind(
      '1.1',
      'decided-on-time',
      '1',
      'Công bố TTHC đúng hạn (quyết định trước ngày hiệu lực ≥ 5 ngày làm việc)',
      'Procedures decided on time (≥ 5 working days before effect)',
      'decisionsAllOnTime',
      'decisions',
      1,
      4,
    ),
    ind(
      '1.2',
      'published-on-time',
      '1',
      'Công khai TTHC đúng hạn (≤ 5 ngày làm việc sau quyết định)',
      'Procedures made public on time (≤ 5 working days after the decision)',
      'publishedOnTime',
      'decisions',
      1,
      4,
    ),
    ind(
      '1.3',
      'complete-elements',
      '1',
      'TTHC đầy đủ các bộ phận (Nghị định 63/2010 Điều 8 khoản 2)',
      'Procedures with every element (Decree 63/2010 Art. 8(2))',
      'proceduresComplete',
      'proceduresInForce',
      1,
      4,
    ),
    ind(
      '1.4',
      'synced-rate',
      '1',
      'Đồng bộ hồ sơ lên Cổng DVC quốc gia',
      'Dossiers synced to the national portal',
      'synced',
      'received',
      1,
      6,
    ),
    ind('2.1', 'on-time-rate', '2', 'Hồ sơ giải quyết trước hạn, đúng hạn', 'Dossiers early or on time', 'onTime', 'measured', 1, 14),
    {
      ...ind(
        '2.2',
        'average-processing-days',
        '2',
        'Thời gian giải quyết trung bình',
        'Average processing time',
        'processingSeconds',
        'finishedFromReceived',
        null,
        0,
      ),
      kind: 'average-days',
    },
    {
      ...ind(
        '3.3',
        'online-rate',
        '3',
        'Hồ sơ nộp trực tuyến (có kết quả điện tử)',
        'Dossiers filed online (with an e-result)',
        'onlineWithEResult',
        'received',
        0.5,
        12,
      ),
      timesRateOf: '1.4',
    },
    ind('3.6', 'paid-online-rate', '3', 'Hồ sơ thanh toán trực tuyến', 'Dossiers paid online', 'paidOnline', 'feeBearing', 1, 6),
    ind('4.1', 'e-result-rate', '4', 'Cấp kết quả điện tử', 'Electronic results', 'eResult', 'withResult', 1, 5),
    ind('4.2', 'digitised-rate', '4', 'Số hóa hồ sơ, kết quả', 'Dossiers and results digitised', 'digitised', 'withResult', 0.8, 6),
    ind('4.3', 'reuse-rate', '4', 'Tái sử dụng dữ liệu số hóa', 'Reuse of digitised data', 'reused', 'received', 0.8, 4),
    ind(
      '4.4',
      'data-store-rate',
      '4',
      'Kết nối kho dữ liệu của công dân',
      'Linked to the citizen data store',
      'storeLinked',
      'withResult',
      1,
      3,
    ),
    ind('4.5', 'population-data-rate', '4', 'Khai thác dữ liệu dân cư', 'Population data used', 'populationData', 'received', 1, 4),
    ind(
      '5.1',
      'feedback-regulation-share',
      '5',
      'PAKN về quy định, thủ tục',
      'Feedback on regulations and procedures',
      'feedbackRegulation',
      'feedback',
      null,
      0,
    ),
    ind('5.2', 'feedback-on-time-rate', '5', 'Xử lý PAKN đúng hạn', 'Feedback handled on time', 'feedbackOnTime', 'feedback', 1, 6),
    ind(
      '5.3',
      'feedback-satisfaction-rate',
      '5',
      'Hài lòng về xử lý PAKN',
      'Satisfaction with feedback handling',
      'feedbackSatisfied',
      'feedback',
      1,
      6,
    ),
    ind(
      '5.4',
      'service-satisfaction-rate',
      '5',
      'Hài lòng về giải quyết TTHC',
      'Satisfaction with TTHC handling',
      'serviceSatisfied',
      'measured',
      0.9,
      6,
    ),
  ],
};

function ind(
  id: string,
  key: string,
  group: string,
  vi: string,
  en: string,
  numerator: Counter,
  denominator: Counter,
  threshold: number | null,
  max: number,
): IndicatorDef {
  return { id, key, group, name: { vi, en }, numerator, denominator, kind: 'rate', threshold, max };
}

/** Every known set by id; the first is the default. Add a successor here (e.g. under Decree 224/2026). */
export const INDICATOR_SETS: Readonly<Record<string, IndicatorSet>> = { [QD766.id]: QD766 };
export const DEFAULT_SET_ID = QD766.id;

export function indicatorSet(id: string = DEFAULT_SET_ID): IndicatorSet | undefined {
  return Object.hasOwn(INDICATOR_SETS, id) ? INDICATOR_SETS[id] : undefined;
}

/** A set's indicator points never exceed the group's maximum (checked in tests for every set). */
export function groupPoints(set: IndicatorSet): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of set.indicators) out[i.group] = (out[i.group] ?? 0) + i.max;
  return out;
}
