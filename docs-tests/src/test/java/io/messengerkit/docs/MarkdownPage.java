package io.messengerkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Markdown page of the docs, cut into its fenced code blocks, and the page's {@code java-given}
 * comment: the imports and declarations its Java snippets assume without showing them.
 *
 * <pre>
 * &lt;!-- java-given
 * import io.messengerkit.testkit.trigger.WebhookEvent;
 * String pageId, psid;
 * --&gt;
 * </pre>
 *
 * HTML comments do not show when the page is rendered, so the page reads as before.
 */
final class MarkdownPage {
    private static final Pattern FENCE = Pattern.compile("^([ \\t]*)```(\\w*)\\s*$");
    private static final String GIVEN_START = "<!-- java-given";

    /** A line of the page's {@code java-given} comment and where it is. */
    record GivenLine(String text, int line) {
        boolean isImport() {
            return text.startsWith("import ");
        }
    }

    /** A fenced block: its language, the line of its first content line (1-based) and its content, unindented. */
    record CodeBlock(MarkdownPage page, String language, int firstLine, String content) {
        String location() {
            return page.name() + ":" + firstLine;
        }
    }

    private final Path file;
    private final List<CodeBlock> blocks = new ArrayList<>();
    private final List<GivenLine> given;

    private MarkdownPage(Path file, List<GivenLine> given) {
        this.file = file;
        this.given = List.copyOf(given);
    }

    Path file() {
        return file;
    }

    /** The lines of the page's {@code java-given} comment. */
    List<GivenLine> given() {
        return given;
    }

    static MarkdownPage read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Object[]> found = new ArrayList<>();
        List<GivenLine> given = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith(GIVEN_START)) {
                int j = i + 1;
                for (; j < lines.size() && !lines.get(j).strip().equals("-->"); j++) {
                    given.add(new GivenLine(lines.get(j), j + 1));
                }
                i = j;
                continue;
            }
            Matcher open = FENCE.matcher(line);
            if (!open.matches() || open.group(2).isEmpty()) {
                continue;
            }
            String indent = open.group(1);
            StringBuilder content = new StringBuilder();
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).equals(indent + "```"); j++) {
                String inner = lines.get(j);
                content.append(inner.startsWith(indent) ? inner.substring(indent.length()) : inner.stripLeading()).append('\n');
            }
            found.add(new Object[] {open.group(2), i + 2, content.toString()});
            i = j;
        }
        MarkdownPage page = new MarkdownPage(file, given);
        for (Object[] block : found) {
            page.blocks.add(new CodeBlock(page, (String) block[0], (Integer) block[1], (String) block[2]));
        }
        return page;
    }

    static List<MarkdownPage> all(Path docs) {
        try (Stream<Path> files = Files.list(docs)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().map(MarkdownPage::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    List<CodeBlock> blocks(String language) {
        return blocks.stream().filter(b -> b.language().equals(language)).toList();
    }

    String text() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
