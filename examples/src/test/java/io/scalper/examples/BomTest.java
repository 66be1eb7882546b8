package io.scalper.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM this module imports ({@code scalper-bom}) must list every published module of the build at the build's
 * version: it has no parent (so that importing it pins nothing but io.scalper artifacts), so its version and its list
 * are kept by hand, and this test catches a new module left out or a version bumped in one place only. A module is
 * published unless its pom sets {@code maven.deploy.skip} (examples, benchmarks) or it is the BOM itself. The few
 * plugin versions the BOM pins must be the parent's.
 */
class BomTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void bomShouldListEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        final Document parent = read(ROOT.resolve("pom.xml"));
        final String version = text(parent.getDocumentElement(), "version");
        final List<String> published = new ArrayList<>();
        for (Element m : children(child(parent.getDocumentElement(), "modules"), "module")) {
            final Element pom = read(ROOT.resolve(m.getTextContent().trim()).resolve("pom.xml"))
                    .getDocumentElement();
            final String packaging = text(pom, "packaging");
            final Element props = child(pom, "properties");
            final boolean skipDeploy = props != null && "true".equals(text(props, "maven.deploy.skip"));
            if (!skipDeploy && (packaging == null || packaging.equals("jar"))) {
                published.add(text(pom, "artifactId"));
            }
        }
        assertThat(published).contains("scalper-core", "scalper-bybit", "scalper-emulator", "scalper-cli");

        final Element bom = read(ROOT.resolve("scalper-bom/pom.xml")).getDocumentElement();
        assertThat(child(bom, "parent")).as("the BOM has no parent").isNull();
        assertThat(text(bom, "version")).as("the BOM's version").isEqualTo(version);
        final Map<String, String> managed = new TreeMap<>();
        for (Element d : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
            assertThat(text(d, "groupId")).isEqualTo("io.scalper");
            managed.put(text(d, "artifactId"), text(d, "version"));
        }
        assertThat(managed.keySet()).as("artifacts the BOM manages").containsExactlyInAnyOrderElementsOf(published);
        assertThat(managed.values()).as("their versions").containsOnly("${project.version}");
    }

    /** The few plugins the BOM pins (it has no parent) are at the parent's versions. */
    @Test
    void bomPluginVersionsShouldBeTheParents() throws Exception {
        final Element parent = read(ROOT.resolve("pom.xml")).getDocumentElement();
        final Element properties = child(parent, "properties");
        final Map<String, String> parentVersions = new TreeMap<>();
        for (Element p : children(child(child(child(parent, "build"), "pluginManagement"), "plugins"), "plugin")) {
            String v = text(p, "version");
            if (v.startsWith("${") && v.endsWith("}")) {
                v = text(properties, v.substring(2, v.length() - 1));
            }
            parentVersions.put(text(p, "artifactId"), v);
        }
        final Element bom = read(ROOT.resolve("scalper-bom/pom.xml")).getDocumentElement();
        final List<Element> pinned =
                children(child(child(child(bom, "build"), "pluginManagement"), "plugins"), "plugin");
        assertThat(pinned).isNotEmpty();
        for (Element p : pinned) {
            final String artifact = text(p, "artifactId");
            assertThat(text(p, "version"))
                    .as("scalper-bom's version of " + artifact)
                    .isEqualTo(parentVersions.get(artifact))
                    .isNotNull();
        }
    }

    private static Document read(Path pom) throws Exception {
        assertThat(pom).exists();
        final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(pom)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    /** The first direct child element of that name, or null. */
    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        final List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        final Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
