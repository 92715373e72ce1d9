import type { StaffCatalog } from './de.ts';

/** English texts of the login pages, for representatives who chose English. */
export const staffEn: StaffCatalog = {
  errorPrefix: 'Error:',
  errorSummaryTitle: 'There is a problem',
  cancel: 'Cancel',

  loginTitle: 'Log in',
  loginLead:
    'For representatives with an account (law firms, counselling centres), staff of the office, members of the hardship commission and immigration authorities. Logging in has two steps: your password and a code from your authenticator app.',
  loginEmail: 'Email address',
  loginPassword: 'Password',
  loginButton: 'Continue',
  loginEmailMissing: 'Enter your email address.',
  loginPasswordMissing: 'Enter your password.',
  loginFailed:
    'The email address or the password is not correct, or the account is locked for a while. After 5 failed attempts an account is locked for 15 minutes.',
  loginLoggedOutTitle: 'You have logged out',
  loginLoggedOutText: 'Your session has ended. On a shared device, also close the browser.',
  loginExpiredTitle: 'Your session has expired',
  loginExpiredText:
    'For your security a session ends after 30 minutes without activity and after 12 hours at the latest. Please log in again.',
  loginRestartTitle: 'Please log in again',
  loginRestartText: 'The login was cancelled. Start again with your email address and password.',
  loginApplicantHint: 'Do you want to apply to the hardship commission? You do not need an account for that.',
  loginApplicantLink: 'To the online application',
  loginForgotLink: 'Forgotten your password? (representatives’ accounts)',
  loginForgotStaff:
    'Staff of the office, the commission and the immigration authorities ask their administrator.',

  codeTitle: 'Enter the code',
  codeLead: 'Open your authenticator app and enter the current 6-digit code for “Härtefallverfahren NRW”.',
  codeLabel: 'Code from the authenticator app',
  codeHint: '6 digits, for example 123456',
  codeButton: 'Log in',
  codeMissing: 'Enter the 6-digit code from your authenticator app.',
  codeMalformed: 'The code has 6 digits.',
  codeWrong:
    'The code is not correct or has already been used. Wait until the app shows a new code and enter that one.',

  passwordTitle: 'Choose your own password',
  passwordLead:
    'You are logging in for the first time. Replace the initial password with a password of your own that only you know.',
  passwordNew: 'New password',
  passwordNewHint:
    'At least 12 characters, not your email address and not the initial password. A sentence of several words is easy to remember and hard to guess.',
  passwordRepeat: 'Repeat the new password',
  passwordButton: 'Save password',
  passwordMissing: 'Enter a new password.',
  passwordTooShort: 'The password must be at least 12 characters long.',
  passwordTooLong: 'The password must be at most 256 characters long.',
  passwordIsEmail: 'The password must not contain your email address.',
  passwordSameAsOld: 'The new password must be different from the initial password.',
  passwordConfirmationMissing: 'Repeat the new password.',
  passwordConfirmationMismatch: 'The two passwords do not match.',

  logoutButton: 'Log out',
  extendTitle: 'Extend your session',
  extendLead:
    'For your security you are logged out automatically after 30 minutes without activity and 12 hours after logging in at the latest.',
  extendActiveUntil: 'Without further activity your session ends at {time}.',
  extendButton: 'Stay logged in',
  extendDone: 'Your session has been extended.',
  timeoutTitle: 'You will be logged out soon',
  timeoutText:
    'You have not been active for almost 30 minutes. For your security you will be logged out in 2 minutes. Choose “Stay logged in” to continue.',
  timeoutFinalText:
    'Your session ends in 2 minutes, because after 12 hours you need to log in again. Save what you are working on now.',
  timeoutExpiredTitle: 'You have been logged out',
  timeoutExpiredText: 'Your session has expired. Log in again to continue.',
  timeoutLogin: 'Log in again',
  timeoutClose: 'Close',
};
