/**
 * Messages between the applicant (or representative) and the office: one thread per case, plain
 * text. The applicant may write in any language (it is their text); the office writes German.
 */
import { z } from 'zod';
import { hasLoneSurrogate, normaliseLongText } from '../application/text.ts';
import type { Role } from '../case/actors.ts';

export const MESSAGE_DIRECTIONS = ['from_applicant', 'from_office'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/** Longest message in characters (Unicode code points after normalisation). */
export const MESSAGE_MAX_LENGTH = 5000;

/**
 * How many messages of the applicant may wait unread by the office: enough for any real need, and a
 * stop to floods (a script with the secret link) that would bury the office's list.
 */
export const MAX_UNREAD_FROM_APPLICANT = 20;

/** Why a message body was refused; the web layer words it in the page's language. */
export type MessageBodyError = 'empty' | 'too_long' | 'broken';

const length = (s: string) => [...s].length;

/**
 * The body as it is stored: line breaks unified, controls and disguising characters removed, ends
 * trimmed, NFC; the zod issue's message is the error code.
 */
export const messageBodySchema = z
  .string()
  .refine((raw) => !hasLoneSurrogate(raw) && !raw.includes('\uFFFD'), { message: 'broken', abort: true })
  .transform(normaliseLongText)
  .refine((s) => s !== '', { message: 'empty', abort: true })
  .refine((s) => length(s) <= MESSAGE_MAX_LENGTH, { message: 'too_long' });

export function parseMessageBody(
  raw: unknown,
): { ok: true; value: string } | { ok: false; error: MessageBodyError } {
  const parsed = messageBodySchema.safeParse(typeof raw === 'string' ? raw : '');
  if (parsed.success) return { ok: true, value: parsed.data };
  const code = parsed.error.issues[0]?.message;
  return { ok: false, error: code === 'too_long' || code === 'broken' ? code : 'empty' };
}

/** The direction a role writes in, or null if the role takes no part in the thread. */
export function directionOf(role: Role): MessageDirection | null {
  if (role === 'applicant' || role === 'representative') return 'from_applicant';
  if (role === 'office_clerk' || role === 'office_head') return 'from_office';
  return null;
}

/** The direction a side reads (and marks read): the other side's messages. */
export function incomingFor(side: MessageDirection): MessageDirection {
  return side === 'from_applicant' ? 'from_office' : 'from_applicant';
}
