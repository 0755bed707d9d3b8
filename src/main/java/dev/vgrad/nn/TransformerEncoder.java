package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * A stack of encoder layers, as {@code torch.nn.TransformerEncoder}: numLayers copies of the given layer (each starting
 * from the given layer's weights, as PyTorch deep-copies it), run in turn, then an optional final norm. State-dict
 * names are PyTorch's: {@code layers.0.self_attn.in_proj_weight}, ..., {@code norm.weight}.
 */
public class TransformerEncoder extends Module {
    /** The layers, registered as "layers". */
    public final ModuleList layers;
    /** The final norm, or null. */
    public final Module norm;

    /** numLayers copies of {@code layer}, no final norm. */
    public TransformerEncoder(TransformerEncoderLayer layer, int numLayers) {
        this(layer, numLayers, null);
    }

    /** numLayers copies of {@code layer}, then {@code norm} (null for none). */
    public TransformerEncoder(TransformerEncoderLayer layer, int numLayers, Module norm) {
        this.layers = TransformerLayer.stackOf(this, "TransformerEncoder", numLayers, layer::copy);
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /** With an additive attention mask [L, L] (or null). */
    public Tensor forward(Tensor src, Tensor mask) {
        return forward(src, mask, null);
    }

    /** With an additive attention mask [L, L] and an additive key padding mask [N, L] (either may be null). */
    public Tensor forward(Tensor src, Tensor mask, Tensor keyPaddingMask) {
        Tensor x = src;
        for (Module layer : layers) {
            TransformerEncoderLayer encoderLayer = (TransformerEncoderLayer) layer;
            x = !layer.hasHooks() ? encoderLayer.forward(x, mask, keyPaddingMask)
                    : encoderLayer.call(x, in -> encoderLayer.forward(in, mask, keyPaddingMask));
        }
        return norm == null ? x : norm.call(x);
    }
}
