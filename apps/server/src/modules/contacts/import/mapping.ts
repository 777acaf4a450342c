import { IMPORT_STANDARD_FIELDS, type ImportStandardField } from '@charla/contracts';
import type { ImportMapping } from '../../../db/schema';
import { invalid } from '../../../http/errors';
import type { CustomField } from '../custom-fields';

const STANDARD_FIELDS = IMPORT_STANDARD_FIELDS;
type StandardField = ImportStandardField;

// Header spellings people export from other CRMs and spreadsheets, in English and Spanish, compared
// without case, accents, spaces or punctuation.
const ALIASES: Record<StandardField, string[]> = {
  name: ['name', 'fullname', 'nombre completo', 'contact', 'contacto'],
  firstName: ['firstname', 'first', 'givenname', 'nombre', 'nombres'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'apellido', 'apellidos'],
  phone: ['phone', 'phonenumber', 'mobile', 'cell', 'whatsapp', 'telefono', 'celular', 'movil', 'tel'],
  email: ['email', 'emailaddress', 'mail', 'correo', 'correoelectronico'],
  language: ['language', 'lang', 'idioma'],
  lifecycleStage: ['lifecyclestage', 'lifecycle', 'stage', 'etapa', 'ciclodevida'],
};

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Column index → field for headers recognised by name; each field is taken by its first column only. */
export function autoMap(
  headers: readonly string[],
  fields: readonly Pick<CustomField, 'key' | 'label'>[],
): ImportMapping {
  const byName = new Map<string, string>();
  for (const f of STANDARD_FIELDS) for (const alias of ALIASES[f]) byName.set(fold(alias), f);
  for (const f of fields) {
    byName.set(fold(f.key), `custom.${f.key}`);
    byName.set(fold(f.label), `custom.${f.key}`);
  }
  const mapping: ImportMapping = {};
  const taken = new Set<string>();
  headers.forEach((h, i) => {
    const field = byName.get(fold(h));
    if (field && !taken.has(field)) {
      mapping[String(i)] = field;
      taken.add(field);
    }
  });
  return mapping;
}

/** Refuses a mapping naming an unknown field, a column that does not exist, or a field twice. */
export function checkMapping(mapping: ImportMapping, headers: readonly string[], fields: readonly CustomField[]) {
  const known = new Set<string>([...STANDARD_FIELDS, ...fields.map((f) => `custom.${f.key}`)]);
  const seen = new Set<string>();
  for (const [column, field] of Object.entries(mapping)) {
    const i = Number(column);
    if (!Number.isInteger(i) || i < 0 || i >= headers.length) {
      throw invalid('invalid_mapping', `Column ${column} is not in the file`);
    }
    if (!known.has(field)) throw invalid('invalid_mapping', `There is no field "${field}"`);
    if (seen.has(field)) throw invalid('invalid_mapping', `"${field}" is mapped to more than one column`);
    seen.add(field);
  }
  const values = new Set(Object.values(mapping));
  if (!values.has('phone') && !values.has('email') && !values.has('name') && !values.has('firstName')) {
    throw invalid('invalid_mapping', 'Map at least a name, phone or email column');
  }
}
