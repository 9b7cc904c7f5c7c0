import { types } from 'pg';

const DATE_OID = 1082;
const DATE_ARRAY_OID = 1182;
const TEXT_ARRAY_OID = 1009;

type ParserOf = (oid: number) => (value: string) => unknown;

/**
 * The pg type parsers every connection of the service uses. A DATE (and a DATE[]) stays the 'YYYY-MM-DD' text
 * PostgreSQL sends: pg's default makes it a JavaScript Date at local midnight, which names another day once
 * serialized in any zone but UTC, so SQL had to wrap every date in to_char. Other types keep pg's parsers.
 */
export const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return types.getTypeParser(oid, format);
    if (oid === DATE_OID) return (value: string) => value;
    if (oid === DATE_ARRAY_OID) return (types.getTypeParser as ParserOf)(TEXT_ARRAY_OID);
    return types.getTypeParser(oid, format);
  }) as typeof types.getTypeParser,
};
