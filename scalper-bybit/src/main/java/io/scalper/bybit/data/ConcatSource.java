package io.scalper.bybit.data;

import io.scalper.core.backtest.MarketSource;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.model.Instrument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plays several sources of the same instrument one after another — consecutive days, say. Each part is closed as soon
 * as it is exhausted. Parts made by {@link #lazy} are opened only when their turn comes, so a long run holds one file
 * open at a time. Every part must emit the same {@link Instrument} (equal rules), else the switch to it fails.
 *
 * <p>The events are passed on as the parts emit them: a part that starts before the previous one ended (overlapping
 * files) yields times that go backwards. Not thread-safe.
 */
public final class ConcatSource implements MarketSource {
    /** Opens one part when its turn comes. */
    @FunctionalInterface
    public interface Opener {
        /** Opens the part. */
        MarketSource open() throws IOException;
    }

    private final Instrument instrument;
    private final List<Opener> openers;
    private final List<MarketSource> eager;
    private int index;
    private MarketSource current;
    private long localTimeNs;
    private boolean closed;

    private ConcatSource(Instrument instrument, List<Opener> openers, List<MarketSource> eager, MarketSource first) {
        this.instrument = instrument;
        this.openers = openers;
        this.eager = eager;
        this.current = first;
    }

    /**
     * Plays already-open sources in order; {@link #close()} closes them all.
     *
     * @throws IllegalArgumentException when the list is empty or the instruments differ
     */
    public static ConcatSource of(List<? extends MarketSource> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("ConcatSource: no sources");
        }
        final List<MarketSource> list = new ArrayList<>(sources);
        final Instrument instrument =
                Objects.requireNonNull(list.get(0), "sources[0]").instrument();
        final List<Opener> openers = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            final MarketSource s = Objects.requireNonNull(list.get(i), "sources[" + i + "]");
            if (!instrument.equals(s.instrument())) {
                throw new IllegalArgumentException(
                        "ConcatSource: " + s.describe() + " plays " + s.instrument() + ", not " + instrument);
            }
            openers.add(() -> s);
        }
        return new ConcatSource(instrument, openers, list, list.get(0));
    }

    /** Plays already-open sources in order. */
    public static ConcatSource of(MarketSource... sources) {
        return of(List.of(sources));
    }

    /**
     * Plays sources opened one at a time, in order, the first now (so that a bad first file fails here).
     *
     * @param instrument the instrument every part must emit
     * @throws IllegalArgumentException when the list is empty
     * @throws IOException when the first part cannot be opened or plays another instrument
     */
    public static ConcatSource lazy(Instrument instrument, List<Opener> openers) throws IOException {
        Objects.requireNonNull(instrument, "instrument");
        if (openers.isEmpty()) {
            throw new IllegalArgumentException("ConcatSource: no sources");
        }
        final List<Opener> list = List.copyOf(openers);
        final MarketSource first = checked(list.get(0).open(), instrument);
        return new ConcatSource(instrument, list, null, first);
    }

    private static MarketSource checked(MarketSource s, Instrument instrument) throws IOException {
        Objects.requireNonNull(s, "opened source");
        if (!instrument.equals(s.instrument())) {
            final String what = s.describe() + " plays " + s.instrument() + ", not " + instrument;
            s.close();
            throw new IOException("ConcatSource: " + what);
        }
        return s;
    }

    @Override
    public Instrument instrument() {
        return instrument;
    }

    @Override
    public boolean next(MarketEventSink sink) throws IOException {
        while (current != null) {
            if (current.next(sink)) {
                localTimeNs = current.localTimeNs();
                return true;
            }
            final MarketSource done = current;
            current = null;
            done.close();
            if (index + 1 < openers.size()) {
                index++;
                current = checked(openers.get(index).open(), instrument);
            }
        }
        return false;
    }

    @Override
    public long localTimeNs() {
        // the playing part's, also while it emits (a backtest's encoder reads it then)
        return current != null ? current.localTimeNs() : localTimeNs;
    }

    /** Index of the part playing now (the last one once all are exhausted). */
    public int index() {
        return index;
    }

    /** Number of parts. */
    public int size() {
        return openers.size();
    }

    /** The part playing now, or {@code null} when all are exhausted. */
    public MarketSource current() {
        return current;
    }

    @Override
    public String describe() {
        final String now = current == null ? "done" : "now " + current.describe();
        return "ConcatSource[" + (index + 1) + "/" + openers.size() + ", " + now + "]";
    }

    /** Closes the part playing now and, for {@link #of}, every part not yet played. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        final List<MarketSource> toClose = new ArrayList<>();
        if (current != null) {
            toClose.add(current);
        }
        if (eager != null) {
            toClose.addAll(eager.subList(Math.min(eager.size(), index + 1), eager.size()));
        }
        current = null;
        for (MarketSource s : toClose) {
            try {
                s.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
