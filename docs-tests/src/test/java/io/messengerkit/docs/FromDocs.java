package io.messengerkit.docs;

import io.messengerkit.docs.MarkdownPage.CodeBlock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks code out of the docs by what it is, not by its position on the page, and says clearly when the
 * page no longer has it.
 */
final class FromDocs {
    private FromDocs() {
    }

    static MarkdownPage page(String name) {
        return MarkdownPage.read(Project.docs().resolve(name));
    }

    /** The Java block of the page that declares the public class {@code name}. */
    static String javaClass(String page, String name) {
        Pattern declaration = Pattern.compile("(?m)^(public\\s+)?(final\\s+)?class\\s+" + name + "\\b");
        return only(page, "java", b -> declaration.matcher(b.content()).find(), "a Java block declaring class " + name);
    }

    /** The XML block of the page that contains {@code text}. */
    static String xmlContaining(String page, String text) {
        return only(page, "xml", b -> b.content().contains(text), "an XML block containing " + text);
    }

    private static String only(String pageName, String language, java.util.function.Predicate<CodeBlock> test, String what) {
        List<CodeBlock> found = page(pageName).blocks(language).stream().filter(test).toList();
        if (found.size() != 1) {
            throw new AssertionError("docs/" + pageName + " should have exactly one " + what + ", found " + found.size()
                    + "; the fresh project is built from it");
        }
        return found.get(0).content();
    }
}
