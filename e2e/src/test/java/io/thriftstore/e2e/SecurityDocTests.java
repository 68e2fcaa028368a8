package io.thriftstore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/SECURITY.md names the test behind each claim as {@code `ClassName#method`}. This keeps it honest
 * without starting anything (no Spring, no platform): every such reference must name a test source file
 * {@code ClassName.java} under a module's {@code src/test/java} ({@code <module>/src/test/java} or
 * {@code <group>/<module>/src/test/java} of the repository) that contains {@code method(}.
 */
class SecurityDocTests {

    /** A backticked {@code `ClassName#method`}. */
    private static final Pattern REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9_]*)#([A-Za-z_$][A-Za-z0-9_$]*)`");

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("node_modules", "target");

    @Test
    void everyTestTheSecurityDocumentNamesExists() throws IOException {
        Path root = repositoryRoot();
        String document = Files.readString(root.resolve("docs/SECURITY.md"), StandardCharsets.UTF_8);

        Set<String> references = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(document);
        while (matcher.find()) {
            references.add(matcher.group(1) + "#" + matcher.group(2));
        }
        assertThat(references).as("`ClassName#method` references in docs/SECURITY.md").hasSizeGreaterThanOrEqualTo(30);

        Map<String, List<Path>> testSources = testSources(root);
        List<String> missing = new ArrayList<>();
        for (String reference : references) {
            String className = reference.substring(0, reference.indexOf('#'));
            String method = reference.substring(reference.indexOf('#') + 1);
            List<Path> files = testSources.getOrDefault(className, List.of());
            if (files.isEmpty()) {
                missing.add(reference + " (no " + className + ".java under any src/test/java)");
            }
            else if (files.stream().noneMatch(file -> declares(file, method))) {
                missing.add(reference + " (" + files.stream().map(root::relativize).toList() + " has no " + method + "(...))");
            }
        }
        assertThat(missing).as("tests docs/SECURITY.md names that do not exist:\n  " + String.join("\n  ", missing)).isEmpty();
    }

    /** Maven runs the tests in the e2e module's directory; the repository is its parent. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(here.resolve("../docs/SECURITY.md"))) {
            return here.getParent();
        }
        return here; // run from the repository root (an IDE, say)
    }

    /** Test sources by simple class name, from {@code <module>/src/test/java} and {@code <group>/<module>/src/test/java}. */
    private static Map<String, List<Path>> testSources(Path root) throws IOException {
        List<Path> testRoots = new ArrayList<>();
        for (Path module : directories(root)) {
            testRoots.add(module.resolve("src/test/java"));
            for (Path nested : directories(module)) {
                testRoots.add(nested.resolve("src/test/java"));
            }
        }
        Map<String, List<Path>> sources = new HashMap<>();
        for (Path testRoot : testRoots) {
            if (!Files.isDirectory(testRoot)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(testRoot)) {
                files.filter(file -> file.getFileName().toString().endsWith(".java") && Files.isRegularFile(file))
                    .forEach(file -> {
                        String name = file.getFileName().toString();
                        sources.computeIfAbsent(name.substring(0, name.length() - ".java".length()), unused -> new ArrayList<>())
                            .add(file);
                    });
            }
        }
        return sources;
    }

    private static List<Path> directories(Path parent) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory)
                .filter(child -> {
                    String name = child.getFileName().toString();
                    return !SKIPPED_DIRECTORIES.contains(name) && !name.startsWith(".");
                })
                .sorted()
                .toList();
        }
    }

    private static boolean declares(Path file, String method) {
        try {
            return Pattern.compile("\\b" + Pattern.quote(method) + "\\s*\\(").matcher(Files.readString(file, StandardCharsets.UTF_8)).find();
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
