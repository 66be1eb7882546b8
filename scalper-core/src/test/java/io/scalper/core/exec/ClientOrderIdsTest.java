package io.scalper.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {
    @Test
    void shouldMakeShortValidIdsUniqueWithinAndAcrossRuns() {
        final Set<String> seen = new HashSet<>();
        final long start = 1_767_225_600_000L;
        for (ClientOrderIds run : new ClientOrderIds[] {
            new ClientOrderIds("sc", start, 1),
            new ClientOrderIds("sc", start, 2),
            new ClientOrderIds("sc", start + 1, 1)
        }) {
            for (int i = 0; i < 10_000; i++) {
                final String id = run.next();
                assertThat(id).matches("[A-Za-z0-9_-]{1,36}");
                assertThat(seen.add(id)).as("unique: %s", id).isTrue();
            }
        }
        final ClientOrderIds longRun = new ClientOrderIds("abcdefgh", Long.MAX_VALUE / 1000, -1);
        for (int i = 0; i < 5; i++) {
            assertThat(longRun.next().length()).isLessThanOrEqualTo(ClientOrderIds.MAX_LENGTH);
        }
    }

    @Test
    void shouldRefuseBadPrefixes() {
        assertThatThrownBy(() -> new ClientOrderIds("toolongprefix", 0, 0))
                .hasMessageStartingWith("execution.clientIdPrefix");
        assertThatThrownBy(() -> new ClientOrderIds("a-b", 0, 0)).hasMessageStartingWith("execution.clientIdPrefix");
    }
}
