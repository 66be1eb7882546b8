package io.scalper.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TickerStateTest {
    private static final int[] FIELDS = {
        TickerState.LAST_PRICE, TickerState.MARK_PRICE, TickerState.INDEX_PRICE, TickerState.FUNDING_RATE,
        TickerState.NEXT_FUNDING_TIME, TickerState.BID1_PRICE, TickerState.BID1_SIZE, TickerState.ASK1_PRICE,
        TickerState.ASK1_SIZE, TickerState.OPEN_INTEREST, TickerState.FUNDING_INTERVAL
    };

    @Test
    void shouldSetAndGetEveryFieldByItsBitAndMarkItPresent() {
        final TickerState t = new TickerState();
        for (int i = 0; i < FIELDS.length; i++) {
            assertThat(t.get(FIELDS[i])).isEqualTo(TickerState.NONE);
            t.set(FIELDS[i], 100 + i);
        }
        for (int i = 0; i < FIELDS.length; i++) {
            assertThat(t.get(FIELDS[i])).as("field %d", FIELDS[i]).isEqualTo(100 + i);
            assertThat(t.has(FIELDS[i])).isTrue();
        }
        // the named accessors see the same values
        assertThat(t.markPriceE8()).isEqualTo(101);
        assertThat(t.fundingIntervalHours()).isEqualTo(110);
        // merged into another state, every field goes over
        final TickerState merged = new TickerState();
        merged.merge(t);
        for (int f : FIELDS) {
            assertThat(merged.get(f)).isEqualTo(t.get(f));
        }
    }

    @Test
    void shouldRefuseWhatIsNotOneFieldBit() {
        final TickerState t = new TickerState();
        assertThatThrownBy(() -> t.set(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.get(TickerState.LAST_PRICE | TickerState.MARK_PRICE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
