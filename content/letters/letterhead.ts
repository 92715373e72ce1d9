/**
 * The sender of the office's letters, per procedure profile (PROFILE). Content, not code: the
 * renderer draws whatever is here. Address and contact are to be confirmed by the office before
 * letters leave the house (like the retention periods of the profile).
 */
export interface Letterhead {
  /** First line of the letterhead and author of the PDF. */
  officeName: string;
  /** Lines under the name: the ministry the office belongs to, the postal address. */
  lines: readonly string[];
  /** Contact lines of the letterhead (telephone, e-mail, web). */
  contact: readonly string[];
  /** The small sender line above the addressee (window envelope). */
  returnAddress: string;
  /** Place before the date ('Düsseldorf, 01.12.2026'). */
  place: string;
  /** Closing formula and who signs. */
  signature: readonly string[];
  /** Small print at the foot of every page. */
  footer: string;
  toBeConfirmedByOffice: boolean;
}

export const LETTERHEADS: Readonly<Record<string, Letterhead>> = {
  nrw: {
    officeName: 'Geschäftsstelle der Härtefallkommission des Landes Nordrhein-Westfalen',
    lines: [
      'Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration des Landes Nordrhein-Westfalen',
      '40190 Düsseldorf',
    ],
    contact: ['E-Mail: geschaeftsstelle@haertefall.localhost'],
    returnAddress: 'Geschäftsstelle der Härtefallkommission NRW · 40190 Düsseldorf',
    place: 'Düsseldorf',
    signature: ['Mit freundlichen Grüßen', 'Geschäftsstelle der Härtefallkommission'],
    footer:
      'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig. Bitte geben Sie bei jeder Antwort das Aktenzeichen an.',
    toBeConfirmedByOffice: true,
  },
};

/** The letterhead of a profile; a profile without one cannot issue letters, so the start fails. */
export function letterheadFor(profileId: string): Letterhead {
  const head = LETTERHEADS[profileId];
  if (!head)
    throw new Error(`Kein Briefkopf für das Verfahrensprofil „${profileId}“ (content/letters/letterhead.ts)`);
  return head;
}
