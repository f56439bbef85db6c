// js-yaml 3 ships no types and @types/js-yaml is not installed: the one function the compose specs use.
declare module 'js-yaml' {
  /** Parses one YAML document with the safe schema (merge keys `<<:` included); throws on a syntax error. */
  export function safeLoad(text: string, options?: { filename?: string; json?: boolean }): unknown;
}
