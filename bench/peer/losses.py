"""The studio's loss terms (src/core/method/losses/) in PyTorch, formula for formula.

Each function mirrors the tfjs one named in its docstring, including the numerical guards
(rsqrt of a clamped square, 1e9 diagonal exclusion, empty-anchor handling), so that the same
batch and weights give the same value to ~1e-6.
"""
import torch
import torch.nn.functional as F

EXCLUDED_LOGIT = 1e9
CFL_SIGMAS = (0.001, 0.01, 0.05, 0.1, 0.2, 1, 2)


def l2_normalize(x, eps=1e-12):
    """similarity.ts l2Normalize."""
    return x * torch.rsqrt(torch.clamp((x * x).sum(1, keepdim=True), min=eps * eps))


def x_log_x(p):
    positive = p > 0
    return torch.where(positive, p * torch.log(torch.where(positive, p, torch.ones_like(p))), torch.zeros_like(p))


def union_placement(label_map, union_size):
    return F.one_hot(torch.tensor(label_map), union_size).float()


def combine_targets(logits, maps, union_size, t, combiner):
    """unionTargets.ts combineTeacherTargets."""
    if combiner == 'concat':
        joint = torch.softmax(torch.cat(logits, 1) / t, 1)
        return joint @ union_placement([i for m in maps for i in m], union_size)
    log_probs = [torch.log_softmax(z / t, 1) for z in logits]
    weights = torch.softmax(torch.stack([(lp.exp() * lp).sum(1) for lp in log_probs], 1), 1)
    return sum((lp.exp() @ union_placement(maps[k], union_size)) * weights[:, k:k + 1] for k, lp in enumerate(log_probs))


def pseudo_labels_multi_head(logits, maps):
    """pseudoLabels.ts pseudoLabelsMultiHead (temperature 1)."""
    confidence = torch.stack([torch.softmax(z, 1).max(1).values for z in logits], 1)
    union = torch.stack([torch.tensor(maps[k])[z.argmax(1)] for k, z in enumerate(logits)], 1)
    return union.gather(1, confidence.argmax(1, keepdim=True)).reshape(-1)


def soft_target_joint(student_logits, target, t):
    """softTargetLoss.ts softTargetLossJoint: T^2 * mean KL(q || softmax(z_s / T))."""
    kl = x_log_x(target).sum(1) - (target * torch.log_softmax(student_logits / t, 1)).sum(1)
    return kl.mean() * t * t


def row_kl_from_logits(teacher_logits, student_logits):
    lp, lq = torch.log_softmax(teacher_logits, 1), torch.log_softmax(student_logits, 1)
    return (lp.exp() * (lp - lq)).sum(1)


def soft_target_multi_head(student_heads, teacher_logits, t):
    return sum(row_kl_from_logits(z / t, s / t).mean() for z, s in zip(teacher_logits, student_heads)) * t * t


def same_label_mask(labels):
    return (labels[:, None] == labels[None, :]).float()


def log_softmax_without_self(logits):
    masked = logits - torch.eye(logits.shape[0]) * EXCLUDED_LOGIT
    return masked - torch.logsumexp(masked, 1, keepdim=True)


def mean_positive_neg_log_prob(log_prob, positives):
    count = positives.sum(1)
    per_anchor = (positives * log_prob).sum(1) / torch.clamp(count, min=1)
    is_anchor = (count > 0).float()
    return -(per_anchor * is_anchor).sum() / torch.clamp(is_anchor.sum(), min=1)


def sup_con_from_similarity(sim, labels, tau):
    """intraContrastive.ts supConFromSimilarity."""
    not_self = 1 - torch.eye(sim.shape[0])
    return mean_positive_neg_log_prob(log_softmax_without_self(sim / tau), same_label_mask(labels) * not_self)


def intra_contrastive(v, us, labels, tau):
    return sup_con_from_similarity(v @ v.T, labels, tau) + sum(sup_con_from_similarity(u @ u.T, labels, tau) for u in us) / len(us)


def info_nce_from_similarity(sim, labels, tau):
    logits = sim / tau
    return mean_positive_neg_log_prob(logits - torch.logsumexp(logits, 1, keepdim=True), same_label_mask(labels))


def inter_contrastive(v, us, labels, tau):
    """interContrastive.ts: symmetric InfoNCE per teacher, one similarity matrix both ways."""
    def symmetric(sim):
        return 0.5 * (info_nce_from_similarity(sim, labels, tau) + info_nce_from_similarity(sim.T, labels, tau))
    return sum(symmetric(v @ u.T) for u in us) / len(us)


def alignment(v, us, tau_a, variant):
    """alignment.ts alignmentLoss (sample or relational)."""
    if variant == 'sample':
        return sum(row_kl_from_logits(u / tau_a, v / tau_a).mean() for u in us) / len(us)
    student = log_softmax_without_self(v @ v.T / tau_a)

    def relational(u):
        teacher = log_softmax_without_self(u @ u.T / tau_a)
        return (teacher.exp() * (teacher - student)).sum(1).mean()
    return sum(relational(u) for u in us) / len(us)


def squared_distances(a, b):
    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(2)


def mean_kernel(x, y, sigmas):
    gammas = torch.tensor([-1 / (2 * s * s) for s in sigmas])
    return torch.exp(squared_distances(x, y)[:, :, None] * gammas).sum() / (x.shape[0] * y.shape[0])


def mmd2_multi_rbf(a, b, sigmas=CFL_SIGMAS):
    """cflLosses.ts mmd2MultiRbf (biased, sum over bandwidths, ReLU-clipped)."""
    return F.relu(mean_kernel(a, a, sigmas) + mean_kernel(b, b, sigmas) - 2 * mean_kernel(a, b, sigmas))
