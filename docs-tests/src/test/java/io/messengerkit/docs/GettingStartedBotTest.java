package io.messengerkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bot and test docs/getting-started.md shows are the ones the testkit's build runs, line for line. */
class GettingStartedBotTest {
    private static final Path KEPT = Project.root().resolve("messenger-testkit/src/test/java/io/messengerkit/testkit/docs");

    @Test
    void thePagesBotIsTheTestedBot() throws IOException {
        assertEquals(normalised(Files.readString(KEPT.resolve("HelloBot.java"))),
                normalised(FromDocs.javaClass("getting-started.md", "HelloBot")));
    }

    @Test
    void thePagesTestIsTheTestThatRuns() throws IOException {
        assertEquals(normalised(Files.readString(KEPT.resolve("HelloBotTest.java"))),
                normalised(FromDocs.javaClass("getting-started.md", "HelloBotTest")));
    }

    /** Without the package line and Javadoc comments, which the page leaves out. */
    static String normalised(String source) {
        return source.replaceAll("(?m)^package .*;\\n", "")
                .replaceAll("(?s)[ \\t]*/\\*\\*.*?\\*/\\n", "")
                .replaceAll("\\n{2,}", "\n\n")
                .strip();
    }
}
