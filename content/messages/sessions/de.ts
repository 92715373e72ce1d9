/** German texts of the commission's sessions: the office's pages, the administration of members, the minutes. */
import type { MajorityRule, QuorumRule } from '../../../src/domain/rules/profile.ts';

export const OUTCOME_LABELS = {
  hardship_request: 'Härtefallersuchen',
  no_request: 'Kein Härtefallersuchen',
  adjourned: 'Vertagt',
} as const;

export const FUNCTION_LABELS = { member: 'Mitglied', deputy: 'Stellvertretung' } as const;

/** The majority rule in words, for the page and the minutes. */
export function majorityText(rule: MajorityRule): string {
  switch (rule.kind) {
    case 'simple_of_present':
      return 'Mehrheit der anwesenden Mitglieder (Stimmengleichheit: kein Ersuchen)';
    case 'fraction_of_present':
      return `${rule.numerator}/${rule.denominator} der anwesenden Mitglieder`;
    case 'fraction_of_members':
      return `${rule.numerator}/${rule.denominator} aller Mitglieder`;
    case 'unanimous_present':
      return 'alle anwesenden Mitglieder';
    case 'absolute_count':
      return `mindestens ${rule.count} Ja-Stimmen`;
  }
}

/** The quorum rule in words. */
export function quorumText(rule: QuorumRule): string {
  return rule.kind === 'absolute_count'
    ? `mindestens ${rule.count} Mitglieder anwesend`
    : `mindestens ${rule.numerator}/${rule.denominator} der Mitglieder anwesend`;
}

export const sessionTexts = {
  navLink: 'Sitzungen der Kommission',
  listTitle: 'Sitzungen der Kommission',
  listLead:
    'Sitzungen planen, die Tagesordnung aus den bereiten Fällen bilden, einladen, Anwesenheit und Beschlüsse erfassen, das Protokoll genehmigen.',
  upcoming: 'Geplante Sitzungen',
  open: 'Sitzungen ohne genehmigtes Protokoll',
  done: 'Abgeschlossene Sitzungen',
  none: 'Keine.',
  colDate: 'Termin',
  colPlace: 'Ort',
  colAgenda: 'Tagesordnung',
  colStatus: 'Stand',
  agendaCount: '{n} Fälle, {d} mit Beschluss',
  cadenceTitle: 'Sitzungsabstand',
  cadence:
    'Die letzte Sitzung war am {last}. Die nächste Sitzung muss spätestens am {latest} stattfinden ({rule}).',
  cadenceMonthly: 'mindestens monatlich, weil kein Vorprüfungsausschuss besteht',
  cadenceQuarterly: 'mindestens vierteljährlich, weil ein Vorprüfungsausschuss besteht',
  cadenceLatePlanned:
    'Die nächste geplante Sitzung am {next} liegt nach diesem Tag. Bitte planen Sie einen früheren Termin.',
  cadenceLateNone: 'Es ist keine Sitzung bis zu diesem Tag geplant. Bitte planen Sie einen Termin.',
  planTitle: 'Neue Sitzung planen',
  date: 'Datum',
  day: 'Tag',
  month: 'Monat',
  year: 'Jahr',
  time: 'Uhrzeit',
  timeHint: 'zum Beispiel 10:00',
  place: 'Ort',
  placeHint: 'zum Beispiel Düsseldorf, Ministerium, Raum 2.14',
  chair: 'Vorsitz',
  chairHint: 'Die Leitung der Geschäftsstelle führt den Vorsitz und genehmigt das Protokoll.',
  planButton: 'Sitzung planen',
  errorTitle: 'Es gibt ein Problem',
  saved: 'Gespeichert.',
  back: 'Zu den Sitzungen',
  sessionTitle: 'Sitzung am {date}',
  statusPlanned: 'geplant',
  statusInvited: 'eingeladen am {date}',
  statusApproved: 'Protokoll genehmigt am {date}',
  overview: 'Überblick',
  invitations: 'Einladungen',
  invitationsNone: 'Noch nicht eingeladen.',
  invitationsSent: 'Eingeladen am {date}.',
  inviteHint:
    'Jedes Mitglied und jede Stellvertretung erhält eine E-Mail nur mit dem Termin und einem Link, ohne Fälle und Namen. Erneutes Einladen erreicht nur, wer noch keine Einladung hat.',
  inviteButton: 'Mitglieder einladen',
  invited: 'Die Einladungen werden versandt ({n}).',
  cancelButton: 'Sitzung absagen',
  cancelHint: 'Nur möglich, solange kein Fall auf der Tagesordnung steht.',
  cancelled: 'Die Sitzung wurde abgesagt.',
  agenda: 'Tagesordnung',
  agendaEmpty: 'Noch keine Fälle auf der Tagesordnung.',
  colNumber: 'Nr.',
  colCase: 'Aktenzeichen',
  colPersons: 'Personen',
  colDecision: 'Beschluss',
  colOrder: 'Reihenfolge',
  up: 'nach oben',
  down: 'nach unten',
  notOnAgenda: 'nicht mehr auf der Tagesordnung ({state})',
  noDecision: 'noch offen',
  recordDecision: 'Beschluss erfassen',
  changeDecision: 'Beschluss ändern',
  candidates: 'Fälle für die Tagesordnung',
  candidatesLead:
    'Bereit sind Fälle mit eingegangener Stellungnahme, die für eine Sitzung bereit gemeldet sind, Fälle, deren Frist für die Stellungnahme abgelaufen ist und die mit Begründung freigegeben sind, und vertagte Fälle.',
  candidatesNone: 'Keine Fälle bereit.',
  waiting:
    'Außerdem: {received} Fälle mit eingegangener Stellungnahme (in der Akte „Für eine Sitzung bereit melden“) und {overdue} Fälle mit abgelaufener Frist (in der Akte „Ohne Stellungnahme freigeben“, mit Begründung).',
  waitingLink: 'Fälle mit abgelaufener Frist',
  addButton: 'Auf die Tagesordnung',
  attendance: 'Anwesenheit',
  attendanceLead:
    'Eine Stellvertretung zählt und stimmt nur für ihr abwesendes Mitglied. Ändert sich die Anwesenheit während der Sitzung, speichern Sie sie vor dem nächsten Beschluss neu.',
  attendanceLegend: 'Anwesend',
  attendanceButton: 'Anwesenheit speichern',
  noSeats:
    'Für den Tag der Sitzung sind keine Mitglieder benannt. Die Administration benennt sie unter „Kommission“.',
  deputyFor: 'Stellvertretung für {name}',
  nominatedBy: 'entsandt von {org}',
  quorumTitle: 'Beschlussfähigkeit',
  quorumLine: '{present} von {seated} Sitzen besetzt; erforderlich: {required} ({rule}).',
  quorate: 'Die Kommission ist beschlussfähig.',
  notQuorate:
    'Die Kommission ist nicht beschlussfähig. Beschlüsse können nicht gefasst werden, Vertagungen schon.',
  belowMinimum:
    'Hinweis: Die Kommission hat an diesem Tag nur {seated} Mitglieder; vorgesehen sind mindestens {min}.',
  majority: 'Mehrheit für ein Ersuchen: {rule}.',
  minutes: 'Protokoll',
  minutesDraft: 'Protokollentwurf (PDF)',
  minutesFinal: 'Protokoll (PDF/A)',
  minutesPending: 'Das Protokoll wird erstellt. Bitte laden Sie die Seite gleich neu.',
  approveHint:
    'Mit der Genehmigung wird die Sitzung gesperrt: Anwesenheit und Beschlüsse lassen sich nicht mehr ändern. Die Beschlüsse gehen in die Akten, Ersuchen werden an die Ausländerbehörde versandt, Verfahren ohne Ersuchen abgeschlossen; die Schreiben folgen.',
  approveButton: 'Protokoll genehmigen',
  approveOnlyChair: 'Das Protokoll genehmigt die oder der Vorsitzende: {name}.',
  approved: 'Das Protokoll ist genehmigt; die Beschlüsse sind in die Akten übernommen.',
  undecided: 'Vor der Genehmigung fehlen noch Beschlüsse zu: {cases}.',
  itemTitle: 'Beschluss zu {caseNumber}',
  itemLead: 'Tagesordnungspunkt {n} der Sitzung am {date}.',
  votingClosed: 'Beschlüsse können erst ab dem Tag der Sitzung erfasst werden.',
  kindLegend: 'Was hat die Kommission getan?',
  kindVote: 'Abgestimmt',
  kindAdjourn: 'Vertagt',
  votesLegend: 'Abstimmung über ein Härtefallersuchen',
  votesHint:
    'Nur die Zahlen, nicht wer wie gestimmt hat. Enthaltungen und anwesende Mitglieder ohne Stimme zählen wie Nein-Stimmen.',
  yes: 'Ja',
  no: 'Nein',
  abstain: 'Enthaltung',
  reasons: 'Begründung',
  reasonsHint:
    'Bei einem Härtefallersuchen erforderlich: Die Gründe kommen in das Protokoll und in das Ersuchen an die Ausländerbehörde. Bei einer Vertagung: warum.',
  recommendationLegend: 'Empfehlung ohne Härtefallersuchen (freiwillig)',
  recommendationHint:
    'Nur ausfüllen, wenn die Kommission nach einem gescheiterten Ersuchen über eine Empfehlung abgestimmt hat. Sie ist nicht bindend.',
  recommendationText: 'Wortlaut der Empfehlung',
  recommendationVotes: 'Abstimmung über die Empfehlung',
  saveDecision: 'Beschluss speichern',
  decisionSaved: 'Der Beschluss ist erfasst: {outcome}. Er wird mit der Genehmigung des Protokolls wirksam.',
  decisionLine:
    '{outcome}: {yes} Ja, {no} Nein, {abstain} Enthaltungen ({present} anwesend, {required} Ja erforderlich)',
  recommendationAdopted: 'Empfehlung beschlossen',
  recommendationRejected: 'Empfehlung abgelehnt',
} as const;

export const commissionTexts = {
  title: 'Kommission: Mitglieder und Stellvertretungen',
  lead: 'Mitglieder und ihre persönlichen Stellvertretungen, mit entsendender Organisation und Amtszeit. Konten mit der Rolle „Mitglied“ legen Sie unter „Konten“ an; die Anmeldung läuft mit Passwort und Code.',
  link: 'Kommission: Mitglieder und Stellvertretungen',
  back: 'Zur Verwaltung',
  colName: 'Name',
  colFunction: 'Funktion',
  colDeputyOf: 'Vertritt',
  colNominatedBy: 'Entsandt von',
  colTerm: 'Amtszeit',
  colStatus: 'Stand',
  colActions: 'Aktionen',
  active: 'im Amt',
  ended: 'beendet',
  future: 'beginnt später',
  none: 'Noch niemand benannt.',
  addTitle: 'Mitglied oder Stellvertretung benennen',
  account: 'Konto',
  accountHint: 'Konten mit der Rolle „Mitglied“',
  accountNone: 'Bitte auswählen',
  function: 'Funktion',
  deputyOf: 'Vertritt das Mitglied',
  deputyOfHint: 'Nur bei einer Stellvertretung',
  deputyOfNone: 'keines',
  nominatedBy: 'Entsendende Organisation',
  nominatedByHint: 'zum Beispiel Diakonie Rheinland-Westfalen-Lippe, Flüchtlingsrat NRW',
  termFrom: 'Beginn der Amtszeit',
  termTo: 'Ende der Amtszeit',
  colPreScreening: 'Vorprüfungsausschuss',
  preScreening: 'Vorprüfungsausschuss',
  preScreeningOption: 'Das Mitglied gehört in seiner Amtszeit auch dem Vorprüfungsausschuss an',
  preScreeningHint:
    'Der Vorprüfungsausschuss besteht aus dem Vorsitz und {n} Mitgliedern (§ 3 HFKVO). Solange er vollständig besetzt ist, muss die Kommission mindestens vierteljährlich tagen, sonst mindestens monatlich.',
  committeeTitle: 'Vorprüfungsausschuss',
  committeeToday: 'Heute gehören dem Vorprüfungsausschuss neben dem Vorsitz an: {names}.',
  committeeNone:
    'Heute besteht kein vollständig besetzter Vorprüfungsausschuss ({n} Mitglieder neben dem Vorsitz); die Kommission tagt deshalb mindestens monatlich.',
  yes: 'ja',
  addButton: 'Benennen',
  added: 'Die Benennung ist gespeichert.',
  remove: 'Benennung löschen',
  removed: 'Die Benennung ist gelöscht.',
  inUse:
    'Diese Benennung wird schon verwendet (Anwesenheit einer Sitzung oder eine Stellvertretung) und bleibt deshalb erhalten.',
  errorTitle: 'Es gibt ein Problem',
} as const;

export const minutesTexts = {
  title: 'Protokoll der Sitzung der Härtefallkommission',
  draftMark: 'ENTWURF – nicht genehmigt',
  subject: 'Protokoll einer Sitzung der Härtefallkommission',
  confidential:
    'Vertraulich (§ 6 HFKVO NRW). Die Beratungen und die Stimmen der einzelnen Mitglieder sind vertraulich; festgehalten ist nur das Abstimmungsergebnis.',
  date: 'Termin',
  place: 'Ort',
  chair: 'Vorsitz',
  attendance: 'Anwesenheit',
  colName: 'Name',
  colFunction: 'Funktion',
  colNominatedBy: 'Entsandt von',
  colPresent: 'Anwesend',
  present: 'anwesend',
  absent: 'abwesend',
  quorum: 'Beschlussfähigkeit',
  quorumRule: 'Regel',
  quorumSeated: 'Mitglieder (Sitze)',
  quorumPresent: 'Besetzte Sitze (stimmberechtigt)',
  quorumRequired: 'Erforderlich',
  quorumResult: 'Ergebnis',
  quorate: 'beschlussfähig',
  notQuorate: 'nicht beschlussfähig',
  noSeats: 'Für den Tag der Sitzung sind keine Mitglieder benannt.',
  majority: 'Mehrheit für ein Härtefallersuchen',
  agenda: 'Tagesordnung und Beschlüsse',
  item: 'TOP {n}: {caseNumber}',
  persons: 'Personen',
  outcome: 'Beschluss',
  votes: 'Abstimmung',
  votesLine:
    '{yes} Ja, {no} Nein, {abstain} Enthaltungen, {notCast} ohne Stimme; {present} stimmberechtigt anwesend, {required} Ja-Stimmen erforderlich',
  reasons: 'Gründe',
  adjournReasons: 'Grund der Vertagung',
  recommendation: 'Empfehlung',
  recommendationVotes: 'Abstimmung über die Empfehlung',
  recommendationResult: 'Ergebnis',
  adopted: 'beschlossen (nicht bindend)',
  rejected: 'nicht beschlossen',
  noDecision: 'kein Beschluss erfasst',
  removed: 'nicht beraten: nicht mehr auf der Tagesordnung ({state})',
  approval: 'Genehmigung',
  approvedBy: 'Genehmigt von',
  approvedAt: 'Genehmigt am',
  notApproved: 'noch nicht genehmigt',
  footer: 'Vertraulich. Protokoll der Härtefallkommission.',
} as const;
