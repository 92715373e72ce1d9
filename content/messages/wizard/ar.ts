import type { PartialWizardCatalog } from './de.ts';

/** Arabic texts of the online application; missing keys fall back to German. */
export const wizardAr: PartialWizardCatalog = {
  // Start and self-check
  startTitle: 'تقديم طلب حالة صعبة عبر الإنترنت',
  startLead:
    'من خلال هذا الطلب الإلكتروني تطلب من لجنة الحالات الصعبة (Härtefallkommission) في ولاية شمال الراين وستفاليا النظر في حالتك. يمكنك تقديم الطلب لنفسك أو لعائلتك أو بصفتك وكيلًا مفوَّضًا أو وكيلة مفوَّضة.',
  startNeedTitle: 'ما الذي تحتاج إليه',
  startNeed1: 'الاسم وتاريخ الميلاد ومكان الميلاد والجنسية والعنوان لكل شخص يُقدَّم الطلب من أجله',
  startNeed2: 'شرح مفصَّل للأسباب باللغة الألمانية',
  startNeed3: 'نسخ من مستنداتك الثبوتية، مثلًا صورة بالهاتف المحمول أو ملف PDF',
  startSaveTitle: 'لن يضيع شيء',
  startSave:
    'تُحفَظ بياناتك في كل خطوة. ستحصل على رابط سري يمكنك به متابعة الطلب لاحقًا من أي جهاز. لا تحتاج إلى حساب مستخدم.',
  startNoFee: 'الطلب مجاني. ولا توجد مهلة محددة لتقديمه.',
  startNoProtection:
    'مهم: الطلب لا يحميك من الترحيل. لجنة الحالات الصعبة (Härtefallkommission) وحدها تقرر ما إذا كانت ستنظر في حالتك.',
  startButton: 'بدء الطلب',
  startSelfCheckLink: 'تحقَّق مسبقًا ودون أي التزام مما إذا كانت الشروط متوفرة',
  startResumeHint: 'هل بدأت بالفعل؟ افتح رابط المتابعة الذي حصلت عليه.',
  selfCheckTitle: 'فحص ذاتي غير ملزم',
  selfCheckLead:
    'تساعدك ثلاثة أسئلة على تقدير ما إذا كانت شروط إجراء الحالة الصعبة متوفرة. لا تُحفَظ الإجابات، ولا تمنعك من تقديم طلب.',
  selfCheckObliged:
    'هل أنت ملزَم بمغادرة ألمانيا إلزامًا واجب التنفيذ (vollziehbar ausreisepflichtig)، مثلًا مع وقف مؤقت للترحيل (Duldung)؟',
  selfCheckNrw: 'هل تسكن في ولاية شمال الراين وستفاليا؟',
  selfCheckPresent: 'هل أنت موجود حاليًا في ألمانيا؟',
  yes: 'نعم',
  no: 'لا',
  dontKnow: 'لا أعرف',
  selfCheckButton: 'عرض النتيجة',
  selfCheckResultTitle: 'نتيجة الفحص الذاتي',
  selfCheckAllYes:
    'بحسب إجاباتك، تتوفر الشروط الأساسية. واللجنة هي التي تقرر بنفسها ما إذا كانت ستنظر في حالتك.',
  selfCheckSomeNo:
    'بحسب إجاباتك، هناك شرط واحد على الأقل غير متوفر. وفي هذه الحالة لا تنظر اللجنة في الحالة عادةً. ومع ذلك يمكنك تقديم طلب؛ ومن الأفضل أن تطلب الاستشارة قبل ذلك، مثلًا لدى مركز لاستشارات اللاجئين.',
  selfCheckUnknown:
    'لم تتمكن من الإجابة عن بعض الأسئلة. يمكن لمركز استشارات أو لمحاميتك أو محاميك مساعدتك في توضيح ذلك.',
  selfCheckGroundsTitle: 'أسباب الاستبعاد',
  selfCheckGroundsLead:
    'حتى لو كانت الشروط متوفرة، لا تنظر اللجنة في الحالة، أو لا تنظر فيها عادةً، إذا توفر أحد الأسباب التالية:',
  selfCheckMandatory: 'أسباب استبعاد إلزامية',
  selfCheckAsARule: 'أسباب استبعاد في العادة (يجوز للجنة أن تخالف ذلك مع ذكر الأسباب)',
  selfCheckOnlyCommission:
    'هذا الفحص غير ملزم. لجنة الحالات الصعبة (Härtefallkommission) وحدها هي التي تقرر.',
  back: 'رجوع',

  // Draft frame
  draftNotFoundTitle: 'هذا الرابط غير صالح',
  draftNotFoundText:
    'لا يوجد طلب مرتبط بهذا الرابط. يرجى التأكد من أنك نسخت الرابط كاملًا. ويمكنك أيضًا بدء طلب جديد.',
  draftExpiredTitle: 'انتهت صلاحية هذه المسودة',
  draftExpiredText: 'تُحذَف المسودات بعد 180 يومًا من آخر تعديل. يرجى بدء طلب جديد.',
  noDraftTitle: 'لا يوجد طلب مفتوح',
  noDraftText: 'لا يوجد طلب مفتوح في هذا المتصفح. افتح رابط المتابعة الذي حصلت عليه، أو ابدأ طلبًا جديدًا.',
  conflictText:
    'تم تعديل الطلب في هذه الأثناء في نافذة أخرى أو على جهاز آخر. يرجى مراجعة البيانات ثم الحفظ مرة أخرى.',
  errorSummaryTitle: 'توجد مشكلة',
  errorPrefix: 'خطأ:',
  savedNotice: 'تم حفظ بياناتك.',
  saveAndContinue: 'حفظ ومتابعة',
  saveAndBack: 'حفظ والعودة إلى النظرة العامة',
  toTaskList: 'إلى النظرة العامة',
  germanNotice: 'يرجى كتابة جميع البيانات باللغة الألمانية. أما الصفحات فيمكنك قراءتها بلغتك.',

  // Task list
  tasksTitle: 'طلبك',
  tasksLead:
    'يمكنك تعبئة الأشخاص والتمثيل وأسباب الطلب بأي ترتيب تريده؛ وقائمة المستندات الثبوتية مبنية على هذه البيانات. يُحفَظ كل شيء فورًا.',
  tasksProgress: 'الأجزاء المكتملة: {done} من {total}',
  statusNotStarted: 'لم يبدأ بعد',
  statusInProgress: 'قيد التعبئة',
  statusCompleted: 'مكتمل',
  statusCannotStartYet: 'غير ممكن بعد',
  taskPersons: 'الأشخاص',
  taskPersonsHint: 'لمن يُقدَّم الطلب؟',
  taskRepresentative: 'التمثيل',
  taskRepresentativeHint: 'هل تقدّم الطلبَ محاميةٌ أو محامٍ أو مركزُ استشارات؟',
  taskReasons: 'أسباب الطلب',
  taskReasonsHint: 'أسئلة عن وضعك والشرح المفصَّل للأسباب',
  taskEvidence: 'المستندات الثبوتية',
  taskEvidenceHint: 'المستندات التي سترفقها – ممكن فقط بعد تعبئة الأشخاص والتمثيل والأسئلة',
  taskCheck: 'مراجعة البيانات وإرسال الطلب',
  resumeTitle: 'رابط المتابعة',
  resumeLead:
    'يمكنك بهذا الرابط متابعة الطلب من أي جهاز. احتفظ به في مكان آمن ولا تعطه لأحد: فكل من يعرفه يستطيع قراءة بياناتك.',
  resumeKeptUntil: 'تُحفَظ المسودة حتى {date}؛ وكل تعديل يمدِّد هذه المدة.',
  resumeEmailLabel: 'إرسال الرابط بالبريد الإلكتروني (اختياري)',
  resumeEmailHint: 'سنرسل الرابط إلى هذا العنوان. لا يُستخدَم العنوان إلا لهذا الغرض ولإرسال إشعار الاستلام.',
  resumeEmailButton: 'إرسال الرابط',
  resumeEmailSent: 'تم إرسال الرابط إلى عنوان بريدك الإلكتروني.',
  resumePrint: 'يمكنك أيضًا طباعة هذه الصفحة.',

  // Persons
  personsTitle: 'الأشخاص',
  personsLead:
    'اذكر جميع الأشخاص الذين يُقدَّم الطلب من أجلهم، مثلًا العائلة كلها. ابدأ بمقدِّمة الطلب الرئيسية أو مقدِّم الطلب الرئيسي.',
  personsNone: 'لم تتم إضافة أي شخص بعد.',
  personAdd: 'إضافة شخص',
  personAddFirst: 'إضافة الشخص الأول',
  personEdit: 'تعديل',
  personRemove: 'حذف',
  personIncomplete: 'البيانات غير مكتملة',
  personComplete: 'البيانات مكتملة',
  personTitleNew: 'بيانات الشخص',
  personRelation: 'ما صلة هذا الشخص بمقدِّمة الطلب الرئيسية أو مقدِّم الطلب الرئيسي؟',
  relation_main_applicant: 'مقدِّمة الطلب الرئيسية أو مقدِّم الطلب الرئيسي',
  relation_spouse: 'الزوجة أو الزوج',
  relation_partner: 'شريكة الحياة أو شريك الحياة',
  relation_child: 'ابن أو ابنة',
  relation_parent: 'الأم أو الأب',
  relation_sibling: 'الأخت أو الأخ',
  relation_other: 'صلة أخرى',
  familyName: 'اسم العائلة',
  familyNameHint: 'كما هو مكتوب في جواز السفر أو في وثيقة وقف الترحيل المؤقت (Duldung)',
  givenNames: 'الاسم الأول (أو الأسماء الأولى)',
  birthDate: 'تاريخ الميلاد',
  birthDateHint: 'مثلًا 27 3 1990. إذا كنت لا تعرف اليوم أو الشهر، فاترك ما لا تعرفه منهما فارغًا.',
  day: 'اليوم',
  month: 'الشهر',
  year: 'السنة',
  birthPlace: 'مكان الميلاد',
  birthPlaceHint: 'المدينة والبلد، مثلًا حلب، سوريا',
  nationality: 'الجنسية',
  nationalityHint: 'إذا لم تنطبق أي جنسية، فاختر «staatenlos» (عديم الجنسية) أو «ungeklärt» (غير محددة).',
  nationalityChoose: 'يرجى الاختيار',
  residenceStatus: 'وضع الإقامة',
  residence_tolerated_stay: 'وقف مؤقت للترحيل (Duldung)',
  residence_border_crossing_certificate: 'شهادة عبور الحدود (Grenzübertrittsbescheinigung)',
  residence_other: 'وضع آخر',
  residenceOther: 'ما هو هذا الوضع؟',
  entryDate: 'تاريخ الدخول إلى ألمانيا (إذا كان معروفًا)',
  entryDateHint: 'إذا كنت تعرف السنة فقط، فأدخل السنة فقط.',
  address: 'العنوان',
  addressSame: 'هل يسكن هذا الشخص في نفس عنوان مقدِّمة الطلب الرئيسية أو مقدِّم الطلب الرئيسي؟',
  careOf: 'اسم مكان السكن أو «لدى» (c/o)، إذا لزم الأمر',
  street: 'الشارع',
  houseNumber: 'رقم المنزل',
  postalCode: 'الرمز البريدي',
  place: 'المدينة أو البلدة',
  authorityFound: 'دائرة الأجانب (Ausländerbehörde) المختصة بحسب هذا العنوان: {authority} ({municipality})',
  authorityNotNrw:
    'لم نجد لهذا الرمز البريدي أي بلدية في ولاية شمال الراين وستفاليا. يرجى التحقق من الرمز البريدي. لجنة الحالات الصعبة (Härtefallkommission) في شمال الراين وستفاليا مختصة فقط إذا كنت تسكن في هذه الولاية.',

  // Representative
  representativeTitle: 'التمثيل',
  representativeKind: 'من يقدّم الطلب؟',
  rep_none: 'أقدّم الطلب بنفسي (أو لعائلتي)',
  rep_person: 'شخص مفوَّض، مثلًا محامية أو محامٍ',
  rep_organisation: 'مركز استشارات أو منظمة أخرى',
  repOrganisationName: 'اسم المنظمة',
  repContactPerson: 'الشخص المسؤول عن التواصل',
  repPhone: 'الهاتف (اختياري)',
  repEmail: 'عنوان البريد الإلكتروني',
  repEmailHint: 'سنرسل إشعار الاستلام إلى هذا العنوان.',
  repPowerOfAttorney: 'يرجى إرفاق توكيل موقَّع (Vollmacht) ضمن المستندات الثبوتية.',

  // Reasons
  reasonsQuestionsTitle: 'أسئلة عن وضعك',
  reasonsQuestionsLead: 'تبيِّن إجاباتك ما هي المستندات الثبوتية المفيدة.',
  illnessQuestion: 'هل يعاني أحد الأشخاص من مرض خطير؟',
  illnessPersons: 'من هو المريض؟',
  doctorsFor: 'الطبيبات أو الأطباء أو العيادات الذين يمكنهم إثبات مرض {name}',
  doctorsHint:
    'نحتاج لكل طبيبة أو طبيب أو عيادة إلى تقرير طبي وإلى إذن برفع السرية الطبية (Schweigepflichtentbindung).',
  doctorName: 'اسم الطبيبة أو الطبيب أو العيادة رقم {n}',
  educationQuestion: 'هل يذهب {name} إلى مدرسة أو إلى روضة أطفال؟',
  edu_school: 'مدرسة',
  edu_kindergarten: 'روضة أطفال',
  edu_none: 'لا هذا ولا ذاك',
  employmentQuestion: 'هل يعمل أحد الأشخاص أو لديه فرصة عمل متوقعة؟',
  languageQuestion: 'هل لدى أحد الأشخاص شهادة تثبت معرفته باللغة الألمانية؟',
  volunteeringQuestion: 'هل يقوم أحد الأشخاص بعمل تطوعي، أو ينشط في نادٍ أو جمعية أو في جماعة دينية أو محلية؟',
  whichPersons: 'أيّ الأشخاص؟',
  criminalQuestion: 'هل توجد أو وُجدت تحقيقات جنائية أو أحكام إدانة ضد أحد الأشخاص؟',
  criminalHint: 'تُعامَل هذه المعلومة بسرية. إخفاؤها قد يضر بالطلب.',
  deportationQuestion: 'هل هناك موعد معروف للترحيل؟',
  deportationDate: 'موعد الترحيل',
  reasonsTextsTitle: 'أسباب الطلب',
  reasonsTextsLead:
    'اشرح بالتفصيل لماذا ترغب في البقاء في ألمانيا. يرجى الكتابة باللغة الألمانية. يُحفَظ النص تلقائيًا أثناء كتابتك، والأزرار الموجودة تحت الحقول تحفظه كذلك.',
  charactersLeft: 'الأحرف المتبقية: {n}',
  autosaved: 'تم الحفظ تلقائيًا',
  autosaveFailed: 'لم يتم الحفظ بعد – يرجى التحقق من الاتصال بالإنترنت أو الحفظ باستخدام الزر.',
  hint_lifeStory:
    'مثلًا: المحطات المهمة في الحياة منذ الولادة، ومتى وكيف كان الدخول إلى ألمانيا، ووضع الإقامة لكل شخص، وظروف السكن والمعيشة اليوم.',
  hint_familyTies:
    'مثلًا: الأقارب في ألمانيا (مع وضع إقامتهم)، والأطفال الذين نشؤوا هنا، والأقارب في بلد المنشأ وما إذا كان هناك تواصل معهم.',
  hint_integration:
    'مثلًا: معرفة اللغة الألمانية، والمدرسة والتدريب المهني، والعمل والدخل، والعمل التطوعي، والنادي، والكنيسة أو المسجد، والصداقات.',
  hint_humanitarianReasons:
    'مثلًا: المرض والعلاج غير الممكن في بلد المنشأ، والمخاطر عند العودة، والوضع الخاص للأطفال.',
  reasonsQuestionsLink: 'أسئلة عن وضعك',
  reasonsTextsLink: 'الشرح المفصَّل للأسباب',
  reasonsOverview: 'تتكون أسباب الطلب من جزأين:',

  // Evidence
  evidenceTitle: 'المستندات الثبوتية',
  evidenceLead:
    'هذه القائمة مبنية على بياناتك. حدِّد لكل مستند ما إذا كان متوفرًا، أو سيُرسَل لاحقًا، أو غير موجود. ارفع المستندات المتوفرة (ملف PDF أو صورة).',
  evidenceCannotStart: 'يرجى أولًا تعبئة الأشخاص والتمثيل والأسئلة عن وضعك.',
  ev_provided: 'متوفر (ارفع الملف)',
  ev_to_follow: 'سيُرسَل لاحقًا',
  ev_not_available: 'غير موجود',
  evNotAvailableReason: 'لماذا هو غير موجود؟',
  evRequired: 'مطلوب',
  evOptional: 'اختياري',
  evFiles: 'الملفات المرفوعة',
  evNoFiles: 'لم يتم رفع أي ملف بعد.',
  evUploadLabel: 'اختيار ملف',
  evUploadButton: 'رفع',
  evUploadHint:
    'ملف PDF أو صورة (JPEG، PNG)، بحد أقصى {mb} ميغابايت لكل ملف. الصور من هاتف iPhone تُرفَع بصيغة JPEG عند اختيارها.',
  evRemoveFile: 'حذف الملف',
  evSpecial: 'معلومة ذات حماية خاصة: لا تراها إلا الجهات التي تحتاج إليها.',
  evForm: 'تنزيل النموذج (PDF، معبأ مسبقًا وجاهز للتوقيع)',
  evFlagged:
    'ملاحظة: يحتوي هذا الملف على محتوى نشِط (مثلًا برامج نصية). لذلك لا يراه مكتب لجنة الحالات الصعبة (Härtefallkommission) إلا كصورة؛ أما ملفك نفسه فيبقى دون تغيير.',

  // Check answers and submit
  checkTitle: 'مراجعة البيانات وإرسال الطلب',
  checkLead: 'يرجى مراجعة بياناتك. ما زال بإمكانك تعديل أي جزء.',
  checkChange: 'تعديل',
  checkMissingTitle: 'الطلب غير مكتمل بعد',
  checkDeclarationTitle: 'إقرار',
  checkDeclaration:
    'بإرسال الطلب أُقِرّ بأن البيانات صحيحة وكاملة على حد علمي، وبأن جميع الأشخاص مذكورون بأسمائهم الحقيقية.',
  checkSubmit: 'إرسال الطلب بشكل نهائي وملزم',
  checkRepresentativeNone: 'لا يوجد تمثيل',
  checkDocuments: 'عدد الملفات: {n}',
  checkNoAnswer: 'لا توجد إجابة',

  // Status after submitting
  statusTitle: 'حالة طلبك',
  stageHeading: 'المرحلة التي وصل إليها طلبك',
  stage_in_review:
    'تم استلام الطلب. يتحقق مكتب لجنة الحالات الصعبة (Härtefallkommission) مما إذا كانت اللجنة ستنظر في الحالة.',
  stage_not_taken_up:
    'لن تنظر لجنة الحالات الصعبة (Härtefallkommission) في الحالة. ستصلك بذلك رسالة مكتوبة، أو ربما وصلتك بالفعل.',
  stage_preparing:
    'تنظر لجنة الحالات الصعبة (Härtefallkommission) في الحالة. يُطلَب من دائرة الأجانب (Ausländerbehörde) تقديم رأيها مكتوبًا، وتُحضَّر الحالة لعرضها في إحدى جلسات اللجنة.',
  stage_adjourned:
    'ما زالت لجنة الحالات الصعبة (Härtefallkommission) تنظر في الحالة. وتُحضَّر الحالة لعرضها في جلسة أخرى من جلسات اللجنة.',
  stage_session: 'الحالة مدرجة على جدول أعمال إحدى جلسات لجنة الحالات الصعبة (Härtefallkommission).',
  stage_deliberated:
    'ناقشت لجنة الحالات الصعبة (Härtefallkommission) الحالة. ستصلك رسالة مكتوبة بمجرد اكتمال الإجراء.',
  stage_closed: 'اكتمل الإجراء. ستُبلغك دائرة الأجانب (Ausländerbehörde) بالنتيجة؛ يرجى التواصل معها.',
  stage_withdrawn: 'لقد سحبتَ الطلب. وبذلك انتهى الإجراء.',
  stage_settled_otherwise: 'انتهى الإجراء لأن الأمر حُسِم بطريقة أخرى.',
  laterLink: 'إرسال مستندات إضافية',
  requestsTitle: 'يطلب مكتب لجنة الحالات الصعبة مستندات',
  requestDue: 'يرجى الإرسال حتى {date}',
  laterTitle: 'إرسال مستندات إضافية',
  laterLead:
    'يمكنك في أي وقت تقديم مستندات ثبوتية إضافية ما دام الإجراء جاريًا. تُضاف الملفات مباشرةً إلى ملف طلبك، ويراها مكتب لجنة الحالات الصعبة (Härtefallkommission) فورًا.',
  withdrawLink: 'سحب الطلب',
  withdrawTitle: 'سحب الطلب',
  withdrawText:
    'إذا سحبتَ الطلب، ينتهي الإجراء. ولن تنظر لجنة الحالات الصعبة (Härtefallkommission) في الحالة بعد ذلك. ويمكنك تقديم طلب جديد لاحقًا.',
  withdrawNote: 'ملاحظة (اختياري)',
  withdrawConfirm: 'نعم، أريد سحب الطلب',
  withdrawCancel: 'لا، رجوع',
  withdrawDone: 'تم سحب الطلب.',

  // Confirmation
  confirmationTitle: 'تم استلام الطلب',
  confirmationCaseNumber: 'رقم ملفك (Aktenzeichen)',
  confirmationText: 'لقد استلمنا طلبك. يرجى تدوين رقم الملف وذكره في كل استفسار.',
  confirmationReceipt: 'تنزيل إشعار الاستلام (PDF)',
  confirmationReceiptPending: 'يجري الآن إعداد إشعار الاستلام. أعد تحميل هذه الصفحة بعد لحظات لتنزيله.',
  confirmationMailed: 'سيُرسَل إشعار الاستلام أيضًا بالبريد الإلكتروني.',
  confirmationNextTitle: 'ما الخطوات التالية',
  confirmationNext1:
    'يراجع مكتب لجنة الحالات الصعبة (Härtefallkommission) الطلب ويُبلغ دائرة الأجانب (Ausländerbehörde) المختصة.',
  confirmationNext2: 'إذا كانت هناك مستندات ناقصة، فسنتواصل معك.',
  confirmationNext3: 'الطلب لا يحميك من الترحيل.',
};
