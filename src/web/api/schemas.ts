/**
 * The zod schemas of the JSON API: what the routes validate their input with and what their answers
 * look like. The OpenAPI document is generated from exactly these (see openapi.ts); the contract
 * test checks real answers against the document.
 */
import { z } from 'zod';
import { apiErrorTexts as e } from '../../../content/messages/api/de.ts';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CASE_NUMBER = /^HFK-\d{4}-\d{5,}$/;

/** A case: its random id or its case number, as the pages' links and letters use them. */
export const caseRef = z
  .string({ error: e.caseRef })
  .max(64, e.caseRef)
  .refine((v) => ID.test(v) || CASE_NUMBER.test(v), e.caseRef)
  .meta({ description: 'Fallkennung (UUID) oder Fallnummer (HFK-JJJJ-NNNNN)', example: 'HFK-2026-00042' });

export const caseParams = z.object({ caseRef }).strict();

export const documentParams = z
  .object({
    caseRef,
    documentId: z
      .string({ error: e.documentId })
      .regex(ID, e.documentId)
      .meta({ description: 'Dokumentkennung' }),
  })
  .strict();

export const caseListQuery = z
  .object({
    limit: z.coerce
      .number({ error: e.limit })
      .int(e.limit)
      .min(1, e.limit)
      .max(500, e.limit)
      .default(100)
      .meta({ description: 'Höchstens so viele Fälle (1–500, Vorgabe 100)' }),
  })
  .strict();

export const messageBody = z
  .object({
    text: z
      .string({ error: e.text })
      .max(20_000, e.text)
      .meta({ description: 'Der Text der Nachricht (höchstens 5.000 Zeichen)' }),
  })
  .strict();

const instant = z.string().meta({ format: 'date-time', description: 'Zeitpunkt (ISO 8601, UTC)' });

const state = z
  .object({
    code: z.string().meta({
      description:
        'Maschinenlesbarer Stand: der Verfahrensstand für Geschäftsstelle und Ausländerbehörde, die Stufe der Antragstellenden für Vertretungen',
    }),
    text: z.string().meta({ description: 'Der Stand in Worten' }),
  })
  .strict();

export const caseRow = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    state,
    receivedAt: instant,
    personNames: z.array(z.string()),
  })
  .strict();

export const caseList = z.object({ cases: z.array(caseRow) }).strict();

export const caseDetail = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    state,
    receivedAt: instant,
    persons: z.array(
      z
        .object({
          givenNames: z.string(),
          familyName: z.string(),
          birthDate: z.string().optional(),
          nationalityCode: z.string().optional(),
          relation: z.string().nullable().optional(),
        })
        .strict(),
    ),
    authorityName: z.string().nullable().optional(),
    channel: z.string().optional(),
    statementDueAt: z.string().nullable().optional(),
  })
  .strict();

export const message = z
  .object({
    id: z.string(),
    direction: z.enum(['from_applicant', 'from_office']),
    authorRole: z.string(),
    text: z.string(),
    createdAt: instant,
    readAt: instant.nullable(),
  })
  .strict();

export const messageList = z.object({ messages: z.array(message) }).strict();

export const messageCreated = z.object({ id: z.string() }).strict();

export const documentMeta = z
  .object({
    id: z.string(),
    category: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    createdAt: instant,
  })
  .strict();

export const documentList = z.object({ documents: z.array(documentMeta) }).strict();

export const apiError = z
  .object({
    error: z.enum([
      'bad_request',
      'unauthorized',
      'insufficient_scope',
      'not_found',
      'conflict',
      'too_many_requests',
      'internal',
    ]),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() }).strict()).optional(),
    reference: z.string().optional(),
  })
  .strict();

export type ApiErrorBody = z.infer<typeof apiError>;
