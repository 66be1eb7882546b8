package io.scalper.bybit.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.RejectReason;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BybitVocabularyTest {
    /** Reasons Bybit has no retCode of its own for: answered with 10001, read back as INVALID_REQUEST. */
    private static final Set<RejectReason> GENERIC = EnumSet.of(
            RejectReason.INVALID_QTY,
            RejectReason.POST_ONLY_WOULD_TAKE,
            RejectReason.INVALID_REQUEST,
            RejectReason.OUTCOME_UNKNOWN,
            RejectReason.UNKNOWN);

    @ParameterizedTest
    @EnumSource(CancelReason.class)
    void everyCancelReasonRoundTripsThroughBybitsNames(CancelReason reason) {
        final BybitVocabulary.CancelNames names = BybitVocabulary.cancelNames(reason);
        assertThat(BybitVocabulary.cancelReason(names.cancelType(), names.rejectReason()))
                .isEqualTo(reason);
        final OrderEvent e =
                BybitVocabulary.finished("Cancelled", names.cancelType(), names.rejectReason(), "c", "v", 1, 2);
        assertThat(e).isInstanceOf(OrderEvent.Canceled.class);
        assertThat(((OrderEvent.Canceled) e).reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @EnumSource(RejectReason.class)
    void everyRejectReasonRoundTripsThroughItsRetCode(RejectReason reason) {
        final int code = BybitVocabulary.retCode(reason);
        assertThat(code).isNotZero();
        final RejectReason back = BybitVocabulary.rejectReason(code);
        if (GENERIC.contains(reason)) {
            assertThat(code).isEqualTo(BybitVocabulary.PARAMS_ERROR);
            assertThat(back).isEqualTo(RejectReason.INVALID_REQUEST);
        } else {
            assertThat(back).isEqualTo(reason);
        }
        assertThat(BybitVocabulary.retMsg(reason, "what the exchange said")).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(RejectReason.class)
    void everyNamedRejectReasonRoundTripsThroughItsName(RejectReason reason) {
        final String name = BybitVocabulary.rejectReasonName(reason);
        final RejectReason back = BybitVocabulary.rejectReasonOfName(name);
        if (name.equals(BybitVocabulary.OTHER_REJECT_REASON)) {
            assertThat(back).isEqualTo(RejectReason.UNKNOWN);
        } else {
            assertThat(back).isEqualTo(reason);
        }
    }

    @Test
    void shouldNameEveryReasonTheCoreDistinguishesWithItsOwnBybitWords() {
        // the emulator answers with these; the live gateway reads them back
        assertThat(BybitVocabulary.retCode(RejectReason.INSUFFICIENT_BALANCE)).isEqualTo(110007);
        assertThat(BybitVocabulary.retCode(RejectReason.BELOW_MIN_NOTIONAL)).isEqualTo(110094);
        assertThat(BybitVocabulary.retCode(RejectReason.DUPLICATE_CLIENT_ID)).isEqualTo(110072);
        assertThat(BybitVocabulary.retCode(RejectReason.UNKNOWN_ORDER)).isEqualTo(110001);
        assertThat(BybitVocabulary.retCode(RejectReason.AMEND_BELOW_FILLED)).isEqualTo(110064);
        assertThat(BybitVocabulary.retCode(RejectReason.INVALID_QTY)).isEqualTo(10001);
        assertThat(BybitVocabulary.retMsg(RejectReason.INVALID_QTY, "quantity below minimum"))
                .isEqualTo("quantity below minimum");
        assertThat(BybitVocabulary.retMsg(RejectReason.INSUFFICIENT_BALANCE, "insufficient available balance"))
                .isEqualTo("ab not enough for new order");
        assertThat(BybitVocabulary.cancelNames(CancelReason.BY_CLIENT))
                .isEqualTo(new BybitVocabulary.CancelNames("CancelByUser", "EC_NoError"));
        assertThat(BybitVocabulary.cancelNames(CancelReason.POST_ONLY_WOULD_TAKE))
                .isEqualTo(new BybitVocabulary.CancelNames("UNKNOWN", "EC_PostOnlyWillTakeLiquidity"));
    }

    @ParameterizedTest
    @CsvSource({
        "CancelByUser, EC_NoError, BY_CLIENT, CancelByUser",
        "UNKNOWN, EC_PostOnlyWillTakeLiquidity, POST_ONLY_WOULD_TAKE, EC_PostOnlyWillTakeLiquidity",
        "CancelByUser, EC_NoImmediateQtyToFill, IOC_REMAINDER, CancelByUser EC_NoImmediateQtyToFill",
        "UNKNOWN, EC_CancelForNoFullFill, FOK_UNFILLED, EC_CancelForNoFullFill",
        "CancelByReduceOnly, EC_NoError, REDUCE_ONLY, CancelByReduceOnly",
        "UNKNOWN, EC_BySelfMatch, SELF_TRADE_PREVENTION, EC_BySelfMatch",
        "CancelByPrepareLiq, EC_NoError, BY_VENUE, CancelByPrepareLiq",
        "CancelBySomethingNew, EC_NoError, UNKNOWN, CancelBySomethingNew",
        "UNKNOWN, EC_SomethingNew, UNKNOWN, EC_SomethingNew",
        "UNKNOWN, EC_NoError, UNKNOWN, ''",
    })
    void shouldMapBybitCancelNamesAndKeepThemAsTheDetail(
            String cancelType, String rejectReason, CancelReason expected, String detail) {
        final OrderEvent.Canceled e = (OrderEvent.Canceled)
                BybitVocabulary.finished("PartiallyFilledCanceled", cancelType, rejectReason, "c", "v", 1, 2);
        assertThat(e.reason()).isEqualTo(expected);
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.clientOrderId()).isEqualTo("c");
        assertThat(e.venueOrderId()).isEqualTo("v");
    }

    @Test
    void shouldMapUnknownBybitValuesToUnknownKeepingTheRawText() {
        assertThat(BybitVocabulary.rejectReason(999_999)).isEqualTo(RejectReason.UNKNOWN);
        assertThat(BybitVocabulary.refusalDetail(999_999, "brand new refusal")).isEqualTo("999999 brand new refusal");
        assertThat(BybitVocabulary.refusalDetail(110007, "")).isEqualTo("110007");
        final OrderEvent.Rejected r =
                (OrderEvent.Rejected) BybitVocabulary.finished("Rejected", "UNKNOWN", "EC_BrandNew", "c", "v", 1, 2);
        assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN);
        assertThat(r.detail()).isEqualTo("EC_BrandNew");
        assertThat(r.reasonText()).isEqualTo("unknown (EC_BrandNew)");
        assertThat(BybitVocabulary.cancelReason(null, null)).isEqualTo(CancelReason.UNKNOWN);
        assertThat(BybitVocabulary.rejectReasonOfName(null)).isEqualTo(RejectReason.UNKNOWN);
    }

    @Test
    void shouldReportAPostOnlyRejectedOrderAsCancelledAndOtherStatusesAsNothing() {
        final OrderEvent e =
                BybitVocabulary.finished("Rejected", "UNKNOWN", "EC_PostOnlyWillTakeLiquidity", "c", "v", 1, 2);
        assertThat(e).isInstanceOf(OrderEvent.Canceled.class);
        assertThat(((OrderEvent.Canceled) e).reason()).isEqualTo(CancelReason.POST_ONLY_WOULD_TAKE);
        for (String status : new String[] {"New", "PartiallyFilled", "Filled", "Untriggered", "Triggered", ""}) {
            assertThat(BybitVocabulary.finished(status, "UNKNOWN", "EC_NoError", "c", "v", 1, 2))
                    .as(status)
                    .isNull();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "10006, RATE_LIMITED",
        "10018, RATE_LIMITED",
        "110004, INSUFFICIENT_BALANCE",
        "110008, ORDER_FINISHED",
        "110010, ORDER_FINISHED",
        "110017, REDUCE_ONLY",
        "110020, RISK_LIMIT",
        "110092, INVALID_PRICE",
        "10001, INVALID_REQUEST",
        "10016, UNKNOWN",
    })
    void shouldMapRetCodesByWhatTheyMeanForAnOrder(int retCode, RejectReason expected) {
        assertThat(BybitVocabulary.rejectReason(retCode)).isEqualTo(expected);
    }
}
