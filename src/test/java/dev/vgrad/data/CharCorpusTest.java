package dev.vgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Tensor;
import org.junit.jupiter.api.Test;

/** The character corpus: sorted vocabulary, round trips, windows and their targets, and refusals. */
class CharCorpusTest {
    @Test
    void theVocabularyIsTheSortedDistinctCharacters() {
        CharCorpus c = CharCorpus.of("hello world");
        assertEquals(8, c.vocabularySize());   // ' ', d, e, h, l, o, r, w
        assertArrayEquals(new int[] {0, 1, 2, 3}, c.encode(" deh"));
        assertEquals("hello world", c.decode(c.encode("hello world")));
        assertEquals(11, c.length());
    }

    @Test
    void windowsHoldTheNextCharacterAsTarget() {
        CharCorpus c = CharCorpus.of("abcdefghij");   // ids 0..9
        TensorDataset w = c.windows(1, 10, 3);        // chars 1..9: windows [1,2,3] [4,5,6]; [7,8,9] has no next
        assertEquals(2, w.size());
        Tensor[] first = w.get(0), second = w.get(1);
        assertArrayEquals(new float[] {1, 2, 3}, first[0].toArray());
        assertArrayEquals(new float[] {2, 3, 4}, first[1].toArray());
        assertArrayEquals(new float[] {4, 5, 6}, second[0].toArray());
        assertArrayEquals(new float[] {5, 6, 7}, second[1].toArray());
        assertEquals(1, c.windows(0, 10, 9).size());   // 9 inputs and the 10th as the last target
    }

    @Test
    void badInputNamesWhatWasWrong() {
        CharCorpus c = CharCorpus.of("abc");
        var e = assertThrows(IllegalArgumentException.class, () -> c.encode("abz"));
        assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("position 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.decode(0, 3));
        assertTrue(e.getMessage().contains("id 3 at position 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.windows(0, 3, 3));   // no room for a next character
        assertThrows(IllegalArgumentException.class, () -> c.windows(2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> c.windows(0, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> c.windows(0, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> CharCorpus.of(""));
        assertThrows(IllegalArgumentException.class, () -> c.prefix(4));
    }

    @Test
    void genesisIsShippedWhole() throws Exception {
        CharCorpus g = CharCorpus.genesis();
        assertEquals(196_818, g.length());
        assertEquals(60, g.vocabularySize());   // 59 printed characters and the newline
        float[] first = g.windows(0, 56, 55).get(0)[0].toArray();   // the text's first 55 characters
        int[] ids = new int[first.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) first[i];
        }
        assertEquals("In the beginning God created the heaven and the earth.\n", g.decode(ids));
    }
}
