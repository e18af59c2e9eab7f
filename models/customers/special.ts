import gammalnLib from "@stdlib/math-base-special-gammaln";
import betalnLib from "@stdlib/math-base-special-betaln";
import hyp2f1Lib from "@stdlib/math-base-special-hyp2f1";

/** Natural log of the gamma function (stdlib). */
export const gammaln: (x: number) => number = gammalnLib;
/** Natural log of the beta function (stdlib). */
export const betaln: (a: number, b: number) => number = betalnLib;
/** Gauss hypergeometric function 2F1(a, b; c; z) for |z| < 1 (stdlib). */
export const hyp2f1: (a: number, b: number, c: number, z: number) => number = hyp2f1Lib;

/** log(exp(a) + exp(b)) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}
