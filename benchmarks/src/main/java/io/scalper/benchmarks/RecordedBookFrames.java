package io.scalper.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded {@value #TOPIC} frames of {@link SharedData#BYBIT_LINEAR_STREAM}, exactly as received: one snapshot
 * followed by its deltas, whose update ids {@code u} rise by exactly 1. Replaying the array from index 0 again
 * re-applies the snapshot, which resets the book and its update id, so the deltas that follow are contiguous on every
 * cycle without touching the frame texts.
 */
final class RecordedBookFrames {
    static final String TOPIC = "orderbook.200.BTCUSDT";

    /** Levels per side of every book the recording holds. */
    static final int DEPTH = 200;

    private RecordedBookFrames() {}

    /**
     * The frames, snapshot first.
     *
     * @throws IllegalStateException when the file is missing or its frames are not one snapshot and contiguous deltas
     */
    static String[] load() {
        final Path file = SharedData.require(SharedData.BYBIT_LINEAR_STREAM);
        final ObjectMapper mapper = new ObjectMapper();
        final List<String> frames = new ArrayList<>();
        long previousId = -1;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                final JsonNode frame = mapper.readTree(line);
                if (!TOPIC.equals(frame.path("topic").asText())) {
                    continue;
                }
                final boolean snapshot = "snapshot".equals(frame.path("type").asText());
                final long id = frame.path("data").path("u").asLong(-1);
                if (frames.isEmpty() != snapshot) {
                    throw new IllegalStateException(file + ": expected exactly one " + TOPIC
                            + " snapshot, first; found a " + (snapshot ? "snapshot" : "delta") + " at u=" + id);
                }
                if (!snapshot && id != previousId + 1) {
                    throw new IllegalStateException(
                            file + ": " + TOPIC + " update ids not contiguous: " + previousId + " then " + id);
                }
                previousId = id;
                frames.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        if (frames.size() < 2) {
            throw new IllegalStateException(file + ": no " + TOPIC + " snapshot and deltas found");
        }
        return frames.toArray(new String[0]);
    }
}
