package io.thriftstore.order.order;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.thriftstore.platform.events.EventType;

/**
 * The order lifecycle (DESIGN sections 4 and 5) in one place: every allowed transition, who may make it,
 * and the event it publishes. Anything not listed here is refused.
 */
public enum OrderStatus {
    PENDING(EventType.ORDER_CREATED),
    CONFIRMED(EventType.ORDER_CONFIRMED),
    REJECTED(EventType.ORDER_REJECTED),
    CANCELLED(EventType.ORDER_CANCELLED),
    SHIPPED(EventType.ORDER_SHIPPED),
    DELIVERED(EventType.ORDER_DELIVERED);

    private record Transition(OrderStatus from, OrderStatus to, Set<Role> roles) {
    }

    private static final List<Transition> TRANSITIONS = List.of(
        new Transition(PENDING, CONFIRMED, EnumSet.of(Role.SYSTEM)),
        new Transition(PENDING, REJECTED, EnumSet.of(Role.SYSTEM)),
        new Transition(PENDING, CANCELLED, EnumSet.of(Role.BUYER)),
        new Transition(CONFIRMED, CANCELLED, EnumSet.of(Role.BUYER, Role.SELLER)),
        new Transition(CONFIRMED, SHIPPED, EnumSet.of(Role.SELLER)),
        new Transition(SHIPPED, DELIVERED, EnumSet.of(Role.SELLER)));

    private final EventType event;

    OrderStatus(EventType event) {
        this.event = event;
    }

    /** The event published when an order enters this status. */
    public EventType event() {
        return event;
    }

    /** True when {@code role} may move an order from this status to {@code target}. */
    public boolean canMoveTo(OrderStatus target, Role role) {
        return TRANSITIONS.stream().anyMatch(t -> t.from == this && t.to == target && t.roles.contains(role));
    }

    /**
     * True when {@code role} may move an order to {@code target} from at least one status. A role that may
     * never do so is refused with 403 whatever the state; one that may, but not from here, gets 409.
     */
    public static boolean mayEverMoveTo(OrderStatus target, Role role) {
        return TRANSITIONS.stream().anyMatch(t -> t.to == target && t.roles.contains(role));
    }
}
