package io.scalper.core.exec;

import java.util.Objects;

/**
 * An order working at the venue that this run did not send (left by a previous run, found at start-up), for the engine
 * to take over.
 *
 * @param request what the order asks for, with its client id (usually {@link OrderPurpose#EXTERNAL})
 * @param venueOrderId the venue's id of the order ("" if unknown)
 */
public record VenueOrder(OrderRequest request, String venueOrderId) {
    public VenueOrder {
        Objects.requireNonNull(request, "request");
        venueOrderId = venueOrderId == null ? "" : venueOrderId;
    }
}
