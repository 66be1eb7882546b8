package io.scalper.bybit.rest;

import static io.scalper.bybit.rest.Payloads.body;
import static io.scalper.bybit.rest.Payloads.list;
import static io.scalper.bybit.rest.Payloads.page;
import static io.scalper.bybit.rest.Payloads.scope;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Position and account endpoints ({@code /v5/position/*}, {@code /v5/account/*}, signed): positions, leverage,
 * take-profit/stop-loss/trailing stop, wallet balance and fee rates; "not modified" answers are successes. Behind
 * {@link BybitRestClient}, which documents each method's contract under the same name.
 */
final class AccountEndpoints {
    private final BybitTransport transport;

    AccountEndpoints(BybitTransport transport) {
        this.transport = transport;
    }

    List<BybitPosition> positions(String symbol) throws IOException {
        final List<BybitPosition> out = new ArrayList<>();
        String cursor = "";
        do {
            final Params q = scope(symbol).add("limit", "200").add("cursor", cursor);
            final BybitPage<BybitPosition> page =
                    page(transport.get(Endpoint.POSITION_LIST, q), BybitPosition.class, Endpoint.POSITION_LIST);
            out.addAll(page.list());
            cursor = page.nextPageCursor();
        } while (!cursor.isEmpty());
        return out;
    }

    boolean setLeverage(String symbol, String leverage) throws IOException {
        final Map<String, Object> body = body(symbol);
        body.put("buyLeverage", Objects.requireNonNull(leverage, "leverage"));
        body.put("sellLeverage", leverage);
        return changed(Endpoint.SET_LEVERAGE, body, 110043);
    }

    boolean setTradingStop(BybitTradingStop stop) throws IOException {
        return changed(Endpoint.TRADING_STOP, stop.toBody(), 34040);
    }

    private boolean changed(Endpoint endpoint, Map<String, Object> body, int notModifiedCode) throws IOException {
        try {
            transport.post(endpoint, body, new BybitTransport.Attempts());
            return true;
        } catch (BybitApiException e) {
            if (e.retCode() == notModifiedCode) {
                return false;
            }
            throw e;
        }
    }

    BybitWalletBalance walletBalance() throws IOException {
        final JsonNode result = transport.get(Endpoint.WALLET_BALANCE, Params.of("accountType", "UNIFIED"));
        final List<BybitWalletBalance> accounts = list(result, BybitWalletBalance.class, Endpoint.WALLET_BALANCE);
        if (accounts.isEmpty()) {
            throw new IOException("Bybit " + Endpoint.WALLET_BALANCE.label + ": no account in the answer");
        }
        return accounts.get(0);
    }

    List<BybitFeeRate> feeRates(String symbol) throws IOException {
        final JsonNode result =
                transport.get(Endpoint.FEE_RATE, Params.of("category", "linear").add("symbol", symbol));
        return list(result, BybitFeeRate.class, Endpoint.FEE_RATE);
    }
}
