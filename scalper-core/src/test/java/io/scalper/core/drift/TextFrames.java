package io.scalper.core.drift;

import io.scalper.core.backtest.MarketSource;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.session.Session;
import java.io.IOException;
import java.util.List;

/**
 * A text form of market messages for tests of the session machinery without a venue's wire format: one line a message
 * ({@code B|snapshot|updateId|exchangeNs|bids|asks}, {@code T|ns:price:size:side;...}, {@code K|snapshot|exchangeNs|
 * field=value,...}), written by {@link Encoder}, read back by {@link #decode} and by {@link Source} from a session's
 * market files ({@code receiveNs<TAB>line}).
 */
final class TextFrames {
    private TextFrames() {}

    /** Collects one message as a line. */
    static final class Encoder implements MarketEventSink {
        private final StringBuilder sb = new StringBuilder(512);
        private boolean trades;
        /** Exchange time of the message last emitted. */
        long timeNs;

        /** The line of the message emitted since the last call ({@code ""} for none). */
        String take() {
            final String s = sb.toString();
            sb.setLength(0);
            trades = false;
            return s;
        }

        @Override
        public void onBook(BookUpdate u) {
            timeNs = u.exchangeTimeNs();
            sb.append("B|")
                    .append(u.isSnapshot() ? 1 : 0)
                    .append('|')
                    .append(u.updateId())
                    .append('|');
            sb.append(u.exchangeTimeNs()).append('|');
            for (int i = 0; i < u.count(Side.BUY); i++) {
                sb.append(i == 0 ? "" : ",")
                        .append(u.price(Side.BUY, i))
                        .append(':')
                        .append(u.size(Side.BUY, i));
            }
            sb.append('|');
            for (int i = 0; i < u.count(Side.SELL); i++) {
                sb.append(i == 0 ? "" : ",")
                        .append(u.price(Side.SELL, i))
                        .append(':')
                        .append(u.size(Side.SELL, i));
            }
        }

        @Override
        public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
            this.timeNs = timeNs;
            sb.append(trades ? ";" : "T|")
                    .append(timeNs)
                    .append(':')
                    .append(priceTicks)
                    .append(':');
            sb.append(sizeLots).append(':').append(aggressor == Side.BUY ? 'B' : 'S');
            trades = true;
        }

        @Override
        public void onTicker(TickerState t) {
            if (t.exchangeTimeNs() != TickerState.NONE) {
                timeNs = t.exchangeTimeNs();
            }
            sb.append("K|")
                    .append(t.snapshot() ? 1 : 0)
                    .append('|')
                    .append(t.exchangeTimeNs())
                    .append('|');
            boolean first = true;
            for (int f = 1; f <= TickerState.FUNDING_INTERVAL; f <<= 1) {
                if (t.has(f)) {
                    sb.append(first ? "" : ",").append(f).append('=').append(t.get(f));
                    first = false;
                }
            }
        }
    }

    /** Emits the message of a line to {@code sink}, with {@code localNs} as the book's receive time. */
    static void decode(String line, long localNs, MarketEventSink sink, BookUpdate book, TickerState ticker) {
        final String[] f = line.split("\\|", -1);
        switch (f[0]) {
            case "B" -> {
                book.clear()
                        .snapshot(f[1].equals("1"))
                        .updateId(Long.parseLong(f[2]))
                        .exchangeTimeNs(Long.parseLong(f[3]))
                        .localTimeNs(localNs);
                levels(f[4], Side.BUY, book);
                levels(f[5], Side.SELL, book);
                sink.onBook(book);
            }
            case "T" -> {
                for (String t : f[1].split(";")) {
                    final String[] x = t.split(":");
                    sink.onTrade(
                            Long.parseLong(x[0]),
                            Long.parseLong(x[1]),
                            Long.parseLong(x[2]),
                            x[3].equals("B") ? Side.BUY : Side.SELL);
                }
            }
            case "K" -> {
                ticker.clear();
                ticker.snapshot(f[1].equals("1"));
                ticker.exchangeTimeNs(Long.parseLong(f[2]));
                if (!f[3].isEmpty()) {
                    for (String kv : f[3].split(",")) {
                        final int eq = kv.indexOf('=');
                        ticker.set(Integer.parseInt(kv.substring(0, eq)), Long.parseLong(kv.substring(eq + 1)));
                    }
                }
                sink.onTicker(ticker);
            }
            default -> throw new IllegalArgumentException("not a text frame: " + line);
        }
    }

    private static void levels(String text, Side side, BookUpdate book) {
        if (text.isEmpty()) {
            return;
        }
        for (String l : text.split(",")) {
            final int c = l.indexOf(':');
            book.add(side, Long.parseLong(l.substring(0, c)), Long.parseLong(l.substring(c + 1)));
        }
    }

    /** A session's market, read back: every line but gap markers, with its receive time. */
    static final class Source implements MarketSource {
        private final Instrument instrument;
        private final Session.CloseableLines lines;
        private final BookUpdate book = new BookUpdate();
        private final TickerState ticker = new TickerState();
        private long localNs;

        Source(Session session, Instrument instrument) throws IOException {
            this.instrument = instrument;
            this.lines = Session.lines(session.files(Session.MARKET));
        }

        Source(List<java.nio.file.Path> files, Instrument instrument) {
            this.instrument = instrument;
            this.lines = Session.lines(files);
        }

        @Override
        public Instrument instrument() {
            return instrument;
        }

        @Override
        public boolean next(MarketEventSink sink) {
            while (lines.hasNext()) {
                final String l = lines.next();
                final int tab = l.indexOf('\t');
                final String text = l.substring(tab + 1);
                if (text.startsWith("{")) {
                    continue; // a gap marker
                }
                localNs = Long.parseLong(l.substring(0, tab));
                decode(text, localNs, sink, book, ticker);
                return true;
            }
            return false;
        }

        @Override
        public long localTimeNs() {
            return localNs;
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
