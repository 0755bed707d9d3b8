package dev.vgrad.data;

import static dev.vgrad.data.DataTest.gzip;
import static dev.vgrad.data.DataTest.idx;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX and MNIST files built to break the reader: each is refused with an IOException naming the file. */
class HostileIdxTest {
    @TempDir
    Path dir;

    private IOException refused(String file, byte[] content) throws IOException {
        Path p = dir.resolve(file);
        Files.write(p, content);
        IOException e = assertThrows(IOException.class, () -> Idx.read(p));
        assertTrue(e.getMessage().contains(file), e.getMessage());
        return e;
    }

    @Test
    void dimensionsWhoseProductOverflowsAreRefused() throws IOException {
        IOException e = refused("overflow", idx(0x803, new int[] {1362286842, 1209262696, 1621498398}, 0));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
        // 65536^4 wraps to 0 in 64 bits
        e = refused("wraps", idx(0x804, new int[] {65536, 65536, 65536, 65536}, 0));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
        e = refused("negative", idx(0x801, new int[] {-5}, 0));
        assertTrue(e.getMessage().contains("4294967291"), e.getMessage());
    }

    @Test
    void aHeaderPromisingGigabytesAllocatesOnlyWhatTheStreamHolds() throws IOException {
        // raw file: refused against its length before any allocation
        IOException e = refused("promise", idx(0x801, new int[] {2_000_000_000}, 100));
        assertTrue(e.getMessage().contains("2000000000") && e.getMessage().contains("has 100"), e.getMessage());
        // a stream of unknown length: read in bounded chunks, so refusing it costs about one chunk
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        byte[] content = idx(0x801, new int[] {2_000_000_000}, 5000);
        e = assertThrows(IOException.class, () -> Idx.read(new ByteArrayInputStream(content), "stream"));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(e.getMessage().contains("stream") && e.getMessage().contains("has 5000"), e.getMessage());
        assertTrue(allocated < 16L << 20, allocated + " bytes allocated to refuse a 5 KB stream");
    }

    @Test
    void truncatedOrCorruptGzipIsNamedAsSuch() throws IOException {
        Path good = dir.resolve("good.gz");
        gzip(good, idx(0x803, new int[] {4, 28, 28}, 4 * 784));
        byte[] gz = Files.readAllBytes(good);
        for (int cut : new int[] {2, 5, 12, gz.length / 2, gz.length - 3}) {
            IOException e = refused("cut" + cut + ".gz", Arrays.copyOf(gz, cut));
            assertTrue(e.getMessage().contains("truncated or corrupt gzip"), cut + ": " + e.getMessage());
        }
        byte[] flipped = gz.clone();
        for (int i = 20; i < 40; i++) {
            flipped[i] ^= (byte) 0x5a;
        }
        IOException e = refused("flipped.gz", flipped);
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        byte[] badTrailer = gz.clone();
        badTrailer[gz.length - 6] ^= 1;   // the CRC
        e = refused("crc.gz", badTrailer);
        assertTrue(e.getMessage().contains("truncated or corrupt gzip"), e.getMessage());
    }

    @Test
    void aDirectoryOrMissingFileIsNamed() {
        IOException e = assertThrows(IOException.class, () -> Idx.read(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("directory"), e.getMessage());
        e = assertThrows(IOException.class, () -> Idx.read(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("absent") && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void badMnistContentIsRefusedAtLoadTime() throws IOException {
        Path images = dir.resolve("t10k-images-idx3-ubyte"), labels = dir.resolve("t10k-labels-idx1-ubyte");
        Files.write(images, idx(0x803, new int[] {2, 28, 28}, 2 * 784));
        Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 3, 10});
        IOException e = assertThrows(IOException.class, () -> Mnist.load(dir, false));
        assertTrue(e.getMessage().contains(labels.toString()) && e.getMessage().contains("label 10")
                && e.getMessage().contains("position 1"), e.getMessage());
        Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 3, 4});
        Files.write(images, idx(0x803, new int[] {2, 27, 28}, 2 * 27 * 28));
        e = assertThrows(IOException.class, () -> Mnist.load(dir, false));
        assertTrue(e.getMessage().contains(images.toString()) && e.getMessage().contains("27x28"), e.getMessage());
        Files.write(images, idx(0x802, new int[] {2, 784}, 2 * 784));
        e = assertThrows(IOException.class, () -> Mnist.load(dir, false));
        assertTrue(e.getMessage().contains(images.toString()) && e.getMessage().contains("3 dimensions"), e.getMessage());
    }
}
