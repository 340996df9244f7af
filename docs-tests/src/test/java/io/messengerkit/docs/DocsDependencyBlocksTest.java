package io.messengerkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.messengerkit.docs.MarkdownPage.CodeBlock;
import io.messengerkit.docs.Xml.Coordinates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The Maven blocks of the docs and the README: MessengerKit's modules come through the BOM (shown on
 * every page that names one), and every version they name is the one this build uses.
 */
class DocsDependencyBlocksTest {
    private static final String GROUP = "io.messengerkit";
    private static final String BOM = "messengerkit-bom";

    private static List<MarkdownPage> pages() {
        List<MarkdownPage> pages = new ArrayList<>(MarkdownPage.all(Project.docs()));
        pages.add(MarkdownPage.read(Project.root().resolve("README.md")));
        return pages;
    }

    private static List<Coordinates> dependencies(CodeBlock block) {
        return Xml.all(Xml.parse(block.content()), "dependency");
    }

    @Test
    void everyPageThatAddsAModuleImportsTheBomAtTheProjectVersion() {
        String version = System.getProperty("messengerkit.version");
        List<String> problems = new ArrayList<>();
        int modules = 0;
        for (MarkdownPage page : pages()) {
            boolean namesModule = false;
            boolean importsBom = false;
            for (CodeBlock block : page.blocks("xml")) {
                for (Coordinates d : dependencies(block)) {
                    if (!GROUP.equals(d.groupId())) {
                        continue;
                    }
                    if (BOM.equals(d.artifactId())) {
                        importsBom |= "import".equals(d.scope()) && "pom".equals(d.type());
                        if (!version.equals(d.version())) {
                            problems.add(block.location() + ": the BOM at " + d.version() + ", the project is at " + version);
                        }
                    } else {
                        namesModule = true;
                        modules++;
                        if (d.version() != null) {
                            problems.add(block.location() + ": " + d + " has a version; the BOM gives it");
                        }
                    }
                }
            }
            if (namesModule && !importsBom) {
                problems.add(page.name() + " adds MessengerKit modules but does not show the BOM import");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(modules >= 4, "found only " + modules + " module dependencies in the docs");
    }

    @Test
    void everyThirdPartyVersionInTheDocsIsTheOneTheBuildUses() {
        Map<String, String> built = resolvedVersions();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (MarkdownPage page : pages()) {
            for (CodeBlock block : page.blocks("xml")) {
                Element xml = Xml.parse(block.content());
                for (Coordinates d : Xml.all(xml, "dependency")) {
                    if (GROUP.equals(d.groupId()) || d.version() == null) {
                        continue;
                    }
                    checked++;
                    String used = built.get(d.key());
                    if (used == null) {
                        problems.add(block.location() + ": " + d + " is not among docs-tests' dependencies, so the build"
                                + " does not vouch for it (add it there)");
                    } else if (!used.equals(d.version())) {
                        problems.add(block.location() + ": " + d + ", but the build uses " + used);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(checked >= 8, "checked only " + checked + " versioned dependencies");
    }

    @Test
    void everyPluginVersionInTheDocsIsTheOneTheBuildPins() {
        Map<String, String> pinned = new HashMap<>();
        Element root = Xml.parseFile(Project.root().resolve("pom.xml"));
        Map<String, String> properties = new HashMap<>();
        for (Element property : Xml.children(Xml.child(root, "properties"))) {
            properties.put(property.getTagName(), property.getTextContent().strip());
        }
        for (Coordinates plugin : Xml.all(Xml.child(Xml.child(root, "build"), "pluginManagement"), "plugin")) {
            String version = plugin.version();
            if (version != null && version.startsWith("${")) {
                version = properties.get(version.substring(2, version.length() - 1));
            }
            pinned.put(plugin.key(), version);
        }
        int checked = 0;
        for (MarkdownPage page : pages()) {
            for (CodeBlock block : page.blocks("xml")) {
                for (Coordinates plugin : Xml.all(Xml.parse(block.content()), "plugin")) {
                    if (plugin.version() == null || plugin.groupId() == null) {
                        continue;
                    }
                    checked++;
                    if (!pinned.containsKey(plugin.key())) {
                        fail(block.location() + ": " + plugin + " is not pinned by the build");
                    }
                    assertEquals(pinned.get(plugin.key()), plugin.version(), block.location() + ": " + plugin);
                }
            }
        }
        assertTrue(checked >= 5, "checked only " + checked + " plugins");
    }

    /** groupId:artifactId to version, for every jar of the test class path that comes from a Maven repository. */
    private static Map<String, String> resolvedVersions() {
        Path repository = Path.of(System.getProperty("maven.repo.local.path",
                System.getProperty("user.home") + "/.m2/repository")).toAbsolutePath().normalize();
        Map<String, String> versions = new HashMap<>();
        for (String entry : Project.classPathEntries()) {
            Path jar = Path.of(entry).toAbsolutePath().normalize();
            if (!jar.startsWith(repository) || !jar.toString().endsWith(".jar")) {
                continue;
            }
            Path versionDir = jar.getParent();
            Path artifactDir = versionDir.getParent();
            String groupId = repository.relativize(artifactDir.getParent()).toString().replace('/', '.');
            versions.put(groupId + ":" + artifactDir.getFileName(), versionDir.getFileName().toString());
        }
        if (versions.isEmpty()) {
            fail("no jar of the test class path is under " + repository);
        }
        return versions;
    }
}
