package io.thriftstore.order.order;

/** Who asks for a transition: the order's buyer, its seller, or the platform itself (inventory answers, timeouts). */
public enum Role {
    BUYER, SELLER, SYSTEM
}
