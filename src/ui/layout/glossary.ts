/**
 * The studio's glossary: every method term, chart and odd button a newcomer meets, in plain
 * words, with a formula where one helps and the section of docs/method.md that says more.
 * Field-level help (temperature, tau, the loss weights...) lives with the fields in the config
 * schema (src/core/method/config/schema.ts); these are the words the fields and charts use.
 */
export interface GlossaryEntry {
  /** The term as the page shows it. */
  term: string;
  /** One or two sentences a newcomer can read. */
  plain: string;
  /** The formula, in the notation of docs/method.md. */
  formula?: string;
  /** A heading of docs/method.md (without its '#'s) that explains it in full. */
  doc?: string;
}

export const glossary = {
  teachers: {
    term: 'Teachers',
    plain: 'Trained classifiers, each an expert on part of a data set (MNIST digits 0–4, say). The student learns from their answers on unlabelled images; teachers never change.',
    doc: '1. Setting',
  },
  loadInWorker: {
    term: 'Load in worker',
    plain: "Downloads this teacher into the training worker (the background thread that trains) and reports its size and load time: a quick check that it works. Start does this for the picked teachers anyway.",
  },
  transferData: {
    term: 'Transfer images',
    plain: 'The images the student learns from. Their labels are never used for training: the teachers label them. Only the test set, for the charts, uses true labels.',
    doc: '1. Setting',
  },
  preset: {
    term: 'Preset',
    plain: 'A named method: CKA (the full method), its ablations (CKA with one term switched off, to see what that term adds), and the baselines KD and CFL. The oracle trains on true labels: an upper bound, not amalgamation.',
    doc: '7. Baselines and ablations: the same code, other switches',
  },
  softTargets: {
    term: 'Soft targets',
    plain: "The teachers' answers as probabilities over every class, softened by the temperature T so that the runner-up classes still carry information. The student learns to give the same probabilities (the KD term).",
    formula: 'q = softmax([z₁, …, z_K] / T);  L_kd = T² · KL(q ‖ softmax(z_s / T))',
    doc: '3. Soft targets and the KD term',
  },
  pseudoLabel: {
    term: 'Pseudo-label',
    plain: "The class the teachers' combined answer gives an image (its most likely class). It stands in for the true label, which the student never sees; it is wrong wherever the teachers are.",
    formula: 'ŷ(x) = argmax q(x)',
    doc: '4. Pseudo-labels',
  },
  commonSpace: {
    term: 'Common space',
    plain: 'Student and teachers describe an image with feature vectors of different sizes. A small network per model maps each into one shared space of m numbers (unit length), where they can be compared.',
    formula: 'v(x) = P_s(h(x)) / ‖P_s(h(x))‖,  u_k(x) = P_k(f_k(x)) / ‖P_k(f_k(x))‖',
    doc: '5. Common representation space',
  },
  intraContrastive: {
    term: 'Intra-model contrastive',
    plain: "Inside each model's own space, images with the same pseudo-label are pulled together and the others pushed apart (supervised contrastive loss).",
    formula: 'L_intra = SupCon(v) + 1/K Σ_k SupCon(u_k)',
    doc: 'Intra-model contrastive: supervised contrastive loss on pseudo-labels',
  },
  interContrastive: {
    term: 'Inter-model contrastive',
    plain: "Across models: the student's view of an image is pulled towards each teacher's views of images with the same pseudo-label, and away from the rest (symmetric InfoNCE).",
    formula: 'L_inter = 1/K Σ_k ½ (NCE(V U_kᵀ) + NCE(U_k Vᵀ))',
    doc: 'Inter-model contrastive: symmetric InfoNCE between student and teacher',
  },
  alignment: {
    term: 'Sample-level alignment',
    plain: "For every single image, the student's point in the common space is made to look like each teacher's point for that image (both softened into distributions and compared).",
    formula: 'L_align = 1/K Σ_k 1/B Σ_i KL(softmax(u_k,i / τ_a) ‖ softmax(v_i / τ_a))',
    doc: 'Alignment: sample-level, with a relational variant',
  },
  tau: {
    term: 'tau (τ)',
    plain: 'The temperature of the contrastive losses: it divides the similarities before the softmax. Lower τ punishes near misses harder and pulls classes apart more sharply; too low and training becomes unstable.',
    formula: 'exp(e_i · e_p / τ) / Σ_a exp(e_i · e_a / τ)',
    doc: '6. The CKA terms',
  },
  lossChart: {
    term: 'Loss per term',
    plain: 'How wrong the student still is, step by step, for the total and for every active term (KD, intra, inter, alignment...). Lower is better; a log scale shows small terms beside big ones.',
    formula: 'L = w_kd·L_kd + w_intra·L_intra + w_inter·L_inter + w_align·L_align (+ CFL terms)',
    doc: 'Total loss',
  },
  embedding: {
    term: 'Embedding clusters',
    plain: "Test images placed by how the student (and a teacher) represent them, squashed to 2-D by PCA or UMAP. Colours are classes (or owning teachers, if chosen): tight, separate colour blobs mean the model tells the classes apart.",
    doc: '8. What a run reports',
  },
  ownershipChart: {
    term: 'Ownership of the transfer images',
    plain: "Before training, the target builder reads every unlabelled transfer image and decides which teacher owns it (whose classes it most likely belongs to); each bar is the share a teacher owns. Below: how many images it gives to another teacher than plain concatenation (the loudest logit) would.",
    formula: 'owner(x) = argmax_k w_k(x)',
    doc: '10. Who owns an image',
  },
  owner: {
    term: 'Owning teacher',
    plain: "The teacher the run's target builder gives an image to: the student's target for that image comes from that teacher's classes. Colouring the embedding by owner shows where the builder draws the line between the teachers.",
    doc: '10. Who owns an image',
  },
  accuracyChart: {
    term: 'Accuracy (test set)',
    plain: "Joint: how often the student names the right class among all the teachers' classes, on labelled test images it never trained on. Per teacher: the student on that teacher's classes only, the fair comparison with the teacher.",
    doc: '8. What a run reports',
  },
  cohesionChart: {
    term: 'Cohesion',
    plain: "How well the student's features group the probe images by class. Left axis: silhouette, from −1 (mixed up) to 1 (tight, separate classes); higher is better. Right axis: intra/inter ratio; lower is better. 'Pseudo-labels' grades the grouping against the teachers' labels instead of the true ones.",
    doc: '8. What a run reports',
  },
  silhouette: {
    term: 'Silhouette',
    plain: 'For each image: how much closer it is to its own class than to the nearest other class, from −1 to 1, averaged. Higher is better.',
    formula: 's = (b − a) / max(a, b);  a = mean distance to its class, b = to the nearest other class',
    doc: '8. What a run reports',
  },
  intraInterRatio: {
    term: 'Intra/inter ratio',
    plain: 'The mean distance of images to their class centre divided by the mean distance between class centres. Lower is better: small, far-apart classes.',
    formula: 'ratio = mean ‖x − centre(class)‖ / mean ‖centre_a − centre_b‖  (cosine distance)',
    doc: '8. What a run reports',
  },
  confusion: {
    term: 'Confusion matrix',
    plain: 'Rows are the true classes of the test images, columns what the student answered. The diagonal (green) is right; a dark red cell is a mix-up the student makes often.',
    doc: '8. What a run reports',
  },
  backend: {
    term: 'Backend',
    plain: 'Where the tensor maths runs: webgpu or webgl (the graphics card; webgpu is tried first on a real one), wasm (the processor, multithreaded: the usual choice), or cpu (plain JavaScript, slow). Changing it reloads the studio; a run is offered back from its checkpoint.',
  },
  fallbackAdapter: {
    term: 'webgpu skipped: fallback adapter only',
    plain: 'The browser offers WebGPU only through a software emulation of a graphics card (a "fallback adapter"), which is slower than wasm here, so the studio chose wasm. Pick webgpu under Backend to use it anyway.',
  },
} satisfies Record<string, GlossaryEntry>;

export type GlossaryKey = keyof typeof glossary;

/** The entry's text as one line, for a hover title. */
export const glossaryTitle = (key: GlossaryKey): string => {
  const entry: GlossaryEntry = glossary[key];
  return entry.formula ? `${entry.plain} ${entry.formula}` : entry.plain;
};
