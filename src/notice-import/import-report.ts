import type { ImportItemDto, ImportReportDto, UnknownUnitDto } from './dto/import-notice.dto';
import type { ImportSource, SourceLocation } from './import-source';
import type { ImportIssue, ParsedNotice } from './notice-parser';

export type ItemResult = 'created' | 'updated' | 'unchanged' | 'error';

/**
 * Lists are capped so that a huge junk notice answers a report of a few hundred kilobytes, not megabytes; the
 * counts of what was left out are in the report. Every item that parsed is listed.
 */
export const MAX_LISTED = 200;
const MAX_CONTENT = 200;

export interface ReportInput {
  source: ImportSource;
  notice: ParsedNotice;
  dryRun: boolean;
  tasks: ImportReportDto['tasks'];
  unknownUnits: UnknownUnitDto[];
  createdUnits: string[];
  warnings: ImportIssue[];
  errors: ImportIssue[];
  /** What each item became (or, with errors, would become), by number. */
  results: Map<number, ItemResult>;
}

export function buildReport(input: ReportInput): ImportReportDto {
  const { notice } = input;
  const position = sourcePosition(input.source);
  const byPlace = (a: { location: SourceLocation }, b: { location: SourceLocation }) => position(a.location) - position(b.location);
  const errors = [...input.errors].sort(byPlace);
  const items = itemRows(input, errors).sort(byPlace);
  const listedItems = capErrorRows(items);
  return {
    dryRun: input.dryRun,
    sections: notice.sections.length,
    subsections: notice.sections.reduce((n, s) => n + s.subsections.length, 0),
    tasks: input.tasks,
    unknownUnits: input.unknownUnits.slice(0, MAX_LISTED),
    createdUnits: input.createdUnits,
    warnings: input.warnings.slice(0, MAX_LISTED),
    errors: errors.slice(0, MAX_LISTED),
    items: listedItems,
    columns: notice.columns,
    warningsOmitted: Math.max(0, input.warnings.length - MAX_LISTED),
    errorsOmitted: Math.max(0, errors.length - MAX_LISTED),
    itemsOmitted: items.length - listedItems.length,
    unknownUnitsOmitted: Math.max(0, input.unknownUnits.length - MAX_LISTED),
  };
}

/** One row per item that parsed, with its result, plus one per line or row that failed to become an item. */
function itemRows(input: ReportInput, errors: ImportIssue[]): ImportItemDto[] {
  const keyOf = (location: SourceLocation) => JSON.stringify(location);
  const byPlace = (issues: ImportIssue[]) => {
    const messages = new Map<string, string[]>();
    for (const i of issues) {
      const key = keyOf(i.location);
      messages.set(key, messages.get(key) ?? []).get(key)!.push(i.message);
    }
    return messages;
  };
  const errorsAt = byPlace(errors);
  const warningsAt = byPlace(input.warnings);
  const itemKeys = new Set(input.notice.items.map((item) => keyOf(item.location)));
  const rows: ImportItemDto[] = input.notice.items.map((item) => {
    const key = keyOf(item.location);
    const failures = errorsAt.get(key) ?? [];
    const notes = failures.length > 0 ? failures : (warningsAt.get(key) ?? []);
    const row: ImportItemDto = {
      number: item.number,
      location: item.location,
      content: item.content.slice(0, MAX_CONTENT),
      result: failures.length > 0 ? 'error' : (input.results.get(item.number) ?? 'error'),
    };
    if (notes.length > 0) row.message = notes.join('；');
    return row;
  });

  const failedRows = new Map<string, ImportItemDto>();
  for (const error of errors) {
    const key = keyOf(error.location);
    if (error.line === 0 || itemKeys.has(key)) continue;
    const row = failedRows.get(key);
    if (row) row.message = `${row.message}；${error.message}`;
    else {
      failedRows.set(key, {
        number: error.number ?? null,
        location: error.location,
        content: error.text.slice(0, MAX_CONTENT),
        result: 'error',
        message: error.message,
      });
    }
  }
  return [...rows, ...failedRows.values()];
}

/** Keeps every item row that is not an error and the first MAX_LISTED error rows. */
function capErrorRows(rows: ImportItemDto[]): ImportItemDto[] {
  let errorRows = 0;
  return rows.filter((row) => row.result !== 'error' || ++errorRows <= MAX_LISTED);
}

/** Orders locations as they come in the source: lines by number, table rows in the order they were read. */
function sourcePosition(source: ImportSource): (location: SourceLocation) => number {
  if (source.kind === 'text') return (location) => ('line' in location ? location.line : 0);
  const order = new Map<string, number>();
  source.tables.forEach((table) => table.rows.forEach((row) => order.set(JSON.stringify(row.location), order.size + 1)));
  return (location) => order.get(JSON.stringify(location)) ?? 0;
}
