/** Public API of the procedure rules: the profile, exclusion-ground review, deadlines and dates. */
export {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  type IsoDate,
  isIsoDate,
  isWeekend,
  weekday,
} from './dates.ts';
export {
  deadlineFrom,
  documentRequestDueDate,
  isOverdue,
  isReminderDue,
  latestNextSessionDate,
  nextWorkingDay,
  previousWorkingDay,
  retentionEndDate,
  statementDueDate,
  statementReminderDate,
} from './deadlines.ts';
export {
  type ExclusionFinding,
  type ExclusionReview,
  type ExclusionReviewStatus,
  exclusionFindingSchema,
  reviewExclusions,
  validateExclusionFindings,
} from './exclusion.ts';
export {
  type CaseOutcome,
  caseOutcomeSchema,
  type ExclusionCatalogue,
  type ExclusionGround,
  type ExclusionSeverity,
  exclusionCatalogueSchema,
  exclusionGroundSchema,
  exclusionSeveritySchema,
  findExclusionGround,
  germanIssues,
  type MajorityRule,
  majorityRuleSchema,
  type ProcedureProfile,
  parseProfile,
  procedureProfileSchema,
  type QuorumRule,
  quorumRuleSchema,
} from './profile.ts';
export { fail, ok, type Result } from './result.ts';
