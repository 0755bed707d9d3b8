package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The KL rules registered by users ({@code torch.distributions.kl.register_kl}) and PyTorch's choice among them: of
 * the pairs of classes that p's and q's classes extend, the most specific, first by p's class then by q's; where
 * ordering by q first would choose another rule, the choice is ambiguous and reported once, as PyTorch warns.
 */
final class KlRegistry {
    private record Pair(Class<?> p, Class<?> q) {}

    private static final Map<Pair, BiFunction<Distribution, Distribution, Tensor>> RULES = new LinkedHashMap<>();
    /** The rule chosen for each pair of concrete classes seen (null: none); cleared by each registration. */
    private static final Map<Pair, java.util.Optional<BiFunction<Distribution, Distribution, Tensor>>> CHOSEN =
            new ConcurrentHashMap<>();

    private KlRegistry() {}

    static synchronized <P extends Distribution, Q extends Distribution> void register(Class<P> typeP, Class<Q> typeQ,
            BiFunction<? super P, ? super Q, Tensor> rule) {
        if (typeP == null || typeQ == null || rule == null) {
            throw new IllegalArgumentException("register_kl: both classes and the rule are needed, got " + typeP
                    + ", " + typeQ + " and " + rule);
        }
        RULES.put(new Pair(typeP, typeQ), (p, q) -> rule.apply(typeP.cast(p), typeQ.cast(q)));
        CHOSEN.clear();
    }

    /** The registered rule for p's and q's classes, or null where no registered pair covers them. */
    static BiFunction<Distribution, Distribution, Tensor> lookup(Distribution p, Distribution q) {
        Pair key = new Pair(p.getClass(), q.getClass());
        java.util.Optional<BiFunction<Distribution, Distribution, Tensor>> rule = CHOSEN.get(key);
        return (rule != null ? rule : chooseAndRemember(key)).orElse(null);
    }

    /** The choice for {@code key}, remembered under the lock registrations take, so none is remembered stale. */
    private static synchronized java.util.Optional<BiFunction<Distribution, Distribution, Tensor>> chooseAndRemember(
            Pair key) {
        java.util.Optional<BiFunction<Distribution, Distribution, Tensor>> rule =
                java.util.Optional.ofNullable(choose(key));
        CHOSEN.put(key, rule);
        return rule;
    }

    private static BiFunction<Distribution, Distribution, Tensor> choose(Pair key) {
        List<Pair> matches = new ArrayList<>();
        for (Pair m : RULES.keySet()) {
            if (m.p.isAssignableFrom(key.p) && m.q.isAssignableFrom(key.q)) {
                matches.add(m);
            }
        }
        if (matches.isEmpty()) {
            return null;
        }
        Pair left = matches.get(0), right = matches.get(0);
        for (Pair m : matches) {
            if (before(m.p, m.q, left.p, left.q)) {
                left = m;
            }
            if (before(m.q, m.p, right.q, right.p)) {
                right = m;
            }
        }
        if (!left.equals(right) && RULES.get(left) != RULES.get(right)) {
            System.err.println("vgrad: Ambiguous kl_divergence(" + key.p.getSimpleName() + ", "
                    + key.q.getSimpleName() + "). Please register_kl(" + left.p.getSimpleName() + ", "
                    + right.q.getSimpleName() + ")");
        }
        return RULES.get(left);
    }

    /**
     * Whether (a1, a2) comes strictly before (b1, b2) in PyTorch's order: compared element by element, each must
     * extend the other's, and the first that differs decides.
     */
    private static boolean before(Class<?> a1, Class<?> a2, Class<?> b1, Class<?> b2) {
        if (a1 == b1 && a2 == b2) {
            return false;
        }
        if (!b1.isAssignableFrom(a1)) {
            return false;
        }
        return a1 != b1 || b2.isAssignableFrom(a2);
    }
}
