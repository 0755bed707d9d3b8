package dev.vgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** How vgrad's file writers (safetensors, PyTorch's files) replace a file: whole or not at all. */
final class AtomicWrite {
    private AtomicWrite() {}

    /**
     * Puts buf's bytes at file through a temporary file in the same directory: written, forced to disk, renamed
     * over the target, and the directory forced too, so a crash leaves the old file or the new one, never a torn
     * one. The temporary file is created with the default permissions (0666 less the umask), as the target would
     * be, since the rename carries them over. Every failure names the file.
     */
    static void write(Path file, ByteBuffer buf, String kind) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": is a directory; cannot save " + kind + " there");
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(file + ": cannot save: directory " + dir + " does not exist");
        }
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                buf.rewind();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(dir);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(file + ": cannot save: permission denied in " + dir, e);
        } catch (IOException e) {
            throw new IOException(file + ": cannot save: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                // The temporary file could not be made or removed: the error that matters is already on its way.
            }
        }
    }

    /** Makes the rename durable; a file system that cannot sync a directory loses nothing but that promise. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems (and every non-POSIX one) refuse to open a directory: the rename itself stands.
        }
    }
}
