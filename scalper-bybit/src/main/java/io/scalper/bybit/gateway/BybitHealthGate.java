package io.scalper.bybit.gateway;

import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.feature.Features;
import io.scalper.core.signal.Decision;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * An entry gate for the engine ({@link ScalperEngine.Builder#gate}): refuses new entries with {@value
 * #BOOK_OUT_OF_SYNC} while any order book is out of sync, and with {@value #PRIVATE_STREAM_DOWN} while the private
 * stream (order and fill events) is down. Existing brackets stay with the exchange; only entries stop. Reads two
 * flags, allocates nothing; engine thread.
 */
public final class BybitHealthGate implements ScalperEngine.EntryGate {
    /** Refusal code while a book is out of sync. */
    public static final String BOOK_OUT_OF_SYNC = "book_out_of_sync";
    /** Refusal code while the private stream is down. */
    public static final String PRIVATE_STREAM_DOWN = "private_stream_down";

    private final BooleanSupplier booksInSync;
    private final BooleanSupplier privateStreamUp;

    /**
     * @param booksInSync whether every subscribed book is in sync (e.g. {@code BybitPublicStream::isInSync})
     * @param privateStreamUp whether the private stream is up (e.g. {@code BybitGateway::isPrivateStreamUp})
     */
    public BybitHealthGate(BooleanSupplier booksInSync, BooleanSupplier privateStreamUp) {
        this.booksInSync = Objects.requireNonNull(booksInSync, "booksInSync");
        this.privateStreamUp = Objects.requireNonNull(privateStreamUp, "privateStreamUp");
    }

    /** The refusal code now, or {@code null} when entries may proceed. */
    public String check() {
        if (!booksInSync.getAsBoolean()) {
            return BOOK_OUT_OF_SYNC;
        }
        if (!privateStreamUp.getAsBoolean()) {
            return PRIVATE_STREAM_DOWN;
        }
        return null;
    }

    @Override
    public String refuse(Decision decision, Features features, ScalperEngine engine) {
        return check();
    }
}
