/** A fitted binary logistic model: P(y=1 | x) = sigmoid(bias + w·x). */
export interface LogisticModel {
  weights: number[];
  bias: number;
}

/** Standard logistic function. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Probability from a fitted logistic model. */
export function predictLogistic(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i] * x[i];
  return sigmoid(z);
}

/**
 * Fit a small binary logistic regression by Newton–Raphson (IRLS) with an L2 penalty; for a
 * handful of features this converges in a few steps and is exact, which is why it is written here
 * rather than pulled in (Platt 1999 calibration generalised to several scores).
 */
export function fitLogistic(xs: readonly (readonly number[])[], ys: readonly number[], l2 = 1e-2, iterations = 50): LogisticModel {
  const d = xs[0]?.length ?? 0;
  const p = d + 1;
  let beta = new Array<number>(p).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(p).fill(0);
    const hess = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let n = 0; n < xs.length; n++) {
      const row = [1, ...xs[n]];
      let z = 0;
      for (let i = 0; i < p; i++) z += beta[i] * row[i];
      const mu = sigmoid(z);
      const w = Math.max(mu * (1 - mu), 1e-9);
      for (let i = 0; i < p; i++) {
        grad[i] += (ys[n] - mu) * row[i];
        for (let j = 0; j < p; j++) hess[i][j] += w * row[i] * row[j];
      }
    }
    for (let i = 1; i < p; i++) {
      grad[i] -= l2 * beta[i];
      hess[i][i] += l2;
    }
    const step = solve(hess, grad);
    beta = beta.map((b, i) => b + step[i]);
    if (step.reduce((a, s) => a + Math.abs(s), 0) < 1e-8) break;
  }
  return { bias: beta[0], weights: beta.slice(1) };
}

/** Solve A x = b by Gaussian elimination with partial pivoting (A is small and symmetric positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    const d = m[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / d;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / (row[i] || 1e-12));
}
