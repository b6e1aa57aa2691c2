/** The shape of a locale object: the same keys, every leaf a string. */
export type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
