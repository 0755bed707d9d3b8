package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a module class keeps each named tensor: its writable Tensor fields by name, found once per class. This is how
 * {@link Module#bindTensor} lets a registration or a reparametrization (weight_norm, spectral_norm, parametrize)
 * replace the tensor that a module's forward reads from its field, as PyTorch's {@code setattr} replaces an attribute.
 */
final class TensorFields {
    private static final ClassValue<Map<String, Field>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            Map<String, Field> out = new HashMap<>();
            for (Class<?> c = type; c != null && c != Module.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int mods = f.getModifiers();
                    if (f.getType() == Tensor.class && !Modifier.isStatic(mods) && !Modifier.isFinal(mods)
                            && !out.containsKey(f.getName()) && f.trySetAccessible()) {
                        out.put(f.getName(), f);
                    }
                }
            }
            return out;
        }
    };

    /** Per class: the names of its final Tensor fields (and their camel-case spellings' sources), found once. */
    private static final ClassValue<java.util.Set<String>> FINAL = new ClassValue<>() {
        @Override
        protected java.util.Set<String> computeValue(Class<?> type) {
            java.util.Set<String> out = new java.util.HashSet<>();
            for (Class<?> c = type; c != null && c != Module.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int mods = f.getModifiers();
                    if (f.getType() == Tensor.class && !Modifier.isStatic(mods) && Modifier.isFinal(mods)) {
                        out.add(f.getName());
                    }
                }
            }
            return out;
        }
    };

    private TensorFields() {}

    /** The final Tensor field named {@code name} or its camel-case spelling, or null: one that cannot follow. */
    static String finalField(Class<?> type, String name) {
        java.util.Set<String> finals = FINAL.get(type);
        return finals.contains(name) ? name : finals.contains(camelCase(name)) ? camelCase(name) : null;
    }

    /** The writable Tensor field named {@code name} or its camel-case spelling, or null. */
    static Field find(Class<?> type, String name) {
        Map<String, Field> fields = FIELDS.get(type);
        Field f = fields.get(name);
        return f != null || name.indexOf('_') < 0 ? f : fields.get(camelCase(name));
    }

    /** "in_proj_weight" -> "inProjWeight". */
    static String camelCase(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '_') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return sb.toString();
    }
}
