package dev.vgrad.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safetensors files and save targets built to break the reader and writer: each gets an error naming the path. */
class HostileSafetensorsTest {
    @TempDir
    Path dir;

    /** A file with the given JSON header and data bytes. */
    private Path file(String name, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private IOException refused(Path p) {
        IOException e = assertThrows(IOException.class, () -> Safetensors.load(p));
        assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
        return e;
    }

    @Test
    void deeplyNestedHeaderIsAnErrorNotAStackOverflow() throws IOException {
        IOException e = refused(file("nested.safetensors", "[".repeat(200_000), 0));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
        e = refused(file("nested-objects.safetensors", "{\"a\":".repeat(100) + "1" + "}".repeat(100), 0));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
        e = refused(file("escape.safetensors", "{\"\\uZZZZ\":1}", 0));
        assertTrue(e.getMessage().contains("hex digits"), e.getMessage());
    }

    @Test
    void aShapeWhoseByteSizeOverflowsIsRefusedNamingTheTensor() throws IOException {
        // 2^30 * 2^30 * 2^4 elements of 4 bytes = 2^66 bytes, 4 modulo 2^64... in int or long arithmetic it wraps
        Path p = file("wrap.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1073741824,1073741824,16],\"data_offsets\":[0,0]}}", 0);
        IOException e = refused(p);
        assertTrue(e.getMessage().contains("\"w\"") && e.getMessage().contains("more elements"), e.getMessage());
        p = file("wrap2.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1073741824,4],\"data_offsets\":[0,0]}}", 0);
        e = refused(p);
        assertTrue(e.getMessage().contains("\"w\""), e.getMessage());
    }

    @Test
    void directoriesAndMissingPathsAreNamed() throws IOException {
        IOException e = assertThrows(IOException.class, () -> Safetensors.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("directory"), e.getMessage());
        e = assertThrows(IOException.class, () -> Safetensors.load(dir.resolve("absent.safetensors")));
        assertTrue(e.getMessage().contains("absent.safetensors") && e.getMessage().contains("no such file"), e.getMessage());
        Map<String, Tensor> state = Map.of("w", Tensor.of(new float[] {1, 2}, 2));
        e = assertThrows(IOException.class, () -> Safetensors.save(state, dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("directory"), e.getMessage());
        Path nowhere = dir.resolve("missing").resolve("w.safetensors");
        e = assertThrows(IOException.class, () -> Safetensors.save(state, nowhere));
        assertTrue(e.getMessage().contains(nowhere.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(f -> f.toString().endsWith(".tmp")).count(), "no temporary file left behind");
        }
    }

    @Test
    void anErrorFromTheFileSystemNamesTheFile() {
        // A name too long for the file system: the OS refuses the temporary file; the error still names the target.
        Path tooLong = dir.resolve("w".repeat(300) + ".safetensors");
        IOException e = assertThrows(IOException.class,
                () -> Safetensors.save(Map.of("w", Tensor.of(new float[] {1}, 1)), tooLong));
        assertTrue(e.getMessage().startsWith(tooLong + ": cannot save: "), e.getMessage());
    }

    @Test
    void aSavedFileHasTheDefaultPermissionsOfANewFile() throws IOException {
        Path reference = dir.resolve("reference");
        try (OutputStream out = Files.newOutputStream(reference)) {
            out.write(1);
        }
        Path saved = dir.resolve("w.safetensors");
        Safetensors.save(Map.of("w", Tensor.of(new float[] {1, 2}, 2)), saved);
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));
        assertTrue(Files.getPosixFilePermissions(saved).contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ));
    }

    @Test
    void integerTensorsLoadWhileAFloatHoldsThemExactly() throws IOException {
        // PyTorch saves BatchNorm's num_batches_tracked as a 0-d int64
        String header = "{\"running_mean\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[8,16]},"
                + "\"counts\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[16,24]}}";
        Path p = file("ints.safetensors", header, 24);
        byte[] bytes = Files.readAllBytes(p);
        ByteBuffer data = ByteBuffer.wrap(bytes, bytes.length - 24, 24).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(0.5f).putFloat(-0.25f).putLong(7).putInt(-3).putInt(1 << 24);
        Files.write(p, bytes);
        var state = Safetensors.load(p);
        assertEquals(7f, state.get("num_batches_tracked").item());
        assertEquals(0, state.get("num_batches_tracked").dim());
        assertEquals(-3f, state.get("counts").toArray()[0]);
        ByteBuffer.wrap(bytes, bytes.length - 16, 8).order(ByteOrder.LITTLE_ENDIAN).putLong((1L << 24) + 1);
        Files.write(p, bytes);
        IOException e = refused(p);
        assertTrue(e.getMessage().contains("\"num_batches_tracked\"") && e.getMessage().contains("16777217"), e.getMessage());
    }
}
