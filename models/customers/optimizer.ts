import * as fminNamespace from "fmin";
import type { FminPoint } from "fmin";

/*
 * fmin 0.0.4 ships a UMD bundle inside a `"type": "module"` package, so importing it from ESM
 * exports nothing and instead assigns `globalThis.fmin` (under a CommonJS loader it exports normally). We wrap that quirk here, once.
 * Its Nelder-Mead also has an undeclared loop variable in the shrink step (a ReferenceError in
 * strict mode); we catch it and restart from the best point seen, which is what a shrink around
 * the best vertex would do anyway.
 */
type FminModule = typeof import("fmin");
const loaded = fminNamespace as unknown as FminModule & { default?: FminModule };
const fmin: FminModule | undefined =
  typeof loaded.nelderMead === "function" ? loaded
  : typeof loaded.default?.nelderMead === "function" ? loaded.default
  : (globalThis as unknown as { fmin?: FminModule }).fmin;
if (!fmin || typeof fmin.nelderMead !== "function") throw new Error("fmin did not load (expected globalThis.fmin from its UMD bundle)");
const lib: FminModule = fmin;

/** Options for {@link minimize}. */
export interface MinimizeOptions {
  /** Maximum Nelder-Mead iterations per restart (default 2000). */
  maxIterations?: number;
  /** Number of restarts from the previous optimum, which un-sticks a collapsed simplex (default 4). */
  restarts?: number;
  /** Convergence tolerance on function value and simplex size (default 1e-10). */
  tolerance?: number;
}

/** Result of a minimisation. */
export interface MinimizeResult {
  x: number[];
  fx: number;
  evaluations: number;
}

/**
 * Minimise `f` from `x0` with fmin's Nelder-Mead, restarting from the best point to polish.
 * Non-finite objective values are treated as +Infinity so the simplex walks away from them.
 * @example minimize(([a, b]) => (a - 1) ** 2 + (b + 2) ** 2, [0, 0]).x // ≈ [1, -2]
 */
export function minimize(f: (x: number[]) => number, x0: number[], options: MinimizeOptions = {}): MinimizeResult {
  const maxIterations = options.maxIterations ?? 2000;
  const restarts = options.restarts ?? 4;
  const tol = options.tolerance ?? 1e-10;
  let evaluations = 0;
  let best = { x: x0.slice(), fx: Infinity };
  const g = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    const fx = Number.isFinite(v) ? v : Infinity;
    if (fx < best.fx) best = { x: x.slice(), fx };
    return fx;
  };
  let start = x0.slice();
  for (let round = 0; round <= restarts; round++) {
    const before = best.fx;
    try {
      const r: FminPoint = lib.nelderMead(g, start, { maxIterations, minErrorDelta: tol, nonZeroDelta: 1.1, zeroDelta: 0.05 });
      if (r.fx < best.fx) best = { x: r.x.slice(), fx: r.fx };
    } catch (err) {
      if (!(err instanceof ReferenceError)) throw err;
    }
    start = best.x.slice();
    if (round > 0 && Math.abs(before - best.fx) < tol * (1 + Math.abs(best.fx))) break;
  }
  return { x: best.x, fx: best.fx, evaluations };
}

/**
 * Minimise a smooth `f` with an analytic gradient using fmin's conjugate gradient.
 * `f(x, grad)` returns the value and writes the gradient into `grad`.
 */
export function minimizeWithGradient(f: (x: number[], grad: number[]) => number, x0: number[], maxIterations = 500): MinimizeResult {
  let evaluations = 0;
  const r = lib.conjugateGradient((x, grad) => {
    evaluations++;
    return f(x, grad);
  }, x0.slice(), { maxIterations });
  return { x: r.x.slice(), fx: r.fx, evaluations };
}
