/**
 * Input shapes of the PDF adapter. Deliberately minimal and local: the domain types are written
 * elsewhere, and plain structural types let the caller map them without this adapter importing
 * the domain.
 */

export interface PdfPerson {
  familyName: string;
  givenNames: string;
  /** As entered; partial dates allowed: '1990', '03.1990', '12.03.1990' or ISO '1990-03'. */
  birthDate: string;
  /** Name of the nationality as shown to people, e.g. 'syrisch', 'staatenlos', 'ungeklärt'. */
  nationality?: string;
  /** Postal address, one entry per line. */
  address?: readonly string[];
}

export interface PdfRepresentative {
  /** The person acting, e.g. 'Rechtsanwältin Dr. Jana Özdemir'. */
  name: string;
  /** Law firm or counselling centre, if any. */
  organisation?: string;
  address: readonly string[];
}

export interface PdfDoctor {
  name: string;
  practice?: string;
  address?: readonly string[];
}
