package io.scalper.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalper.bybit.marketdata.BybitFrameWriter;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.time.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One symbol's market inside the emulator: its source paced against the wall clock, the authoritative
 * {@link MarketState}, and the public topics built from it. Owned by the exchange thread.
 */
final class Market implements MarketDataListener {
    /** Book depths Bybit serves for linear. */
    static final int[] DEPTHS = {1, 50, 200, 1000};

    /** Something that receives public frames (a WebSocket session). */
    interface Sink {
        void send(String text);
    }

    final Instrument instrument;
    final String symbol;
    final ManualClock clock;
    final MarketState state;
    private final MarketSource source;
    private final MarketStateSink stateSink;
    private final double speed;
    private final EmulatorFaults faults;
    private final List<MarketDataListener> listeners = new ArrayList<>();

    private final Pending pending = new Pending();
    private boolean exhausted;
    private long sourceStartNs = Long.MIN_VALUE;
    private long wallStartNanos;

    final Map<Integer, BookTopic> books = new LinkedHashMap<>();
    private final Map<String, Set<Sink>> subscribers = new LinkedHashMap<>();
    private final StringBuilder frames = new StringBuilder(4096);
    private final BybitFrameWriter writer;
    private final ArrayDeque<ObjectNode> recentTrades = new ArrayDeque<>();
    private final ArrayDeque<ObjectNode> fundingHistory = new ArrayDeque<>();
    private long crossSeq = 1;
    private long lastFundingTimeMs = TickerState.NONE;
    private long lastFundingRateE8 = TickerState.NONE;
    private long messages;
    /** Fault requests this market has acted on. */
    private long seenRestarts;

    private long seenSkips;

    /** Whether the source is stamped with wall-clock time (the generator started now) rather than recorded times. */
    private boolean wallClockMarket;

    /** Marks the market's times as wall-clock epoch times (a generated market started now). */
    void wallClockMarket(boolean on) {
        this.wallClockMarket = on;
    }

    Market(MarketSource source, double speed, EmulatorFaults faults) {
        this.source = source;
        this.instrument = source.instrument();
        this.symbol = instrument.symbol();
        this.speed = speed;
        this.faults = faults;
        this.clock = new ManualClock(0);
        this.state = new MarketState(instrument);
        this.stateSink = new MarketStateSink(state, this);
        this.writer = new BybitFrameWriter(instrument, frames);
        for (int d : DEPTHS) {
            books.put(d, new BookTopic(d));
        }
    }

    void addListener(MarketDataListener l) {
        listeners.add(l);
    }

    /** Loads the first message and anchors source time to the wall clock. */
    void start(long wallNowNanos) {
        wallStartNanos = wallNowNanos;
        loadNext();
        if (!exhausted) {
            // a generated market is stamped with today's time: pin market time to the wall clock's epoch time, so
            // that exchange timestamps are "now" (a client's feed age is then the real delivery delay, as on Bybit);
            // a recording keeps its own times, its first message due at once
            sourceStartNs = wallClockMarket ? System.currentTimeMillis() * 1_000_000L : pending.timeNs;
            clock.setNs(Math.max(0, Math.min(pending.timeNs, sourceStartNs)));
        }
    }

    /** Wall-clock time (System.nanoTime) at which the pending message is due, or Long.MAX_VALUE. */
    long nextDueNanos() {
        if (exhausted) {
            return Long.MAX_VALUE;
        }
        return wallStartNanos + (long) ((pending.timeNs - sourceStartNs) / speed);
    }

    /** Market time now, ns. */
    long marketNowNs(long wallNowNanos) {
        if (sourceStartNs == Long.MIN_VALUE) {
            return clock.nowNs();
        }
        return sourceStartNs + (long) ((wallNowNanos - wallStartNanos) * speed);
    }

    /** Brings the clock to the market time of {@code wallNowNanos} (never backwards). */
    void syncClock(long wallNowNanos) {
        final long t = marketNowNs(wallNowNanos);
        if (t > clock.nowNs()) {
            clock.setNs(t);
        }
    }

    /** Applies every message due by {@code wallNowNanos}. */
    void pump(long wallNowNanos) {
        int guard = 0;
        while (!exhausted && nextDueNanos() - wallNowNanos <= 0 && guard++ < 10_000) {
            if (pending.timeNs > clock.nowNs()) {
                clock.setNs(pending.timeNs);
            }
            pending.replay(stateSink);
            stateSink.flush();
            messages++;
            loadNext();
        }
        applyFaults();
    }

    private void loadNext() {
        pending.clear();
        try {
            while (pending.kind == 0) {
                if (!source.next(pending)) {
                    exhausted = true;
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long messages() {
        return messages;
    }

    // ------------------------------------------------------------------ market events

    @Override
    public void onBook(MarketState m, int result) {
        for (MarketDataListener l : listeners) {
            l.onBook(m, result);
        }
        if (result != OrderBook.OK) {
            return;
        }
        for (BookTopic t : books.values()) {
            t.publishChange();
        }
    }

    @Override
    public void onTrades(MarketState m, int count) {
        for (MarketDataListener l : listeners) {
            l.onTrades(m, count);
        }
        final int n = Math.min(count, m.tape().size());
        for (int back = n - 1; back >= 0; back--) {
            final long t = m.tape().timeNsAt(back);
            final long p = m.tape().priceTicksAt(back);
            final long v = m.tape().sizeLotsAt(back);
            final Side s = m.tape().aggressorAt(back);
            writer.onTrade(t, p, v, s);
            final ObjectNode row = Json.obj();
            row.put("execId", UUID.randomUUID().toString());
            row.put("symbol", symbol);
            row.put("price", instrument.formatPrice(p));
            row.put("size", instrument.formatQty(v));
            row.put("side", s == Side.BUY ? "Buy" : "Sell");
            row.put("time", Long.toString(t / 1_000_000L));
            row.put("isBlockTrade", false);
            row.put("isRPITrade", false);
            row.put("seq", crossSeq);
            recentTrades.addFirst(row);
            if (recentTrades.size() > 1000) {
                recentTrades.removeLast();
            }
        }
        crossSeq++;
        writer.flush();
        broadcastWriterFrames("publicTrade." + symbol);
    }

    @Override
    public void onTicker(MarketState m) {
        final TickerState t = m.ticker();
        final long next = t.nextFundingTimeMs();
        if (next != TickerState.NONE && lastFundingTimeMs != TickerState.NONE && next > lastFundingTimeMs) {
            addFunding(lastFundingTimeMs, lastFundingRateE8);
        }
        for (MarketDataListener l : listeners) {
            l.onTicker(m);
        }
        if (next != TickerState.NONE) {
            lastFundingTimeMs = next;
        }
        if (t.has(TickerState.FUNDING_RATE)) {
            lastFundingRateE8 = t.fundingRateE8();
        }
        writer.onTicker(t);
        writer.flush();
        broadcastWriterFrames("tickers." + symbol);
    }

    private void addFunding(long timeMs, long rateE8) {
        final ObjectNode row = Json.obj();
        row.put("symbol", symbol);
        row.put("fundingRate", rateE8 == TickerState.NONE ? "0.0001" : e8(rateE8));
        row.put("fundingRateTimestamp", Long.toString(timeMs));
        fundingHistory.addFirst(row);
        if (fundingHistory.size() > 200) {
            fundingHistory.removeLast();
        }
    }

    static String e8(long v) {
        return java.math.BigDecimal.valueOf(v, 8).stripTrailingZeros().toPlainString();
    }

    private void broadcastWriterFrames(String topic) {
        if (frames.length() == 0) {
            return;
        }
        final Set<Sink> subs = subscribers.get(topic);
        if (subs != null && !subs.isEmpty()) {
            int start = 0;
            for (int i = 0; i < frames.length(); i++) {
                if (frames.charAt(i) == '\n') {
                    final String frame = frames.substring(start, i);
                    for (Sink s : subs) {
                        s.send(frame);
                    }
                    start = i + 1;
                }
            }
        }
        frames.setLength(0);
    }

    // ------------------------------------------------------------------ subscriptions

    /** Whether {@code topic} is one this market serves. */
    boolean serves(String topic) {
        if (topic.equals("publicTrade." + symbol) || topic.equals("tickers." + symbol)) {
            return true;
        }
        for (int d : DEPTHS) {
            if (topic.equals("orderbook." + d + "." + symbol)) {
                return true;
            }
        }
        return false;
    }

    /** Subscribes and sends the topic's initial snapshot (books, tickers). */
    void subscribe(String topic, Sink sink) {
        subscribers.computeIfAbsent(topic, k -> new LinkedHashSet<>()).add(sink);
        if (topic.startsWith("orderbook.")) {
            final int depth = Integer.parseInt(topic.substring(10, topic.indexOf('.', 10)));
            sink.send(books.get(depth).snapshotFrame());
        } else if (topic.startsWith("tickers.") && state.ticker().presentFields() != 0) {
            final StringBuilder sb = new StringBuilder(512);
            new BybitFrameWriter(instrument, sb).onTicker(state.ticker());
            sink.send(sb.toString().trim());
        }
    }

    void unsubscribe(String topic, Sink sink) {
        final Set<Sink> subs = subscribers.get(topic);
        if (subs != null) {
            subs.remove(sink);
        }
    }

    void removeSink(Sink sink) {
        for (Set<Sink> subs : subscribers.values()) {
            subs.remove(sink);
        }
    }

    /** Acts on book faults requested since the last pump: every market acts on each request; each topic counts. */
    private void applyFaults() {
        final long restarts = faults.restartRequests();
        if (restarts != seenRestarts) {
            seenRestarts = restarts;
            for (BookTopic t : books.values()) {
                t.restart();
            }
        }
        final long skips = faults.skipRequests();
        if (skips != seenSkips) {
            seenSkips = skips;
            for (BookTopic t : books.values()) {
                if (hasSubscribers(t.topic)) {
                    t.skipNext = true;
                }
            }
        }
    }

    private boolean hasSubscribers(String topic) {
        final Set<Sink> subs = subscribers.get(topic);
        return subs != null && !subs.isEmpty();
    }

    // ------------------------------------------------------------------ REST views

    ObjectNode orderbookResult(int limit) {
        final BookTopic t = books.get(1000);
        final ObjectNode r = Json.obj();
        r.put("s", symbol);
        r.set("b", levels(Side.BUY, limit));
        r.set("a", levels(Side.SELL, limit));
        final long ms = clock.nowNs() / 1_000_000L;
        r.put("ts", ms);
        r.put("u", t.u);
        r.put("seq", t.seq);
        r.put("cts", ms);
        return r;
    }

    private ArrayNode levels(Side side, int limit) {
        final OrderBook b = state.book();
        final ArrayNode a = Json.arr();
        for (int i = 0, n = Math.min(limit, b.depth(side)); i < n; i++) {
            final ArrayNode l = a.addArray();
            l.add(instrument.formatPrice(b.priceAt(side, i)));
            l.add(instrument.formatQty(b.sizeAt(side, i)));
        }
        return a;
    }

    List<ObjectNode> recentTrades(int limit) {
        final List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : recentTrades) {
            if (out.size() >= limit) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    List<ObjectNode> fundingHistory() {
        if (fundingHistory.isEmpty()) {
            final TickerState t = state.ticker();
            final long next = t.has(TickerState.NEXT_FUNDING_TIME) ? t.nextFundingTimeMs() : 0;
            final long hours = t.has(TickerState.FUNDING_INTERVAL) ? t.fundingIntervalHours() : 8;
            if (next > 0) {
                final List<ObjectNode> synthetic = new ArrayList<>();
                for (int k = 1; k <= 3; k++) {
                    final ObjectNode row = Json.obj();
                    row.put("symbol", symbol);
                    row.put("fundingRate", t.has(TickerState.FUNDING_RATE) ? e8(t.fundingRateE8()) : "0.0001");
                    row.put("fundingRateTimestamp", Long.toString(next - k * hours * 3_600_000L));
                    synthetic.add(row);
                }
                return synthetic;
            }
        }
        return new ArrayList<>(fundingHistory);
    }

    /** Mark price (ticker mark, else mid, else last trade), in price units; NaN when unknown. */
    double markPrice() {
        final double mark = state.ticker().markPrice();
        if (!Double.isNaN(mark)) {
            return mark;
        }
        final double mid = state.book().mid();
        if (!Double.isNaN(mid)) {
            return mid * instrument.tickSizeDouble();
        }
        return Double.NaN;
    }

    long crossSeq() {
        return crossSeq;
    }

    // ------------------------------------------------------------------ book topics

    /** One {@code orderbook.{depth}.{symbol}} topic: the levels last published and its update id. */
    final class BookTopic {
        final int depth;
        final String topic;
        long u;
        long seq;
        boolean skipNext;
        private long[] bidP = new long[0];
        private long[] bidS = new long[0];
        private long[] askP = new long[0];
        private long[] askS = new long[0];
        private final StringBuilder sb = new StringBuilder(8192);

        BookTopic(int depth) {
            this.depth = depth;
            this.topic = "orderbook." + depth + "." + symbol;
        }

        void publishChange() {
            final OrderBook b = state.book();
            // compared in place: most messages change no level within small depths, and nothing is copied then
            if (u > 0 && same(b, Side.BUY, bidP, bidS) && same(b, Side.SELL, askP, askS)) {
                return;
            }
            final boolean snapshot = u == 0 || depth == 1;
            if (!hasSubscribers(topic)) {
                // nobody reads this topic: its levels and update id move as if it were sent (a later subscriber's
                // snapshot and the REST view read them), but no frame is built
                bidP = copy(b, Side.BUY, bidP, true);
                bidS = copy(b, Side.BUY, bidS, false);
                askP = copy(b, Side.SELL, askP, true);
                askS = copy(b, Side.SELL, askS, false);
                u++;
                seq = crossSeq;
                if (skipNext && !snapshot) {
                    skipNext = false;
                    faults.countSkippedDelta();
                }
                return;
            }
            final long[] nbP = prices(b, Side.BUY);
            final long[] nbS = sizes(b, Side.BUY);
            final long[] naP = prices(b, Side.SELL);
            final long[] naS = sizes(b, Side.SELL);
            sb.setLength(0);
            header(snapshot ? "snapshot" : "delta");
            if (snapshot) {
                appendLevels(nbP, nbS);
                sb.append(",\"a\":");
                appendLevels(naP, naS);
            } else {
                appendDiff(bidP, bidS, nbP, nbS, true);
                sb.append(",\"a\":");
                appendDiff(askP, askS, naP, naS, false);
            }
            bidP = nbP;
            bidS = nbS;
            askP = naP;
            askS = naS;
            u++;
            seq = crossSeq;
            trailer();
            if (skipNext && !snapshot) {
                skipNext = false;
                faults.countSkippedDelta();
                return;
            }
            send(sb.toString());
        }

        void restart() {
            if (!hasSubscribers(topic)) {
                return;
            }
            u = 0;
            faults.countBookRestart();
            bidP = new long[0];
            askP = new long[0];
            publishChange();
        }

        String snapshotFrame() {
            if (u == 0) {
                // nothing published yet: start the topic so the snapshot carries a real u
                publishChange();
                if (u == 0) {
                    u = 1;
                }
            }
            sb.setLength(0);
            header("snapshot");
            appendLevels(bidP, bidS);
            sb.append(",\"a\":");
            appendLevels(askP, askS);
            trailer();
            return sb.toString();
        }

        private void header(String type) {
            sb.append("{\"topic\":\"").append(topic).append("\",\"type\":\"").append(type);
            sb.append("\",\"ts\":").append(clock.nowNs() / 1_000_000L);
            sb.append(",\"data\":{\"s\":\"").append(symbol).append("\",\"b\":");
        }

        private void trailer() {
            sb.append(",\"u\":").append(u).append(",\"seq\":").append(Math.max(seq, 1));
            sb.append("},\"cts\":").append(clock.nowNs() / 1_000_000L).append('}');
        }

        private void send(String frame) {
            final Set<Sink> subs = subscribers.get(topic);
            if (subs != null) {
                for (Sink s : subs) {
                    s.send(frame);
                }
            }
        }

        /** Whether the book's top {@code depth} levels of a side are the ones last published. */
        private boolean same(OrderBook b, Side side, long[] p, long[] sz) {
            final int n = Math.min(depth, b.depth(side));
            if (n != p.length) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (b.priceAt(side, i) != p[i] || b.sizeAt(side, i) != sz[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The book's top prices (or sizes) of a side, written into {@code reuse} when it has the length. */
        private long[] copy(OrderBook b, Side side, long[] reuse, boolean prices) {
            final int n = Math.min(depth, b.depth(side));
            final long[] out = reuse.length == n ? reuse : new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = prices ? b.priceAt(side, i) : b.sizeAt(side, i);
            }
            return out;
        }

        private long[] prices(OrderBook b, Side side) {
            final int n = Math.min(depth, b.depth(side));
            final long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = b.priceAt(side, i);
            }
            return out;
        }

        private long[] sizes(OrderBook b, Side side) {
            final int n = Math.min(depth, b.depth(side));
            final long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = b.sizeAt(side, i);
            }
            return out;
        }

        private void appendLevels(long[] p, long[] s) {
            sb.append('[');
            for (int i = 0; i < p.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                level(p[i], s[i]);
            }
            sb.append(']');
        }

        private void level(long p, long s) {
            sb.append("[\"");
            instrument.appendPrice(sb, p);
            sb.append("\",\"");
            if (s == 0) {
                sb.append('0');
            } else {
                instrument.appendQty(sb, s);
            }
            sb.append("\"]");
        }

        /** Changed levels in book order (bids descending, asks ascending): deletions as size "0". */
        private void appendDiff(long[] op, long[] os, long[] np, long[] ns, boolean bids) {
            sb.append('[');
            int i = 0;
            int j = 0;
            boolean first = true;
            while (i < op.length || j < np.length) {
                final int c;
                if (i >= op.length) {
                    c = 1;
                } else if (j >= np.length) {
                    c = -1;
                } else {
                    c = bids ? Long.compare(np[j], op[i]) : Long.compare(op[i], np[j]);
                }
                // c < 0: old level comes first (deleted); c > 0: new level first (inserted); 0: same price
                if (c < 0) {
                    first = sep(first);
                    level(op[i], 0);
                    i++;
                } else if (c > 0) {
                    first = sep(first);
                    level(np[j], ns[j]);
                    j++;
                } else {
                    if (os[i] != ns[j]) {
                        first = sep(first);
                        level(np[j], ns[j]);
                    }
                    i++;
                    j++;
                }
            }
            sb.append(']');
        }

        private boolean sep(boolean first) {
            if (!first) {
                sb.append(',');
            }
            return false;
        }
    }

    // ------------------------------------------------------------------ one buffered source message

    /** Copies one source message so it can be held until its time comes. */
    private static final class Pending implements MarketEventSink {
        int kind; // 0 none, 1 book, 2 trades, 3 ticker
        long timeNs;
        final BookUpdate book = new BookUpdate();
        final TickerState ticker = new TickerState();
        long[] tTime = new long[16];
        long[] tPrice = new long[16];
        long[] tSize = new long[16];
        Side[] tSide = new Side[16];
        int trades;

        void clear() {
            kind = 0;
            trades = 0;
        }

        @Override
        public void onBook(BookUpdate u) {
            if (kind != 0) {
                return;
            }
            kind = 1;
            timeNs = u.exchangeTimeNs();
            book.clear()
                    .snapshot(u.isSnapshot())
                    .updateId(u.updateId())
                    .sequence(u.sequence())
                    .exchangeTimeNs(u.exchangeTimeNs())
                    .matchTimeNs(u.matchTimeNs());
            for (Side s : Side.values()) {
                for (int i = 0, n = u.count(s); i < n; i++) {
                    book.add(s, u.price(s, i), u.size(s, i));
                }
            }
        }

        @Override
        public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
            if (kind != 0 && kind != 2) {
                return;
            }
            if (kind == 0) {
                this.timeNs = timeNs;
            }
            kind = 2;
            if (trades == tTime.length) {
                final int n = trades * 2;
                tTime = java.util.Arrays.copyOf(tTime, n);
                tPrice = java.util.Arrays.copyOf(tPrice, n);
                tSize = java.util.Arrays.copyOf(tSize, n);
                tSide = java.util.Arrays.copyOf(tSide, n);
            }
            tTime[trades] = timeNs;
            tPrice[trades] = priceTicks;
            tSize[trades] = sizeLots;
            tSide[trades] = aggressor;
            trades++;
        }

        @Override
        public void onTicker(TickerState t) {
            if (kind != 0) {
                return;
            }
            kind = 3;
            timeNs = t.exchangeTimeNs();
            ticker.clear();
            ticker.merge(t);
        }

        void replay(MarketEventSink sink) {
            switch (kind) {
                case 1 -> sink.onBook(book);
                case 2 -> {
                    for (int i = 0; i < trades; i++) {
                        sink.onTrade(tTime[i], tPrice[i], tSize[i], tSide[i]);
                    }
                }
                case 3 -> sink.onTicker(ticker);
                default -> {}
            }
        }
    }
}
