/**
 * A folded spelling of a name for finding it again however it was written: without diacritics,
 * in lower case, and with the common variants of transliteration from Arabic, Persian, Turkish and
 * Cyrillic scripts brought to one form, and the short vowels (which Arabic script does not write and
 * every transliteration guesses) left out: Mohammed, Muhammad, Mohamad → "mhmd"; Yusuf, Jussuf,
 * Youssef → "jsf". It is a search key, never shown; trigram similarity ranks what it finds.
 */

const FOLDS: readonly [RegExp, string][] = [
  // The Arabic article after "Abd" ("servant of"), however written, and joined to the name that
  // follows: Abd al-Rahman, Abdul Rahman, Abdel-Rahman, Abdurrahman → "abdalrahman".
  [/\babd(?:[\s-]*[aeu][lr][\s-]*|[\s-]+)(?=\p{L})/gu, 'abdal'],
  // Serbian/Croatian đ is written dj in German files (Đorđević, Djordjevic).
  [/đ/g, 'dj'],
  [/ß/g, 'ss'],
  [/æ/g, 'ae'],
  [/ø/g, 'o'],
  [/ı/g, 'i'],
  [/[‘’ʿʾ`´'-]/g, ''],
  // German umlaut spellings first, so that "Müller" and "Mueller" meet.
  [/ae/g, 'a'],
  [/oe/g, 'o'],
  [/ue/g, 'u'],
  [/ou/g, 'u'],
  [/oo/g, 'u'],
  [/ee/g, 'i'],
  [/tsch|tch|ch(?=[aeiou])|ç|c(?=[aou])/g, 'ch'],
  [/dsch|dj|dzh|zh/g, 'j'],
  [/sch|sh|ş/g, 'sh'],
  [/ph/g, 'f'],
  [/kh/g, 'h'],
  [/gh|ğ/g, 'g'],
  [/th/g, 't'],
  [/w/g, 'v'],
  [/y/g, 'j'],
  [/q/g, 'k'],
  [/ck/g, 'k'],
  [/x/g, 'ks'],
  [/h(?=\s|$)/g, ''],
];

/** Short vowels are not written in Arabic script, so every transliteration guesses them: drop them. */
function skeleton(word: string): string {
  const [first = '', ...rest] = word;
  const initial = 'aeiou'.includes(first) ? 'a' : first;
  return (initial + rest.join('').replace(/[aeiou]/g, '')).replace(/(.)\1+/g, '$1');
}

/** The search key of a name (or of any text): folded spelling, words kept apart by single spaces. */
export function nameKey(name: string): string {
  let s = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  s = s.replace(/[^\p{L}\p{N}\s'’‘ʿʾ`´-]/gu, ' ');
  for (const [pattern, replacement] of FOLDS) s = s.replace(pattern, replacement);
  return s.split(/\s+/).filter(Boolean).map(skeleton).join(' ');
}
