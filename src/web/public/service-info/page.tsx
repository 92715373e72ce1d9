/**
 * The public service information page (FIM service description), main content only:
 * the surrounding layout supplies <html>, header, footer and <main>.
 */
import { type ComponentChildren, Fragment } from 'preact';
import type { ServiceDescription, ServiceDescriptionLanguage, TextBlock } from './schema.ts';

/** Where the start button leads. */
export const APPLICATION_START_PATH = '/antrag';

/** Stable fragment ids of the sections, independent of the language. */
export const SECTION_IDS = {
  fullText: 'beschreibung',
  prerequisites: 'voraussetzungen',
  requiredDocuments: 'unterlagen',
  procedure: 'verfahrensablauf',
  costs: 'kosten',
  timing: 'bearbeitungsdauer-frist',
  legalBases: 'rechtsgrundlagen',
  forms: 'formulare',
  notes: 'hinweise',
  remedy: 'rechtsbehelf',
  furtherInformation: 'weiterfuehrende-informationen',
  contact: 'kontakt',
  source: 'quelle',
} as const;

const DATE_FORMATS: Record<ServiceDescriptionLanguage, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
  ar: new Intl.DateTimeFormat('ar-u-nu-latn', { dateStyle: 'long', timeZone: 'UTC' }),
};

function formatDate(isoDate: string, lang: ServiceDescriptionLanguage): string {
  return DATE_FORMATS[lang].format(new Date(`${isoDate}T00:00:00Z`));
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="service-info__section">
      <h2 id={props.id} class="kern-heading-medium">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

function BulletList(props: { children: ComponentChildren }) {
  return <ul class="kern-list kern-list--bullet">{props.children}</ul>;
}

function Paragraph(props: { children: ComponentChildren }) {
  return <p class="kern-body">{props.children}</p>;
}

function TextBlocks(props: { blocks: TextBlock[] }) {
  return (
    <>
      {props.blocks.map((block) =>
        block.type === 'paragraph' ? (
          <Paragraph key={block.text}>{block.text}</Paragraph>
        ) : (
          <Fragment key={block.intro}>
            <Paragraph>{block.intro}</Paragraph>
            <BulletList>
              {block.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </BulletList>
          </Fragment>
        ),
      )}
    </>
  );
}

/** A link leaving this site; says so to screen readers and shows an icon. */
function ExternalLink(props: { href: string; label: string; children: ComponentChildren }) {
  return (
    <a class="kern-link" href={props.href} rel="noopener">
      {props.children}
      <span class="kern-sr-only"> ({props.label})</span>
      <span class="kern-icon kern-icon--open-in-new kern-icon--small" aria-hidden="true" />
    </a>
  );
}

function DescriptionList(props: { items: Array<[key: string, value: ComponentChildren]> }) {
  return (
    <dl class="kern-description-list">
      {props.items.map(([key, value]) => (
        <div class="kern-description-list-item" key={key}>
          <dt class="kern-description-list-item__key">{key}</dt>
          <dd class="kern-description-list-item__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function TranslationNote(props: { title: string; text: string }) {
  return (
    <div class="kern-alert kern-alert--info" role="note">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--info" aria-hidden="true" />
        <span class="kern-title">{props.title}</span>
      </div>
      <div class="kern-alert__body">
        <p class="kern-body">{props.text}</p>
      </div>
    </div>
  );
}

function ContactDetails(props: { description: ServiceDescription }) {
  const { contact, competentAuthority, labels } = props.description;
  const contactLines: ComponentChildren[] = [contact.name, contact.organisation];
  if (contact.postalAddress) {
    const a = contact.postalAddress;
    contactLines.push(`${labels.postalAddress}: ${a.street}, ${a.postalCode} ${a.city}`);
  }
  if (contact.phone) contactLines.push(`${labels.phone}: ${contact.phone}`);
  if (contact.fax) contactLines.push(`${labels.fax}: ${contact.fax}`);
  if (contact.email) {
    contactLines.push(
      <>
        {labels.email}:{' '}
        <a class="kern-link" href={`mailto:${contact.email}`}>
          {contact.email}
        </a>
      </>,
    );
  }
  const lines = (items: ComponentChildren[]) =>
    items.map((item, index) => (
      <span class="service-info__line" key={index}>
        {index > 0 && <br />}
        {item}
      </span>
    ));
  return (
    <DescriptionList
      items={[
        [labels.contactPoint, lines(contactLines)],
        [labels.competentAuthority, lines([competentAuthority.name, competentAuthority.description])],
      ]}
    />
  );
}

export function ServiceInfo({ description: d }: { description: ServiceDescription }) {
  const h = d.headings;
  const l = d.labels;
  return (
    <div class="service-info" lang={d.language} dir={d.language === 'ar' ? 'rtl' : 'ltr'}>
      <h1 class="kern-heading-large">{d.title.leistungsbezeichnung2}</h1>
      <p class="kern-body kern-body--muted">{d.title.leistungsbezeichnung}</p>

      {!d.binding && d.translationNote !== undefined && (
        <TranslationNote title={l.translationNote} text={d.translationNote} />
      )}

      <p class="kern-body kern-body--large">{d.teaser}</p>
      <p class="service-info__start">
        <a href={APPLICATION_START_PATH} class="kern-btn kern-btn--primary">
          <span class="kern-label">{h.start}</span>
        </a>
      </p>

      <Section id={SECTION_IDS.fullText} title={h.fullText}>
        <TextBlocks blocks={d.fullText} />
      </Section>

      <Section id={SECTION_IDS.prerequisites} title={h.prerequisites}>
        <BulletList>
          {d.prerequisites.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </BulletList>
      </Section>

      <Section id={SECTION_IDS.requiredDocuments} title={h.requiredDocuments}>
        <Paragraph>{d.requiredDocuments.intro}</Paragraph>
        <BulletList>
          {d.requiredDocuments.items.map((doc) => (
            <li key={doc.id}>
              {doc.if !== undefined && (
                <>
                  <strong>{doc.if}:</strong>{' '}
                </>
              )}
              {doc.text}
            </li>
          ))}
        </BulletList>
      </Section>

      <Section id={SECTION_IDS.procedure} title={h.procedure}>
        {d.procedure.map((phase) => (
          <div class="service-info__phase" key={phase.id}>
            <h3 id={`${SECTION_IDS.procedure}-${phase.id}`} class="kern-heading-small">
              {phase.title}
            </h3>
            <BulletList>
              {phase.points.map((point) => (
                <li key={point}>{point}</li>
              ))}
            </BulletList>
          </div>
        ))}
      </Section>

      <Section id={SECTION_IDS.costs} title={h.costs}>
        <Paragraph>{d.costs}</Paragraph>
      </Section>

      <Section id={SECTION_IDS.timing} title={h.timing}>
        <DescriptionList
          items={[
            [l.processingTime, d.processingTime],
            [l.deadlines, d.deadlines],
          ]}
        />
      </Section>

      <Section id={SECTION_IDS.legalBases} title={h.legalBases}>
        <BulletList>
          {d.legalBases.map((base) => (
            <li key={base.id}>
              <ExternalLink href={base.url} label={l.externalLink}>
                {base.title}
              </ExternalLink>
            </li>
          ))}
        </BulletList>
      </Section>

      {d.forms.length > 0 && (
        <Section id={SECTION_IDS.forms} title={h.forms}>
          <BulletList>
            {d.forms.map((form) => (
              <li key={form.id}>
                {form.title}
                {form.if !== undefined && ` (${form.if})`}
              </li>
            ))}
          </BulletList>
        </Section>
      )}

      {d.notes.length > 0 && (
        <Section id={SECTION_IDS.notes} title={h.notes}>
          <BulletList>
            {d.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </BulletList>
        </Section>
      )}

      <Section id={SECTION_IDS.remedy} title={h.remedy}>
        <Paragraph>{d.remedy}</Paragraph>
      </Section>

      {d.furtherInformation.length > 0 && (
        <Section id={SECTION_IDS.furtherInformation} title={h.furtherInformation}>
          <BulletList>
            {d.furtherInformation.map((info) => (
              <li key={info.id}>
                {info.label}:{' '}
                <ExternalLink href={info.url} label={l.externalLink}>
                  {info.text}
                </ExternalLink>
                {info.hint !== undefined && ` (${info.hint})`}
              </li>
            ))}
          </BulletList>
        </Section>
      )}

      <Section id={SECTION_IDS.contact} title={h.contact}>
        <ContactDetails description={d} />
      </Section>

      <Section id={SECTION_IDS.source} title={h.source}>
        <DescriptionList
          items={[
            [l.serviceKey, d.source.serviceKey],
            [l.editorialOffice, d.source.editorialOffice],
            [
              l.approvedOn,
              <time dateTime={d.source.approvedOn}>{formatDate(d.source.approvedOn, d.language)}</time>,
            ],
            [l.approvedBy, d.source.approvedBy],
            [
              l.downloadedOn,
              <time dateTime={d.source.downloadedOn}>{formatDate(d.source.downloadedOn, d.language)}</time>,
            ],
          ]}
        />
      </Section>
    </div>
  );
}
