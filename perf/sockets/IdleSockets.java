import io.thriftstore.devtools.tokens.DevTokens;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens N idle, authenticated and subscribed STOMP sockets against one socket service and prints the
 * service's live heap per socket: {@code jcmd <pid> GC.class_histogram} (a full GC, then the live objects)
 * before and after, divided by the sockets open. Run by perf/sockets.sh; alone, against a running service:
 * <pre>
 * java -cp "$(cat devtools/platform-launcher/target/launcher.classpath):devtools/platform-launcher/target/platform-launcher-0.1.0-SNAPSHOT.jar" \
 *   perf/sockets/IdleSockets.java --url ws://localhost:5015/ws --keys .data/dev-keys --count 1000 \
 *   --destination /user/queue/messages --pid $(cat .data/run/ws-chat-service.pid)
 * </pre>
 * Each socket is one user ({@code user_idle_<n>}), as in the chat simulation's idle sockets. Heart-beats are
 * agreed at 10 s both ways, as the dashboard's client does, so the server's heart-beat bookkeeping is counted.
 * Sockets refused at the handshake (503 above the service's cap) are counted, not retried.
 * Hand-written on the JDK's own WebSocket client: a single file that needs nothing but the launcher's classpath.
 */
public class IdleSockets {

    public static void main(String[] args) {
        // Any failure ends the JVM: the WebSocket client's threads would keep it alive, and the script waiting.
        try {
            run(args);
        }
        catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI url = URI.create(options.getOrDefault("url", "ws://localhost:5015/ws"));
        Path keys = Path.of(options.getOrDefault("keys", ".data/dev-keys"));
        int count = Integer.parseInt(options.getOrDefault("count", "1000"));
        String destination = options.getOrDefault("destination", "/user/queue/messages");
        String azp = options.getOrDefault("azp", DevTokens.DEFAULT_AZP);
        int parallel = Integer.parseInt(options.getOrDefault("parallel", "50"));
        long pid = Long.parseLong(options.getOrDefault("pid", "0"));
        long holdSeconds = Long.parseLong(options.getOrDefault("hold", "0"));

        DevTokens tokens = DevTokens.read(keys);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        Histogram before = pid > 0 ? Histogram.of(pid) : null;
        long rssBefore = pid > 0 ? rssKiB(pid) : 0;

        List<WebSocket> open = new CopyOnWriteArrayList<>();
        // Client heart-beats every 10 s, as agreed in CONNECT, from the first socket on: the server closes a
        // socket that stays silent for three intervals.
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        beats.scheduleAtFixedRate(() -> open.forEach(socket -> {
            try {
                socket.sendText("\n", true);
            }
            catch (RuntimeException previousSendPending) {
                // the next beat goes out in 10 s
            }
        }), 10, 10, TimeUnit.SECONDS);
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        for (int from = 0; from < count; from += parallel) {
            List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
            for (int n = from; n < Math.min(count, from + parallel); n++) {
                String token = tokens.sign(DevTokens.Claims.of("user_idle_" + n).name("Idle " + n).ttl(Duration.ofHours(3)).azp(azp));
                batch.add(connect(http, url, token, destination, n));
            }
            for (CompletableFuture<WebSocket> socket : batch) {
                try {
                    open.add(socket.get(60, TimeUnit.SECONDS));
                }
                catch (Exception e) {
                    Throwable cause = e;
                    while (cause.getCause() != null && !(cause instanceof WebSocketHandshakeException)) {
                        cause = cause.getCause();
                    }
                    if (cause instanceof WebSocketHandshakeException refusal && refusal.getResponse().statusCode() == 503) {
                        refused.incrementAndGet();
                    }
                    else {
                        failed.incrementAndGet();
                        if (failed.get() <= 3) {
                            System.err.println("socket failed: " + cause);
                        }
                    }
                }
            }
        }
        System.out.printf("opened %d sockets in %.1f s (%d refused with 503, %d failed)%n", open.size(),
            (System.nanoTime() - started) / 1e9, refused.get(), failed.get());

        if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
            System.out.println("the service (pid " + pid + ") is gone: it exited while the sockets opened");
            System.out.println("RESULT sockets=" + open.size() + " refused=" + refused.get() + " exited=true");
            System.exit(1);
        }
        if (pid > 0 && !open.isEmpty()) {
            Thread.sleep(2_000);
            Histogram after = Histogram.of(pid);
            long rssAfter = rssKiB(pid);
            long perSocket = (after.total() - before.total()) / open.size();
            System.out.printf("live heap: %d KiB before, %d KiB with %d sockets: %.1f KiB per socket%n",
                before.total() / 1024, after.total() / 1024, open.size(), perSocket / 1024.0);
            System.out.printf("RSS: %d MiB before, %d MiB after: %.1f KiB per socket%n", rssBefore / 1024, rssAfter / 1024,
                (rssAfter - rssBefore) / (double) open.size());
            System.out.println("largest growth per socket (bytes, class):");
            after.minus(before).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf("  %7d  %s%n", e.getValue() / open.size(), e.getKey()));
            System.out.println("RESULT sockets=" + open.size() + " refused=" + refused.get() + " heapPerSocketBytes=" + perSocket
                + " liveHeapKiB=" + after.total() / 1024 + " rssKiB=" + rssAfter);
        }
        if (holdSeconds > 0) {
            System.out.println("holding the sockets for " + holdSeconds + " s");
            Thread.sleep(holdSeconds * 1000);
        }
        beats.shutdownNow();
        open.forEach(WebSocket::abort);
        System.exit(failed.get() == 0 ? 0 : 1);
    }

    /** Completes once the server has answered CONNECTED and the SUBSCRIBE went out. */
    static CompletableFuture<WebSocket> connect(HttpClient http, URI url, String token, String destination, int n) {
        StringBuilder seen = new StringBuilder("frames received: ");
        // SUBSCRIBE goes out once CONNECT has (the client allows one send at a time), even if CONNECTED came first.
        CompletableFuture<WebSocket> connectSent = new CompletableFuture<>();
        CompletableFuture<WebSocket> ready = new CompletableFuture<>();
        // A socket that never completes says how far it got.
        CompletableFuture.delayedExecutor(20, TimeUnit.SECONDS).execute(
            () -> ready.completeExceptionally(new IllegalStateException("not subscribed within 20 s; " + seen)));
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder frame = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                frame.append(data);
                if (last) {
                    String text = frame.toString();
                    frame.setLength(0);
                    seen.append(text.lines().findFirst().orElse("(heart-beat)")).append(' ');
                    if (text.startsWith("CONNECTED")) {
                        // Spring's simple broker sends no RECEIPT for SUBSCRIBE: the socket is ready once it went out.
                        connectSent.thenCompose(sent -> sent.sendText("SUBSCRIBE\nid:0\ndestination:" + destination + "\n\n\0", true))
                            .whenComplete((sent, error) -> {
                                if (error != null) {
                                    ready.completeExceptionally(error);
                                }
                                else {
                                    ready.complete(socket);
                                }
                            });
                    }
                    else if (text.startsWith("ERROR")) {
                        ready.completeExceptionally(new IllegalStateException("ERROR frame: " + text.strip().replace('\n', ' ')));
                    }
                }
                socket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                ready.completeExceptionally(error);
            }
        };
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(url, listener)
            .thenCompose(socket -> socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:10000,10000\n"
                + "Authorization:Bearer " + token + "\n\n\0", true).thenAccept(sent -> connectSent.complete(socket)))
            .whenComplete((ignored, error) -> {
                if (error != null) {
                    ready.completeExceptionally(error);
                }
            });
        return ready;
    }

    static long rssKiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    /** Bytes per class of the live heap: jcmd's class histogram runs a full GC first. */
    record Histogram(Map<String, Long> bytes, long total) {

        static Histogram of(long pid) throws Exception {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process process = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
            Map<String, Long> bytes = new HashMap<>();
            long total = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 4 && f[0].endsWith(":") && f[2].matches("\\d+")) {
                        bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
                    }
                    else if (f.length >= 3 && f[0].equals("Total") && f[2].matches("\\d+")) {
                        total = Long.parseLong(f[2]);
                    }
                }
            }
            if (process.waitFor() != 0 || total == 0) {
                throw new IllegalStateException("jcmd " + pid + " GC.class_histogram failed");
            }
            return new Histogram(bytes, total);
        }

        Map<String, Long> minus(Histogram earlier) {
            Map<String, Long> growth = new HashMap<>();
            bytes.forEach((name, size) -> growth.put(name, size - earlier.bytes.getOrDefault(name, 0L)));
            return growth;
        }
    }
}
