package io.thriftstore.platform.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.auth.RateLimits;
import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one chat send path's rules, for the REST send (chat-service) and the socket send (ws-chat-service):
 * membership read from the conversation id, the {@code clientMessageId} and text checks, the message id derived
 * from (conversationId, senderId, clientMessageId), and one send budget per user (DESIGN section 7, default 20
 * messages per 10 s) over both paths and every instance.
 *
 * <p><b>The budget without a store.</b> ws-chat-service has no store and calls nobody, but every instance of both
 * services reads chat-messages in full on a group of its own. So each instance keeps the budget in memory: it takes
 * a permit when it accepts a send ({@link #accept}), and for every chat.message-sent it reads that another instance
 * accepted ({@link #observed}) it takes one too, going into debt when needed. Sends on any instance, over REST or the
 * socket, drain the same per-user budget everywhere within the topic's latency (milliseconds); a burst spread over
 * instances faster than that can pass a few messages more, never a sustained rate above the limit.
 */
public final class ChatSends {

    public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 100;

    /** How long a send waits for the broker's ack before the sender is told to try again. */
    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(ChatSends.class);

    private final RateLimits budget;
    private final Clock clock;
    /** Ids of the messages this instance accepted, so that reading them back does not count them twice. */
    private final Cache<String, Boolean> acceptedHere;

    public ChatSends(int messages, Duration period, Clock clock) {
        this.budget = new RateLimits(messages, period);
        this.clock = clock;
        this.acceptedHere = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(period.plusMinutes(1)).build();
    }

    /**
     * Checks a send and, when it passes, takes a permit of the sender's budget and gives the record to publish. If
     * publishing then fails, call {@link #notSent} so that the permit is given back.
     */
    public Outcome accept(String conversationId, CurrentUser sender, String clientMessageId, String text) {
        ConversationId conversation = ConversationId.parse(conversationId).filter(id -> id.hasParticipant(sender.id()))
            .orElse(null);
        if (conversation == null) {
            return new Outcome.NotFound();
        }
        if (clientMessageId == null || clientMessageId.isBlank() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH) {
            return new Outcome.Invalid("clientMessageId", "must be 1.." + MAX_CLIENT_MESSAGE_ID_LENGTH + " characters");
        }
        String trimmed = MessageText.normalise(text);
        String problem = MessageText.problem(trimmed).orElse(null);
        if (problem != null) {
            return new Outcome.Invalid("text", problem);
        }
        RateLimits.Decision decision = budget.tryConsume(sender.id());
        if (!decision.allowed()) {
            return new Outcome.RateLimited("Too many messages: at most " + budget.permits() + " per "
                + budget.period().toSeconds() + " s.", decision.retryAfter());
        }
        ChatMessageSent message = new ChatMessageSent(MessageIds.of(conversation.toString(), sender.id(), clientMessageId),
            conversation.toString(), sender.id(), sender.name(), trimmed, clock.instant().truncatedTo(ChronoUnit.MILLIS),
            clientMessageId, conversation.otherThan(sender.id()));
        acceptedHere.put(message.id(), Boolean.TRUE);
        return new Outcome.Accepted(message);
    }

    /**
     * Publishes an accepted message on chat-messages and waits for the broker's ack (a few ms with linger.ms=0), so
     * that the sender hears of a failure instead of never getting an answer; a failed send gives its permit back.
     *
     * @return whether the message was published; {@code false}: the caller tells the sender to try again
     */
    public boolean publish(EventPublisher publisher, ChatMessageSent message) {
        try {
            publisher.publish(EventType.CHAT_MESSAGE_SENT, message).get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notSent(message);
            return false;
        }
        catch (ExecutionException | TimeoutException e) {
            log.warn("Publishing chat message {} failed", message.id(), e);
            notSent(message);
            return false;
        }
    }

    /** The accepted message could not be published: its permit goes back, nobody will read it. */
    public void notSent(ChatMessageSent message) {
        acceptedHere.invalidate(message.id());
        budget.giveBack(message.senderId());
    }

    /**
     * A message read from chat-messages on this instance's own group: one accepted by another instance (or the other
     * service) counts against its sender's budget here too. Records older than the budget's period no longer count.
     */
    public void observed(ChatMessageSent message) {
        if (message.senderId() == null || message.id() == null || acceptedHere.getIfPresent(message.id()) != null) {
            return;
        }
        Instant sentAt = message.sentAt();
        if (sentAt == null || sentAt.isBefore(clock.instant().minus(budget.period()))) {
            return;
        }
        budget.consumeIgnoringLimit(message.senderId());
    }

    /** How many sends {@code userId} has left right now on this instance (negative while in debt). */
    public long remaining(String userId) {
        return budget.available(userId);
    }

    /** What became of a send: accepted (publish it), or refused and why. */
    public sealed interface Outcome {

        /** Publish this; the sender's own sessions get it back from the topic as the acknowledgement. */
        record Accepted(ChatMessageSent message) implements Outcome {
        }

        /** Not a conversation of the sender's, or none at all: the same answer, so nobody learns who talks to whom. */
        record NotFound() implements Outcome {
        }

        record Invalid(String field, String message) implements Outcome {
        }

        record RateLimited(String detail, Duration retryAfter) implements Outcome {
        }
    }
}
