import type { PartialWizardCatalog } from './de.ts';

/** English texts of the online application; missing keys fall back to German. */
export const wizardEn: PartialWizardCatalog = {
  // Start and self-check
  startTitle: 'Make a hardship application online',
  startLead:
    'With this online application you ask the Hardship Commission (Härtefallkommission) of the State of North Rhine-Westphalia to consider your case. You can apply for yourself, for your family or as an authorised representative.',
  startNeedTitle: 'What you need',
  startNeed1:
    'Name, date of birth, place of birth, nationality and address of every person the application is for',
  startNeed2: 'a detailed statement of your reasons, written in German',
  startNeed3: 'copies of your supporting documents, for example as a photo taken with your phone or as a PDF',
  startSaveTitle: 'Nothing gets lost',
  startSave:
    'Your information is saved at every step. You will get a secret link that lets you continue the application later on any device. You do not need a user account.',
  startNoFee: 'The application is free of charge. There is no deadline.',
  startNoProtection:
    'Important: the application does not protect you from deportation. Only the Hardship Commission decides whether it will consider your case.',
  startButton: 'Start the application',
  startSelfCheckLink: 'First check, without any obligation, whether the requirements are met',
  startResumeHint: 'Have you already started? Open the link to continue that you received.',
  selfCheckTitle: 'Non-binding self-check',
  selfCheckLead:
    'Three questions help you judge whether the requirements for a hardship procedure are met. Your answers are not saved and do not stop you from making an application.',
  selfCheckObliged:
    'Are you required to leave Germany, with that obligation being enforceable (vollziehbar ausreisepflichtig), for example with a tolerated stay (Duldung)?',
  selfCheckNrw: 'Do you live in North Rhine-Westphalia?',
  selfCheckPresent: 'Are you in Germany at the moment?',
  yes: 'Yes',
  no: 'No',
  dontKnow: 'I don’t know',
  selfCheckButton: 'Show the result',
  selfCheckResultTitle: 'Result of the self-check',
  selfCheckAllYes:
    'Based on your answers, the basic requirements are met. The Commission itself decides whether it will consider your case.',
  selfCheckSomeNo:
    'Based on your answers, at least one requirement is not met. In that case the Commission will usually not consider the case. You can still make an application; it is best to get advice first, for example from a refugee counselling service.',
  selfCheckUnknown:
    'You could not answer some of the questions. A counselling service or your lawyer can help you find out.',
  selfCheckGroundsTitle: 'Grounds for exclusion',
  selfCheckGroundsLead:
    'Even if the requirements are met, the Commission will not consider a case, or will usually not consider it, if one of these grounds applies:',
  selfCheckMandatory: 'Mandatory grounds for exclusion',
  selfCheckAsARule:
    'Grounds for exclusion as a rule (the Commission can make an exception if it gives reasons)',
  selfCheckOnlyCommission:
    'This check is not binding. Only the Hardship Commission (Härtefallkommission) decides.',
  back: 'Back',

  // Draft frame
  draftNotFoundTitle: 'This link is not valid',
  draftNotFoundText:
    'There is no application for this link. Please check that you copied the whole link. You can also start a new application.',
  draftExpiredTitle: 'This draft has expired',
  draftExpiredText: 'Drafts are deleted 180 days after the last change. Please start a new application.',
  noDraftTitle: 'No application is open',
  noDraftText:
    'No application is open in this browser. Open the link to continue that you received, or start a new application.',
  conflictText:
    'In the meantime the application was changed in another window or on another device. Please check the information and save again.',
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error:',
  savedNotice: 'Your information has been saved.',
  saveAndContinue: 'Save and continue',
  saveAndBack: 'Save and go to the overview',
  toTaskList: 'Go to the overview',
  germanNotice: 'Please write all your entries in German. You can read the pages in your language.',

  // Task list
  tasksTitle: 'Your application',
  tasksLead:
    'You can fill in people, representative and reasons in any order; the list of supporting documents is based on this information. Everything is saved straight away.',
  tasksProgress: 'Completed: {done} of {total} parts',
  statusNotStarted: 'Not started',
  statusInProgress: 'In progress',
  statusCompleted: 'Completed',
  statusCannotStartYet: 'Cannot start yet',
  taskPersons: 'People',
  taskPersonsHint: 'Who is the application for?',
  taskRepresentative: 'Representative',
  taskRepresentativeHint: 'Is a lawyer or a counselling service making the application?',
  taskReasons: 'Reasons',
  taskReasonsHint: 'Questions about your situation and the detailed statement of reasons',
  taskEvidence: 'Supporting documents',
  taskEvidenceHint:
    'Which documents you attach – only possible once people, representative and questions are filled in',
  taskCheck: 'Check your answers and send',
  resumeTitle: 'Link to continue',
  resumeLead:
    'With this link you can continue the application on any device. Keep it safe and do not give it to anyone: whoever has it can read your information.',
  resumeKeptUntil: 'The draft is kept until {date}; every change extends this period.',
  resumeEmailLabel: 'Send the link by email (optional)',
  resumeEmailHint:
    'We will send the link to this address. The address is used only for this and for the confirmation of receipt.',
  resumeEmailButton: 'Send the link',
  resumeEmailSent: 'The link has been sent to your email address.',
  resumePrint: 'You can also print this page.',

  // Persons
  personsTitle: 'People',
  personsLead:
    'List all the people the application is for, for example the whole family. Start with the main applicant.',
  personsNone: 'No one has been added yet.',
  personAdd: 'Add a person',
  personAddFirst: 'Add the first person',
  personEdit: 'Change',
  personRemove: 'Remove',
  personIncomplete: 'Information incomplete',
  personComplete: 'Information complete',
  personTitleNew: 'Details of the person',
  personRelation: 'How is this person related to the main applicant?',
  relation_main_applicant: 'Main applicant',
  relation_spouse: 'Wife or husband',
  relation_partner: 'Partner',
  relation_child: 'Child',
  relation_parent: 'Mother or father',
  relation_sibling: 'Sister or brother',
  relation_other: 'Other relationship',
  familyName: 'Family name',
  familyNameHint: 'As written in the passport or in the tolerated stay document (Duldung)',
  givenNames: 'First names',
  birthDate: 'Date of birth',
  birthDateHint: 'For example 27 3 1990. If you do not know the day or the month, leave those fields empty.',
  day: 'Day',
  month: 'Month',
  year: 'Year',
  birthPlace: 'Place of birth',
  birthPlaceHint: 'Town and country, for example Aleppo, Syria',
  nationality: 'Nationality',
  nationalityHint: 'If none applies, choose “staatenlos” (stateless) or “ungeklärt” (undetermined).',
  nationalityChoose: 'Please choose',
  residenceStatus: 'Residence status',
  residence_tolerated_stay: 'Tolerated stay (Duldung)',
  residence_border_crossing_certificate: 'Border crossing certificate (Grenzübertrittsbescheinigung)',
  residence_other: 'Other status',
  residenceOther: 'Which status?',
  entryDate: 'Date of entry into Germany (if known)',
  entryDateHint: 'If you only know the year, enter only the year.',
  address: 'Address',
  addressSame: 'Does this person live at the same address as the main applicant?',
  careOf: 'Accommodation or “care of” (c/o), if needed',
  street: 'Street',
  houseNumber: 'House number',
  postalCode: 'Postcode',
  place: 'Town or city',
  authorityFound:
    'Responsible immigration office (Ausländerbehörde) for this address: {authority} ({municipality})',
  authorityNotNrw:
    'We could not find a municipality in North Rhine-Westphalia for this postcode. Please check the postcode. The Hardship Commission (Härtefallkommission) NRW is only responsible if you live in NRW.',

  // Representative
  representativeTitle: 'Representative',
  representativeKind: 'Who is making the application?',
  rep_none: 'I am making the application myself (or for my family)',
  rep_person: 'An authorised person, for example a lawyer',
  rep_organisation: 'A counselling service or another organisation',
  repOrganisationName: 'Name of the organisation',
  repContactPerson: 'Contact person',
  repPhone: 'Phone (optional)',
  repEmail: 'Email address',
  repEmailHint: 'We will send the confirmation of receipt to this address.',
  repPowerOfAttorney: 'Please add a signed power of attorney (Vollmacht) to the supporting documents.',

  // Reasons
  reasonsQuestionsTitle: 'Questions about your situation',
  reasonsQuestionsLead: 'Your answers show which supporting documents will be helpful.',
  illnessQuestion: 'Is any of the people seriously ill?',
  illnessPersons: 'Who is ill?',
  doctorsFor: 'Doctors or medical practices that can confirm the illness of {name}',
  doctorsHint:
    'For each doctor or practice we need a medical report and a release from medical confidentiality (Schweigepflichtentbindung).',
  doctorName: 'Name of doctor or practice {n}',
  educationQuestion: 'Does {name} go to a school or a kindergarten?',
  edu_school: 'School',
  edu_kindergarten: 'Kindergarten',
  edu_none: 'Neither',
  employmentQuestion: 'Does any of the people work or have the prospect of a job?',
  languageQuestion: 'Does any of the people have a certificate of German language skills?',
  volunteeringQuestion:
    'Does any of the people do voluntary work or take part in a club or in a religious or local community?',
  whichPersons: 'Which people?',
  criminalQuestion:
    'Is there, or has there been, a criminal investigation or a conviction against any of the people?',
  criminalHint: 'This information is treated confidentially. Leaving it out can harm the application.',
  deportationQuestion: 'Is a date for the deportation known?',
  deportationDate: 'Date of the deportation',
  reasonsTextsTitle: 'Reasons',
  reasonsTextsLead:
    'Describe in detail why you would like to stay in Germany. Please write in German. Your text is saved automatically while you write; the buttons below the fields also save it.',
  charactersLeft: '{n} characters left',
  autosaved: 'Saved automatically',
  autosaveFailed: 'Not saved yet – please check your connection or save using the button.',
  hint_lifeStory:
    'For example: important stages of your life since birth, when and how you came to Germany, the residence status of each person, your housing and living situation today.',
  hint_familyTies:
    'For example: relatives in Germany (with their residence status), children who have grown up here, relatives in the country of origin and whether you are in contact with them.',
  hint_integration:
    'For example: knowledge of German, school and vocational training, work and income, voluntary work, clubs, church or mosque, friendships.',
  hint_humanitarianReasons:
    'For example: an illness and treatment that is not possible in the country of origin, dangers on return, the special situation of children.',
  reasonsQuestionsLink: 'Questions about your situation',
  reasonsTextsLink: 'Detailed statement of reasons',
  reasonsOverview: 'The reasons have two parts:',

  // Evidence
  evidenceTitle: 'Supporting documents',
  evidenceLead:
    'This list is based on your answers. For each document, say whether you have it, will send it later or do not have it. Upload the documents you have (PDF or photo).',
  evidenceCannotStart: 'Please first fill in people, representative and the questions about your situation.',
  ev_provided: 'I have it (upload it)',
  ev_to_follow: 'Will be sent later',
  ev_not_available: 'Not available',
  evNotAvailableReason: 'Why not?',
  evRequired: 'required',
  evOptional: 'optional',
  evFiles: 'Uploaded files',
  evNoFiles: 'No file uploaded yet.',
  evUploadLabel: 'Choose a file',
  evUploadButton: 'Upload',
  evUploadHint:
    'PDF or photo (JPEG, PNG), no more than {mb} MB per file. Photos from an iPhone are sent as JPEG when you choose them.',
  evRemoveFile: 'Remove file',
  evSpecial: 'Specially protected information: visible only to the offices that need it.',
  evForm: 'Download the form (PDF, already filled in for you to sign)',
  evFlagged:
    'Note: this file contains active content (for example scripts). For this reason the office of the Hardship Commission sees it only as an image; your file itself stays unchanged.',

  // Check answers and submit
  checkTitle: 'Check your answers and send',
  checkLead: 'Please check your information. You can still change any part.',
  checkChange: 'Change',
  checkMissingTitle: 'The application is not complete yet',
  checkDeclarationTitle: 'Declaration',
  checkDeclaration:
    'By sending the application I declare that, to the best of my knowledge, the information is correct and complete, and that every person is listed under their real name.',
  checkSubmit: 'Send the application (binding)',
  checkRepresentativeNone: 'No representative',
  checkDocuments: '{n} file(s)',
  checkNoAnswer: 'No answer given',

  // Status after submitting
  statusTitle: 'Status of your application',
  stageHeading: 'Where your application stands',
  stage_in_review:
    'Received. The office of the Hardship Commission (Härtefallkommission) is checking whether the Commission will consider the case.',
  stage_not_taken_up:
    'The Hardship Commission (Härtefallkommission) will not consider the case. You will receive a written notice about this, or you have already received one.',
  stage_preparing:
    'The Hardship Commission (Härtefallkommission) is considering the case. The immigration office (Ausländerbehörde) is being asked for its written opinion, and the case is being prepared for a meeting of the Commission.',
  stage_adjourned:
    'The Hardship Commission (Härtefallkommission) is still considering the case. It is being prepared for a further meeting of the Commission.',
  stage_session: 'The case is on the agenda of a meeting of the Hardship Commission (Härtefallkommission).',
  stage_deliberated:
    'The Hardship Commission (Härtefallkommission) has discussed the case. You will receive a written notice as soon as the procedure is completed.',
  stage_closed:
    'The procedure is completed. The immigration office (Ausländerbehörde) will inform you of the result; please contact the immigration office about it.',
  stage_withdrawn: 'You have withdrawn the application. The procedure has ended.',
  stage_settled_otherwise: 'The procedure has ended because the matter was settled in another way.',
  laterLink: 'Send further documents',
  requestsTitle: 'The office of the Hardship Commission is asking for documents',
  requestDue: 'please send by {date}',
  laterTitle: 'Send further documents',
  laterLead:
    'You can send further supporting documents at any time while the procedure is running. The files go straight into your case file; the office of the Hardship Commission (Härtefallkommission) sees them immediately.',
  withdrawLink: 'Withdraw the application',
  withdrawTitle: 'Withdraw the application',
  withdrawText:
    'If you withdraw the application, the procedure ends. The Hardship Commission (Härtefallkommission) will then no longer consider the case. You can make a new application later.',
  withdrawNote: 'Comment (optional)',
  withdrawConfirm: 'Yes, withdraw the application',
  withdrawCancel: 'No, go back',
  withdrawDone: 'The application has been withdrawn.',

  // Confirmation
  confirmationTitle: 'Application received',
  confirmationCaseNumber: 'Your case number (Aktenzeichen)',
  confirmationText:
    'We have received your application. Please write down the case number and give it whenever you contact us.',
  confirmationReceipt: 'Download the confirmation of receipt (PDF)',
  confirmationReceiptPending:
    'The confirmation of receipt is being created. Reload this page in a moment to download it.',
  confirmationMailed: 'The confirmation of receipt will also be sent by email.',
  confirmationNextTitle: 'What happens next',
  confirmationNext1:
    'The office of the Hardship Commission checks the application and informs the responsible immigration office (Ausländerbehörde).',
  confirmationNext2: 'If documents are missing, we will contact you.',
  confirmationNext3: 'The application does not protect you from deportation.',
};
