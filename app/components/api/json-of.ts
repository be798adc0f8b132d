/**
 * What a value of the server's type T looks like once it has crossed the wire as JSON: a Date
 * arrives as its ISO string, undefined properties are simply absent. Lets pages name the
 * server's own types (import type from lib/) without pretending dates are still Dates.
 */
export type JsonOf<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? JsonOf<Item>[]
    : T extends object
      ? { [Key in keyof T]: JsonOf<T[Key]> }
      : T;
