import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const REFERENCE_DIR = fileURLToPath(new URL('../../../content/reference/', import.meta.url));

export interface Kreis {
  kreisAgs: string;
  name: string;
  nameOfficial: string;
  kind: string;
  regierungsbezirk: string;
}

export interface Municipality {
  ags: string;
  name: string;
  nameOfficial: string;
  kind: string;
  kreisAgs: string;
  postalCodes: string[];
}

export interface Nationality {
  code: string;
  name: string;
  adjective: string;
  inactive: boolean;
  /** Codes that must not be offered in forms (e.g. 910 "für interne Zwecke"). */
  selectable: boolean;
}

async function readCsv(file: string, dir: string): Promise<Record<string, string>[]> {
  const text = await readFile(`${dir}/${file}`, 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
}

function field(row: Record<string, string>, name: string, file: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`${file}: Spalte „${name}“ fehlt.`);
  return value;
}

/** Reads the NRW Kreise (kreisfreie Städte and Kreise). */
export async function loadKreise(dir = REFERENCE_DIR): Promise<Kreis[]> {
  const file = 'nrw-kreise.csv';
  return (await readCsv(file, dir)).map((r) => ({
    kreisAgs: field(r, 'kreis_ags', file),
    name: field(r, 'name', file),
    nameOfficial: field(r, 'name_amtlich', file),
    kind: field(r, 'type', file),
    regierungsbezirk: field(r, 'regierungsbezirk', file),
  }));
}

/** Reads the NRW municipalities with the postal codes that have a delivery area. */
export async function loadMunicipalities(dir = REFERENCE_DIR): Promise<Municipality[]> {
  const file = 'nrw-gemeinden.csv';
  return (await readCsv(file, dir)).map((r) => ({
    ags: field(r, 'ags', file),
    name: field(r, 'name', file),
    nameOfficial: field(r, 'name_amtlich', file),
    kind: field(r, 'gemeindetyp', file),
    kreisAgs: field(r, 'kreis_ags', file),
    postalCodes: field(r, 'plz', file).split(/\s+/).filter(Boolean),
  }));
}

/** Reads the Destatis nationality keys, including stateless (997) and unclear (998). */
export async function loadNationalities(dir = REFERENCE_DIR): Promise<Nationality[]> {
  const file = 'staatsangehoerigkeiten.csv';
  return (await readCsv(file, dir)).map((r) => {
    const code = field(r, 'code', file);
    const inactive = field(r, 'inactive', file) === 'true';
    return {
      code,
      name: field(r, 'name_de', file),
      adjective: field(r, 'staatsangehoerigkeit', file),
      inactive,
      selectable: !inactive && code !== '910' && code !== '999',
    };
  });
}
