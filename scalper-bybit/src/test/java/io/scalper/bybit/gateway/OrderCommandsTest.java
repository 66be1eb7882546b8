package io.scalper.bybit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.bybit.rest.BybitApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderCommandsTest {
    @ParameterizedTest(name = "{0} answered {1}: outcome unknown = {2}")
    @CsvSource({
        // transport and server trouble: anything may have happened
        "CREATE, 10000, true",
        "AMEND, 10016, true",
        "CANCEL, 10019, true",
        // duplicate orderLinkId: the order exists
        "CREATE, 110072, true",
        "AMEND, 110072, false",
        // no such order / already finished: it may have filled
        "AMEND, 110001, true",
        "CANCEL, 110008, true",
        "CANCEL, 110010, true",
        "CREATE, 110001, false",
        // plain refusals
        "CREATE, 110007, false",
        "AMEND, 10001, false",
        "CANCEL, 10006, false"
    })
    void shouldLookUpOnlyAnswersThatLeaveTheOutcomeOpen(OrderOp op, int retCode, boolean unknown) {
        assertThat(OrderCommands.isOutcomeUnknown(op, retCode)).isEqualTo(unknown);
    }

    @ParameterizedTest
    @CsvSource({"CREATE", "AMEND", "CANCEL"})
    void shouldLookUpAfterAFailureWithoutAnAnswer(OrderOp op) {
        assertThat(OrderCommands.isOutcomeUnknown(op, BybitApiException.NO_RET_CODE))
                .isTrue();
    }
}
