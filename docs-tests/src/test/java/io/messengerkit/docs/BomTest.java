package io.messengerkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.docs.Xml.Coordinates;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The BOM names every published module at the project's version, and nothing else. */
class BomTest {
    /** Modules that are built but not published: the sample application, the benchmarks and these tests. */
    private static final Set<String> NOT_PUBLISHED = Set.of("sample-app", "benchmarks", "docs-tests");

    private static final Element ROOT = Xml.parseFile(Project.root().resolve("pom.xml"));
    private static final Element BOM = Xml.parseFile(Project.root().resolve("messengerkit-bom/pom.xml"));

    @Test
    void bomHasTheProjectsVersionAndNoParent() {
        assertEquals(Xml.text(ROOT, "version"), Xml.text(BOM, "version"), "messengerkit-bom's version");
        assertEquals(Xml.text(ROOT, "groupId"), Xml.text(BOM, "groupId"));
        assertNull(Xml.child(BOM, "parent"),
                "a parent would leak its dependencyManagement (Jackson, Jersey, JUnit...) into every importer");
    }

    @Test
    void bomListsEveryPublishedModuleAtTheProjectVersion() {
        Set<String> published = new TreeSet<>();
        for (Element module : Xml.children(Xml.child(ROOT, "modules"))) {
            Element pom = Xml.parseFile(Project.root().resolve(module.getTextContent().strip()).resolve("pom.xml"));
            String packaging = Xml.text(pom, "packaging");
            String artifactId = Xml.text(pom, "artifactId");
            if ((packaging == null || packaging.equals("jar")) && !NOT_PUBLISHED.contains(artifactId)) {
                published.add(artifactId);
            }
        }
        List<Coordinates> managed = Xml.all(Xml.child(BOM, "dependencyManagement"), "dependency");

        Set<String> listed = managed.stream().map(Coordinates::artifactId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(published, listed, "modules in the BOM");
        for (Coordinates dependency : managed) {
            assertEquals(Xml.text(ROOT, "groupId"), dependency.groupId(), dependency.toString());
            assertEquals("${project.version}", dependency.version(), dependency.toString());
        }
        assertTrue(published.contains("messenger-servlet") && published.contains("messenger-sdk"), published.toString());
    }
}
