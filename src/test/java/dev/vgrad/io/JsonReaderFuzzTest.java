package dev.vgrad.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text given to the header's JSON reader: a value or an IllegalArgumentException naming the position, nothing
 * else. {@code ./vgrad test} replays the inputs in JsonReaderFuzzTestInputs; {@code scripts/fuzz.sh} searches for new ones.
 */
class JsonReaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void parse(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            JsonReader.parse(text);
        } catch (IllegalArgumentException refused) {
            if (!refused.getMessage().startsWith("malformed JSON at character ")) {
                throw new AssertionError("an unexplained refusal: " + refused.getMessage(), refused);
            }
        }
    }
}
