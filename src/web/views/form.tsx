/**
 * The form components every applicant page is built from: KERN-UX markup and classes, the flow patterns
 * of the GOV.UK Design System. Server-rendered, no JavaScript needed: every visible text comes in through
 * props, errors are tied to their fields with aria-describedby, the typed value is always shown back
 * (preact escapes every text and attribute). Extra looks the KERN stylesheet lacks are in
 * `src/web/assets/form.css` (classes `app-…`, logical properties for right-to-left).
 *
 * Ids: a field's id is `fieldId(path)`; its hint is `<id>-hint`, its error `<id>-error`. In radios and
 * checkboxes the first option carries the id itself (so an error summary link to `#<id>` lands on it),
 * further options `<id>-2`, `<id>-3`, …; a date input's parts are `<id>-day`, `<id>-month`, `<id>-year`.
 */
import type { ComponentChildren } from 'preact';

/** A validation error for the field at `path` (e.g. `persons.1.birthDate.month`). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * A valid, stable HTML id for a field path: `persons.1.birthDate.month` → `persons-1-birthDate-month`,
 * `children[0].name` → `children-0-name`. Only ASCII letters, digits, `-` and `_` remain (anything else
 * becomes `_` plus its code point in hex); an id that would not start with a letter gets an `f-` prefix.
 */
export function fieldId(path: string): string {
  const segments = path.split(/[.[\]]+/).filter((s) => s.length > 0);
  const id = segments
    .map((segment) =>
      Array.from(segment, (ch) =>
        /[A-Za-z0-9_-]/.test(ch) ? ch : `_${ch.codePointAt(0)?.toString(16)}`,
      ).join(''),
    )
    .join('-');
  if (id === '') return 'field';
  return /^[A-Za-z]/.test(id) ? id : `f-${id}`;
}

/** The first error message for exactly this path, if any. */
export function errorFor(errors: readonly FieldError[], path: string): string | undefined {
  return errors.find((e) => e.path === path)?.message;
}

/** The id an error summary link for a date input should point to: its first part in error, else the day. */
export function dateInputTarget(id: string, errorParts?: readonly DatePart[]): string {
  return `${id}-${errorParts?.[0] ?? 'day'}`;
}

function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return list.length > 0 ? list.join(' ') : undefined;
}

const hintIdOf = (id: string) => `${id}-hint`;
const errorIdOf = (id: string) => `${id}-error`;

// ---------------------------------------------------------------------------------------------------------
// Building blocks

export function Hint({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <div class="kern-hint" id={id}>
      {children}
    </div>
  );
}

/**
 * The error message at a field. `prefix` (e.g. "Fehler:") is read out by screen readers before the
 * message and visually hidden.
 */
export function ErrorMessage({
  id,
  prefix,
  children,
}: {
  id: string;
  prefix?: string;
  children: ComponentChildren;
}) {
  return (
    <p class="kern-error" id={id}>
      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span class="kern-body">
        {prefix ? <span class="kern-sr-only">{`${prefix} `}</span> : null}
        {children}
      </span>
    </p>
  );
}

function FieldLabel({
  id,
  asHeading,
  children,
}: {
  id: string;
  asHeading?: boolean;
  children: ComponentChildren;
}) {
  if (asHeading) {
    return (
      <h1 class="kern-heading-large app-label-heading">
        <label class="app-label-heading__label" for={id}>
          {children}
        </label>
      </h1>
    );
  }
  return (
    <label class="kern-label" for={id}>
      {children}
    </label>
  );
}

function Legend({ asHeading, children }: { asHeading?: boolean; children: ComponentChildren }) {
  if (asHeading) {
    return (
      <legend class="kern-label app-legend app-legend--heading">
        <h1 class="kern-heading-large app-legend__heading">{children}</h1>
      </legend>
    );
  }
  return <legend class="kern-label app-legend">{children}</legend>;
}

// ---------------------------------------------------------------------------------------------------------
// Error summary

export interface ErrorSummaryProps {
  /** e.g. "Es gibt ein Problem" */
  title: string;
  /** `field` is the id of the control the link moves focus to (see `fieldId`, `dateInputTarget`). */
  errors: readonly { field: string; message: string }[];
  /** Optional sentence below the title. */
  description?: ComponentChildren;
  /** Defaults to `error-summary`. */
  id?: string;
  /**
   * Focus the summary when the page loads (HTML `autofocus`, no script); default true. Screen readers then
   * read it first and the next Tab reaches the first link.
   */
  focusOnLoad?: boolean;
}

/**
 * The GOV.UK error summary at the top of the page: one link per error to its field. Following a link moves
 * focus to the field (fragment navigation; no script). Renders nothing without errors.
 */
export function ErrorSummary({
  title,
  errors,
  description,
  id = 'error-summary',
  focusOnLoad = true,
}: ErrorSummaryProps) {
  if (errors.length === 0) return null;
  const titleId = `${id}-title`;
  return (
    <div
      class="kern-alert kern-alert--danger app-error-summary"
      id={id}
      tabIndex={-1}
      autofocus={focusOnLoad || undefined}
    >
      <div role="alert" aria-labelledby={titleId}>
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--danger" aria-hidden="true" />
          <h2 class="kern-title" id={titleId}>
            {title}
          </h2>
        </div>
        <div class="kern-alert__body">
          {description ? <p class="kern-body">{description}</p> : null}
          <ul class="kern-list app-error-summary__list">
            {errors.map((error, index) => (
              <li key={`${error.field}-${index}`}>
                <a class="kern-link" href={`#${error.field}`}>
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Text fields

interface FieldProps {
  id: string;
  name: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /** The error message; puts the field in error state. */
  error?: string;
  /** Visually hidden prefix of the error message, e.g. "Fehler:". */
  errorPrefix?: string;
  /** The label is the page's h1 (GOV.UK: one question per page). */
  labelAsHeading?: boolean;
}

export type InputWidth = 'full' | '20' | '10' | '5' | '4' | '3' | '2';

const WIDTH_CLASS: Record<InputWidth, string | undefined> = {
  full: undefined,
  '20': 'app-input--width-20',
  '10': 'app-input--width-10',
  '5': 'app-input--width-5',
  '4': 'kern-form-input__input--width-4',
  '3': 'app-input--width-3',
  '2': 'kern-form-input__input--width-2',
};

export type InputMode = 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'search' | 'none';

export interface TextInputProps extends FieldProps {
  /** What the user typed, shown back as is. */
  value?: string;
  /** e.g. `given-name`, `family-name`, `email`, `tel`, `postal-code`, `bday-year`. */
  autocomplete?: string;
  inputMode?: InputMode;
  /** Maximum width in characters; default full width. */
  width?: InputWidth;
  type?: 'text' | 'email' | 'tel';
  /** `false` for names, numbers, e-mail addresses. */
  spellcheck?: boolean;
  /**
   * `auto` for names and addresses that may be typed in another script than the page's. E-mail and
   * telephone fields default to `auto`, so that `amal@` does not turn into `@amal` on an Arabic page.
   */
  dir?: 'auto' | 'ltr';
}

export function TextInput({
  id,
  name,
  label,
  hint,
  value,
  error,
  errorPrefix,
  labelAsHeading,
  autocomplete,
  inputMode,
  width = 'full',
  type = 'text',
  spellcheck,
  dir,
}: TextInputProps) {
  const hintId = hint ? hintIdOf(id) : undefined;
  const errorId = error ? errorIdOf(id) : undefined;
  return (
    <div class={cx('kern-form-input', error && 'kern-form-input--error', 'app-field')}>
      <FieldLabel id={id} asHeading={labelAsHeading}>
        {label}
      </FieldLabel>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      <input
        class={cx('kern-form-input__input', error && 'kern-form-input__input--error', WIDTH_CLASS[width])}
        id={id}
        name={name}
        // preact types <input> per literal type; all three share the same attributes
        type={type as 'text'}
        value={value ?? ''}
        autocomplete={autocomplete}
        inputMode={inputMode}
        spellcheck={spellcheck}
        dir={dir ?? (type === 'text' ? undefined : 'auto')}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? 'true' : undefined}
      />
      {errorId ? (
        <ErrorMessage id={errorId} prefix={errorPrefix}>
          {error}
        </ErrorMessage>
      ) : null}
    </div>
  );
}

export interface TextAreaProps extends FieldProps {
  value?: string;
  /** Visible lines; default 5. */
  rows?: number;
  /**
   * The limit the server checks. Rendered as `data-maxlength` only, never as `maxlength`: a hard limit
   * would silently cut off pasted text, so over-long text is kept and answered with an error instead.
   */
  maxLength?: number;
  /** The character count below the field, computed by the caller (e.g. "Noch 19.800 Zeichen"). */
  countText?: string;
  /** The count is over the limit: shown in the error colour. */
  countExceeded?: boolean;
  spellcheck?: boolean;
  dir?: 'auto';
}

export function TextArea({
  id,
  name,
  label,
  hint,
  value,
  error,
  errorPrefix,
  labelAsHeading,
  rows = 5,
  maxLength,
  countText,
  countExceeded,
  spellcheck,
  dir,
}: TextAreaProps) {
  const hintId = hint ? hintIdOf(id) : undefined;
  const errorId = error ? errorIdOf(id) : undefined;
  const countId = countText ? `${id}-count` : undefined;
  return (
    <div class={cx('kern-form-input', error && 'kern-form-input--error', 'app-field')}>
      <FieldLabel id={id} asHeading={labelAsHeading}>
        {label}
      </FieldLabel>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      <textarea
        class={cx('kern-form-input__input', error && 'kern-form-input__input--error', 'app-textarea')}
        id={id}
        name={name}
        rows={rows}
        data-maxlength={maxLength}
        spellcheck={spellcheck}
        dir={dir}
        aria-describedby={describedBy(hintId, errorId, countId)}
        aria-invalid={error ? 'true' : undefined}
      >
        {/* The HTML parser drops one newline right after <textarea>: this one, never the user's. */}
        {value ? `\n${value}` : ''}
      </textarea>
      {countId ? (
        <p
          class={cx(
            'kern-body kern-body--small app-character-count',
            countExceeded && 'app-character-count--exceeded',
          )}
          id={countId}
        >
          {countText}
        </p>
      ) : null}
      {errorId ? (
        <ErrorMessage id={errorId} prefix={errorPrefix}>
          {error}
        </ErrorMessage>
      ) : null}
    </div>
  );
}

export interface SelectProps extends FieldProps {
  options: readonly { value: string; label: string }[];
  value?: string;
  /** A first, empty option, e.g. "Bitte auswählen"; selected while nothing is chosen. */
  placeholder?: string;
  autocomplete?: string;
}

export function Select({
  id,
  name,
  label,
  hint,
  options,
  value,
  error,
  errorPrefix,
  labelAsHeading,
  placeholder,
  autocomplete,
}: SelectProps) {
  const hintId = hint ? hintIdOf(id) : undefined;
  const errorId = error ? errorIdOf(id) : undefined;
  const known = value !== undefined && options.some((o) => o.value === value);
  return (
    <div class={cx('kern-form-input', error && 'kern-form-input--error', 'app-field')}>
      <FieldLabel id={id} asHeading={labelAsHeading}>
        {label}
      </FieldLabel>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      <div class="kern-form-input__select-wrapper app-select">
        <select
          class={cx('kern-form-input__select', error && 'kern-form-input__select--error')}
          id={id}
          name={name}
          autocomplete={autocomplete}
          aria-describedby={describedBy(hintId, errorId)}
          aria-invalid={error ? 'true' : undefined}
        >
          {placeholder !== undefined ? (
            <option value="" selected={!known}>
              {placeholder}
            </option>
          ) : null}
          {options.map((option) => (
            <option key={option.value} value={option.value} selected={option.value === value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {errorId ? (
        <ErrorMessage id={errorId} prefix={errorPrefix}>
          {error}
        </ErrorMessage>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Date input

export type DatePart = 'day' | 'month' | 'year';
const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

export interface DateInputProps {
  /** Prefix of the part ids: `<id>-day`, `<id>-month`, `<id>-year`. */
  id: string;
  /** Prefix of the part names: `<name>.day`, `<name>.month`, `<name>.year`. */
  name: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  value?: { day?: string; month?: string; year?: string };
  error?: string;
  errorPrefix?: string;
  /** The parts in error (marked invalid); all three when there is an error and this is absent. */
  errorParts?: readonly DatePart[];
  labels: { day: string; month: string; year: string };
  /** `bday` for a date of birth (bday-day, …) or the token per part. */
  autocomplete?: 'bday' | { day?: string; month?: string; year?: string };
  legendAsHeading?: boolean;
}

/**
 * Day, month and year as three text fields in a fieldset. Nothing is required by the markup: day and month
 * may stay empty when only the year (or month and year) is known.
 */
export function DateInput({
  id,
  name,
  legend,
  hint,
  value,
  error,
  errorPrefix,
  errorParts,
  labels,
  autocomplete,
  legendAsHeading,
}: DateInputProps) {
  const hintId = hint ? hintIdOf(id) : undefined;
  const errorId = error ? errorIdOf(id) : undefined;
  const invalid = new Set<DatePart>(error ? (errorParts?.length ? errorParts : DATE_PARTS) : []);
  const tokens =
    autocomplete === 'bday'
      ? { day: 'bday-day', month: 'bday-month', year: 'bday-year' }
      : (autocomplete ?? {});
  return (
    <fieldset
      class={cx('kern-fieldset', error && 'kern-fieldset--error', 'app-date-input')}
      id={id}
      aria-describedby={describedBy(hintId, errorId)}
    >
      <Legend asHeading={legendAsHeading}>{legend}</Legend>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      <div class="kern-fieldset__body kern-fieldset__body--horizontal app-date-input__parts">
        {DATE_PARTS.map((part) => {
          const partId = `${id}-${part}`;
          const partError = invalid.has(part);
          return (
            <div class="kern-form-input app-date-input__part" key={part}>
              <label class="kern-label" for={partId}>
                {labels[part]}
              </label>
              <input
                class={cx(
                  'kern-form-input__input',
                  part === 'year' ? 'kern-form-input__input--width-4' : 'kern-form-input__input--width-2',
                  partError && 'kern-form-input__input--error',
                )}
                id={partId}
                name={`${name}.${part}`}
                type="text"
                inputMode="numeric"
                spellcheck={false}
                value={value?.[part] ?? ''}
                autocomplete={tokens[part]}
                aria-invalid={partError ? 'true' : undefined}
              />
            </div>
          );
        })}
      </div>
      {errorId ? (
        <ErrorMessage id={errorId} prefix={errorPrefix}>
          {error}
        </ErrorMessage>
      ) : null}
    </fieldset>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Radios and checkboxes

export interface ChoiceOption {
  value: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /**
   * Shown below the option. Without CSS `:has()` always visible; with it, hidden until the option is
   * checked (pure CSS, works without JavaScript).
   */
  conditional?: ComponentChildren;
}

interface ChoicesProps {
  /** The id of the first option (the error summary's link target); further options get `-2`, `-3`, …. */
  id: string;
  name: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  options: readonly ChoiceOption[];
  error?: string;
  errorPrefix?: string;
  legendAsHeading?: boolean;
}

/** The id of the option at `index` in a radios or checkboxes group. */
export function optionId(id: string, index: number): string {
  return index === 0 ? id : `${id}-${index + 1}`;
}

function Choices({
  kind,
  id,
  name,
  legend,
  hint,
  options,
  error,
  errorPrefix,
  legendAsHeading,
  inline,
  isChecked,
}: ChoicesProps & {
  kind: 'radio' | 'checkbox';
  inline?: boolean;
  isChecked: (value: string) => boolean;
}) {
  const hintId = hint ? hintIdOf(id) : undefined;
  const errorId = error ? errorIdOf(id) : undefined;
  const inputClass = kind === 'radio' ? 'kern-form-check__radio' : 'kern-form-check__checkbox';
  return (
    <fieldset
      class={cx('kern-fieldset', error && 'kern-fieldset--error', `app-choices app-choices--${kind}`)}
      aria-describedby={describedBy(hintId, errorId)}
    >
      <Legend asHeading={legendAsHeading}>{legend}</Legend>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      <div
        class={cx('kern-fieldset__body', inline && 'kern-fieldset__body--horizontal', 'app-choices__body')}
      >
        {options.map((option, index) => {
          const inputId = optionId(id, index);
          const itemHintId = option.hint ? `${inputId}-item-hint` : undefined;
          return (
            <div class="app-choice" key={option.value}>
              <div class="kern-form-check">
                <input
                  class={cx(inputClass, error && `${inputClass}--error`)}
                  type={kind}
                  id={inputId}
                  name={name}
                  value={option.value}
                  checked={isChecked(option.value)}
                  aria-describedby={itemHintId}
                />
                <label class="kern-label" for={inputId}>
                  {option.label}
                </label>
                {itemHintId ? (
                  <div class="kern-hint app-choice__hint" id={itemHintId}>
                    {option.hint}
                  </div>
                ) : null}
              </div>
              {option.conditional ? (
                <div class="app-choice__conditional" id={`${inputId}-conditional`}>
                  {option.conditional}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
      {errorId ? (
        <ErrorMessage id={errorId} prefix={errorPrefix}>
          {error}
        </ErrorMessage>
      ) : null}
    </fieldset>
  );
}

export interface RadiosProps extends ChoicesProps {
  value?: string;
  /** Options side by side (only for two short options without conditional content). */
  inline?: boolean;
}

export function Radios({ value, inline, ...props }: RadiosProps) {
  return <Choices {...props} kind="radio" inline={inline} isChecked={(v) => v === value} />;
}

export interface CheckboxesProps extends ChoicesProps {
  values?: readonly string[];
}

export function Checkboxes({ values, ...props }: CheckboxesProps) {
  return <Choices {...props} kind="checkbox" isChecked={(v) => values?.includes(v) ?? false} />;
}

// ---------------------------------------------------------------------------------------------------------
// Fieldset, buttons

export type FieldsetProps = {
  legend: ComponentChildren;
  children: ComponentChildren;
  legendAsHeading?: boolean;
} & ({ hint: ComponentChildren; id: string } | { hint?: undefined; id?: string });

/** Groups several fields under one question (e.g. an address). */
export function Fieldset({ legend, hint, id, children, legendAsHeading }: FieldsetProps) {
  const hintId = hint && id ? hintIdOf(id) : undefined;
  return (
    <fieldset class="kern-fieldset app-fieldset" id={id} aria-describedby={hintId}>
      <Legend asHeading={legendAsHeading}>{legend}</Legend>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      <div class="kern-fieldset__body">{children}</div>
    </fieldset>
  );
}

export interface ButtonProps {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'tertiary';
  name?: string;
  value?: string;
  type?: 'submit' | 'button' | 'reset';
  /** Renders a link that looks like a button (e.g. "Antrag starten"). */
  href?: string;
  id?: string;
}

export function Button({
  children,
  variant = 'primary',
  name,
  value,
  type = 'submit',
  href,
  id,
}: ButtonProps) {
  const className = cx('kern-btn', `kern-btn--${variant}`, 'app-button');
  if (href !== undefined) {
    return (
      <a class={className} href={href} id={id}>
        <span class="kern-label">{children}</span>
      </a>
    );
  }
  return (
    <button class={className} type={type} name={name} value={value} id={id}>
      <span class="kern-label">{children}</span>
    </button>
  );
}

export function ButtonGroup({ children }: { children: ComponentChildren }) {
  return <div class="kern-btn-wrapper app-button-group">{children}</div>;
}

// ---------------------------------------------------------------------------------------------------------
// Task list, summary list

export type TaskStatus = 'not_started' | 'in_progress' | 'completed' | 'cannot_start_yet';

export interface TaskListItem {
  id: string;
  title: ComponentChildren;
  /** Absent while the task cannot be started yet. */
  href?: string;
  status: TaskStatus;
  statusText: string;
  hint?: ComponentChildren;
}

const STATUS_BADGE: Record<Exclude<TaskStatus, 'cannot_start_yet'>, string> = {
  not_started: 'kern-badge--info',
  in_progress: 'kern-badge--warning',
  completed: 'kern-badge--success',
};

/** The GOV.UK task list in KERN's look: the title links to the task when it can be started. */
export function TaskList({ items }: { items: readonly TaskListItem[] }) {
  return (
    <div class="kern-task-list app-task-list">
      <ul class="kern-task-list__list">
        {items.map((item) => {
          const base = fieldId(item.id);
          const statusId = `${base}-status`;
          const hintId = item.hint ? `${base}-hint` : undefined;
          return (
            <li class={cx('kern-task-list__item', `app-task-list__item--${item.status}`)} key={item.id}>
              <div class="kern-task-list__title">
                <div class="app-task-list__name">
                  {item.href !== undefined ? (
                    <a
                      class="kern-link kern-link--stretched"
                      href={item.href}
                      aria-describedby={describedBy(hintId, statusId)}
                    >
                      {item.title}
                    </a>
                  ) : (
                    <p class="kern-body">{item.title}</p>
                  )}
                  {hintId ? (
                    <p class="kern-hint" id={hintId}>
                      {item.hint}
                    </p>
                  ) : null}
                </div>
                <div class="kern-task-list__status" id={statusId}>
                  {item.status === 'cannot_start_yet' ? (
                    <span class="kern-body kern-body--muted">{item.statusText}</span>
                  ) : (
                    <span class={cx('kern-badge', STATUS_BADGE[item.status])}>
                      <span class="kern-label kern-label--small">{item.statusText}</span>
                    </span>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export interface SummaryListRow {
  key: ComponentChildren;
  value: ComponentChildren;
  /** The "Ändern" link; `visuallyHiddenText` names what is changed, e.g. "Vorname". */
  change?: { href: string; text: string; visuallyHiddenText: string };
}

/** "Check your answers": key, value and a change link per row. */
export function SummaryList({ rows }: { rows: readonly SummaryListRow[] }) {
  return (
    <dl class="kern-description-list app-summary-list">
      {rows.map((row, index) => (
        <div class="kern-description-list-item app-summary-list__row" key={index}>
          <dt class="kern-description-list-item__key app-summary-list__key">{row.key}</dt>
          <dd class="kern-description-list-item__value app-summary-list__value">{row.value}</dd>
          {row.change ? (
            <dd class="app-summary-list__actions">
              <a class="kern-link" href={row.change.href}>
                <span>
                  {row.change.text}
                  <span class="kern-sr-only">{` ${row.change.visuallyHiddenText}`}</span>
                </span>
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Panel, banners, inset text, details

/** The confirmation panel ("Antrag eingereicht"), usually the page's h1. */
export function Panel({
  title,
  children,
  headingLevel = 1,
}: {
  title: ComponentChildren;
  children?: ComponentChildren;
  headingLevel?: 1 | 2;
}) {
  return (
    <div class="app-panel">
      {headingLevel === 1 ? (
        <h1 class="app-panel__title">{title}</h1>
      ) : (
        <h2 class="app-panel__title">{title}</h2>
      )}
      {children ? <div class="app-panel__body">{children}</div> : null}
    </div>
  );
}

export interface NotificationBannerProps {
  title: string;
  children: ComponentChildren;
  kind?: 'info' | 'success' | 'warning';
  /** Defaults to `notification-banner`; give each banner on a page its own. */
  id?: string;
}

/**
 * A banner at the top of the page: a labelled region (`<section aria-labelledby>`), or for success (the outcome of what the user just
 * did) an alert.
 */
export function NotificationBanner({
  title,
  children,
  kind = 'info',
  id = 'notification-banner',
}: NotificationBannerProps) {
  const titleId = `${id}-title`;
  const className = cx('kern-alert', `kern-alert--${kind}`, 'app-notification-banner');
  const content = (
    <>
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${kind}`} aria-hidden="true" />
        <h2 class="kern-title" id={titleId}>
          {title}
        </h2>
      </div>
      <div class="kern-alert__body">{children}</div>
    </>
  );
  return kind === 'success' ? (
    <div class={className} id={id} role="alert" aria-labelledby={titleId}>
      {content}
    </div>
  ) : (
    <section class={className} id={id} aria-labelledby={titleId}>
      {content}
    </section>
  );
}

export function InsetText({ children }: { children: ComponentChildren }) {
  return <div class="app-inset-text kern-body">{children}</div>;
}

/** Native disclosure (`<details>`), works without JavaScript. */
export function Details({
  summary,
  children,
  open,
}: {
  summary: ComponentChildren;
  children: ComponentChildren;
  open?: boolean;
}) {
  return (
    <details class="kern-accordion app-details" open={open}>
      <summary class="kern-accordion__header">
        <span class="kern-title">{summary}</span>
      </summary>
      <div class="kern-accordion__body">{children}</div>
    </details>
  );
}
