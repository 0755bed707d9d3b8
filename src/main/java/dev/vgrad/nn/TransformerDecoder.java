package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * A stack of decoder layers, as {@code torch.nn.TransformerDecoder}: numLayers copies of the given layer (same
 * initial weights in each, as torch's deep copies), then an optional final norm.
 */
public class TransformerDecoder extends Module {
    /** The layers, "layers.0" ... in the state dict. */
    public final ModuleList layers;
    /** The final norm, or null. */
    public final Module norm;

    /** numLayers copies of layer, no final norm. */
    public TransformerDecoder(TransformerDecoderLayer layer, int numLayers) {
        this(layer, numLayers, null);
    }

    /** numLayers copies of layer, then norm (null for none). */
    public TransformerDecoder(TransformerDecoderLayer layer, int numLayers, Module norm) {
        this.layers = TransformerLayer.stackOf(this, "TransformerDecoder", numLayers, layer::copy);
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

    /** Refused: a decoder attends to a memory; call {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor tgt) {
        throw new IllegalArgumentException("TransformerDecoder needs the encoder's output: call forward(tgt, memory)");
    }

    /** The stack over tgt, attending to memory, without masks. */
    public Tensor forward(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null);
    }

    /**
     * The stack with the masks each layer takes (see {@link TransformerDecoderLayer#forward(Tensor, Tensor, Tensor,
     * Tensor, Tensor, Tensor)}); each may be null.
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
                          Tensor memoryKeyPaddingMask) {
        Tensor x = tgt;
        for (Module layer : layers) {
            TransformerDecoderLayer decoderLayer = (TransformerDecoderLayer) layer;
            x = !layer.hasHooks() ? decoderLayer.forward(x, memory, tgtMask, memoryMask, tgtKeyPaddingMask,
                    memoryKeyPaddingMask) : decoderLayer.call(x, in -> decoderLayer.forward(in, memory, tgtMask,
                    memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask));
        }
        return norm == null ? x : norm.call(x);
    }
}
