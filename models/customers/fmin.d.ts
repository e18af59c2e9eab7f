// Type declarations for the parts of `fmin` (benfred/fmin, BSD-3) that models/customers uses.
declare module "fmin" {
  /** A point with its objective value, as fmin returns it. */
  export interface FminPoint { x: number[]; fx: number; fxprime?: number[] }
  /** Nelder-Mead downhill simplex. */
  export function nelderMead(f: (x: number[]) => number, x0: number[], params?: Record<string, unknown>): FminPoint;
  /** Polak-Ribiere conjugate gradient with a Wolfe line search; `f` writes the gradient into `grad`. */
  export function conjugateGradient(f: (x: number[], grad: number[]) => number, x0: number[], params?: Record<string, unknown>): FminPoint;
}
