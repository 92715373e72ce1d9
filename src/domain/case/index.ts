/** Public API of the case module: states, commands, the transition table, decide/evolve. */
export { type Actor, actorSchema, OFFICE_ROLES, ROLES, type Role, roleSchema } from './actors.ts';
export { APPLICANT_STAGES, type ApplicantStage, applicantStage } from './applicant-stage.ts';
export * from './commands.ts';
export {
  availableCommands,
  CaseHistoryError,
  commandsFrom,
  type DecideResult,
  decide,
  evolve,
  initialSnapshot,
  receive,
  replay,
  toInstant,
} from './decide.ts';
export { CASE_ERROR_MESSAGES, type CaseError, type CaseErrorCode } from './errors.ts';
export type { CaseEvent, CaseEventType, EventOf, ReceivedEvent } from './events.ts';
export type { GuardContext } from './guards.ts';
export { isInOfficeInbox } from './inbox.ts';
export type { AuthorityFeedback, CaseSnapshot, ExclusionReview } from './snapshot.ts';
export {
  type AwaitedParty,
  CASE_STATES,
  type CaseState,
  isCaseState,
  isTerminal,
  NON_TERMINAL_STATES,
  OFFICE_INBOX_STATES,
  STATE_INFO,
  TERMINAL_STATES,
} from './states.ts';
export { receiveTransition, type Transition, transitionFor, transitions } from './transitions.ts';
