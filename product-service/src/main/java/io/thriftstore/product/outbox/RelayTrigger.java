package io.thriftstore.product.outbox;

/**
 * Told by the collections that store {@link PendingEvents} right after a write that added some, so the
 * relay sends them now rather than at its next pass (which stays as the fallback).
 */
public interface RelayTrigger {

    /** Events were just stored in this document of this collection; returns at once. */
    void eventsStored(String collection, Object documentId);
}
