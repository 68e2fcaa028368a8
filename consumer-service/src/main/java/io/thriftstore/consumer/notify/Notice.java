package io.thriftstore.consumer.notify;

/**
 * What one user is told: a title and body that name products and people (never ids) and a
 * dashboard link ({@code /orders/{id}}, {@code /products/{id}}, {@code /inbox/{conversationId}}).
 */
public record Notice(String userId, NotificationType type, String title, String body, String link) {
}
