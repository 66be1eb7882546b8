package io.scalper.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange thread: owns every {@link Market} and {@link Account}, paces the sources against the wall clock and
 * runs the requests other threads hand it ({@link #call}), one at a time.
 */
final class ExchangeLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeLoop.class);
    private static final long MAX_IDLE_NANOS = 20_000_000L;

    final Map<String, Market> markets = new LinkedHashMap<>();
    final Map<String, Account> accounts = new LinkedHashMap<>();
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private volatile Thread thread;

    ExchangeLoop(List<Market> markets) {
        for (Market m : markets) {
            this.markets.put(m.symbol, m);
        }
    }

    void addAccount(Account a) {
        accounts.put(a.apiKey, a);
    }

    /** Runs {@code work} on the exchange thread after bringing the markets up to now. */
    <T> CompletableFuture<T> call(Supplier<T> work) {
        final CompletableFuture<T> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new IllegalStateException("emulator stopped"));
            return f;
        }
        tasks.add(() -> {
            try {
                catchUp();
                f.complete(work.get());
            } catch (Throwable t) {
                LOG.warn("emulator request failed", t);
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** Runs {@code work} on the exchange thread, fire and forget. */
    void execute(Runnable work) {
        tasks.add(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("emulator task failed", e);
            }
        });
    }

    private void catchUp() {
        final long now = System.nanoTime();
        for (Market m : markets.values()) {
            m.pump(now);
            m.syncClock(now);
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        final long start = System.nanoTime();
        for (Market m : markets.values()) {
            m.start(start);
        }
        while (running) {
            try {
                final long now = System.nanoTime();
                long due = Long.MAX_VALUE;
                for (Market m : markets.values()) {
                    due = Math.min(due, m.nextDueNanos());
                }
                final long wait = Math.min(MAX_IDLE_NANOS, due == Long.MAX_VALUE ? MAX_IDLE_NANOS : due - now);
                final Runnable task = wait > 0 ? tasks.poll(wait, TimeUnit.NANOSECONDS) : tasks.poll();
                if (task != null) {
                    task.run();
                } else {
                    catchUp();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("emulator exchange loop error", e);
            }
        }
    }

    void stop() {
        running = false;
        final Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }

    // ------------------------------------------------------------------ public REST views

    Reply instruments(JsonNode p) {
        if (!"linear".equals(Json.str(p, "category"))) {
            return Reply.error(10001, "params error: category only support linear");
        }
        final String symbol = Json.str(p, "symbol");
        final ArrayNode list = Json.arr();
        int id = 5;
        for (Market m : markets.values()) {
            id++;
            if (symbol != null && !symbol.isEmpty() && !symbol.equals(m.symbol)) {
                continue;
            }
            list.add(instrumentJson(m.instrument, id));
        }
        final ObjectNode r = Json.obj();
        r.put("category", "linear");
        r.set("list", list);
        r.put("nextPageCursor", "");
        return Reply.ok(r);
    }

    private static ObjectNode instrumentJson(Instrument inst, int id) {
        final String sym = inst.symbol();
        final String base = sym.endsWith("USDT") ? sym.substring(0, sym.length() - 4) : sym;
        final ObjectNode r = Json.obj();
        r.put("symbol", sym);
        r.put("symbolId", id);
        r.put("contractType", "LinearPerpetual");
        r.put("status", "Trading");
        r.put("baseCoin", base);
        r.put("quoteCoin", "USDT");
        r.put("launchTime", "1585526400000");
        r.put("deliveryTime", "0");
        r.put("deliveryFeeRate", "");
        r.put("priceScale", Integer.toString(inst.priceScale()));
        final ObjectNode lev = r.putObject("leverageFilter");
        lev.put("minLeverage", "1");
        lev.put("maxLeverage", "100.00");
        lev.put("leverageStep", "0.01");
        final ObjectNode pf = r.putObject("priceFilter");
        pf.put("minPrice", inst.tickSize().toPlainString());
        pf.put("maxPrice", inst.formatPrice(19_999_998L * (inst.priceScale() >= 2 ? 1 : 1)));
        pf.put("tickSize", inst.tickSize().toPlainString());
        final ObjectNode lot = r.putObject("lotSizeFilter");
        lot.put("maxOrderQty", inst.formatQty(1_190_000L));
        lot.put("minOrderQty", inst.minQty().toPlainString());
        lot.put("qtyStep", inst.qtyStep().toPlainString());
        lot.put("postOnlyMaxOrderQty", inst.formatQty(1_190_000L));
        lot.put("maxMktOrderQty", inst.formatQty(500_000L));
        lot.put("minNotionalValue", inst.minNotional().stripTrailingZeros().toPlainString());
        r.put("unifiedMarginTrade", true);
        r.put("fundingInterval", 480);
        r.put("settleCoin", "USDT");
        r.put("copyTrading", "both");
        r.put("upperFundingRate", "0.00375");
        r.put("lowerFundingRate", "-0.00375");
        r.put("isPreListing", false);
        r.putNull("preListingInfo");
        final ObjectNode risk = r.putObject("riskParameters");
        risk.put("priceLimitRatioX", "0.01");
        risk.put("priceLimitRatioY", "0.02");
        r.put("symbolType", "");
        return r;
    }

    Reply tickers(JsonNode p) {
        if (!"linear".equals(Json.str(p, "category"))) {
            return Reply.error(10001, "params error: category only support linear");
        }
        final String symbol = Json.str(p, "symbol");
        final ArrayNode list = Json.arr();
        for (Market m : markets.values()) {
            if (symbol == null || symbol.isEmpty() || symbol.equals(m.symbol)) {
                list.add(tickerJson(m));
            }
        }
        if (symbol != null && !symbol.isEmpty() && list.isEmpty()) {
            return Reply.error(10001, "params error: symbol invalid");
        }
        final ObjectNode r = Json.obj();
        r.put("category", "linear");
        r.set("list", list);
        return Reply.ok(r);
    }

    private static ObjectNode tickerJson(Market m) {
        final Instrument inst = m.instrument;
        final TickerState t = m.state.ticker();
        final long lastTicks = m.state.tape().lastPriceTicks();
        final String last = t.has(TickerState.LAST_PRICE)
                ? inst.formatPrice(t.lastPriceTicks())
                : lastTicks != io.scalper.core.tape.TradeTape.NONE ? inst.formatPrice(lastTicks) : "";
        final double markValue = m.markPrice();
        final String mark = Double.isNaN(markValue)
                ? last
                : BigDecimal.valueOf(markValue)
                        .setScale(inst.priceScale(), java.math.RoundingMode.HALF_UP)
                        .toPlainString();
        final ObjectNode r = Json.obj();
        r.put("symbol", m.symbol);
        r.put("lastPrice", last);
        r.put("indexPrice", t.has(TickerState.INDEX_PRICE) ? Market.e8(t.indexPriceE8()) : mark);
        r.put("markPrice", mark);
        r.put("prevPrice24h", last);
        r.put("price24hPcnt", "0");
        r.put("highPrice24h", last);
        r.put("lowPrice24h", last);
        r.put("prevPrice1h", last);
        r.put("openInterest", t.has(TickerState.OPEN_INTEREST) ? inst.formatQty(t.openInterestLots()) : "0");
        r.put("openInterestValue", "0");
        r.put("turnover24h", "0");
        r.put("volume24h", "0");
        r.put("fundingRate", t.has(TickerState.FUNDING_RATE) ? Market.e8(t.fundingRateE8()) : "0.0001");
        r.put("nextFundingTime", t.has(TickerState.NEXT_FUNDING_TIME) ? Long.toString(t.nextFundingTimeMs()) : "0");
        r.put("predictedDeliveryPrice", "");
        r.put("basisRate", "");
        r.put("deliveryFeeRate", "");
        r.put("deliveryTime", "0");
        final var book = m.state.book();
        final boolean hasBid = book.bestBid() != io.scalper.core.book.OrderBook.NONE;
        final boolean hasAsk = book.bestAsk() != io.scalper.core.book.OrderBook.NONE;
        r.put("ask1Size", hasAsk ? inst.formatQty(book.bestAskSize()) : "0");
        r.put("bid1Price", hasBid ? inst.formatPrice(book.bestBid()) : "0");
        r.put("ask1Price", hasAsk ? inst.formatPrice(book.bestAsk()) : "0");
        r.put("bid1Size", hasBid ? inst.formatQty(book.bestBidSize()) : "0");
        r.put("basis", "");
        r.put("preOpenPrice", "");
        r.put("preQty", "");
        r.put("curPreListingPhase", "");
        r.put(
                "fundingIntervalHour",
                t.has(TickerState.FUNDING_INTERVAL) ? Long.toString(t.fundingIntervalHours()) : "8");
        r.put("basisRateYear", "");
        r.put("fundingCap", "0.005");
        return r;
    }

    Reply orderbook(JsonNode p) {
        final Market m = markets.get(Json.str(p, "symbol"));
        if (m == null || !"linear".equals(Json.str(p, "category"))) {
            return Reply.error(10001, "params error: symbol invalid");
        }
        final int limit = (int) Math.max(1, Math.min(1000, parseInt(Json.str(p, "limit"), 25)));
        return Reply.ok(m.orderbookResult(limit));
    }

    Reply recentTrades(JsonNode p) {
        final Market m = markets.get(Json.str(p, "symbol"));
        if (m == null || !"linear".equals(Json.str(p, "category"))) {
            return Reply.error(10001, "params error: symbol invalid");
        }
        final int limit = (int) Math.max(1, Math.min(1000, parseInt(Json.str(p, "limit"), 500)));
        final ObjectNode r = Json.obj();
        r.put("category", "linear");
        final ArrayNode list = r.putArray("list");
        m.recentTrades(limit).forEach(list::add);
        return Reply.ok(r);
    }

    Reply fundingHistory(JsonNode p) {
        final Market m = markets.get(Json.str(p, "symbol"));
        if (m == null || !"linear".equals(Json.str(p, "category"))) {
            return Reply.error(10001, "params error: symbol invalid");
        }
        final String start = Json.str(p, "startTime");
        final String end = Json.str(p, "endTime");
        if (start != null && !start.isEmpty() && (end == null || end.isEmpty())) {
            return Reply.error(10001, "params error: endTime is required when startTime is given");
        }
        final long from = parseInt(start, Long.MIN_VALUE);
        final long to = parseInt(end, Long.MAX_VALUE);
        final int limit = (int) Math.max(1, Math.min(200, parseInt(Json.str(p, "limit"), 200)));
        final ObjectNode r = Json.obj();
        r.put("category", "linear");
        final ArrayNode list = r.putArray("list");
        for (ObjectNode row : m.fundingHistory()) {
            final long t = Long.parseLong(row.get("fundingRateTimestamp").asText());
            if (t >= from && t <= to && list.size() < limit) {
                list.add(row);
            }
        }
        return Reply.ok(r);
    }

    static long parseInt(String s, long dflt) {
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    // ------------------------------------------------------------------ account views that need no exchange state

    static Reply accountInfo(Account a) {
        final ObjectNode r = Json.obj();
        r.put("marginMode", "REGULAR_MARGIN");
        r.put("updatedTime", "1700000000000");
        r.put("unifiedMarginStatus", 6);
        r.put("dcpStatus", "OFF");
        r.put("timeWindow", 10);
        r.put("smpGroup", 0);
        r.put("isMasterTrader", false);
        r.put("spotHedgingStatus", "OFF");
        return Reply.ok(r);
    }

    static Reply queryApi(Account a) {
        final ObjectNode r = Json.obj();
        r.put("id", Long.toString(a.uid * 10 + 1));
        r.put("note", "scalper emulator");
        r.put("apiKey", a.apiKey);
        r.put("readOnly", 0);
        r.put("secret", "");
        final ObjectNode perms = r.putObject("permissions");
        perms.set("ContractTrade", Json.arr().add("Order").add("Position"));
        perms.set("Spot", Json.arr());
        perms.set("Wallet", Json.arr().add("AccountTransfer"));
        perms.set("Options", Json.arr());
        perms.set("Derivatives", Json.arr());
        perms.set("CopyTrading", Json.arr());
        perms.set("BlockTrade", Json.arr());
        perms.set("Exchange", Json.arr());
        perms.set("NFT", Json.arr());
        perms.set("Affiliate", Json.arr());
        r.set("ips", Json.arr().add("*"));
        r.put("type", 1);
        r.put("deadlineDay", -1);
        r.put("expiredAt", "");
        r.put("createdAt", "2024-01-01T00:00:00Z");
        r.put("unified", 0);
        r.put("uta", 1);
        r.put("userID", a.uid);
        r.put("inviterID", 0);
        r.put("vipLevel", "No VIP");
        r.put("mktMakerLevel", "0");
        r.put("affiliateID", 0);
        r.put("rsaPublicKey", "");
        r.put("isMaster", true);
        r.put("parentUid", "0");
        r.put("kycLevel", "LEVEL_DEFAULT");
        r.put("kycRegion", "");
        return Reply.ok(r);
    }

    Reply coinInfo(JsonNode p) {
        final String coin = Json.str(p, "coin");
        final List<String> coins = new ArrayList<>();
        coins.add("USDT");
        for (Market m : markets.values()) {
            final String s = m.symbol;
            final String base = s.endsWith("USDT") ? s.substring(0, s.length() - 4) : s;
            if (!coins.contains(base)) {
                coins.add(base);
            }
        }
        final ObjectNode r = Json.obj();
        final ArrayNode rows = r.putArray("rows");
        for (String c : coins) {
            if (coin != null && !coin.isEmpty() && !coin.equals(c)) {
                continue;
            }
            final ObjectNode row = rows.addObject();
            row.put("name", c);
            row.put("coin", c);
            row.put("remainAmount", "1000000");
            final ObjectNode chain = row.putArray("chains").addObject();
            chain.put("chainType", c);
            chain.put("confirmation", "6");
            chain.put("withdrawFee", "0");
            chain.put("depositMin", "0");
            chain.put("withdrawMin", "0");
            chain.put("chain", c);
            chain.put("chainDeposit", "1");
            chain.put("chainWithdraw", "1");
            chain.put("minAccuracy", "8");
            chain.put("withdrawPercentageFee", "0");
            chain.put("contractAddress", "");
        }
        return Reply.ok(r);
    }
}
