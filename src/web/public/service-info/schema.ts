/**
 * Schema of the service description (FIM/XZuFi "Leistungsbeschreibung") shown on the public
 * information page: `content/service-description/<lang>.json`. Only the German file is binding;
 * translations must say so in `translationNote`.
 */
import { z } from 'zod';

export const SERVICE_DESCRIPTION_LANGUAGES = ['de', 'en', 'ar'] as const;
export type ServiceDescriptionLanguage = (typeof SERVICE_DESCRIPTION_LANGUAGES)[number];

/** Non-empty text (at least one non-whitespace character). */
const text = z.string().regex(/\S/, 'Text darf nicht leer sein');
const httpsUrl = z.url({ protocol: /^https$/, error: 'muss eine https://-Adresse sein' });
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ID in kebab-case erwartet');
const nonEmptyList = <T extends z.ZodType>(item: T) => z.array(item).min(1);

/** Rejects arrays whose `id`s repeat. */
const uniqueIds = <T extends { id: string }>(items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      ctx.addIssue({ code: 'custom', message: `doppelte ID „${item.id}“`, path: [index, 'id'] });
    }
    seen.add(item.id);
  });
};

const paragraphBlock = z.strictObject({ type: z.literal('paragraph'), text });
const listBlock = z.strictObject({ type: z.literal('list'), intro: text, items: nonEmptyList(text) });
/** A block of running text (FIM "Volltext"/"Kurztext"): a paragraph or an introduced bullet list. */
export const textBlockSchema = z.discriminatedUnion('type', [paragraphBlock, listBlock]);

const requiredDocumentSchema = z.strictObject({
  id,
  text,
  /** Condition under which the document is needed ("Bei Krankheit", …); absent = always. */
  if: text.optional(),
});

const procedureSectionSchema = z.strictObject({ id, title: text, points: nonEmptyList(text) });
const linkSchema = z.strictObject({ id, title: text, url: httpsUrl });
const formSchema = z.strictObject({ id, title: text, if: text.optional() });
const furtherInformationSchema = z.strictObject({
  id,
  /** What the link is about ("Informationen zu Beratungsstellen"). */
  label: text,
  /** The link text itself; must make sense on its own. */
  text,
  hint: text.optional(),
  url: httpsUrl,
});

const postalAddressSchema = z.strictObject({
  street: text,
  postalCode: z.string().regex(/^\d{5}$/),
  city: text,
});

const contactSchema = z.strictObject({
  name: text,
  organisation: text,
  /** Not in the FIM source: `null` until confirmed by the office. Never invent these. */
  postalAddress: postalAddressSchema.nullable(),
  phone: text.nullable(),
  fax: text.nullable(),
  email: z.email().nullable(),
  /** Internal marker for the placeholder fields above; not rendered. */
  todo: text.optional(),
});

const sourceSchema = z.strictObject({
  /** FIM Leistungsschlüssel. */
  serviceKey: z.string().regex(/^\d{14}$/),
  /** Quellredaktion. */
  editorialOffice: text,
  /** Fachlich freigegeben am. */
  approvedOn: z.iso.date(),
  /** Fachlich freigegeben durch. */
  approvedBy: text,
  /** Date the source text was downloaded. */
  downloadedOn: z.iso.date(),
  /** Internal record of editorial changes against the source; not rendered. */
  editorialNotes: z.array(text).optional(),
});

const headingsSchema = z.strictObject({
  fullText: text,
  prerequisites: text,
  requiredDocuments: text,
  procedure: text,
  costs: text,
  timing: text,
  legalBases: text,
  forms: text,
  notes: text,
  remedy: text,
  furtherInformation: text,
  contact: text,
  source: text,
  /** Text of the start button linking to the online application. */
  start: text,
});

const labelsSchema = z.strictObject({
  processingTime: text,
  deadlines: text,
  contactPoint: text,
  competentAuthority: text,
  postalAddress: text,
  phone: text,
  fax: text,
  email: text,
  /** Visually hidden suffix of external links. */
  externalLink: text,
  translationNote: text,
  serviceKey: text,
  editorialOffice: text,
  approvedOn: text,
  approvedBy: text,
  downloadedOn: text,
});

export const serviceDescriptionSchema = z
  .strictObject({
    language: z.enum(SERVICE_DESCRIPTION_LANGUAGES),
    /** Only the German original is binding. */
    binding: z.boolean(),
    /** Required on translations: only the German version is binding, apply in German. */
    translationNote: text.optional(),
    leistungsschluessel: z.string().regex(/^\d{14}$/),
    title: z.strictObject({
      /** Leistungsbezeichnung (I). */
      leistungsbezeichnung: text,
      /** Leistungsbezeichnung II (citizen-facing). */
      leistungsbezeichnung2: text,
    }),
    teaser: text,
    fullText: nonEmptyList(textBlockSchema),
    shortText: nonEmptyList(textBlockSchema),
    prerequisites: nonEmptyList(text),
    requiredDocuments: z.strictObject({
      intro: text,
      items: nonEmptyList(requiredDocumentSchema).superRefine(uniqueIds),
    }),
    procedure: nonEmptyList(procedureSectionSchema).superRefine(uniqueIds),
    costs: text,
    processingTime: text,
    deadlines: text,
    legalBases: nonEmptyList(linkSchema).superRefine(uniqueIds),
    forms: z.array(formSchema).superRefine(uniqueIds),
    notes: z.array(text),
    /** Rechtsbehelf. */
    remedy: text,
    furtherInformation: z.array(furtherInformationSchema).superRefine(uniqueIds),
    /** Ansprechpunkt. */
    contact: contactSchema,
    /** Zuständige Stelle. */
    competentAuthority: z.strictObject({ name: text, description: text }),
    source: sourceSchema,
    headings: headingsSchema,
    labels: labelsSchema,
  })
  .superRefine((d, ctx) => {
    if (d.binding !== (d.language === 'de')) {
      ctx.addIssue({
        code: 'custom',
        path: ['binding'],
        message: 'nur die deutsche Fassung ist verbindlich (binding: true genau für language „de“)',
      });
    }
    if (!d.binding && d.translationNote === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['translationNote'],
        message: 'Übersetzungen brauchen einen Hinweis, dass nur die deutsche Fassung verbindlich ist',
      });
    }
    if (d.binding && d.translationNote !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['translationNote'],
        message: 'die verbindliche Fassung hat keinen Übersetzungshinweis',
      });
    }
    if (d.source.serviceKey !== d.leistungsschluessel) {
      ctx.addIssue({
        code: 'custom',
        path: ['source', 'serviceKey'],
        message: 'weicht vom Leistungsschlüssel ab',
      });
    }
  });

export type ServiceDescription = z.infer<typeof serviceDescriptionSchema>;
export type TextBlock = z.infer<typeof textBlockSchema>;
