/**
 * The mail that invites members and deputies to a session. It carries the date and a link, nothing
 * else: no case, no name, no place (mails travel further than the portal).
 */
import { MAIL_SIGNATURE } from './de.ts';

export function sessionInvitationMail(input: { when: string; link: string }) {
  return {
    subject: 'Einladung zur Sitzung der Härtefallkommission',
    text: [
      'Guten Tag,',
      '',
      `die Geschäftsstelle lädt Sie zur Sitzung der Härtefallkommission am ${input.when} ein.`,
      '',
      `Die Einzelheiten finden Sie nach der Anmeldung hier: ${input.link}`,
      MAIL_SIGNATURE,
    ].join('\n'),
  };
}
