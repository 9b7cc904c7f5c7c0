/**
 * Dates read from SQL as 'YYYY-MM-DD' text, whatever type parser the pg driver has for DATE: repositories select
 * a date column or a day through these, so the formatting lives in one place.
 */
export const isoDate = (expression: string): string => `to_char(${expression}, 'YYYY-MM-DD')`;

/** The Beijing-time day of a timestamptz, as 'YYYY-MM-DD'. */
export const shanghaiDay = (expression: string): string => `to_char(${expression} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;
