package io.scalper.core.session;

/**
 * Where a venue hands the public market frames its feed handled, as received, for a recording of the session
 * ({@link io.scalper.core.runtime.Venue#tap}). Called on the engine thread, right after the frame was handled; must not
 * block.
 */
public interface MarketTap {
    /**
     * One frame of the public stream, exactly as received.
     *
     * @param text the frame
     * @param receivedNs its local receive time, ns since the epoch
     */
    void onFrame(String text, long receivedNs);

    /**
     * Data may be missing from here (the stream disconnected, reconnected, or dropped frames); the venue's feed recovers
     * with a fresh snapshot.
     */
    void onGap(String reason, long timeNs);
}
