/**
 * Branded numeric units: a `Meters` cannot be passed where `Seconds` is expected without an explicit
 * conversion, which catches pace/distance mix-ups at compile time at no runtime cost.
 */
declare const unit: unique symbol;
type Unit<Name extends string> = number & { readonly [unit]: Name };

export type Meters = Unit<"meters">;
export type Seconds = Unit<"seconds">;
export type Degrees = Unit<"degrees">;

export const meters = (value: number) => value as Meters;
export const seconds = (value: number) => value as Seconds;
export const degrees = (value: number) => value as Degrees;
