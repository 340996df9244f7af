package io.messengerkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs prove their claims by naming tests ({@code EventQueueTest.aRedeliveredEventIsStoredOnce});
 * a test renamed or removed must not leave a claim pointing at nothing.
 */
class DocsCiteRealTestsTest {
    /** A test class (by the project's naming: ...Test, ...IT, ...Properties, ...Checks) and one of its methods. */
    private static final Pattern CITED = Pattern.compile("\\b([A-Z][A-Za-z0-9]*(?:Test|IT|Properties|Checks))\\.([a-z][A-Za-z0-9]*)\\b");

    @Test
    void everyTestMethodTheDocsNameExists() throws IOException {
        Map<String, List<Path>> sources = testSources();
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> docs = Files.list(Project.docs())) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        pages.add(Project.root().resolve("README.md"));
        List<String> missing = new ArrayList<>();
        int cited = 0;
        for (Path page : pages) {
            Matcher m = CITED.matcher(Files.readString(page));
            while (m.find()) {
                if (m.group(2).equals("java")) {
                    continue;
                }
                cited++;
                String method = m.group(2);
                List<Path> files = sources.getOrDefault(m.group(1), List.of());
                boolean declared = false;
                for (Path file : files) {
                    declared |= Pattern.compile("\\bvoid " + method + "\\(").matcher(Files.readString(file)).find();
                }
                if (!declared) {
                    missing.add(page.getFileName() + ": " + m.group() + (files.isEmpty() ? " (no such class)" : ""));
                }
            }
        }
        assertTrue(cited > 50, "the docs cite tests; found " + cited);
        assertEquals(List.of(), missing, "tests the docs name that do not exist");
    }

    private static Map<String, List<Path>> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(Project.root())) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/test/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .collect(Collectors.groupingBy(p -> p.getFileName().toString().replace(".java", "")));
        }
    }
}
