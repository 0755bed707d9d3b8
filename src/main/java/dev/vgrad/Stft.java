package dev.vgrad;

import java.util.Arrays;
import java.util.List;

/**
 * torch.stft and torch.istft, in the real form PyTorch 1.13 gives with {@code return_complex=False}: the spectrogram
 * is a float tensor [..., frequencies, frames, 2] (real and imaginary parts last, as {@link Fft} writes complex
 * tensors). Built from differentiable ops (padding by gathering, frames as a view, {@link Fft#rfft}, overlap-add by
 * index_add), so both differentiate to any order; values and checks are PyTorch's, its messages included.
 */
public final class Stft {
    private Stft() {}

    /** torch.stft(x, n_fft) with PyTorch's defaults: hop n_fft / 4, a rectangular window, centred, one-sided. */
    public static Tensor stft(Tensor x, int nFft) {
        return stft(x, nFft, null, null, null, true, "reflect", false, true);
    }

    /**
     * {@code torch.stft(x, n_fft, hop_length, win_length, window, center, pad_mode, normalized, onesided,
     * return_complex=False)} for a signal [L] or a batch [B, L]: frames of n_fft samples every hop (default n_fft / 4),
     * each times the window (default ones of win_length, which defaults to n_fft; a shorter window is zero-padded to
     * n_fft on both sides), transformed (one-sided: the n_fft / 2 + 1 non-negative frequencies), by 1 / sqrt(n_fft)
     * when normalized. Centred, the signal is first padded by n_fft / 2 on both sides in pad_mode ("reflect",
     * "constant", "replicate" or "circular").
     *
     * @throws IllegalArgumentException for a signal of other rank, sizes PyTorch refuses, or a window of another size
     */
    public static Tensor stft(Tensor x, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center,
                              String padMode, boolean normalized, boolean onesided) {
        if (x.dim() != 1 && x.dim() != 2) {
            throw new IllegalArgumentException("stft: expected a 1D or 2D tensor, got shape " + Arrays.toString(x.shape));
        }
        boolean batched = x.dim() == 2;
        Tensor signal = batched ? x : x.unsqueeze(0);
        if (center) {
            signal = padded(signal, nFft / 2, padMode);
        }
        int hop = hopLength == null ? nFft / 4 : hopLength, win = winLength == null ? nFft : winLength;
        String call = "stft(" + Arrays.toString(signal.shape) + ", n_fft=" + nFft + ", hop_length=" + hop
                + ", win_length=" + win + ")";
        int length = signal.shape[1];
        if (nFft <= 0 || nFft > length) {
            throw new IllegalArgumentException(call + " : expected 0 < n_fft < " + length + ", but got n_fft=" + nFft);
        }
        if (hop <= 0) {
            throw new IllegalArgumentException(call + " : expected hop_length > 0, but got hop_length=" + hop);
        }
        if (win <= 0 || win > nFft) {
            throw new IllegalArgumentException(call + " : expected 0 < win_length <= n_fft, but got win_length=" + win);
        }
        Tensor frames = signal.unfold(1, nFft, hop);   // [B, frames, n_fft]
        Tensor w = fullWindow(window, win, nFft, call);
        if (w != null) {
            frames = frames.mul(w);
        }
        String norm = normalized ? "ortho" : "backward";
        Tensor spectrum = onesided ? Fft.rfft(frames, null, -1, norm) : Fft.fft(Fft.asComplex(frames), null, -1, norm);
        spectrum = spectrum.transpose(1, 2);   // [B, frequencies, frames, 2]
        return batched ? spectrum : spectrum.squeeze(0);
    }

    /** torch.istft(z, n_fft) with PyTorch's defaults (hop n_fft / 4, rectangular window, centred). */
    public static Tensor istft(Tensor z, int nFft) {
        return istft(z, nFft, null, null, null, true, false, null, null);
    }

    /**
     * {@code torch.istft(z, n_fft, hop_length, win_length, window, center, normalized, onesided, length)}: z a
     * spectrogram [frequencies, frames, 2] or [B, frequencies, frames, 2] as {@link #stft} gives it; each frame
     * inverted, windowed, overlapped and added, and divided by the overlapped squared window (which must stay above
     * 1e-11: PyTorch's "window overlap add min"), then the centring padding cut off, or the signal cut or zero-padded
     * to {@code length}. {@code onesided} defaults to whether there are fewer frequencies than n_fft.
     *
     * @throws IllegalArgumentException for shapes or sizes PyTorch refuses, or a window whose overlap vanishes
     */
    public static Tensor istft(Tensor z, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center,
                               boolean normalized, Boolean onesided, Integer length) {
        if (z.dim() != 3 && z.dim() != 4 || z.shape[z.dim() - 1] != 2) {
            throw new IllegalArgumentException("istft: expected a spectrogram [frequencies, frames, 2] or [B, "
                    + "frequencies, frames, 2] (view_as_real's form), got shape " + Arrays.toString(z.shape));
        }
        boolean batched = z.dim() == 4;
        Tensor spectrum = batched ? z : z.unsqueeze(0);
        int frequencies = spectrum.shape[1], frameCount = spectrum.shape[2];
        int hop = hopLength == null ? nFft / 4 : hopLength, win = winLength == null ? nFft : winLength;
        String call = "istft(" + Arrays.toString(z.shape) + ", n_fft=" + nFft + ", hop_length=" + hop
                + ", win_length=" + win + ")";
        boolean oneSided = onesided == null ? frequencies != nFft : onesided;
        if (oneSided && nFft / 2 + 1 != frequencies) {
            throw new IllegalArgumentException(call + " : expected the frequency dimension (3rd to the last) of the "
                    + "input tensor to match n_fft / 2 + 1 when onsided=True, but got " + frequencies);
        }
        if (!oneSided && nFft != frequencies) {
            throw new IllegalArgumentException(call + " : expected the frequency dimension (3rd to the last) of the "
                    + "input tensor to match n_fft when onsided=False, but got " + frequencies);
        }
        if (hop <= 0 || hop > win) {
            throw new IllegalArgumentException(call + " : expected 0 < hop_length <= win_length");
        }
        if (win <= 0 || win > nFft) {
            throw new IllegalArgumentException(call + " : expected 0 < win_length <= n_fft");
        }
        Tensor w = fullWindow(window, win, nFft, call);
        String norm = normalized ? "ortho" : "backward";
        Tensor perFrame = spectrum.transpose(1, 2);   // [B, frames, frequencies, 2]
        // A two-sided spectrum with a real result goes through irfft too, which reads its first n_fft / 2 + 1
        // frequencies, as PyTorch 1.13's does (not the real part of a full inverse: they differ where z is not
        // Hermitian).
        Tensor frames = Fft.irfft(perFrame, nFft, -1, norm);
        Tensor squares;
        if (w != null) {
            frames = frames.mul(w);
            squares = w.square();
        } else {
            squares = Tensor.ones(nFft);
        }
        int total = nFft + hop * (frameCount - 1);
        Tensor signal = overlapAdd(frames, hop, total);
        Tensor envelope = overlapAdd(squares.expand(1, frameCount, nFft), hop, total);
        int start = center ? nFft / 2 : 0;
        int end = length != null ? start + length : center ? total - nFft / 2 : total;
        int kept = Math.min(end, total) - start;
        signal = signal.narrow(1, start, kept);
        envelope = envelope.narrow(1, start, kept);
        float lowest = envelope.abs().amin().item();
        if (lowest < 1e-11f) {
            throw new IllegalArgumentException(call + " window overlap add min: " + lowest);
        }
        signal = signal.div(envelope);
        if (end > total) {
            signal = Tensor.cat(List.of(signal, Tensor.zerosOf(new int[] {signal.shape[0], end - total}, "istft")), 1);
        }
        return batched ? signal : signal.squeeze(0);
    }

    /** The window zero-padded to n_fft, centred (PyTorch's left pad (n_fft - win_length) / 2); null for none. */
    private static Tensor fullWindow(Tensor window, int win, int nFft, String call) {
        if (window == null && win == nFft) {
            return null;
        }
        if (window == null) {
            window = Tensor.ones(win);
        } else if (window.dim() != 1 || window.shape[0] != win) {
            throw new IllegalArgumentException(call + " : expected a 1D window tensor of size equal to win_length="
                    + win + ", but got window with size " + Arrays.toString(window.shape));
        }
        if (win == nFft) {
            return window;
        }
        int left = (nFft - win) / 2;
        return padded(window.unsqueeze(0), 0, "constant", left, nFft - win - left).squeeze(0);
    }

    /** Frames [B, frames, n] summed into [B, total] at frame * hop (torch's unfold_backward: overlap-add). */
    private static Tensor overlapAdd(Tensor frames, int hop, int total) {
        int count = frames.shape[1], n = frames.shape[2];
        float[] at = new float[count * n];
        for (int f = 0; f < count; f++) {
            for (int j = 0; j < n; j++) {
                at[f * n + j] = f * hop + j;
            }
        }
        Tensor flat = frames.reshape(frames.shape[0], count * n);
        return Tensor.zerosOf(new int[] {frames.shape[0], total}, "istft").indexAdd(1, Tensor.of(at), flat);
    }

    private static Tensor padded(Tensor signal, int pad, String mode) {
        return padded(signal, pad, mode, pad, pad);
    }

    /**
     * Rows [B, L] padded along the last dimension by {@code left} and {@code right} in PyTorch's F.pad modes, as a
     * gather of the signal's own samples (zeros for "constant"), so the gradient flows back to them.
     */
    private static Tensor padded(Tensor signal, int pad, String mode, int left, int right) {
        int length = signal.shape[1];
        if (left == 0 && right == 0) {
            return signal;
        }
        if ("constant".equals(mode)) {
            Tensor l = Tensor.zerosOf(new int[] {signal.shape[0], left}, "stft padding");
            Tensor r = Tensor.zerosOf(new int[] {signal.shape[0], right}, "stft padding");
            return Tensor.cat(List.of(l, signal, r), 1);
        }
        if ("reflect".equals(mode) && (left >= length || right >= length)) {
            throw new IllegalArgumentException("stft: Argument #4: Padding size should be less than the corresponding "
                    + "input dimension, but got: padding (" + left + ", " + right + ") at dimension 1 of input "
                    + Arrays.toString(signal.shape));
        }
        int[] index = new int[left + length + right];
        for (int i = 0; i < index.length; i++) {
            int p = i - left;
            index[i] = switch (mode) {
                case "reflect" -> p < 0 ? -p : p >= length ? 2 * (length - 1) - p : p;
                case "replicate" -> Math.max(0, Math.min(length - 1, p));
                case "circular" -> Math.floorMod(p, length);
                default -> throw new IllegalArgumentException("stft: unknown pad_mode \"" + mode + "\" (reflect, "
                        + "constant, replicate or circular)");
            };
        }
        return signal.indexSelect(1, index);
    }
}
