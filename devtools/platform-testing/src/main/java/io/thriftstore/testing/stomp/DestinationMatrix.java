package io.thriftstore.testing.stomp;

import java.util.ArrayList;
import java.util.List;

/**
 * The destination matrix of DESIGN section 7 for one socket service: every destination prefix
 * ({@code /app}, {@code /user}, {@code /queue}, {@code /topic}, empty, odd) x SEND and SUBSCRIBE x
 * addressed to the client's own user or to another user. A service's test decides which few cells it
 * serves; every other cell must be answered with an ERROR frame and reach nobody.
 *
 * @param queue          the user queue the service pushes to, e.g. {@code messages} for {@code /user/queue/messages}
 * @param appDestination the service's application destination, or one it does not have, e.g. {@code /app/chat.send}
 */
public record DestinationMatrix(String queue, String appDestination) {

    public enum Frame { SEND, SUBSCRIBE }

    public enum Addressee { OWN, OTHER }

    /**
     * One cell. For {@code /app} the destination is the service's application destination and the
     * addressee goes into the frame's body (the test builds it); elsewhere it is in the destination.
     */
    public record Cell(String prefix, Frame frame, Addressee addressee, String destination) {

        public String frameText(String subscriptionId, String body) {
            return frame == Frame.SEND ? RawStomp.sendFrame(destination, body) : RawStomp.subscribeFrame(subscriptionId, destination);
        }

        @Override
        public String toString() {
            return frame + " " + (prefix.isEmpty() ? "(empty)" : prefix) + " to " + addressee + " user: '" + destination + "'";
        }
    }

    /** Every cell, for a client of user {@code own} and another user {@code other}. */
    public List<Cell> cells(String own, String other) {
        List<Cell> cells = new ArrayList<>();
        for (Frame frame : Frame.values()) {
            // /app: to own = the body names a conversation or resource of the client's; to other = someone else's.
            cells.add(new Cell("/app", frame, Addressee.OWN, appDestination));
            cells.add(new Cell("/app", frame, Addressee.OTHER, appDestination + "/" + other));
            cells.add(new Cell("/user", frame, Addressee.OWN, "/user/queue/" + queue));
            cells.add(new Cell("/user", frame, Addressee.OTHER, "/user/" + other + "/queue/" + queue));
            // The simple broker's own names for a user's queue: /queue/<name>-user<session id>.
            cells.add(new Cell("/queue", frame, Addressee.OWN, "/queue/" + queue));
            cells.add(new Cell("/queue", frame, Addressee.OTHER, "/queue/" + queue + "-user" + other));
            cells.add(new Cell("/topic", frame, Addressee.OWN, "/topic/" + own));
            cells.add(new Cell("/topic", frame, Addressee.OTHER, "/topic/" + other));
            cells.add(new Cell("", frame, Addressee.OWN, ""));
            cells.add(new Cell("", frame, Addressee.OTHER, other));
            cells.add(new Cell("odd", frame, Addressee.OWN, "/app/../user/queue/" + queue));
            cells.add(new Cell("odd", frame, Addressee.OTHER, "//user/" + other + "/queue/" + queue));
        }
        return cells;
    }
}
