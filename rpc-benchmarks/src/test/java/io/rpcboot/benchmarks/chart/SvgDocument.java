package io.rpcboot.benchmarks.chart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A chart read back with the JDK's XML parser, which fails on anything that is not
 * well-formed XML, and its elements found by their role ({@code class}).
 */
public final class SvgDocument {

    private static final String SVG = "http://www.w3.org/2000/svg";

    private final Document document;

    private SvgDocument(Document document) {
        this.document = document;
    }

    /**
     * Parses an SVG document.
     * @param svg the text
     * @return the document
     * @throws IllegalStateException when it is not well-formed or not SVG 1.1
     */
    public static SvgDocument parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            Element root = document.getDocumentElement();
            if (!SVG.equals(root.getNamespaceURI()) || !"svg".equals(root.getLocalName())
                    || !"1.1".equals(root.getAttribute("version"))) {
                throw new IllegalStateException("Not an SVG 1.1 document: " + root.getTagName());
            }
            return new SvgDocument(document);
        }
        catch (ParserConfigurationException | SAXException | IOException ex) {
            throw new IllegalStateException("Not well-formed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Returns the elements of a role, in document order.
     * @param tag the element's name, e.g. {@code rect}
     * @param role its class, e.g. {@code bar}
     * @return the elements
     */
    public List<Element> elements(String tag, String role) {
        NodeList nodes = this.document.getElementsByTagNameNS(SVG, tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (role.equals(element.getAttribute("class"))) {
                elements.add(element);
            }
        }
        return elements;
    }

    /**
     * Returns the texts of a role, in document order.
     * @param role the class of the {@code text} elements
     * @return their contents
     */
    public List<String> texts(String role) {
        return elements("text", role).stream().map(Element::getTextContent).toList();
    }

    /**
     * Returns the text of an element's {@code title} child, its tooltip.
     * @param element the element
     * @return the tooltip
     */
    public static String tooltip(Element element) {
        return element.getElementsByTagNameNS(SVG, "title").item(0).getTextContent();
    }

    /**
     * Returns the document's title.
     * @return the title
     */
    public String title() {
        return this.document.getDocumentElement().getElementsByTagNameNS(SVG, "title").item(0).getTextContent();
    }

    /**
     * Returns a numeric attribute.
     * @param element the element
     * @param name the attribute
     * @return its value
     */
    public static double number(Element element, String name) {
        return Double.parseDouble(element.getAttribute(name));
    }

}
