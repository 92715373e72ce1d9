/** The frame of every page of the online application: layout, back link, error summary, language note. */
import type { ComponentChildren } from 'preact';
import type { WizardKey } from '../../../../content/messages/wizard/de.ts';
import { Button, ButtonGroup, ErrorSummary, type FieldError, fieldId, TextInput } from '../../views/form.tsx';
import { Layout, type PageContext } from '../../views/layout.tsx';
import type { WizardText } from './texts.ts';

export interface WizardContext extends PageContext {
  w: WizardText;
}

/** Date fields: an error for the whole date links to its first part. */
const DATE_FIELD = /(^|\.)(birthDate|entryDate|deportationDate)$/;

/** The id of the control an error summary link should focus. */
export function summaryTarget(path: string): string {
  return DATE_FIELD.test(path) ? `${fieldId(path)}-day` : fieldId(path);
}

export function WizardPage({
  ctx,
  title,
  errors = [],
  back,
  notice,
  children,
}: {
  ctx: WizardContext;
  title: string;
  errors?: readonly FieldError[];
  back?: string;
  notice?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { w } = ctx;
  const pageTitle = errors.length > 0 ? `${w('errorPrefix')} ${title}` : title;
  return (
    <Layout ctx={ctx} title={pageTitle}>
      {back ? (
        <p class="kern-body">
          <a class="kern-link app-back-link" href={back}>
            {w('back')}
          </a>
        </p>
      ) : null}
      <ErrorSummary
        title={w('errorSummaryTitle')}
        errors={errors.map((e) => ({ field: summaryTarget(e.path), message: e.message }))}
      />
      {notice}
      {children}
    </Layout>
  );
}

/** Errors under a path prefix, with the prefix removed (`persons.2.familyName` → `familyName`). */
export function errorsWithin(errors: readonly FieldError[], prefix: string): FieldError[] {
  const p = `${prefix}.`;
  return errors
    .filter((e) => e.path.startsWith(p))
    .map((e) => ({ path: e.path.slice(p.length), message: e.message }));
}

/** The message for a field, also when the error sits on one of its parts (dates). */
export function messageFor(errors: readonly FieldError[], path: string): string | undefined {
  return (
    errors.find((e) => e.path === path)?.message ?? errors.find((e) => e.path.startsWith(`${path}.`))?.message
  );
}

/** The date parts in error, for the DateInput's red borders. */
export function datePartsInError(
  errors: readonly FieldError[],
  path: string,
): ('day' | 'month' | 'year')[] | undefined {
  const parts = errors
    .filter((e) => e.path.startsWith(`${path}.`))
    .map((e) => e.path.slice(path.length + 1))
    .filter((p): p is 'day' | 'month' | 'year' => p === 'day' || p === 'month' || p === 'year');
  return parts.length > 0 ? parts : undefined;
}

/** Reads a dotted path of a draft section (`address.street`). */
function valueAt(values: unknown, path: string): string | undefined {
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

type TextFieldProps = Omit<
  Parameters<typeof TextInput>[0],
  'id' | 'name' | 'label' | 'value' | 'error' | 'errorPrefix'
>;

/** Text fields bound to one form: id, name, typed value and error all follow from the field's path. */
export function textFields(ctx: WizardContext, values: unknown, errors: readonly FieldError[]) {
  return (path: string, label: WizardKey, props: TextFieldProps = {}) => (
    <TextInput
      id={fieldId(path)}
      name={path}
      label={ctx.w(label)}
      value={valueAt(values, path)}
      error={messageFor(errors, path)}
      errorPrefix={ctx.w('errorPrefix')}
      {...props}
    />
  );
}

/** A postal address: c/o (optional), street, house number, postal code, place. */
export function AddressFields({
  ctx,
  values,
  errors,
  careOf = true,
}: {
  ctx: WizardContext;
  values: unknown;
  errors: readonly FieldError[];
  careOf?: boolean;
}) {
  const text = textFields(ctx, values, errors);
  return (
    <>
      {careOf ? text('address.careOf', 'careOf', { dir: 'auto' }) : null}
      {text('address.street', 'street', { autocomplete: 'address-line1', dir: 'auto' })}
      {text('address.houseNumber', 'houseNumber', { width: '5' })}
      {text('address.postalCode', 'postalCode', {
        width: '5',
        inputMode: 'numeric',
        autocomplete: 'postal-code',
      })}
      {text('address.place', 'place', { width: '20', autocomplete: 'address-level2', dir: 'auto' })}
    </>
  );
}

/** "Save and continue" (validates) and "save and back to the overview" (keeps going later). */
export function SaveButtons({ ctx }: { ctx: WizardContext }) {
  return (
    <ButtonGroup>
      <Button name="action" value="continue">
        {ctx.w('saveAndContinue')}
      </Button>
      <Button name="action" value="later" variant="secondary">
        {ctx.w('saveAndBack')}
      </Button>
    </ButtonGroup>
  );
}
