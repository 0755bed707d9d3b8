package dev.vgrad.cli;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Embedding;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Module;
import dev.vgrad.nn.ModuleList;
import dev.vgrad.nn.Transformer;
import dev.vgrad.nn.TransformerEncoderLayer;

/**
 * The model of {@code ./vgrad train --model transformer}: a character-level causal transformer. Each position's
 * character and place are embedded ({@code tokens}, {@code positions}), summed, passed through encoder layers
 * ({@code layers}, PyTorch's TransformerEncoderLayer with a mask that hides every later position) and projected to
 * one logit per character of the vocabulary ({@code head}). The state dict's names are those of
 * scripts/torch_train.py's twin, which loads the same initial weights.
 */
public final class CharTransformer extends Module {
    private final int context;
    private final Embedding tokens, positions;
    private final ModuleList layers;
    private final Linear head;
    /**
     * Per window length t: the causal mask [t, t] and the position ids [t], made once, outside any arena, and read by
     * every step after (they were four and one new tensors a step).
     */
    private final Tensor[] masks, positionIds;

    /**
     * {@code layers} encoder layers of width {@code width} with {@code heads} heads and a feed-forward of 4 x width,
     * over windows of up to {@code context} characters; no dropout. Drawn from {@code g} in the order given.
     */
    public CharTransformer(int vocabulary, int context, int width, int heads, int layers, Generator g) {
        if (context <= 0 || layers <= 0) {
            throw new IllegalArgumentException("CharTransformer needs a positive context and layer count, got context="
                    + context + ", layers=" + layers);
        }
        this.context = context;
        this.tokens = registerModule("tokens", new Embedding(vocabulary, width, g));
        this.positions = registerModule("positions", new Embedding(context, width, g));
        this.layers = registerModule("layers", new ModuleList());
        for (int i = 0; i < layers; i++) {
            this.layers.add(new TransformerEncoderLayer(width, heads, 4 * width, 0f, g));
        }
        this.head = registerModule("head", new Linear(width, vocabulary, g));
        this.masks = new Tensor[context + 1];
        this.positionIds = new Tensor[context + 1];
    }

    /** The longest window the model reads. */
    public int context() {
        return context;
    }

    /**
     * Ids [N, T] (T up to the context) to logits [N, T, vocabulary] for the character after each position: a
     * transposed view of logits computed as [T, N, vocabulary].
     */
    @Override
    public Tensor forward(Tensor ids) {
        if (ids.dim() != 2 || ids.size(1) > context || ids.size(1) == 0) {
            throw new IllegalArgumentException("CharTransformer: expected ids [N, T] with 0 < T <= " + context + ", got "
                    + java.util.Arrays.toString(ids.shape()));
        }
        int t = ids.size(1);
        Tensor mask = masks[t], where = positionIds[t];
        if (mask == null && GradMode.isInferenceMode()) {
            // Inference tensors could not be saved for backward by a later training step: not kept.
            mask = Transformer.generateSquareSubsequentMask(t);
            where = Tensor.arange(t);
        } else if (mask == null) {
            try (var outside = Arena.outside()) {
                mask = Transformer.generateSquareSubsequentMask(t);
                where = Tensor.arange(t);
            }
            masks[t] = mask;
            positionIds[t] = where;
        }
        // The activations are [T, N, width] and contiguous from the embeddings to the head, the layers' own layout:
        // embedding the transposed ids copies the ids, where embedding [N, T] and transposing made the first layer
        // and the head copy [N, T, width] activations (and their gradients).
        Tensor x = tokens.forward(ids.t()).add(positions.forward(where).unsqueeze(1));   // [T, N, width]
        for (int i = 0; i < layers.size(); i++) {   // by index: the list's iterator is an object a step
            x = ((TransformerEncoderLayer) layers.get(i)).forward(x, mask);
        }
        return head.forward(x).transpose(0, 1);
    }

    @Override
    protected String extraRepr() {
        return "context=" + context;
    }
}
