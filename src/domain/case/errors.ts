/**
 * Why a command was refused: a stable code for programs and a German message for people.
 * The messages are the single catalogue of this module; the web layer may map codes to its own texts.
 */
export const CASE_ERROR_MESSAGES = {
  invalid_time: 'Der Zeitpunkt des Verfahrensschritts ist ungültig.',
  invalid_actor: 'Die handelnde Person konnte nicht festgestellt werden.',
  invalid_command: 'Die Angaben sind unvollständig oder ungültig.',
  role_not_allowed: 'Sie sind für diesen Verfahrensschritt nicht berechtigt.',
  state_not_allowed: 'Dieser Verfahrensschritt ist im aktuellen Stand des Verfahrens nicht möglich.',
  channel_not_allowed:
    'Über dieses System können Anträge nur online eingereicht werden. Eingänge per Post, Fax oder E-Mail erfasst die Geschäftsstelle.',
  received_at_not_allowed:
    'Der Eingangszeitpunkt kann nur für Eingänge per Post, Fax oder E-Mail angegeben werden und darf nicht in der Zukunft liegen.',
  exclusion_review_missing: 'Vor der Befassung muss die Prüfung der Ausschlussgründe erfasst sein.',
  mandatory_exclusion_ground:
    'Es liegt ein zwingender Ausschlussgrund vor (§ 5 Abs. 1 HFKVO NRW). Eine Befassung ist nicht möglich.',
  override_reasons_required:
    'Es liegt ein Regelausschlussgrund vor (§ 5 Abs. 2 HFKVO NRW). Eine Befassung ist nur mit Begründung möglich.',
  not_taken_up_reasons_required:
    'Für die Nichtannahme ist eine Begründung erforderlich. Sie wird der antragstellenden Person und der Ausländerbehörde mitgeteilt.',
  statement_due_not_in_future: 'Die Frist für die Stellungnahme muss in der Zukunft liegen.',
  statement_not_overdue: 'Die Frist für die Stellungnahme der Ausländerbehörde ist noch nicht abgelaufen.',
  release_reasons_required:
    'Bitte begründen Sie, warum der Fall ohne Stellungnahme der Ausländerbehörde beraten werden soll.',
  session_mismatch: 'Der Fall ist nicht für diese Sitzung vorgesehen.',
  request_reasons_required: 'Die Gründe für das Härtefallersuchen müssen im Protokoll festgehalten werden.',
  recommendation_text_required: 'Bitte geben Sie den Wortlaut der Empfehlung an.',
  refusal_reasons_required:
    'Will die Ausländerbehörde dem Härtefallersuchen nicht folgen, muss sie dies begründen (§ 7 Abs. 3 HFKVO NRW).',
  feedback_after_final_decision:
    'Die Ausländerbehörde hat ihre Entscheidung bereits mitgeteilt. Eine weitere Rückmeldung ist nicht vorgesehen.',
  decision_date_required: 'Bitte geben Sie das Datum der Entscheidung an.',
  decision_date_in_future: 'Das Datum der Entscheidung darf nicht in der Zukunft liegen.',
  refusal_not_announced:
    'Bevor die Ausländerbehörde die Aufenthaltserlaubnis versagt, muss sie mitteilen, dass sie dem Ersuchen nicht folgen will, und dies begründen (§ 7 Abs. 3 HFKVO NRW). Die Geschäftsstelle kann dann noch Stellung nehmen.',
  settlement_note_required: 'Bitte beschreiben Sie, wie sich das Verfahren anderweitig erledigt hat.',
  reopen_reasons_required:
    'Für die Wiederaufnahme eines beendeten Verfahrens ist eine Begründung erforderlich.',
} as const;

export type CaseErrorCode = keyof typeof CASE_ERROR_MESSAGES;

/** A refusal: code for programs, German message for users. */
export interface CaseError {
  readonly code: CaseErrorCode;
  readonly message: string;
}

/** Builds the refusal for a code, optionally with a detail sentence (e.g. the first field error). */
export function refusal(code: CaseErrorCode, detail?: string): CaseError {
  const base = CASE_ERROR_MESSAGES[code];
  return { code, message: detail ? `${base} ${detail}` : base };
}
