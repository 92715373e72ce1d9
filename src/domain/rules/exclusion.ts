/**
 * The pre-check review of exclusion grounds (Ausschlussgründe): the office records a finding per
 * ground of the profile's catalogue; these functions say whether the review is complete and
 * whether it stands in the way of taking up the case. Wording and severity come from the catalogue.
 */
import { z } from 'zod';
import type { ExclusionCatalogue, ExclusionGround } from './profile.ts';

/** The office's finding on one ground; `applies: null` means not yet checked. */
export const exclusionFindingSchema = z.strictObject({
  groundId: z.string().min(1),
  applies: z.boolean().nullable(),
  note: z.string().optional(),
  overridden: z.boolean().optional(),
  overrideReasons: z.string().optional(),
});
export type ExclusionFinding = z.infer<typeof exclusionFindingSchema>;

/**
 * invalid: the findings contradict the catalogue; excluded: a mandatory ground applies;
 * blocked: an as-a-rule ground applies without an override; incomplete: grounds still unchecked;
 * clear: every ground checked and none stands in the way.
 */
export type ExclusionReviewStatus = 'invalid' | 'excluded' | 'blocked' | 'incomplete' | 'clear';

export interface ExclusionReview {
  status: ExclusionReviewStatus;
  /** Every ground of the catalogue has a finding with `applies` true or false. */
  complete: boolean;
  /** Ground ids without a finding or with `applies: null`, in catalogue order. */
  unchecked: string[];
  /** Mandatory grounds that apply: the case cannot be taken up. */
  mandatoryApplying: string[];
  /** As-a-rule grounds that apply and are not validly overridden: they block taking up. */
  asARuleBlocking: string[];
  /** As-a-rule grounds that apply but are overridden with recorded reasons. */
  asARuleOverridden: string[];
  /** True if a mandatory ground applies, an as-a-rule ground blocks, or the findings are invalid. */
  blocksTakingUp: boolean;
  /** German validation messages; empty when the findings are consistent with the catalogue. */
  errors: string[];
}

const label = (g: ExclusionGround) => `„${g.title}“ (${g.legalReference})`;

function hasReasons(f: ExclusionFinding): boolean {
  return (f.overrideReasons ?? '').trim().length > 0;
}

/** Checks findings against the catalogue; returns German messages, empty if all is consistent. */
export function validateExclusionFindings(
  catalogue: ExclusionCatalogue,
  findings: readonly ExclusionFinding[],
): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const ground = catalogue.grounds.find((g) => g.id === f.groundId);
    if (!ground) {
      errors.push(
        `Unbekannter Ausschlussgrund „${f.groundId}“: Er steht nicht im Katalog (Version ${catalogue.version}).`,
      );
      continue;
    }
    if (seen.has(f.groundId)) {
      errors.push(`Zum Ausschlussgrund ${label(ground)} liegen mehrere Feststellungen vor.`);
    }
    seen.add(f.groundId);
    if (!f.overridden) continue;
    if (ground.severity === 'mandatory') {
      errors.push(`Der Ausschlussgrund ${label(ground)} ist zwingend; eine Ausnahme ist nicht möglich.`);
    } else if (!ground.overridable) {
      errors.push(
        `Vom Ausschlussgrund ${label(ground)} kann nach dem Katalog keine Ausnahme gemacht werden.`,
      );
    } else if (f.applies !== true) {
      errors.push(
        `Eine Ausnahme vom Ausschlussgrund ${label(ground)} setzt voraus, dass er festgestellt ist (trifft zu).`,
      );
    }
    if (ground.severity === 'as_a_rule' && !hasReasons(f)) {
      errors.push(`Die Ausnahme vom Ausschlussgrund ${label(ground)} braucht eine schriftliche Begründung.`);
    }
  }
  return errors;
}

/** Evaluates the pre-check: completeness, applying mandatory grounds, blocking as-a-rule grounds, errors. */
export function reviewExclusions(
  catalogue: ExclusionCatalogue,
  findings: readonly ExclusionFinding[],
): ExclusionReview {
  const errors = validateExclusionFindings(catalogue, findings);
  const unchecked: string[] = [];
  const mandatoryApplying: string[] = [];
  const asARuleBlocking: string[] = [];
  const asARuleOverridden: string[] = [];

  for (const ground of catalogue.grounds) {
    const relevant = findings.filter((f) => f.groundId === ground.id);
    // Duplicates are reported as errors; for the evaluation the most cautious reading wins.
    const applies = relevant.some((f) => f.applies === true)
      ? true
      : relevant.length > 0 && relevant.every((f) => f.applies === false)
        ? false
        : null;
    if (applies === null) {
      unchecked.push(ground.id);
      continue;
    }
    if (!applies) continue;
    if (ground.severity === 'mandatory') {
      mandatoryApplying.push(ground.id);
      continue;
    }
    const validOverride =
      ground.overridable &&
      relevant.length === 1 &&
      relevant.every((f) => f.overridden === true && hasReasons(f));
    (validOverride ? asARuleOverridden : asARuleBlocking).push(ground.id);
  }

  const complete = unchecked.length === 0;
  const status: ExclusionReviewStatus =
    errors.length > 0
      ? 'invalid'
      : mandatoryApplying.length > 0
        ? 'excluded'
        : asARuleBlocking.length > 0
          ? 'blocked'
          : complete
            ? 'clear'
            : 'incomplete';
  return {
    status,
    complete,
    unchecked,
    mandatoryApplying,
    asARuleBlocking,
    asARuleOverridden,
    blocksTakingUp: errors.length > 0 || mandatoryApplying.length > 0 || asARuleBlocking.length > 0,
    errors,
  };
}
