import { types } from 'pg';

const DATE_OID = 1082;

/**
 * The pg type parsers every connection of the service uses. A DATE stays the 'YYYY-MM-DD' text PostgreSQL sends:
 * pg's default makes it a JavaScript Date at local midnight, which shifts the day in any zone east or west of the
 * server's reading, so SQL had to wrap every date in to_char. Other types keep pg's parsers.
 */
export const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID && format !== 'binary' ? (value: string) => value : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};
