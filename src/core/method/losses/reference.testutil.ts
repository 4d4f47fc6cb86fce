/**
 * Test-only reference implementations of every loss: plain loops over number arrays in float64,
 * written straight from the formulas in docs/method.md and sharing no code with the tensor
 * versions, so an agreement between the two means something.
 */
export type Matrix = number[][];

export function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function softmax(row: number[], temperature = 1): number[] {
  let max = -Infinity;
  for (const x of row) max = Math.max(max, x / temperature);
  const e = row.map((x) => Math.exp(x / temperature - max));
  let sum = 0;
  for (const x of e) sum += x;
  return e.map((x) => x / sum);
}

export function argmax(row: number[]): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

/** KL(p || q) with 0·log 0 = 0. */
export function kl(p: number[], q: number[]): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) s += p[i] * Math.log(p[i] / q[i]);
  return s;
}

function entropy(p: number[]): number {
  let h = 0;
  for (const x of p) if (x > 0) h -= x * Math.log(x);
  return h;
}

export function combineConcatRef(logits: Matrix[], maps: number[][], unionSize: number, t: number): Matrix {
  const batch = logits[0].length;
  const out: Matrix = [];
  for (let b = 0; b < batch; b++) {
    const row: number[] = [];
    const owner: number[] = [];
    logits.forEach((z, k) => z[b].forEach((x, c) => { row.push(x); owner.push(maps[k][c]); }));
    const p = softmax(row, t);
    const q = new Array<number>(unionSize).fill(0);
    p.forEach((x, i) => { q[owner[i]] += x; });
    out.push(q);
  }
  return out;
}

export function combineConfidenceRef(logits: Matrix[], maps: number[][], unionSize: number, t: number): Matrix {
  const out: Matrix = [];
  for (let b = 0; b < logits[0].length; b++) {
    const probs = logits.map((z) => softmax(z[b], t));
    const weights = softmax(probs.map((p) => -entropy(p)));
    const q = new Array<number>(unionSize).fill(0);
    probs.forEach((p, k) => p.forEach((x, c) => { q[maps[k][c]] += weights[k] * x; }));
    out.push(q);
  }
  return out;
}

export function pseudoMultiHeadRef(logits: Matrix[], maps: number[][], t = 1): number[] {
  const out: number[] = [];
  for (let b = 0; b < logits[0].length; b++) {
    let bestK = 0;
    let bestConf = -1;
    logits.forEach((z, k) => {
      const conf = Math.max(...softmax(z[b], t));
      if (conf > bestConf) { bestConf = conf; bestK = k; }
    });
    out.push(maps[bestK][argmax(logits[bestK][b])]);
  }
  return out;
}

export function kdJointRef(student: Matrix, target: Matrix, t: number): number {
  let s = 0;
  for (let b = 0; b < student.length; b++) s += kl(target[b], softmax(student[b], t));
  return (t * t * s) / student.length;
}

export function kdMultiHeadRef(students: Matrix[], teachers: Matrix[], t: number): number {
  let total = 0;
  teachers.forEach((zt, k) => {
    let s = 0;
    for (let b = 0; b < zt.length; b++) s += kl(softmax(zt[b], t), softmax(students[k][b], t));
    total += (t * t * s) / zt.length;
  });
  return total;
}

export function supConRef(e: Matrix, y: number[], tau: number): number {
  const n = e.length;
  let sum = 0;
  let anchors = 0;
  for (let i = 0; i < n; i++) {
    let denom = 0;
    for (let a = 0; a < n; a++) if (a !== i) denom += Math.exp(dot(e[i], e[a]) / tau);
    let inner = 0;
    let positives = 0;
    for (let p = 0; p < n; p++) {
      if (p === i || y[p] !== y[i]) continue;
      inner += Math.log(Math.exp(dot(e[i], e[p]) / tau) / denom);
      positives++;
    }
    if (positives === 0) continue;
    sum += inner / positives;
    anchors++;
  }
  return anchors === 0 ? 0 : -sum / anchors;
}

export function intraRef(v: Matrix, us: Matrix[], y: number[], tau: number): number {
  let teachers = 0;
  for (const u of us) teachers += supConRef(u, y, tau);
  return supConRef(v, y, tau) + teachers / us.length;
}

/** Anchors a_i against candidates c_j, positives j with y_j = y_i (j = i included). */
export function infoNceRef(anchors: Matrix, candidates: Matrix, y: number[], tau: number): number {
  const n = anchors.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let denom = 0;
    for (let j = 0; j < n; j++) denom += Math.exp(dot(anchors[i], candidates[j]) / tau);
    let inner = 0;
    let positives = 0;
    for (let p = 0; p < n; p++) {
      if (y[p] !== y[i]) continue;
      inner += Math.log(Math.exp(dot(anchors[i], candidates[p]) / tau) / denom);
      positives++;
    }
    sum += inner / positives;
  }
  return -sum / n;
}

export function interRef(v: Matrix, us: Matrix[], y: number[], tau: number): number {
  let total = 0;
  for (const u of us) total += 0.5 * (infoNceRef(v, u, y, tau) + infoNceRef(u, v, y, tau));
  return total / us.length;
}

export function sampleAlignRef(v: Matrix, us: Matrix[], tauA: number): number {
  let total = 0;
  for (const u of us) {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += kl(softmax(u[i], tauA), softmax(v[i], tauA));
    total += s / v.length;
  }
  return total / us.length;
}

/** Row i's distribution over j ≠ i of e_i·e_j / τ_a. */
function neighbourDistribution(e: Matrix, i: number, tauA: number): number[] {
  const row: number[] = [];
  for (let j = 0; j < e.length; j++) if (j !== i) row.push(dot(e[i], e[j]));
  return softmax(row, tauA);
}

export function relationalAlignRef(v: Matrix, us: Matrix[], tauA: number): number {
  let total = 0;
  for (const u of us) {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += kl(neighbourDistribution(u, i, tauA), neighbourDistribution(v, i, tauA));
    total += s / v.length;
  }
  return total / us.length;
}

function kernelMean(x: Matrix, y: Matrix, sigmas: readonly number[]): number {
  let s = 0;
  for (const a of x) {
    for (const b of y) {
      let d2 = 0;
      for (let c = 0; c < a.length; c++) d2 += (a[c] - b[c]) ** 2;
      for (const sigma of sigmas) s += Math.exp(-d2 / (2 * sigma * sigma));
    }
  }
  return s / (x.length * y.length);
}

export function mmdRef(a: Matrix, b: Matrix, sigmas: readonly number[]): number {
  return Math.max(0, kernelMean(a, a, sigmas) + kernelMean(b, b, sigmas) - 2 * kernelMean(a, b, sigmas));
}

export function normalizeRowsRef(x: Matrix): Matrix {
  return x.map((row) => {
    const norm = Math.sqrt(dot(row, row));
    return row.map((v) => v / Math.max(norm, 1e-12));
  });
}

export function mseRef(a: Matrix, b: Matrix): number {
  let s = 0;
  let n = 0;
  a.forEach((row, i) => row.forEach((v, j) => { s += (v - b[i][j]) ** 2; n++; }));
  return s / n;
}

export function cflRef(
  hs: Matrix, hts: Matrix[], decoded: Matrix[], features: Matrix[], sigmas: readonly number[], recWeight: number,
): number {
  let mmd = 0;
  let rec = 0;
  for (const ht of hts) mmd += mmdRef(normalizeRowsRef(hs), normalizeRowsRef(ht), sigmas);
  decoded.forEach((d, k) => { rec += mseRef(d, features[k]); });
  return mmd + recWeight * rec;
}

/** CRD-style instance InfoNCE: anchor i's only positive is candidate i, every candidate in the denominator. */
function instanceNceRef(anchors: Matrix, candidates: Matrix, tau: number): number {
  let sum = 0;
  for (let i = 0; i < anchors.length; i++) {
    let denom = 0;
    for (let j = 0; j < candidates.length; j++) denom += Math.exp(dot(anchors[i], candidates[j]) / tau);
    sum += Math.log(Math.exp(dot(anchors[i], candidates[i]) / tau) / denom);
  }
  return -sum / anchors.length;
}

export function instanceInterRef(v: Matrix, us: Matrix[], tau: number): number {
  let total = 0;
  for (const u of us) total += 0.5 * (instanceNceRef(v, u, tau) + instanceNceRef(u, v, tau));
  return total / us.length;
}

/** NT-Xent over two views: z = [a; b], anchor i's positive is the other view of its image, self left out. */
export function ntXentRef(a: Matrix, b: Matrix, tau: number): number {
  const z = [...a, ...b];
  const n = a.length;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const partner = i < n ? i + n : i - n;
    let denom = 0;
    for (let j = 0; j < z.length; j++) if (j !== i) denom += Math.exp(dot(z[i], z[j]) / tau);
    sum += Math.log(Math.exp(dot(z[i], z[partner]) / tau) / denom);
  }
  return -sum / z.length;
}
