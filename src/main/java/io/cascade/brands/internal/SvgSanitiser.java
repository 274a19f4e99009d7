package io.cascade.brands.internal;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an uploaded SVG logo safe to serve and to show (ADR 0033). It is parsed as XML with no DTD at all (a DOCTYPE
 * is refused, so there are no entities, internal or external) and no external access, then rebuilt from an
 * allow-list: SVG elements that draw (shapes, text, gradients, clip paths, masks, {@code use} of local ids) with their
 * presentation attributes. Everything else is dropped: {@code script}, {@code foreignObject}, {@code image},
 * animation, elements of other namespaces, comments and processing instructions, {@code on*} handlers and any
 * attribute not on the list, links other than to a local {@code #id}, and {@code url(...)} other than {@code url(#id)}
 * in attributes and styles (and a style with {@code @import} or {@code expression}). What comes out is serialised anew;
 * the stored logo is that, never the upload.
 */
final class SvgSanitiser {
    static final String SVG = "http://www.w3.org/2000/svg";
    private static final String XLINK = "http://www.w3.org/1999/xlink";
    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;

    private static final Set<String> ELEMENTS = Set.of("svg", "g", "defs", "title", "desc", "symbol", "use", "path",
            "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
            "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "style");

    private static final Set<String> ATTRIBUTES = Set.of("id", "class", "style", "transform", "viewBox", "width",
            "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "d", "points",
            "pathLength", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
            "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity",
            "opacity", "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
            "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits", "patternUnits",
            "patternContentUnits", "patternTransform", "preserveAspectRatio", "version", "font-family", "font-size",
            "font-weight", "font-style", "font-variant", "text-anchor", "dominant-baseline", "alignment-baseline",
            "letter-spacing", "word-spacing", "text-decoration", "dx", "dy", "rotate", "textLength", "lengthAdjust",
            "startOffset", "visibility", "display", "color", "vector-effect", "shape-rendering", "text-rendering",
            "paint-order", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient", "marker-start",
            "marker-mid", "marker-end", "role", "aria-label", "aria-hidden", "focusable", "href", "type", "media");

    /** {@code url(...)} in an attribute or a style; only {@code url(#id)} may stay. */
    private static final Pattern URL = Pattern.compile("url\\s*\\(\\s*(['\"]?)\\s*([^)'\"]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCAL = Pattern.compile("#[A-Za-z_][A-Za-z0-9_.:-]*");

    /** Why an upload is not an SVG logo; its message is the field error shown to the client. */
    static final class NotAnSvg extends Exception {
        NotAnSvg(String message) {
            super(message, null, false, false);
        }
    }

    private SvgSanitiser() {
    }

    /** The sanitised SVG (UTF-8), or {@link NotAnSvg} when the bytes are not a well-formed SVG document. */
    static byte[] sanitise(byte[] upload) throws NotAnSvg {
        Document document = parse(upload);
        Element root = document.getDocumentElement();
        if (!SVG.equals(root.getNamespaceURI()) || !"svg".equals(root.getLocalName())) {
            throw new NotAnSvg("is not an SVG image (its root must be an svg element of the SVG namespace)");
        }
        clean(root);
        return write(document);
    }

    private static Document parse(byte[] upload) throws NotAnSvg {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() { // no output on stderr: every problem ends the parse
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new ByteArrayInputStream(upload));
        } catch (SAXException e) {
            String reason = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "must not contain a DOCTYPE (no DTDs or entities)" : "is not well-formed XML";
            throw new NotAnSvg(reason);
        } catch (IOException | ParserConfigurationException e) {
            throw new NotAnSvg("cannot be read as XML");
        }
    }

    /** Removes from the element everything not on the allow-list, depth first. */
    private static void clean(Element element) {
        cleanAttributes(element);
        List<Node> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            children.add(child);
        }
        for (Node child : children) {
            switch (child.getNodeType()) {
                case Node.ELEMENT_NODE -> {
                    Element e = (Element) child;
                    if (SVG.equals(e.getNamespaceURI()) && ELEMENTS.contains(e.getLocalName())
                            && ("style".equals(e.getLocalName()) ? safeCss(e.getTextContent()) : true)) {
                        clean(e);
                    } else {
                        element.removeChild(child);
                    }
                }
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                    // text of text elements, titles and (checked) style sheets
                }
                default -> element.removeChild(child); // comments, processing instructions, entity references
            }
        }
    }

    private static void cleanAttributes(Element element) {
        NamedNodeMap attributes = element.getAttributes();
        List<Attr> drop = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (!allowed(attribute)) {
                drop.add(attribute);
            }
        }
        drop.forEach(element::removeAttributeNode);
    }

    static boolean allowed(Attr attribute) {
        String namespace = attribute.getNamespaceURI();
        String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
        String value = attribute.getValue();
        if (XMLNS.equals(namespace)) { // namespace declarations: the SVG and XLink ones only
            return SVG.equals(value) || XLINK.equals(value);
        }
        if (XLINK.equals(namespace)) {
            return "href".equals(name) && local(value);
        }
        if (XMLConstants.XML_NS_URI.equals(namespace)) {
            return "space".equals(name) || "lang".equals(name);
        }
        if (namespace != null || !ATTRIBUTES.contains(name)) {
            return false; // on* handlers and everything else not on the list
        }
        if ("href".equals(name)) {
            return local(value);
        }
        if ("style".equals(name)) {
            return safeCss(value);
        }
        return !unsafeValue(value);
    }

    /** A link to an element of the same document ({@code #id}). */
    private static boolean local(String href) {
        return href != null && LOCAL.matcher(href.strip()).matches();
    }

    /** A value that loads or runs something: a {@code url()} other than a local one, or a script scheme. */
    private static boolean unsafeValue(String value) {
        String lower = value.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        if (lower.contains("javascript:") || lower.contains("vbscript:") || lower.contains("data:")) {
            return true;
        }
        Matcher url = URL.matcher(value);
        while (url.find()) {
            if (!local(url.group(2))) {
                return true;
            }
        }
        return false;
    }

    /** CSS (a style attribute or sheet) that loads nothing: no {@code @import}, no {@code expression()}, local urls. */
    static boolean safeCss(String css) {
        if (css == null) {
            return true;
        }
        String lower = css.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        return !lower.contains("@import") && !lower.contains("expression(") && !lower.contains("behavior:")
                && !lower.contains("-moz-binding") && !lower.contains("\\") && !unsafeValue(css);
    }

    private static byte[] write(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.METHOD, "xml");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("A parsed SVG could not be written", e);
        }
    }
}
