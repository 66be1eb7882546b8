package io.scalper.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RefusalReasonTest {
    @Test
    void shouldHaveUniqueLowerSnakeCodes() {
        final String[] codes =
                Arrays.stream(RefusalReason.values()).map(RefusalReason::code).toArray(String[]::new);

        assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z]+(_[a-z]+)*"));
    }

    @Test
    void shouldKeepTheCodesJournalsAndMetricsRelyOn() {
        assertThat(RefusalReason.SPREAD_TOO_WIDE.code()).isEqualTo("spread_too_wide");
        assertThat(RefusalReason.LATENCY_TOO_HIGH.code()).isEqualTo("latency_too_high");
        assertThat(RefusalReason.FUNDING_WINDOW.code()).isEqualTo("funding_window");
        assertThat(RefusalReason.COOLDOWN.code()).isEqualTo("cooldown");
        assertThat(RefusalReason.BOOK_OUT_OF_SYNC.code()).isEqualTo("book_out_of_sync");
        assertThat(RefusalReason.BOOK_STALE.code()).isEqualTo("book_stale");
        assertThat(RefusalReason.REGIME_EXTREME.code()).isEqualTo("regime_extreme");
        assertThat(RefusalReason.POSITION_OPEN.code()).isEqualTo("position_open");
        assertThat(RefusalReason.ENTRY_WORKING.code()).isEqualTo("entry_working");
        assertThat(RefusalReason.KILL_SWITCH.code()).isEqualTo("kill_switch");
        assertThat(RefusalReason.HALTED_DRAWDOWN.code()).isEqualTo("halted_drawdown");
        assertThat(RefusalReason.DAILY_LOSS_LIMIT.code()).isEqualTo("daily_loss_limit");
        assertThat(RefusalReason.SIZE_BELOW_MINIMUM.code()).isEqualTo("size_below_minimum");
        assertThat(RefusalReason.SIZE_BELOW_MIN_NOTIONAL.code()).isEqualTo("size_below_min_notional");
        assertThat(RefusalReason.MAX_POSITION.code()).isEqualTo("max_position");
        assertThat(RefusalReason.MAX_LEVERAGE.code()).isEqualTo("max_leverage");
        assertThat(RefusalReason.NO_STOP_DISTANCE.code()).isEqualTo("no_stop_distance");
        assertThat(RefusalReason.SLIPPAGE_BREACHES.code()).isEqualTo("slippage_breaches");
    }

    @Test
    void shouldFindEveryReasonByItsCode() {
        for (RefusalReason r : RefusalReason.values()) {
            assertThat(RefusalReason.ofCode(r.code())).isSameAs(r);
            assertThat(r).hasToString(r.code());
        }
    }

    @Test
    void shouldRejectAnUnknownCode() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RefusalReason.ofCode("SPREAD_TOO_WIDE"))
                .withMessage("unknown refusal reason code: 'SPREAD_TOO_WIDE'");
    }
}
