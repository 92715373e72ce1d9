import type { ThreadCatalog } from './de.ts';

/** Arabic texts of the message thread on the status page (right to left). */
export const threadAr: ThreadCatalog = {
  title: 'الرسائل',
  lead: 'يمكنك هنا الكتابة إلى مكتب لجنة الحالات الصعبة (Geschäftsstelle)، مثلًا لطرح سؤال أو لإضافة معلومة. يظهر الرد في هذه الصفحة؛ وإذا كنت قد أدخلت عنوان بريد إلكتروني، فستتلقى إشعارًا بالبريد الإلكتروني.',
  empty: 'لا توجد رسائل بعد.',
  fromYou: 'أنت',
  fromOffice: 'المكتب (Geschäftsstelle)',
  wroteOn: 'بتاريخ {date}',
  unreadTag: 'جديد',
  unreadBannerTitle: 'رسالة جديدة من المكتب',
  unreadBannerLink: 'الانتقال إلى الرسائل',
  label: 'رسالتك',
  hint: 'يمكنك الكتابة بأي لغة. الحد الأقصى 5000 حرف. يرجى إرسال المستندات عبر «إرسال مستندات إضافية».',
  send: 'إرسال الرسالة',
  sent: 'تم إرسال رسالتك.',
  closedNote: 'انتهى الإجراء. لم يعد من الممكن إرسال رسائل جديدة عبر هذه الصفحة.',
  error_empty: 'يرجى كتابة رسالة.',
  error_too_long: 'الرسالة طويلة جدًا. يرجى اختصارها إلى 5000 حرف كحد أقصى.',
  error_broken: 'تحتوي الرسالة على أحرف غير مقروءة. يرجى إدخال النص مرة أخرى.',
  error_closed: 'انتهى الإجراء. لم تُرسَل الرسالة.',
  error_too_many: 'لم يقرأ المكتب رسائلك السابقة بعد. يرجى الانتظار حتى يقرأها، ثم الكتابة مرة أخرى.',
};
