package io.thriftstore.perf;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Chat send -> recipient latency on one ws-chat instance holding many open STOMP sockets.
 * {@code idleSockets} users connect, subscribe to /user/queue/messages and stay (ramped over
 * {@code rampSeconds}); then {@code users} buyer/seller pairs, each one virtual user with two named sockets,
 * SEND /app/chat.send on the buyer's socket at {@code rate} messages per second in total, and the group
 * "chat send to recipient" lasts until the message, matched by its clientMessageId, reaches the seller's
 * socket. Open sockets in all: idleSockets + 2 x users; the idle ones stay until the last pair is done.
 *
 * <p>The recipient's wait is armed by a bare EOL (a STOMP heart-beat) with a check, right after the SEND;
 * the message cannot overtake it, since ws-chat delivers only after Kafka acknowledged and redelivered it.
 */
public class ChatSimulation extends Simulation {

    static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("frameTimeout", 10));
    static final Duration RAMP = Duration.ofSeconds(Integer.getInteger("rampSeconds", 20));

    final List<Perf.User> idle = Perf.users("idle", Perf.IDLE_SOCKETS);
    final List<Perf.User> buyers = Perf.users("cbuyer", Perf.USERS);
    final List<Perf.User> sellers = Perf.users("cseller", Perf.USERS);
    final AtomicInteger pairsDone = new AtomicInteger();
    final Duration interval = Duration.ofMillis(Math.max(1, 1000L * Perf.USERS / Perf.RATE));

    final HttpProtocolBuilder protocol = http.disableWarmUp();

    static ChainBuilder open(String socket, String tokenKey) {
        return exec(ws(socket + " CONNECT").wsName(socket).connect(Perf.WS_CHAT)
                .onConnected(exec(ws(socket + " STOMP CONNECT").wsName(socket)
                        .sendText(Perf.connectFrame("#{" + tokenKey + "}"))
                        .await(TIMEOUT).on(ws.checkTextMessage("CONNECTED").check(regex("^CONNECTED"))))))
                .exec(ws(socket + " SUBSCRIBE").wsName(socket)
                        .sendText(Perf.subscribeFrame("messages", "/user/queue/messages")))
                .exec(ws(socket + " SUBSCRIBE errors").wsName(socket)
                        .sendText(Perf.subscribeFrame("errors", "/user/queue/errors")));
    }

    ChainBuilder sendAndAwait(String name) {
        return exec(session -> session.set("clientMessageId", UUID.randomUUID().toString()))
                .exec(group(name).on(
                        exec(ws(name + ": SEND").wsName("buyer").sendText(Perf.sendFrame("/app/chat.send",
                                "{\"conversationId\":\"#{conversationId}\",\"clientMessageId\":\"#{clientMessageId}\","
                                        + "\"text\":\"Is it still available? #{clientMessageId}\"}")))
                        .exec(ws(name + ": arm the wait (EOL)").wsName("seller").sendText("\n").await(TIMEOUT).on(
                                ws.checkTextMessage(name + ": MESSAGE at the recipient").matching(substring("#{clientMessageId}"))
                                        .check(regex("^MESSAGE"))))));
    }

    {
        int[] nextIdle = {0};
        int[] nextPair = {0};
        ChainBuilder idleUser = exec(session -> {
            int i;
            synchronized (nextIdle) {
                i = nextIdle[0]++ % idle.size();
            }
            return session.set("token", idle.get(i).token());
        });
        ChainBuilder pairUser = exec(session -> {
            int i;
            synchronized (nextPair) {
                i = nextPair[0]++ % Perf.USERS;
            }
            return session.setAll(Map.of("buyerToken", buyers.get(i).token(), "sellerToken", sellers.get(i).token(),
                    "conversationId", Perf.conversationId(buyers.get(i).id(), sellers.get(i).id())));
        });
        Duration activeTime = Perf.WARMUP.plus(Perf.DURATION);
        long holdUntil = System.nanoTime() + RAMP.plus(activeTime).plusMinutes(3).toNanos();
        setUp(
                scenario("idle sockets").exec(idleUser).exec(open("idle", "token"))
                        // Held open until every pair has finished (bounded, should a pair never finish).
                        .exec(asLongAs(session -> pairsDone.get() < Perf.USERS
                                && System.nanoTime() < holdUntil).on(pause(Duration.ofSeconds(1))))
                        .exec(ws("idle close").wsName("idle").close())
                        .injectOpen(rampUsers(Perf.IDLE_SOCKETS).during(RAMP)),
                scenario("chat send to recipient").exec(pairUser)
                        .exec(open("buyer", "buyerToken")).exec(open("seller", "sellerToken"))
                        .exec(pause(Duration.ofSeconds(1)))
                        .exec(during(Perf.WARMUP).on(pace(interval.multipliedBy(4)).exec(sendAndAwait(Perf.WARM + "chat send to recipient"))))
                        .exec(during(Perf.DURATION).on(pace(interval).exec(sendAndAwait("chat send to recipient"))))
                        .exec(ws("buyer close").wsName("buyer").close())
                        .exec(ws("seller close").wsName("seller").close())
                        .exec(session -> {
                            pairsDone.incrementAndGet();
                            return session;
                        })
                        .injectOpen(nothingFor(RAMP.plusSeconds(5)), rampUsers(Perf.USERS).during(interval))
        ).protocols(protocol);
    }
}
