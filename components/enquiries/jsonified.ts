/**
 * What a server value looks like after a trip through JSON (the API's answers) or to the browser:
 * dates become ISO strings. Pages hand client components the same shape the API returns, so one type
 * serves the first render and every later fetch.
 */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer Item)[]
    ? Jsonified<Item>[]
    : T extends object
      ? { [Key in keyof T]: Jsonified<T[Key]> }
      : T;

export function toJsonShape<T>(value: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonified<T>;
}
