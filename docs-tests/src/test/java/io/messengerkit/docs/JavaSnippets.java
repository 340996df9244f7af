package io.messengerkit.docs;

import io.messengerkit.docs.MarkdownPage.CodeBlock;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles the Java snippets of a docs page against the test class path (every module of the project and
 * the libraries the docs mention), the way a reader would paste them into their own code.
 *
 * <p>How a snippet is compiled depends on its shape, so the docs need no markers for it:
 * <ul>
 *   <li>with {@code import} (or {@code package}) lines: a whole source file, as it stands;</li>
 *   <li>a type declaration ({@code class}, {@code interface}, {@code record}, {@code enum}, after any
 *       annotations and comments): a member type of a wrapper class;</li>
 *   <li>starting with an annotated field or method (a JUnit test, say): members of a wrapper class;</li>
 *   <li>starting with {@code .}: the rest of a builder chain on {@code builder}, which the page's
 *       {@code java-given} declares;</li>
 *   <li>anything else: statements in a method of a wrapper class.</li>
 * </ul>
 * Wrapped snippets see the page's {@code java-given} (imports, and declarations that become the wrapper's
 * fields and methods) and import on demand every public package of the project (not {@code internal} ones),
 * common JDK packages, JUnit's API and the static assertions of JUnit and of the testkit. Where two packages
 * offer the same simple name, the page's given imports the one it means.
 */
final class JavaSnippets {
    private static final List<String> JDK_AND_JUNIT_IMPORTS = List.of("java.io", "java.net", "java.net.http",
            "java.nio.charset", "java.nio.file", "java.time", "java.util", "java.util.concurrent", "java.util.function",
            "org.junit.jupiter.api", "org.junit.jupiter.api.extension");
    private static final List<String> STATIC_IMPORTS = List.of("org.junit.jupiter.api.Assertions",
            "io.messengerkit.testkit.junit.MessengerAssertions");
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(?:(?:public|protected|private|abstract|final|static|sealed)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+).*");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed)\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");

    enum Shape { SOURCE_FILE, TYPE, MEMBERS, CHAIN, STATEMENTS }

    /** A snippet turned into a source file, with the page line of every generated line (0: added by the harness). */
    record Source(CodeBlock block, Shape shape, String className, String text, int[] pageLines) {
    }

    private JavaSnippets() {
    }

    static Shape shape(String snippet) {
        if (snippet.lines().anyMatch(l -> l.startsWith("import ") || l.startsWith("package "))) {
            return Shape.SOURCE_FILE;
        }
        List<String> code = snippet.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("*"))
                .toList();
        if (code.isEmpty()) {
            return Shape.STATEMENTS;
        }
        if (code.get(0).startsWith(".")) {
            return Shape.CHAIN;
        }
        int first = 0;
        while (first < code.size() && code.get(first).startsWith("@")) {
            first++;
        }
        if (first < code.size() && TYPE_DECLARATION.matcher(code.get(first)).matches()) {
            return Shape.TYPE;
        }
        return first > 0 ? Shape.MEMBERS : Shape.STATEMENTS;
    }

    static Source source(CodeBlock block, List<String> projectPackages) {
        MarkdownPage page = block.page();
        Shape shape = shape(block.content());
        List<String> snippet = block.content().lines().toList();
        if (shape == Shape.SOURCE_FILE) {
            Matcher type = PUBLIC_TYPE.matcher(block.content());
            String name = type.find() ? type.group(1) : "Snippet" + block.firstLine();
            int[] lines = new int[snippet.size()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = block.firstLine() + i;
            }
            return new Source(block, shape, name, block.content(), lines);
        }
        String className = "Snippet_" + page.file().getFileName().toString().replaceAll("\\W", "_") + "_" + block.firstLine();
        List<String> text = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        for (String pkg : JDK_AND_JUNIT_IMPORTS) {
            add(text, origin, "import " + pkg + ".*;", 0);
        }
        for (String pkg : projectPackages) {
            add(text, origin, "import " + pkg + ".*;", 0);
        }
        for (String type : STATIC_IMPORTS) {
            add(text, origin, "import static " + type + ".*;", 0);
        }
        for (MarkdownPage.GivenLine line : page.given()) {
            if (line.isImport()) {
                add(text, origin, line.text(), line.line());
            }
        }
        add(text, origin, "@SuppressWarnings(\"all\")", 0);
        add(text, origin, "class " + className + " {", 0);
        for (MarkdownPage.GivenLine line : page.given()) {
            if (!line.isImport()) {
                add(text, origin, line.text(), line.line());
            }
        }
        boolean inMethod = shape == Shape.STATEMENTS || shape == Shape.CHAIN;
        if (inMethod) {
            add(text, origin, "void snippet() throws Throwable {", 0);
        }
        if (shape == Shape.CHAIN) {
            add(text, origin, "Object chained = builder", 0);
        }
        for (int i = 0; i < snippet.size(); i++) {
            add(text, origin, snippet.get(i), block.firstLine() + i);
        }
        if (shape == Shape.CHAIN) {
            add(text, origin, ";", 0);
        }
        if (inMethod) {
            add(text, origin, "}", 0);
        }
        add(text, origin, "}", 0);
        return new Source(block, shape, className, String.join("\n", text) + "\n",
                origin.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void add(List<String> text, List<Integer> origin, String line, int pageLine) {
        text.add(line);
        origin.add(pageLine);
    }

    /**
     * Compiles every Java snippet of a page in one run (so a test snippet sees the class it tests) and
     * returns each snippet's errors, located on the page; an empty list means it compiled.
     */
    static Map<CodeBlock, List<String>> compile(MarkdownPage page, String classPath, Path output) {
        List<String> packages = projectPackages(classPath);
        Map<JavaFileObject, Source> sources = new LinkedHashMap<>();
        for (CodeBlock block : page.blocks("java")) {
            Source source = source(block, packages);
            sources.put(new InMemorySource(source.className(), source.text()), source);
        }
        Map<CodeBlock, List<String>> errors = new LinkedHashMap<>();
        sources.values().forEach(s -> errors.put(s.block(), new ArrayList<>()));
        if (sources.isEmpty()) {
            return errors;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none",
                "-encoding", "UTF-8", "-classpath", classPath, "-d", output.toString());
        Boolean ok = javac.getTask(null, null, diagnostics, options, null, sources.keySet()).call();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Source source = sources.get(d.getSource());
            if (source == null) {
                errors.values().forEach(list -> list.add(d.getMessage(Locale.ROOT)));
                continue;
            }
            int generated = (int) d.getLineNumber();
            int pageLine = generated >= 1 && generated <= source.pageLines().length ? source.pageLines()[generated - 1] : 0;
            String where = pageLine > 0 ? page.name() + ":" + pageLine : page.name() + " (wrapper line " + generated + ")";
            errors.get(source.block()).add(where + ": " + d.getMessage(Locale.ROOT));
        }
        if (!Boolean.TRUE.equals(ok) && errors.values().stream().allMatch(List::isEmpty)) {
            errors.values().forEach(list -> list.add("javac failed without an error diagnostic"));
        }
        return errors;
    }

    /** The public packages of the project's main artifacts on the class path, {@code internal} ones left out. */
    static List<String> projectPackages(String classPath) {
        TreeSet<String> packages = new TreeSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (name.endsWith("-tests.jar") || name.equals("test-classes")) {
                continue;
            }
            for (String className : classNames(path)) {
                int slash = className.lastIndexOf('/');
                String pkg = slash < 0 ? "" : className.substring(0, slash).replace('/', '.');
                if (pkg.startsWith("io.messengerkit.") || pkg.equals("io.messengerkit")) {
                    if (!pkg.contains(".internal") && !pkg.startsWith("io.messengerkit.docs")) {
                        packages.add(pkg);
                    }
                }
            }
        }
        return List.copyOf(packages);
    }

    private static List<String> classNames(Path entry) {
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> names.add(entry.relativize(f).toString().replace(File.separatorChar, '/')));
                }
            } else if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (name.endsWith(".class") && name.startsWith("io/messengerkit/")) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static final class InMemorySource extends SimpleJavaFileObject {
        private final String text;

        InMemorySource(String className, String text) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
