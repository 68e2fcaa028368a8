package io.thriftstore.chat.conversation;

import jakarta.validation.constraints.Min;

/** {@code upTo}: the seq read up to; absent means everything. */
record MarkReadRequest(@Min(0) Long upTo) {
}
