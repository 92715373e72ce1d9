import type { ThreadCatalog } from './de.ts';

/** English texts of the message thread on the status page. */
export const threadEn: ThreadCatalog = {
  title: 'Messages',
  lead: 'Here you can write to the office of the Hardship Commission (Geschäftsstelle), for example to ask a question or to add something. The answer appears on this page; if you gave an email address, you will get a notice by email.',
  empty: 'No messages yet.',
  fromYou: 'You',
  fromOffice: 'Office (Geschäftsstelle)',
  wroteOn: 'on {date}',
  unreadTag: 'new',
  unreadBannerTitle: 'New message from the office',
  unreadBannerLink: 'Go to the messages',
  label: 'Your message',
  hint: 'You can write in any language. At most 5,000 characters. Please send documents through “Send further documents”.',
  send: 'Send message',
  sent: 'Your message has been sent.',
  closedNote: 'The procedure has ended. New messages can no longer be sent through this page.',
  error_empty: 'Please write a message.',
  error_too_long: 'The message is too long. Please shorten it to at most 5,000 characters.',
  error_broken: 'The message contains unreadable characters. Please enter the text again.',
  error_closed: 'The procedure has ended. The message was not sent.',
  error_too_many:
    'The office has not yet read your earlier messages. Please wait until it has read them, then write again.',
};
