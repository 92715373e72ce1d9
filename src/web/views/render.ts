import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** Renders a full page; preact escapes every text and attribute. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}
