/** How one subject attribute maps to SQL: an expression over the query's aliases, and its type. */
export interface SqlField {
  readonly sql: string;
  /** The PostgreSQL type parameters are cast to (pg sends them untyped). */
  readonly cast: 'uuid' | 'text' | 'boolean' | 'timestamptz' | 'integer';
  /** An array column: `eq` means "contains". */
  readonly array?: boolean;
}

export type SqlFieldMap = Readonly<Record<string, SqlField>>;
