package io.messengerkit.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.messengerkit.docs.MarkdownPage.CodeBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every ```java block of docs/*.md compiles against the project as built (see {@link JavaSnippets} for how). */
class DocsJavaSnippetsCompileTest {

    @TestFactory
    Stream<DynamicNode> everyJavaSnippetOfTheDocsCompiles() throws IOException {
        List<DynamicNode> pages = new ArrayList<>();
        for (MarkdownPage page : MarkdownPage.all(Project.docs())) {
            if (page.blocks("java").isEmpty()) {
                continue;
            }
            Path output = Files.createDirectories(Project.target().resolve("doc-snippets")
                    .resolve(page.file().getFileName().toString().replace(".md", "")));
            Map<CodeBlock, List<String>> errors = JavaSnippets.compile(page, Project.testClassPath(), output);
            List<DynamicTest> tests = errors.entrySet().stream()
                    .map(e -> DynamicTest.dynamicTest(e.getKey().location() + " compiles (" + JavaSnippets.shape(e.getKey().content())
                            + ")", () -> {
                                if (!e.getValue().isEmpty()) {
                                    fail("The snippet at " + e.getKey().location() + " does not compile:\n  "
                                            + String.join("\n  ", e.getValue()));
                                }
                            }))
                    .toList();
            pages.add(DynamicContainer.dynamicContainer(page.name(), tests));
        }
        assertFalse(pages.isEmpty(), "no Java snippets found under " + Project.docs());
        return pages.stream();
    }

    @Test
    void aBrokenSnippetFailsWithItsPageLine() throws IOException {
        Path dir = Files.createDirectories(Project.target().resolve("doc-snippets-selftest"));
        Path md = dir.resolve("broken.md");
        Files.writeString(md, String.join("\n", "# Broken", "", "<!-- java-given", "String pageId;", "-->", "",
                "```java", "GraphClient graph = GraphClient.create(config);", "graph.noSuchCall(pageId);", "```", ""));
        MarkdownPage page = MarkdownPage.read(md);

        List<String> errors = JavaSnippets.compile(page, Project.testClassPath(), dir).values().iterator().next();

        assertTrue(errors.stream().anyMatch(e -> e.startsWith("doc-snippets-selftest/broken.md:8: cannot find symbol")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("doc-snippets-selftest/broken.md:9: cannot find symbol")), errors.toString());
    }

    @Test
    void snippetsAreWrappedByTheirShape() {
        assertTrue(JavaSnippets.shape("import java.util.List;\nclass A {}\n") == JavaSnippets.Shape.SOURCE_FILE);
        assertTrue(JavaSnippets.shape("// a bean\n@ApplicationScoped\npublic class A {}\n") == JavaSnippets.Shape.TYPE);
        assertTrue(JavaSnippets.shape("@RegisterExtension\nstatic X x = null;\n@Test\nvoid t() {}\n") == JavaSnippets.Shape.MEMBERS);
        assertTrue(JavaSnippets.shape(".onMessage((m, c) -> {})\n") == JavaSnippets.Shape.CHAIN);
        assertTrue(JavaSnippets.shape("int a = 1;\n") == JavaSnippets.Shape.STATEMENTS);
    }
}
