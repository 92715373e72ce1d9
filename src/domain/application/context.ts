import type { IsoDate } from '../rules/dates.ts';

/** What validation needs from outside the domain: today's date and the nationality list. */
export type ValidationContext = {
  /** Today's date 'YYYY-MM-DD' (the domain reads no clock). */
  today: IsoDate;
  /** True if the 3-digit Destatis code is in the reference list (loaded by an adapter). */
  isKnownNationality: (code: string) => boolean;
};
