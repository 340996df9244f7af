package io.messengerkit.docs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Reading POMs and the XML blocks of the docs (which may be fragments with several top-level elements). */
final class Xml {
    private Xml() {
    }

    /** A {@code <dependency>} or {@code <plugin>} as written: absent parts are null. */
    record Coordinates(String groupId, String artifactId, String version, String type, String scope) {
        String key() {
            return groupId + ":" + artifactId;
        }

        @Override
        public String toString() {
            return key() + (version == null ? "" : ":" + version) + (type == null ? "" : " (" + type + ")");
        }
    }

    /** The root element of an XML file, such as a POM's {@code <project>}. */
    static Element parseFile(Path file) {
        try {
            return document(Files.readString(file)).getDocumentElement();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a block of the docs, which may be a whole POM or a fragment with several top-level elements;
     * returns the {@code <project>} of a POM, else a {@code <fragment>} element holding the fragment.
     */
    static Element parse(String xml) {
        String body = xml.strip();
        if (body.startsWith("<?xml")) {
            body = body.substring(body.indexOf("?>") + 2);
        }
        Element root = document("<fragment>" + body + "</fragment>").getDocumentElement();
        List<Element> children = children(root);
        return children.size() == 1 && children.get(0).getTagName().equals("project") ? children.get(0) : root;
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
        }
    }

    static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    static Element child(Element parent, String name) {
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    /** Every element with this tag name under {@code root}, at any depth. */
    static List<Coordinates> all(Element root, String tag) {
        List<Coordinates> found = new ArrayList<>();
        var nodes = root.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            found.add(new Coordinates(text(e, "groupId"), text(e, "artifactId"), text(e, "version"), text(e, "type"),
                    text(e, "scope")));
        }
        return found;
    }
}
