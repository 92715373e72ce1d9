import type { Catalog } from './de.ts';

/** English UI texts. What is filed and every letter stay German. */
export const en = {
  serviceName: 'Hardship procedure NRW',
  serviceOwner: 'Hardship Commission of the State of North Rhine-Westphalia',
  skipLink: 'Skip to content',
  languageNav: 'Choose language',
  footerNav: 'Service and legal information',
  accessibility: 'Accessibility statement',
  feedback: 'Report a barrier',
  privacy: 'Data protection',
  imprint: 'Legal notice',
  officialSite: 'A service of the State of North Rhine-Westphalia',
  germanIsBinding: 'The application must be made in German. Only the German version is binding.',
  errorNotFoundTitle: 'Page not found',
  errorNotFoundText:
    'The address is wrong or the page no longer exists. Check the address or go to the start page.',
  errorBadRequestTitle: 'The request could not be processed',
  errorBadRequestText: 'The information sent was incomplete or invalid. Please go back and try again.',
  errorForbiddenTitle: 'Request refused',
  errorForbiddenText:
    'This request did not come from our site and was refused for your protection. Reload the page and try again.',
  errorTooManyTitle: 'Too many requests',
  errorTooManyText: 'Please wait a moment and then try again.',
  errorServerTitle: 'A technical error occurred',
  errorServerText: 'What you have entered so far is not lost. Please try again in a few minutes.',
  errorReference: 'Error reference for enquiries',
  backToStart: 'Go to the start page',
  accessibilityTitle: 'Accessibility statement',
  accessibilityIntro:
    'The Hardship Commission of North Rhine-Westphalia aims to make this service accessible in accordance with the accessibility regulation of North Rhine-Westphalia (BITV NRW).',
  accessibilityStatusTitle: 'Compliance status',
  accessibilityStatus:
    'This service is under construction. Every page is tested automatically against WCAG 2.1 levels A and AA. An expert audit is still pending; until then the service is partially compliant.',
  accessibilityFeedbackTitle: 'Feedback and contact',
  accessibilityFeedback: 'Have you noticed barriers? Write to the office. We will answer within six weeks.',
  accessibilityEnforcementTitle: 'Enforcement procedure',
  accessibilityEnforcement:
    'If you do not receive a satisfactory answer, you can contact the ombudsperson for accessible information technology of North Rhine-Westphalia.',
  contactPending: 'The contact address of the office will be added before the service goes live.',
  privacyTitle: 'Data protection',
  privacyText:
    'Your information is processed only for the hardship procedure, stored encrypted and deleted when the retention periods end. The full privacy notice will be added before the service goes live.',
  imprintTitle: 'Legal notice',
  imprintText:
    'Ministry for Children, Youth, Family, Equality, Refugees and Integration of the State of North Rhine-Westphalia – Office of the Hardship Commission. The full details will be added before the service goes live.',
} as const satisfies Catalog;
