// Input of the form renderer: plain data, already decided elsewhere. Every time is an instant (Date);
// the renderer shows it in Vietnamese civil time and never reads the clock.

export type FormKind =
  'receipt' | 'declaration' | 'supplement-request' | 'refusal' | 'apology' | 'stop-notice' | 'control-slip' | 'tracking-book' | 'form-06';

/** Form 06 (TT 01/2020/TT-VPCP, II.06a) columns 3–13 of one row. */
export type Form06Numbers = [number, number, number, number, number, number, number, number, number, number, number];

/** The e-form answers of an online dossier, labelled and ordered by the procedure's schema. */
export type FormAnswers = { title: string; items: { label: string; value: string | null; depth: number }[] };

export type FormUnit = {
  /** The issuing unit, e.g. "Trung tâm Phục vụ hành chính công phường Hạc Thành". */
  name: string;
  /** The line above it in the header, e.g. "UBND TỈNH THANH HÓA" or "UBND PHƯỜNG HẠC THÀNH". */
  parentName: string;
  code: string;
  address: string;
  phone: string;
  /** The locality before the date ("Hạc Thành, ngày …"); derived from the names when absent. */
  place?: string;
};

export type Channel = 'in-person' | 'online' | 'postal';

export type FormDossier = {
  /** e.g. 000.01.00.H56-261126-0001 */
  code: string;
  procedureName: string;
  procedureCode: string;
  applicant: { fullName: string; idNumber: string; address?: string; phone?: string; dateOfBirth?: string };
  channel: Channel;
  components: {
    name: string;
    originals: number;
    copies: number;
    presented: boolean;
    fromRegistry: boolean;
    /** A paper the registry holds, taken on paper because the registry lookup for this dossier failed. */
    registryFailed?: boolean;
  }[];
  receivedAt: Date;
  /** When the processing time starts (the next working day for a paper dossier received after 15:00). */
  countedFrom: Date;
  /** Null for a procedure without a deadline. */
  dueAt: Date | null;
  processingDays: number;
  /** The receiving officer's full name. */
  receivedBy: string;
  receptionPoint: string;
  returnPoint: string;
  /** VND */
  fee: number;
  /** Public status page; printed as a QR code. */
  statusUrl: string;
  /** The e-form answers when the dossier was filed online with one. */
  formAnswers?: FormAnswers | null;
};

export type Signer = { fullName: string; title: string };

export type HandoffResult = 'early' | 'on-time' | 'late' | 'pending';

export type Handoff = { giver: string; receiver: string; at: Date; dueAt: Date | null; result: HandoffResult; note?: string };

export type TrackingRow = {
  no: number;
  code: string;
  applicant: string;
  procedure: string;
  receivedAt: Date;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  status: string;
  note?: string;
};

export type FormInput =
  | { kind: 'receipt'; number: string; unit: FormUnit; dossier: FormDossier; issuedAt: Date }
  | { kind: 'declaration'; number: string; unit: FormUnit; dossier: FormDossier & { formAnswers: FormAnswers }; issuedAt: Date }
  | {
      kind: 'supplement-request';
      number: string;
      unit: FormUnit;
      dossier: FormDossier;
      issuedAt: Date;
      reason: string;
      items: { componentName: string; reason: string }[];
      officer: string;
    }
  | { kind: 'refusal'; number: string; unit: FormUnit; dossier: FormDossier; issuedAt: Date; reason: string; officer: string }
  | {
      kind: 'apology';
      number: string;
      unit: FormUnit;
      dossier: FormDossier;
      issuedAt: Date;
      reason: string;
      /** The due time the apology moves (the dossier's due time before it). */
      originalDueAt: Date | null;
      newDueAt: Date;
      /** Given after the original due time: the letter says so. */
      afterDeadline?: boolean;
      signer: Signer;
    }
  | {
      kind: 'stop-notice';
      number: string;
      unit: FormUnit;
      dossier: FormDossier;
      issuedAt: Date;
      reason: string;
      withdrawal: { channel: Channel; receivedAt: Date; reason: string };
      signer: Signer;
    }
  | { kind: 'control-slip'; number: string; unit: FormUnit; dossier: FormDossier; issuedAt: Date; handoffs: Handoff[] }
  | { kind: 'tracking-book'; unit: FormUnit; year: number; issuedAt: Date; rows: TrackingRow[] }
  | {
      kind: 'form-06';
      unit: FormUnit;
      /** The report window, YYYY-MM-DD inclusive. */
      from: string;
      to: string;
      issuedAt: Date;
      rows: { field: string; cols: Form06Numbers }[];
      total: Form06Numbers;
      /** Against the national portal's sync: received here, synced there, and the dossiers not synced (codes). */
      reconciliation: { received: number; synced: number; unsynced: string[] };
    };

/** What goes into the digital signature's dictionary (shown by PDF readers in the signature panel). */
export type SignMeta = { reason: string; signerName: string; location: string; signedAt: Date };

/** A unit's PKCS#12 key store and its passphrase. */
export type UnitKey = { p12: Buffer; passphrase: string };
