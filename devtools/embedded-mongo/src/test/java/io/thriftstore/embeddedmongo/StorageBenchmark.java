package io.thriftstore.embeddedmongo;

import static com.mongodb.client.model.Filters.eq;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.slf4j.LoggerFactory;

/**
 * Not a test: a rerunnable comparison of the library's {@link H2Backend} and {@link PlatformH2Backend} through
 * the real MongoDB driver over the wire, for the three operations of the order path (insert, the guarded
 * {@code {_id, version}} update with {@code $set} + {@code $inc}, find by {@code _id}). Each run gets a fresh
 * file; the table shows the median of the runs. Each phase ends with a commit, so page writes count. "server CPU" is the process's CPU minus the calling
 * thread's (the driver's encoding and waiting), i.e. the server's threads and H2's background commits.
 * <p>
 * Run (module README): {@code ./mvnw -B -q -o test-compile exec:java -pl devtools/embedded-mongo
 * -Dexec.classpathScope=test -Dexec.mainClass=io.thriftstore.embeddedmongo.StorageBenchmark}
 */
final class StorageBenchmark {

    private static final int DOCUMENTS = Integer.getInteger("benchmark.documents", 3000);

    private static final int RUNS = Integer.getInteger("benchmark.runs", 3);

    private static final String[] OPERATIONS = {"insert", "update {_id, version}", "find by _id"};

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.ERROR);
        Path directory = Files.createTempDirectory("storage-benchmark");
        Map<String, Function<String, H2Backend>> backends = new LinkedHashMap<>();
        backends.put("H2Backend (library)", H2Backend::new);
        backends.put("PlatformH2Backend", PlatformH2Backend::new);
        // Another H2Backend subclass with a (String file) constructor, e.g. an older PlatformH2Backend
        // compiled under another name, to compare with in the same run.
        String extra = System.getProperty("benchmark.compareWith");
        if (extra != null) {
            backends.put(extra.substring(extra.lastIndexOf('.') + 1), file -> instantiate(extra, file));
        }

        // One unmeasured round per backend, so both run on warmed-up code.
        backends.forEach((name, backend) -> run(backend.apply(directory.resolve("warm-" + name).toString())));
        Map<String, List<Result[]>> results = new LinkedHashMap<>();
        for (int run = 0; run < RUNS; run++) {
            for (var backend : backends.entrySet()) {
                String file = directory.resolve(run + "-" + backend.getKey()).toString();
                results.computeIfAbsent(backend.getKey(), k -> new ArrayList<>()).add(run(backend.getValue().apply(file)));
            }
        }

        System.out.printf("%d documents, median of %d runs%n", DOCUMENTS, RUNS);
        System.out.printf("%-24s %-24s %10s %15s %18s%n", "backend", "operation", "ops/s", "CPU ms/op", "server CPU ms/op");
        for (var backend : results.entrySet()) {
            for (int op = 0; op < OPERATIONS.length; op++) {
                int o = op;
                System.out.printf("%-24s %-24s %10.0f %15.3f %18.3f%n", backend.getKey(), OPERATIONS[op],
                    median(backend.getValue(), r -> r[o].opsPerSecond()),
                    median(backend.getValue(), r -> r[o].cpuMillisPerOp()),
                    median(backend.getValue(), r -> r[o].serverCpuMillisPerOp()));
            }
        }
    }

    private static H2Backend instantiate(String className, String file) {
        try {
            return (H2Backend) Class.forName(className).getConstructor(String.class).newInstance(file);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("benchmark.compareWith: " + className, e);
        }
    }

    private static Result[] run(H2Backend backend) {
        try (RunningMongo mongo = RunningMongo.on(backend)) {
            MongoCollection<Document> products = mongo.collection("products");
            return new Result[] {
                measure(i -> products.insertOne(product(i)), backend),
                // The filter as Spring Data sends ProductStock's guarded write: one document, no $and.
                measure(i -> products.updateOne(new Document("_id", "p" + i).append("version", 1),
                    Updates.combine(Updates.set("version", 2), Updates.inc("quantity", -1))), backend),
                measure(i -> products.find(eq("_id", "p" + i)).first(), backend)};
        }
    }

    /** A product as product-service stores one, roughly: a few strings, numbers, a list and a subdocument. */
    private static Document product(int i) {
        return new Document("_id", "p" + i).append("version", 1).append("sellerId", "user-" + (i % 50))
            .append("title", "Vintage oak chair " + i).append("description", "Solid oak, some wear on the legs. ".repeat(4))
            .append("priceCents", 4_500 + i).append("currency", "EUR").append("quantity", 10)
            .append("tags", List.of("furniture", "oak", "vintage"))
            .append("location", new Document("city", "Lyon").append("country", "FR"))
            .append("pendingEvents", List.of());
    }

    /** Ends with a commit, so that the pages the operations changed are written inside the measurement. */
    private static Result measure(IntConsumer operation, H2Backend backend) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long ownCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < DOCUMENTS; i++) {
            operation.accept(i);
        }
        backend.commit();
        long elapsed = System.nanoTime() - start;
        long processCpu = os.getProcessCpuTime() - cpu;
        long serverCpu = processCpu - (threads.getCurrentThreadCpuTime() - ownCpu);
        return new Result(DOCUMENTS * 1e9 / elapsed, processCpu / 1e6 / DOCUMENTS, serverCpu / 1e6 / DOCUMENTS);
    }

    private static double median(List<Result[]> runs, java.util.function.ToDoubleFunction<Result[]> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        return values[values.length / 2];
    }

    private record Result(double opsPerSecond, double cpuMillisPerOp, double serverCpuMillisPerOp) {
    }
}
